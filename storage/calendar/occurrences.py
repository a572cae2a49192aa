"""Content on the calendar: occurrences, what shows between two days, and what is due; and the
one place the rest of the app imports content from.

What the calendar shows are *occurrences*: one per dated item, one per day of a series in the range
asked for, with that day's changes (``overrides``) applied and skipped days left out.

The rest of the content API lives beside this module and is re-exported here, so callers keep
importing from ``storage.calendar.occurrences``:

- :mod:`storage.calendar.items`: the record (:class:`ContentItem`) and reading it (by id, the
  backlog, spin-offs of a hub);
- :mod:`storage.calendar.checks`: checking what users type (channel, pillar, kind, status...);
- :mod:`storage.calendar.edits`: adding, changing, moving and deleting items, and single days of a
  series;
- :mod:`storage.calendar.promises`: the comments a published article owes the community (phase 5).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from storage.calendar.checks import (
    channel_keys,
    check_channel,
    check_choice,
    check_pillar,
    pillar_names,
)
from storage.calendar.edits import (
    OVERRIDABLE,
    add_content,
    change_occurrence,
    delete_content,
    move_content,
    next_status,
    restore_content,
    set_status,
    skip_occurrence,
    unskip_occurrence,
    update_content,
)
from storage.calendar.items import (
    KINDS,
    STATUSES,
    ContentItem,
    backlog,
    get_content,
    hub_of,
    item_from_row,
    list_content,
    spinoff_index,
    spinoffs_of,
)
from storage.calendar.promises import (
    Promise,
    comments_per_post,
    latest_open_promises,
    open_promises,
    promise_for,
    promises,
)
from storage.calendar.recurrence import occurrences
from storage.datafile import PerTable
from storage.dates import from_iso

if TYPE_CHECKING:
    from storage.datafile import Plan

__all__ = [
    "KINDS",
    "OVERRIDABLE",
    "STATUSES",
    "ContentItem",
    "Occurrence",
    "Promise",
    "add_content",
    "backlog",
    "change_occurrence",
    "channel_keys",
    "check_channel",
    "check_choice",
    "check_pillar",
    "comments_per_post",
    "content_between",
    "delete_content",
    "due_content",
    "get_content",
    "hub_of",
    "latest_open_promises",
    "list_content",
    "move_content",
    "next_status",
    "occurrence_at",
    "occurrences_of",
    "open_promises",
    "pillar_names",
    "promise_for",
    "promises",
    "restore_content",
    "set_status",
    "skip_occurrence",
    "spinoff_index",
    "spinoffs_of",
    "unskip_occurrence",
    "update_content",
]


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
    """The occurrence of a series for one of its rule's days, with that day's changes."""
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


class _ByDate:
    """The content table's dated records in date order, for one version of the table.

    A month of the calendar reads the single items of its days from here (two bisections)
    instead of testing years of records; series, which can show on any later day, are always
    tested. Made again for each version of the table (see :class:`storage.datafile.PerTable`).
    """

    def __init__(self, table: Mapping[str, Mapping[str, Any]]) -> None:
        singles: list[tuple[str, int, Mapping[str, Any]]] = []
        tested: list[tuple[int, Mapping[str, Any]]] = []
        for key, doc in table.items():
            day = doc.get("date")
            if not day:
                continue
            view = MappingProxyType(doc)
            if isinstance(day, str) and not doc.get("rrule"):
                singles.append((day, int(key), view))
            else:
                tested.append((int(key), view))
        singles.sort(key=lambda entry: entry[:2])
        self.days = [entry[0] for entry in singles]
        """The single items' ISO days, sorted."""
        self.singles = [(doc_id, doc) for _day, doc_id, doc in singles]
        """(id, record) of the single items, in the order of :attr:`days`."""
        self.tested = tested
        """(id, record) of the series (and of any record whose date is not text)."""

    def could_show(self, start: str, end: str) -> list[tuple[int, Mapping[str, Any]]]:
        """The records that could show from ``start`` to ``end`` (ISO days, both included)."""
        test = _in_range(start, end)
        found = self.singles[bisect_left(self.days, start) : bisect_right(self.days, end)]
        found += [(doc_id, doc) for doc_id, doc in self.tested if test(doc)]
        return found


_BY_DATE: PerTable[_ByDate] = PerTable(_ByDate)


def _by_date(plan: Plan) -> _ByDate:
    """The plan's content in date order, indexed again only after the content changed."""
    storage = plan.storage
    with storage.lock:
        table = (storage.read() or {}).get("content", {})
    return _BY_DATE.get(plan, table)


def content_between(plan: Plan, start: date, end: date) -> list[Occurrence]:
    """Every occurrence from ``start`` to ``end`` (both included), by day and time.

    Reads only the items that can show in the range (from an index by date, built once per
    version of the content); series are expanded over the range only.
    """
    found: list[Occurrence] = []
    for doc_id, doc in _by_date(plan).could_show(start.isoformat(), end.isoformat()):
        found.extend(occurrences_of(item_from_row(doc_id, doc), start, end))
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
                due.extend(occurrences_of(item_from_row(doc_id, doc), today, today))
        elif is_due(doc):
            item = item_from_row(doc_id, doc)
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
