"""Content items, their occurrences on the calendar, spin-offs, statuses and promises.

An item is one piece of content: a blog post, a photo set, a video, a short post... It may have no
date (an idea in the backlog), a date, or a date and a repeat rule (then it is a series). What the
calendar shows are *occurrences*: one per dated item, one per day of a series in the range asked
for, with that day's changes (``overrides``) applied and skipped days left out.

Promises (phase 5): a published article owes ``comments_per_post`` comments elsewhere (a setting,
2 by default); each comment logged for it in the community log pays one. Only single (not
repeating) articles open promises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.dates import current_day, from_iso, iso, parse_time
from storage.errors import InputError
from storage.i18n import _
from storage.recurrence import is_occurrence, occurrences, parse_rule

if TYPE_CHECKING:
    from storage.database import Plan

KINDS = ("article", "photo", "video", "podcast", "short post", "event")
"""What a piece of content is."""

STATUSES = ("idea", "draft", "scheduled", "published")
"""Where a piece of content stands, in order."""

OVERRIDABLE = ("title", "date", "time", "status", "notes", "url")
"""Fields one occurrence of a series may change alone."""


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


@dataclass(frozen=True)
class Occurrence:
    """What the calendar shows on one day: an item, or one day of a series with its changes."""

    item: ContentItem
    """The item (for a series: the series)."""
    day: date
    """The day it is shown on."""
    key: date | None = None
    """For a series: the rule's day this occurrence stands for (before any move)."""
    title: str = ""
    """Title of this occurrence."""
    time: str | None = None
    """Time of day of this occurrence."""
    status: str = "idea"
    """Status of this occurrence."""
    notes: str = ""
    """Notes of this occurrence."""
    url: str | None = None
    """URL of this occurrence."""
    changed: bool = False
    """This occurrence was changed alone."""

    @property
    def id(self) -> int:
        """The item's id."""
        return self.item.id

    def to_json(self) -> dict[str, Any]:
        """The public JSON form: the item's fields with this day's values."""
        data = self.item.to_json()
        data.update(
            date=self.day.isoformat(),
            time=self.time,
            title=self.title,
            status=self.status,
            url=self.url,
        )
        if self.key is not None:
            data["occurrence_of"] = self.key.isoformat()
        return data


@dataclass(frozen=True)
class Promise:
    """The comments a published article owes the community."""

    item: ContentItem
    """The published article."""
    owed: int
    """Comments it asks for."""
    made: int
    """Comments logged for it."""

    @property
    def left(self) -> int:
        """Comments still to leave (0 when kept)."""
        return max(0, self.owed - self.made)


# -- checking what users give -------------------------------------------------------------------


def _check_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InputError(_("a content item needs a title"))
    return cleaned


def check_choice(value: str | None, choices: Iterable[str], what: str) -> str:
    """A value from a fixed list (case-insensitive, unique prefixes accepted)."""
    options = list(choices)
    text = " ".join((value or "").lower().split())
    if text in options:
        return text
    matches = [o for o in options if o.startswith(text)] if text else []
    if len(matches) == 1:
        return matches[0]
    raise InputError(
        _("{what} must be one of {choices}, not {value!r}").format(
            what=what, choices=", ".join(options), value=value or ""
        )
    )


def channel_keys(plan: Plan) -> dict[str, str]:
    """Channel key -> name, from the channel registry."""
    return {
        str(doc.get("key")): str(doc.get("name") or doc.get("key"))
        for doc in plan.table("channels").all()
        if doc.get("key")
    }


def check_channel(plan: Plan, value: str | None) -> str | None:
    """A channel key from a key or a name (empty: None)."""
    text = (value or "").strip().lower()
    if not text:
        return None
    channels = channel_keys(plan)
    for key, name in channels.items():
        if text in {key.lower(), name.lower()}:
            return key
    raise InputError(
        _("unknown channel {value!r} (known: {known})").format(
            value=value, known=", ".join(sorted(channels))
        )
    )


def pillar_names(plan: Plan) -> list[str]:
    """The guide's pillar names, in the guide's order."""
    docs = sorted(plan.table("pillars").all(), key=lambda d: (d.get("position") or 0, d.doc_id))
    return [str(d.get("name")) for d in docs if d.get("name")]


def check_pillar(plan: Plan, value: str | None) -> str | None:
    """A pillar name from the guide (case-insensitive; empty: None)."""
    text = " ".join((value or "").split())
    if not text:
        return None
    names = pillar_names(plan)
    for name in names:
        if name.lower() == text.lower():
            return name
    raise InputError(
        _("unknown pillar {value!r} (the guide has: {known})").format(
            value=text, known=", ".join(names) or _("no pillars yet")
        )
    )


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
    return [ContentItem.from_doc(d) for d in plan.table("content").search(_Where(_no_date))]


class _Where:
    """A TinyDB condition from a plain function over the stored document (never cached)."""

    def __init__(self, test: Callable[[Mapping[Any, Any]], bool]) -> None:
        self.test = test

    def __call__(self, value: Mapping[Any, Any]) -> bool:
        return self.test(value)

    def __hash__(self) -> int:
        return id(self)

    def is_cacheable(self) -> bool:
        return False


def _no_date(doc: Mapping[Any, Any]) -> bool:
    return not doc.get("date")


def _in_range(start: str, end: str) -> Callable[[Mapping[Any, Any]], bool]:
    """Could show between two ISO days: dated inside, a series begun, or a day moved inside."""

    def test(doc: Mapping[Any, Any]) -> bool:
        day = doc.get("date")
        if not day:
            return False
        if doc.get("rrule"):
            return bool(day <= end) or any(
                isinstance(o, dict) and start <= str(o.get("date") or "") <= end
                for o in (doc.get("overrides") or {}).values()
            )
        return bool(start <= day <= end)

    return test


def occurrence_at(item: ContentItem, key: date) -> Occurrence:
    change = item.overrides.get(key.isoformat(), {})
    day = from_iso(change.get("date")) or key
    return Occurrence(
        item=item,
        day=day,
        key=key,
        title=str(change.get("title") or item.title),
        time=change.get("time", item.time) or None,
        status=str(change.get("status") or item.status),
        notes=str(change.get("notes", item.notes) or ""),
        url=change.get("url", item.url) or None,
        changed=bool(change),
    )


def occurrences_of(item: ContentItem, start: date, end: date) -> list[Occurrence]:
    """An item's occurrences shown from ``start`` to ``end`` (both included)."""
    if item.date is None:
        return []
    if not item.recurring:
        if start <= item.date <= end:
            return [
                Occurrence(
                    item, item.date, None, item.title, item.time, item.status, item.notes, item.url
                )
            ]
        return []
    assert item.rrule is not None
    skipped = set(item.skipped)
    keys = set(occurrences(item.rrule, item.date, start, end))
    for text, change in item.overrides.items():  # days moved in from outside the range
        moved = from_iso(change.get("date"))
        key = from_iso(text)
        if moved and key and start <= moved <= end:
            keys.add(key)
    found = []
    for key in sorted(keys - skipped):
        occ = occurrence_at(item, key)
        if start <= occ.day <= end:
            found.append(occ)
    return found


def _sort(occ: Occurrence) -> tuple[date, str, int, date]:
    return (occ.day, occ.time or "", occ.item.id, occ.key or occ.day)


def content_between(plan: Plan, start: date, end: date) -> list[Occurrence]:
    """Every occurrence from ``start`` to ``end`` (both included), by day and time.

    Reads only the items that can show in the range; series are expanded over the range only.
    """
    could_show = _in_range(start.isoformat(), end.isoformat())
    found: list[Occurrence] = []
    for doc_id, doc in plan.rows("content"):
        if could_show(doc):
            found.extend(occurrences_of(_item(doc_id, doc), start, end))
    return sorted(found, key=_sort)


def due_content(plan: Plan, today: date) -> list[Occurrence]:
    """What is due: single items dated today or earlier and not published, and today's
    occurrences of series that are not published. Oldest first."""
    day = today.isoformat()
    is_due = _due_single(day)
    could_show = _in_range(day, day)
    due: list[Occurrence] = []
    for doc_id, doc in plan.rows("content"):  # one pass over years of content
        if doc.get("rrule"):
            if could_show(doc):
                due.extend(occurrences_of(_item(doc_id, doc), today, today))
        elif is_due(doc):
            item = _item(doc_id, doc)
            if item.date is not None:  # a damaged date is not "due"
                due.extend(occurrences_of(item, item.date, item.date))
    return sorted((o for o in due if o.status != "published"), key=_sort)


def _due_single(day: str) -> Callable[[Mapping[Any, Any]], bool]:
    """A single item dated on or before a day and not published."""
    return lambda doc: bool(
        doc.get("date")
        and not doc.get("rrule")
        and doc["date"] <= day
        and doc.get("status") != "published"
    )


def spinoffs_of(plan: Plan, hub_id: int) -> list[ContentItem]:
    """The items derived from a hub piece, by date."""
    docs = plan.table("content").search(_Where(lambda doc: doc.get("parent") == hub_id))
    items = [ContentItem.from_doc(d) for d in docs]
    return sorted(items, key=lambda i: (i.date or date.max, i.time or "", i.id))


def spinoff_index(plan: Plan) -> dict[int, list[ContentItem]]:
    """Hub id -> its spin-offs by date, for every hub at once (one pass over the items)."""
    index: dict[int, list[ContentItem]] = {}
    for doc in plan.table("content").search(_Where(lambda d: isinstance(d.get("parent"), int))):
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


# -- changing -----------------------------------------------------------------------------------


def _fields(plan: Plan, values: dict[str, Any], today: date) -> dict[str, Any]:
    """Check and normalise typed fields; raise :class:`InputError` naming the bad one."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "title":
            out[name] = _check_title(str(value))
        elif name == "date":
            out[name] = iso(value)
        elif name == "time":
            out[name] = parse_time(value) if value else None
        elif name == "channel":
            out[name] = check_channel(plan, value)
        elif name == "pillar":
            out[name] = check_pillar(plan, value)
        elif name == "kind":
            out[name] = check_choice(value or "article", KINDS, _("kind"))
        elif name == "status":
            out[name] = check_choice(value or "idea", STATUSES, _("status"))
        elif name == "notes":
            out[name] = str(value or "").strip()
        elif name == "url":
            out[name] = (str(value).strip() or None) if value else None
        elif name == "rrule":
            out[name] = parse_rule(value) if value else None
        elif name == "parent":
            if value is not None:
                get_content(plan, int(value))
            out[name] = int(value) if value is not None else None
        else:
            raise InputError(_("content has no field {name!r}").format(name=name))
    if out.get("rrule") and values.get("date") is None and "date" in values:
        raise InputError(_("a repeating item needs a first date"))
    if out.get("status") == "published":
        out["published_on"] = today.isoformat()
    return out


def add_content(
    plan: Plan,
    title: str,
    day: date | None = None,
    *,
    time: str | None = None,
    channel: str | None = None,
    pillar: str | None = None,
    kind: str = "article",
    status: str | None = None,
    notes: str = "",
    url: str | None = None,
    parent: int | None = None,
    rrule: str | None = None,
    today: date | None = None,
) -> ContentItem:
    """Add an item and return it. Without a status, a dated item is a draft, an undated one an
    idea. ``channel``/``pillar``/``kind``/``status`` accept what a user types."""
    status = status or ("draft" if day else "idea")
    fields = _fields(
        plan,
        {
            "title": title,
            "date": day,
            "time": time,
            "channel": channel,
            "pillar": pillar,
            "kind": kind,
            "status": status,
            "notes": notes,
            "url": url,
            "parent": parent,
            "rrule": rrule,
        },
        today or current_day(),
    )
    doc = ContentItem(id=0, title=fields["title"]).to_doc()
    doc.update(fields)
    new_id = plan.table("content").insert(doc)
    return get_content(plan, new_id)


def update_content(
    plan: Plan, item_id: int, today: date | None = None, **values: Any
) -> ContentItem:
    """Change some fields of an item (the whole series for a series)."""
    item = get_content(plan, item_id)
    if "date" not in values and values.get("rrule"):
        values["date"] = item.date
    fields = _fields(plan, values, today or current_day())
    if "date" in fields and fields["date"] is None and (fields.get("rrule", item.rrule)):
        raise InputError(_("a repeating item needs a date; remove its repeat rule first"))
    if "published_on" in fields and item.published_on:
        fields["published_on"] = iso(item.published_on)
    if fields.get("status") not in (None, "published"):
        fields["published_on"] = None
    plan.table("content").update(fields, doc_ids=[item_id])
    return get_content(plan, item_id)


def move_content(plan: Plan, item_id: int, day: date | None) -> ContentItem:
    """Give an item a new date (None puts it back in the ideas backlog)."""
    item = get_content(plan, item_id)
    if day is None and item.recurring:
        raise InputError(_("a repeating item needs a date; remove its repeat rule first"))
    plan.table("content").update({"date": iso(day)}, doc_ids=[item_id])
    return get_content(plan, item_id)


def set_status(plan: Plan, item_id: int, status: str, today: date | None = None) -> ContentItem:
    """Change an item's status; published records the day (and opens a promise for an article)."""
    return update_content(plan, item_id, today=today, status=status)


def next_status(status: str) -> str:
    """The status after this one (published stays published)."""
    index = STATUSES.index(status) if status in STATUSES else 0
    return STATUSES[min(index + 1, len(STATUSES) - 1)]


def _check_key(item: ContentItem, key: date) -> None:
    if not item.recurring or item.date is None or item.rrule is None:
        raise InputError(_("{title!r} does not repeat").format(title=item.title))
    if not is_occurrence(item.rrule, item.date, key):
        raise InputError(
            _("{title!r} does not fall on {day}").format(title=item.title, day=key.isoformat())
        )


def change_occurrence(
    plan: Plan, item_id: int, key: date, today: date | None = None, **values: Any
) -> ContentItem:
    """Change one day of a series alone (title, date, time, status, notes, url)."""
    item = get_content(plan, item_id)
    _check_key(item, key)
    unknown = set(values) - set(OVERRIDABLE)
    if unknown:
        raise InputError(
            _("one day of a series cannot change {names}").format(names=", ".join(sorted(unknown)))
        )
    fields = _fields(plan, values, today or current_day())
    fields.pop("published_on", None)
    overrides = {k: dict(v) for k, v in item.overrides.items()}
    change = {**overrides.get(key.isoformat(), {}), **fields}
    if change.get("date") == key.isoformat():
        del change["date"]
    overrides[key.isoformat()] = change
    plan.table("content").update({"overrides": overrides}, doc_ids=[item_id])
    return get_content(plan, item_id)


def skip_occurrence(plan: Plan, item_id: int, key: date) -> ContentItem:
    """Leave one day of a series out (the rest of the series stays)."""
    item = get_content(plan, item_id)
    _check_key(item, key)
    skipped = sorted({*item.skipped, key})
    plan.table("content").update({"skipped": [d.isoformat() for d in skipped]}, doc_ids=[item_id])
    return get_content(plan, item_id)


def unskip_occurrence(plan: Plan, item_id: int, key: date) -> ContentItem:
    """Bring a skipped day of a series back."""
    item = get_content(plan, item_id)
    skipped = [d.isoformat() for d in item.skipped if d != key]
    plan.table("content").update({"skipped": skipped}, doc_ids=[item_id])
    return get_content(plan, item_id)


def delete_content(plan: Plan, item_id: int) -> ContentItem:
    """Remove an item; return it so that :func:`restore_content` can put it back.

    Its spin-offs stay (they show no hub until it is restored).
    """
    item = get_content(plan, item_id)
    plan.table("content").remove(doc_ids=[item_id])
    return item


def restore_content(plan: Plan, item: ContentItem) -> ContentItem:
    """Put a deleted item back with its id (its spin-offs find their hub again)."""
    plan.table("content").insert(Document(item.to_doc(), doc_id=item.id))
    return get_content(plan, item.id)


# -- promises -----------------------------------------------------------------------------------


def comments_per_post(plan: Plan) -> int:
    """How many comments elsewhere each published article asks for (setting, default 2)."""
    try:
        return max(0, int(plan.settings().get("comments_per_post", 2)))
    except (TypeError, ValueError):
        return 2


def _comments_made(plan: Plan) -> dict[int, int]:
    """Logged comments per content id."""
    made: dict[int, int] = {}
    for _id, doc in plan.rows("community"):
        if isinstance(doc.get("content_id"), int):
            made[doc["content_id"]] = made.get(doc["content_id"], 0) + 1
    return made


def _item(doc_id: int, doc: Mapping[str, Any]) -> ContentItem:
    return ContentItem.from_doc(doc, doc_id)


def _promises(plan: Plan, only_open: bool, latest: int | None = None) -> tuple[list[Promise], int]:
    """The promises (only the ``latest`` if given), oldest first, and how many there are.

    Articles are picked and sorted on their stored records; only the promises returned are read
    into items, so that a check-in over years of articles costs what it shows.
    """
    owed = comments_per_post(plan)
    made = _comments_made(plan)
    found = [
        (from_iso(doc.get("published_on")) or from_iso(doc.get("date")) or date.min, doc_id, doc)
        for doc_id, doc in plan.rows("content")
        if _published_article(doc) and (not only_open or made.get(doc_id, 0) < owed)
    ]
    found.sort(key=lambda f: (f[0], f[1]))
    shown = found
    if latest is not None:
        shown = found[max(len(found) - latest, 0) :] if latest > 0 else []
    return [
        Promise(_item(doc_id, doc), owed, made.get(doc_id, 0)) for _day, doc_id, doc in shown
    ], len(found)


def promises(plan: Plan, only_open: bool = False) -> list[Promise]:
    """Every published single article's promise (or only the open ones), oldest first."""
    return _promises(plan, only_open)[0]


def open_promises(plan: Plan) -> list[Promise]:
    """Promises with comments still to leave, oldest first."""
    return promises(plan, only_open=True)


def latest_open_promises(plan: Plan, count: int) -> tuple[list[Promise], int]:
    """The ``count`` latest open promises (oldest of them first) and how many are open in all."""
    return _promises(plan, only_open=True, latest=count)


def promise_for(plan: Plan, item_id: int) -> Promise | None:
    """The promise of one item (None when it opens none); reads only that item's comments."""
    doc = plan.table("content").get(doc_id=item_id)
    if not isinstance(doc, Document) or not _published_article(doc):
        return None
    made = len(plan.table("community").search(_Where(lambda c: c.get("content_id") == item_id)))
    return Promise(ContentItem.from_doc(doc), comments_per_post(plan), made)


def _published_article(doc: Mapping[Any, Any]) -> bool:
    return bool(
        doc.get("kind") == "article" and doc.get("status") == "published" and not doc.get("rrule")
    )
