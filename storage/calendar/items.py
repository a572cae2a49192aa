"""The content record and reading it: what one piece of content is, found by id, in the backlog,
or among a hub's spin-offs.

An item is one piece of content: a blog post, a photo set, a video, a short post... It may have no
date (an idea in the backlog), a date, or a date and a repeat rule (then it is a series). What the
calendar shows of it (occurrences) is in :mod:`storage.calendar.occurrences`; changing items is in
:mod:`storage.calendar.edits`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.dates import from_iso, iso
from storage.errors import InputError
from storage.i18n import _

if TYPE_CHECKING:
    from storage.datafile import Plan

KINDS = ("article", "photo", "video", "podcast", "short post", "event")
"""What a piece of content is."""

STATUSES = ("idea", "draft", "scheduled", "published")


def status_label(status: str) -> str:
    """A status as a person reads it (the stored key stays English)."""
    return {
        "idea": _("idea"), "draft": _("draft"), "scheduled": _("scheduled"),
        "published": _("published"),
    }.get(status, status)  # fmt: skip


def kind_label(kind: str) -> str:
    """A kind of content as a person reads it (the stored key stays English)."""
    return {
        "article": _("article"), "photo": _("photo"), "video": _("video"),
        "podcast": _("podcast"), "short post": _("short post"), "event": _("event"),
    }.get(kind, kind)  # fmt: skip


"""Where a piece of content stands, in order."""


@dataclass(frozen=True)
class ContentItem:
    """One piece of content (or one repeating series of them)."""

    id: int
    """TinyDB document id."""
    title: str
    """What it is called."""
    date: date | None = None
    """The day it is planned for (None: an idea in the backlog); a series' first day."""
    time: str | None = None
    """Time of day, ``HH:MM``, or None for the whole day."""
    channel: str | None = None
    """Channel key (``blog``, ``x``...)."""
    pillar: str | None = None
    """Pillar (theme) name from the guide."""
    kind: str = "article"
    """One of :data:`KINDS`."""
    status: str = "idea"
    """One of :data:`STATUSES`."""
    notes: str = ""
    """Free notes."""
    url: str | None = None
    """Where it was published."""
    parent: int | None = None
    """The hub piece it was derived from (a spin-off), or None."""
    rrule: str | None = None
    """RFC 5545 RRULE text for a series, or None."""
    skipped: tuple[dt.date, ...] = ()
    """Days of the series left out."""
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Changes to single days of the series: ISO day -> changed fields."""
    published_on: dt.date | None = None
    """The day it was marked published."""
    reactions: dict[str, int] = field(default_factory=dict)
    """Counts of comments, shares, likes."""

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], doc_id: int | None = None) -> ContentItem:
        """Build an item from its stored document (unknown values fall back to defaults).

        ``doc_id`` is needed for a raw record from ``Plan.rows`` (a Document knows its own).
        """
        kind = doc.get("kind") if doc.get("kind") in KINDS else "article"
        status = doc.get("status") if doc.get("status") in STATUSES else "idea"
        skipped = tuple(d for d in (from_iso(s) for s in doc.get("skipped") or []) if d)
        overrides = doc.get("overrides") or {}
        return cls(
            id=doc_id if doc_id is not None else doc.doc_id,  # type: ignore[attr-defined]
            title=str(doc.get("title") or ""),
            date=from_iso(doc.get("date")),
            time=doc.get("time") or None,
            channel=doc.get("channel") or None,
            pillar=doc.get("pillar") or None,
            kind=str(kind),
            status=str(status),
            notes=str(doc.get("notes") or ""),
            url=doc.get("url") or None,
            parent=doc.get("parent") if isinstance(doc.get("parent"), int) else None,
            rrule=doc.get("rrule") or None,
            skipped=skipped,
            overrides={str(k): dict(v) for k, v in overrides.items() if isinstance(v, dict)},
            published_on=from_iso(doc.get("published_on")),
            reactions=dict(doc.get("reactions") or {}),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored fields (without the id)."""
        return {
            "title": self.title,
            "date": iso(self.date),
            "time": self.time,
            "channel": self.channel,
            "pillar": self.pillar,
            "kind": self.kind,
            "status": self.status,
            "notes": self.notes,
            "url": self.url,
            "parent": self.parent,
            "rrule": self.rrule,
            "skipped": [d.isoformat() for d in self.skipped],
            "overrides": self.overrides,
            "published_on": iso(self.published_on),
            "reactions": self.reactions,
        }

    def to_json(self) -> dict[str, Any]:
        """The public JSON form (``socialplan content list --json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "date": iso(self.date),
            "time": self.time,
            "channel": self.channel,
            "pillar": self.pillar,
            "kind": self.kind,
            "status": self.status,
            "url": self.url,
            "parent": self.parent,
            "rrule": self.rrule,
        }

    @property
    def recurring(self) -> bool:
        """A repeating series."""
        return bool(self.rrule) and self.date is not None


def item_from_row(doc_id: int, doc: Mapping[str, Any]) -> ContentItem:
    """An item from one raw record of ``Plan.rows("content")``."""
    return ContentItem.from_doc(doc, doc_id)


class Where:
    """A TinyDB condition from a plain function over the stored document (never cached)."""

    def __init__(self, test: Callable[[Mapping[Any, Any]], bool]) -> None:
        self.test = test

    def __call__(self, value: Mapping[Any, Any]) -> bool:
        return self.test(value)

    def __hash__(self) -> int:
        return id(self)

    def is_cacheable(self) -> bool:
        return False


# -- reading ------------------------------------------------------------------------------------


def get_content(plan: Plan, item_id: int) -> ContentItem:
    """One item by id; raise :class:`InputError` when there is none."""
    doc = plan.table("content").get(doc_id=item_id)
    if doc is None:
        raise InputError(_("there is no content item {id}").format(id=item_id))
    assert isinstance(doc, Document)
    return ContentItem.from_doc(doc)


def list_content(plan: Plan) -> list[ContentItem]:
    """Every item: dated ones by date, then the backlog of ideas."""
    items = [ContentItem.from_doc(doc) for doc in plan.table("content").all()]
    return sorted(items, key=lambda i: (i.date is None, i.date or date.min, i.time or "", i.id))


def backlog(plan: Plan) -> list[ContentItem]:
    """Items without a date (ideas), oldest first."""
    return [ContentItem.from_doc(d) for d in plan.table("content").search(Where(_no_date))]


def _no_date(doc: Mapping[Any, Any]) -> bool:
    return not doc.get("date")


def spinoffs_of(plan: Plan, hub_id: int) -> list[ContentItem]:
    """The items derived from a hub piece, by date."""
    docs = plan.table("content").search(Where(lambda doc: doc.get("parent") == hub_id))
    items = [ContentItem.from_doc(d) for d in docs]
    return sorted(items, key=lambda i: (i.date or date.max, i.time or "", i.id))


def spinoff_index(plan: Plan) -> dict[int, list[ContentItem]]:
    """Hub id -> its spin-offs by date, for every hub at once (one pass over the items)."""
    index: dict[int, list[ContentItem]] = {}
    for doc in plan.table("content").search(Where(lambda d: isinstance(d.get("parent"), int))):
        item = ContentItem.from_doc(doc)
        assert item.parent is not None
        index.setdefault(item.parent, []).append(item)
    for children in index.values():
        children.sort(key=lambda i: (i.date or date.max, i.time or "", i.id))
    return index


def hub_of(plan: Plan, item: ContentItem) -> ContentItem | None:
    """The hub piece a spin-off came from (None when it has none, or it was deleted)."""
    if item.parent is None:
        return None
    doc = plan.table("content").get(doc_id=item.parent)
    return ContentItem.from_doc(doc) if isinstance(doc, Document) else None
