"""The channel registry of phase 2: which platforms, which handle, how complete each profile is."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.errors import InputError
from storage.i18n import _
from storage.text import one_line

if TYPE_CHECKING:
    from storage.datafile import Plan

STATUSES = ("unclaimed", "claimed", "complete")
"""A channel's status, in the order a user goes through them."""

PROFILE_ITEMS = ("bio", "picture", "link", "contact", "display_name")
"""The profile checklist, in display order."""


def status_label(status: str) -> str:
    """The words shown for a status."""
    return {
        "unclaimed": _("not claimed"),
        "claimed": _("claimed"),
        "complete": _("complete"),
    }.get(status, status)


def profile_label(item: str) -> str:
    """The words shown for a profile checklist item."""
    return {
        "bio": _("bio"),
        "picture": _("picture"),
        "link": _("link to the blog"),
        "contact": _("contact"),
        "display_name": _("same display name"),
    }.get(item, item)


@dataclass(frozen=True)
class Channel:
    """A platform where the blogger has (or should have) a profile."""

    id: int
    """TinyDB document id."""
    key: str
    """Short unique slug, e.g. ``x``."""
    name: str
    """Display name, e.g. "X/Twitter"."""
    handle: str = ""
    """The user's handle there."""
    url: str = ""
    """Profile URL."""
    status: str = "unclaimed"
    """"unclaimed", "claimed" or "complete"."""
    profile: dict[str, bool] = field(default_factory=dict)
    """Profile checklist item -> done."""
    priority: bool = False
    """The audience is there."""
    custom: bool = False
    """Added by the user (not from the starter list)."""

    @classmethod
    def from_doc(cls, doc: Document) -> Channel:
        """Build a channel from its stored document."""
        stored = doc.get("profile") or {}
        status = str(doc.get("status") or "unclaimed")
        return cls(
            id=doc.doc_id,
            key=str(doc.get("key", "")),
            name=str(doc.get("name", "")),
            handle=str(doc.get("handle") or ""),
            url=str(doc.get("url") or ""),
            status=status if status in STATUSES else "unclaimed",
            profile={item: bool(stored.get(item, False)) for item in PROFILE_ITEMS},
            priority=bool(doc.get("priority", False)),
            custom=bool(doc.get("custom", False)),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored fields (without the id)."""
        return {
            "key": self.key,
            "name": self.name,
            "handle": self.handle,
            "url": self.url,
            "status": self.status,
            "profile": {item: bool(self.profile.get(item)) for item in PROFILE_ITEMS},
            "priority": self.priority,
            "custom": self.custom,
        }

    def to_json(self, brand_handle: str = "") -> dict[str, Any]:
        """The public JSON form (``socialplan channels list --json``)."""
        return {
            "id": self.id,
            **self.to_doc(),
            "profile_done": self.profile_done,
            "handle_differs": handle_differs(self.handle, brand_handle),
        }

    @property
    def profile_done(self) -> int:
        """How many profile checklist items are ticked."""
        return sum(1 for item in PROFILE_ITEMS if self.profile.get(item))


def normalize_handle(handle: str) -> str:
    """The comparable core of a handle: ``@Ann@mastodon.social`` and ``ann.bsky.social`` -> ann."""
    text = unicodedata.normalize("NFKC", handle).strip().lower()
    text = re.sub(r"^https?://[^/]+/", "", text).strip("/")
    text = text.lstrip("@")
    text = text.split("@", 1)[0]
    if re.fullmatch(r"[\w-]+(\.[\w-]+)*\.(bsky\.social|bsky\.app)", text):
        text = text.split(".", 1)[0]
    return re.sub(r"\s", "", text)


def handle_differs(handle: str, brand_handle: str) -> bool:
    """Whether a handle is set and differs from the brand handle (phase 2 wants them the same)."""
    if not handle.strip() or not brand_handle.strip():
        return False
    return normalize_handle(handle) != normalize_handle(brand_handle)


def status_after_profile(status: str, profile: dict[str, bool]) -> str:
    """A claimed profile becomes complete when every item is ticked, and back when one is not."""
    full = all(profile.get(item) for item in PROFILE_ITEMS)
    if status == "claimed" and full:
        return "complete"
    if status == "complete" and not full:
        return "claimed"
    return status


def slug(name: str) -> str:
    """A key made from a channel name."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "channel"


def list_channels(plan: Plan) -> list[Channel]:
    """Every channel, in the order they were added."""
    docs = sorted(plan.table("channels").all(), key=lambda doc: doc.doc_id)
    return [Channel.from_doc(doc) for doc in docs]


def get_channel(plan: Plan, channel_id: int) -> Channel:
    """One channel by id; raise :class:`InputError` when there is none."""
    doc = plan.table("channels").get(doc_id=channel_id)
    if doc is None:
        raise InputError(_("there is no channel {id}").format(id=channel_id))
    assert isinstance(doc, Document)
    return Channel.from_doc(doc)


def resolve_channel(plan: Plan, text: str) -> str:
    """The key of the channel named or keyed ``text`` (any case); raise InputError if none."""
    wanted = " ".join(text.split()).lower()
    for channel in list_channels(plan):
        if wanted in (channel.key.lower(), channel.name.lower()):
            return channel.key
    known = ", ".join(c.key for c in list_channels(plan))
    raise InputError(
        _("unknown channel {text!r} (known: {known})").format(text=text.strip(), known=known)
    )


def brand_handle(plan: Plan) -> str:
    """The handle the user wants everywhere ("" when not chosen yet)."""
    return str(plan.settings().get("brand_handle") or "")


def set_brand_handle(plan: Plan, handle: str) -> None:
    """Choose the brand handle."""
    plan.update_settings(brand_handle=one_line(handle))


def add_channel(plan: Plan, name: str, handle: str = "", url: str = "") -> Channel:
    """Add a custom channel (its key is made unique) and return it."""
    cleaned = one_line(name)
    if not cleaned:
        raise InputError(_("a channel needs a name"))
    keys = {c.key for c in list_channels(plan)}
    base = key = slug(cleaned)
    counter = 2
    while key in keys:
        key, counter = f"{base}-{counter}", counter + 1
    channel = Channel(
        0,
        key,
        cleaned,
        handle.strip(),
        url.strip(),
        profile=dict.fromkeys(PROFILE_ITEMS, False),
        custom=True,
    )
    new_id = plan.table("channels").insert(channel.to_doc())
    return get_channel(plan, new_id)


def save_channel(plan: Plan, channel: Channel) -> Channel:
    """Store an edited channel and return it.

    When the profile checklist changed, the status follows it (see :func:`status_after_profile`).
    """
    if not channel.name.strip():
        raise InputError(_("a channel needs a name"))
    if channel.status not in STATUSES:
        raise InputError(_("unknown status {status!r}").format(status=channel.status))
    stored = get_channel(plan, channel.id)
    status = channel.status
    if stored.profile != channel.profile:
        status = status_after_profile(status, channel.profile)
    fixed = replace(
        channel,
        name=one_line(channel.name),
        handle=one_line(channel.handle),
        url=one_line(channel.url),
        status=status,
    )
    plan.table("channels").update(fixed.to_doc(), doc_ids=[channel.id])
    return get_channel(plan, channel.id)


def set_status(plan: Plan, channel_id: int, status: str) -> Channel:
    """Set a channel's status as chosen (complete ticks nothing by itself)."""
    if status not in STATUSES:
        raise InputError(_("unknown status {status!r}").format(status=status))
    get_channel(plan, channel_id)
    plan.table("channels").update({"status": status}, doc_ids=[channel_id])
    return get_channel(plan, channel_id)


def next_status(status: str) -> str:
    """The status after this one (cycling)."""
    index = STATUSES.index(status) if status in STATUSES else -1
    return STATUSES[(index + 1) % len(STATUSES)]


def delete_channel(plan: Plan, channel_id: int) -> Channel:
    """Remove a channel; return it so that it can be put back with :func:`restore_channel`."""
    channel = get_channel(plan, channel_id)
    plan.table("channels").remove(doc_ids=[channel_id])
    return channel


def restore_channel(plan: Plan, channel: Channel) -> Channel:
    """Put a deleted channel back with its id."""
    plan.table("channels").insert(Document(channel.to_doc(), doc_id=channel.id))
    return get_channel(plan, channel.id)
