"""Changing content: adding, updating, moving, publishing, deleting and restoring items, and
changing or skipping single days of a series.

Every change checks what the user typed (:mod:`storage.calendar.checks`), is saved at once, and
returns the item as stored.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.calendar.checks import check_fields
from storage.calendar.items import STATUSES, ContentItem, get_content
from storage.calendar.recurrence import is_occurrence
from storage.dates import current_day, iso
from storage.errors import InputError
from storage.i18n import _

if TYPE_CHECKING:
    from storage.datafile import Plan

OVERRIDABLE = ("title", "date", "time", "status", "notes", "url")
"""Fields one occurrence of a series may change alone."""


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
    fields = check_fields(
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
    fields = check_fields(plan, values, today or current_day())
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
    fields = check_fields(plan, values, today or current_day())
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
