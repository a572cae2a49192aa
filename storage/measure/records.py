"""Metric snapshots as records: the ``Snapshot`` dataclass, checking what users type, and reading
and writing the ``metrics`` table.

A snapshot is one number on one day: ``2026-11-01, youtube, subscribers, 1240``. Callers import
these names from :mod:`storage.measure`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.errors import InputError
from storage.i18n import _
from storage.phases import metric_key
from storage.text import one_line

if TYPE_CHECKING:
    from storage.datafile import Plan

STANDARD_METRICS = ("followers", "subscribers", "visits", "comments", "shares", "likes")
"""Metrics offered first; any other name is accepted as a custom metric."""

Number = int | float


@dataclass(frozen=True)
class Snapshot:
    """One measured value of one metric on one channel on one day."""

    id: int
    """Record id in the ``metrics`` table (0 when not stored)."""
    date: str
    """ISO day of the measurement."""
    channel: str
    """Channel key (``youtube``, ``blog``...)."""
    metric: str
    """Metric name (``followers``, ``visits``... or a custom name)."""
    value: Number
    """The measured value."""

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], doc_id: int = 0) -> Snapshot:
        """Build from a stored record."""
        return cls(
            id=int(getattr(doc, "doc_id", doc_id)),
            date=str(doc.get("date") or ""),
            channel=str(doc.get("channel") or ""),
            metric=str(doc.get("metric") or ""),
            value=as_number(doc.get("value")),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored record (without the id)."""
        return {
            "date": self.date,
            "channel": self.channel,
            "metric": self.metric,
            "value": self.value,
        }


def as_number(value: Any) -> Number:
    """A stored value as a number (0 when it is not one), for records written by hand."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    try:
        return parse_value(str(value))
    except InputError:
        return 0


def parse_value(text: str) -> Number:
    """A typed number (``1240``, ``12.5``, ``1,240``, ``1 240``) as int or float.

    Raises:
        InputError: when the text is not a finite number.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("_", "")
    if (
        cleaned.count(",")
        and "." not in cleaned
        and all(len(part) == 3 for part in cleaned.split(",")[1:])
    ):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        raise InputError(_("not a number: {text!r}").format(text=text.strip()[:40])) from None
    if not math.isfinite(number):
        raise InputError(_("not a number: {text!r}").format(text=text.strip()[:40]))
    return (
        int(number)
        if number.is_integer() and "." not in cleaned and "e" not in cleaned.lower()
        else number
    )


def check_snapshot(day: str, channel: str, metric: str, value: str | Number) -> Snapshot:
    """Validate typed fields into an (unsaved) snapshot.

    Raises:
        InputError: naming the field that is wrong.
    """
    try:
        parsed_day = date.fromisoformat(day.strip())
    except ValueError:
        raise InputError(
            _("not a date (YYYY-MM-DD): {text!r}").format(text=day.strip()[:40])
        ) from None
    channel = one_line(channel).lower()  # a label on one line: a line break would break the CSV
    metric = metric_key(one_line(metric).lower())
    if not channel:
        raise InputError(_("the channel is missing"))
    if not metric:
        raise InputError(_("the metric is missing"))
    number = value if isinstance(value, int | float) else parse_value(value)
    return Snapshot(0, parsed_day.isoformat(), channel, metric, number)


def days_between(start: str, end: str | date) -> int:
    """Days from the ISO day ``start`` to ``end`` (negative when ``end`` is earlier)."""
    end_day = end if isinstance(end, date) else date.fromisoformat(end)
    return (end_day - date.fromisoformat(start)).days


def days_since(snapshots: Iterable[Snapshot], today: date) -> int | None:
    """Days from the newest snapshot to ``today`` (None when there is none)."""
    newest = max((s.date for s in snapshots if s.date), default=None)
    return None if newest is None else max(days_between(newest, today), 0)


# --- the plan ---------------------------------------------------------------------------------


def list_snapshots(
    plan: Plan, metric: str | None = None, channel: str | None = None
) -> list[Snapshot]:
    """Stored snapshots, newest first (optionally of one metric and/or channel)."""
    found = [Snapshot.from_doc(doc) for doc in plan.table("metrics").all()]
    found = [
        s
        for s in found
        if (metric is None or s.metric == metric) and (channel is None or s.channel == channel)
    ]
    return sorted(found, key=lambda s: (s.date, s.id), reverse=True)


def add_snapshot(plan: Plan, day: str, channel: str, metric: str, value: str | Number) -> Snapshot:
    """Validate and store one snapshot.

    Raises:
        InputError: naming the bad field; nothing is stored then.
    """
    snap = check_snapshot(day, channel, metric, value)
    doc_id = plan.table("metrics").insert(snap.to_doc())
    return Snapshot(doc_id, snap.date, snap.channel, snap.metric, snap.value)


def update_snapshot(
    plan: Plan, snapshot_id: int, day: str, channel: str, metric: str, value: str | Number
) -> Snapshot:
    """Replace the fields of a stored snapshot (validated as in :func:`add_snapshot`)."""
    snap = check_snapshot(day, channel, metric, value)
    table = plan.table("metrics")
    if not table.contains(doc_id=snapshot_id):
        raise InputError(_("snapshot {id} does not exist").format(id=snapshot_id))
    table.update(snap.to_doc(), doc_ids=[snapshot_id])
    return Snapshot(snapshot_id, snap.date, snap.channel, snap.metric, snap.value)


def delete_snapshot(plan: Plan, snapshot_id: int) -> Snapshot | None:
    """Remove a snapshot; return it (for undo), or None when it was not there."""
    table = plan.table("metrics")
    doc = table.get(doc_id=snapshot_id)
    if doc is None:
        return None
    table.remove(doc_ids=[snapshot_id])
    return Snapshot.from_doc(doc, snapshot_id)


def restore_snapshot(plan: Plan, snapshot: Snapshot) -> Snapshot:
    """Put a deleted snapshot back (undo)."""
    doc_id = plan.table("metrics").insert(snapshot.to_doc())
    return Snapshot(doc_id, snapshot.date, snapshot.channel, snapshot.metric, snapshot.value)


def days_since_last_snapshot(plan: Plan, today: date) -> int | None:
    """Days since the newest metrics snapshot (None when none was ever taken)."""
    newest = max((str(doc.get("date") or "") for _id, doc in plan.rows("metrics")), default="")
    if not newest:
        return None
    try:
        return max(days_between(newest[:10], today), 0)
    except ValueError:
        return None
