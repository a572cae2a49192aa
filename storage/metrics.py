"""Metric snapshots over time, their CSV form, and progress against the baseline and objectives.

A snapshot is one number on one day: ``2026-11-01, youtube, subscribers, 1240``. The pure
functions (``parse_csv``, ``series``, ``compute_progress``) work on plain dataclasses so they can
be checked with hand-made data; the ``plan`` functions read and write the ``metrics`` table.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.errors import InputError
from storage.i18n import _

if TYPE_CHECKING:
    from storage.database import Plan

STANDARD_METRICS = ("followers", "subscribers", "visits", "comments", "shares", "likes")
"""Metrics offered first; any other name is accepted as a custom metric."""

CSV_HEADER = ("date", "channel", "metric", "value")
"""Columns of the CSV interchange format, in order."""

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
            value=_number(doc.get("value")),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored record (without the id)."""
        return {
            "date": self.date,
            "channel": self.channel,
            "metric": self.metric,
            "value": self.value,
        }


@dataclass(frozen=True)
class Target:
    """Where a metric started and where it should get to (from ``baseline`` and ``objectives``)."""

    metric: str
    """Metric name."""
    channel: str | None
    """Channel key, or None for the sum over every channel."""
    start: Number | None
    """Value at the start (the baseline), if known."""
    start_date: str | None
    """ISO day of the start value."""
    target: Number | None
    """Value to reach, or None when only the baseline is known."""
    by: str | None
    """ISO day by which the target should be reached."""
    text: str = ""
    """The objective as the user wrote it."""


@dataclass(frozen=True)
class Progress:
    """Baseline -> latest -> target for one metric, and whether it is on pace."""

    metric: str
    """Metric name."""
    channel: str | None
    """Channel key, or None for every channel together."""
    text: str
    """The objective's own words ("" for a baseline without objective)."""
    baseline: Number | None
    """Value at the start."""
    latest: Number | None
    """Most recent measured value."""
    latest_date: str | None
    """ISO day of the latest value."""
    target: Number | None
    """Value to reach."""
    by: str | None
    """ISO day of the deadline."""
    percent: float | None
    """How far from baseline to target, in percent (may pass 100 or go below 0)."""
    expected: float | None
    """Where a straight line from baseline to target says the value should be today."""
    on_pace: bool | None
    """Whether latest is at or ahead of ``expected`` (None when it cannot be told)."""

    @property
    def label(self) -> str:
        """``metric`` or ``metric on channel`` for a table row."""
        return self.metric if not self.channel else f"{self.metric} · {self.channel}"


class CsvError(InputError):
    """A CSV file of metrics that cannot be imported; the message names the line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line
        """1-based line number of the offending row."""


def _number(value: Any) -> Number:
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
    channel = channel.strip().lower()
    metric = metric.strip().lower()
    if not channel:
        raise InputError(_("the channel is missing"))
    if not metric:
        raise InputError(_("the metric is missing"))
    number = value if isinstance(value, int | float) else parse_value(value)
    return Snapshot(0, parsed_day.isoformat(), channel, metric, number)


def parse_csv(text: str) -> list[Snapshot]:
    """Read ``date,channel,metric,value`` rows (a header row is optional).

    Raises:
        CsvError: at the first bad row, with its line number; nothing is returned then.
    """
    rows: list[Snapshot] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or all(not field.strip() for field in fields):
                continue
            if not rows and [f.strip().lower() for f in fields] == list(CSV_HEADER):
                continue
            if len(fields) != 4:
                raise CsvError(
                    _(
                        "line {line}: expected 4 fields (date,channel,metric,value), found {n}"
                    ).format(line=line, n=len(fields)),
                    line,
                )
            try:
                rows.append(check_snapshot(*fields))
            except InputError as error:
                raise CsvError(
                    _("line {line}: {problem}").format(line=line, problem=error), line
                ) from None
    except csv.Error as error:
        raise CsvError(
            _("line {line}: {problem}").format(line=reader.line_num, problem=error), reader.line_num
        ) from None
    return rows


def to_csv(snapshots: Iterable[Snapshot]) -> str:
    """CSV text with a header row, sorted by date, channel and metric."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for snap in sorted(snapshots, key=lambda s: (s.date, s.channel, s.metric)):
        writer.writerow([snap.date, snap.channel, snap.metric, snap.value])
    return out.getvalue()


def series(
    snapshots: Iterable[Snapshot], metric: str, channel: str | None
) -> list[tuple[str, Number]]:
    """Values of ``metric`` over time, ``(date, value)`` sorted by date.

    With ``channel`` None the values of every channel are added up: on each day that any
    channel was measured, the total is the sum of each channel's latest value so far.
    """
    wanted = sorted(
        (s for s in snapshots if s.metric == metric and (channel is None or s.channel == channel)),
        key=lambda s: (s.date, s.id),
    )
    if channel is not None:
        by_day: dict[str, Number] = {}
        for snap in wanted:
            by_day[snap.date] = snap.value
        return sorted(by_day.items())
    latest: dict[str, Number] = {}
    totals: dict[str, Number] = {}
    for snap in wanted:
        latest[snap.channel] = snap.value
        totals[snap.date] = sum(latest.values())
    return sorted(totals.items())


def metric_channels(snapshots: Iterable[Snapshot]) -> dict[str, list[str]]:
    """Each metric measured, with the channels it was measured on (both sorted)."""
    found: dict[str, set[str]] = {}
    for snap in snapshots:
        found.setdefault(snap.metric, set()).add(snap.channel)
    return {metric: sorted(channels) for metric, channels in sorted(found.items())}


def _days(start: str, end: str | date) -> int:
    end_day = end if isinstance(end, date) else date.fromisoformat(end)
    return (end_day - date.fromisoformat(start)).days


def compute_progress(target: Target, snapshots: Sequence[Snapshot], today: date) -> Progress:
    """Baseline -> latest -> target for one target, with percent and pace on ``today``.

    The pace is a straight line from the baseline (on its date) to the target (on ``by``):
    the objective is on pace when the latest value is at or beyond where that line is today.
    """
    points = [
        p for p in series(snapshots, target.metric, target.channel) if p[0] <= today.isoformat()
    ]
    start, start_date = target.start, target.start_date
    if start is None and points:
        start_date, start = points[0]
    latest_date, latest = points[-1] if points else (None, None)
    percent: float | None = None
    if start is not None and latest is not None and target.target is not None:
        span = target.target - start
        percent = 100.0 if span == 0 else (latest - start) / span * 100
    expected: float | None = None
    on_pace: bool | None = None
    if percent is not None and target.target is not None and start is not None:
        rising = target.target >= start
        reached = latest is not None and (
            latest >= target.target if rising else latest <= target.target
        )
        if target.by and start_date and _days(start_date, target.by) > 0:
            total = _days(start_date, target.by)
            elapsed = min(max(_days(start_date, today), 0), total)
            expected = start + (target.target - start) * elapsed / total
            assert latest is not None
            on_pace = reached or (latest >= expected if rising else latest <= expected)
        elif reached:
            on_pace = True
        elif target.by:
            on_pace = False
    return Progress(
        metric=target.metric,
        channel=target.channel,
        text=target.text,
        baseline=start,
        latest=latest,
        latest_date=latest_date,
        target=target.target,
        by=target.by,
        percent=percent,
        expected=expected,
        on_pace=on_pace,
    )


def targets_from(
    baseline: Iterable[Mapping[str, Any]], objectives: Iterable[Mapping[str, Any]]
) -> list[Target]:
    """Targets from ``baseline`` and ``objectives`` records.

    Each objective with a metric becomes a target; its start is its own ``start`` or else the
    baseline of that metric (and channel; for every channel, the sum). A baseline metric that no
    objective names becomes a target without a goal, so its progress is still shown.
    """
    base: dict[tuple[str, str], tuple[str, Number]] = {}
    for doc in baseline:
        key = (str(doc.get("metric") or "").lower(), str(doc.get("channel") or "").lower())
        if not key[0]:
            continue
        day = str(doc.get("date") or "")
        if key not in base or day >= base[key][0]:
            base[key] = (day, _number(doc.get("value")))

    def start_of(metric: str, channel: str | None) -> tuple[Number | None, str | None]:
        """Baseline value (summed over channels when ``channel`` is None) and its date."""
        rows = [
            v for (m, c), v in base.items() if m == metric and (channel is None or c == channel)
        ]
        if not rows:
            return None, None
        return sum(value for _day, value in rows), min(day for day, _value in rows) or None

    targets: list[Target] = []
    covered: set[tuple[str, str | None]] = set()
    for doc in objectives:
        metric = str(doc.get("metric") or "").lower()
        if not metric:
            continue
        channel: str | None = str(doc["channel"]).lower() if doc.get("channel") else None
        start, start_date = start_of(metric, channel)
        if doc.get("start") is not None:
            start = _number(doc.get("start"))
        goal = doc.get("target")
        targets.append(
            Target(
                metric=metric,
                channel=channel,
                start=start,
                start_date=start_date,
                target=_number(goal) if goal is not None else None,
                by=str(doc.get("by"))[:10] if doc.get("by") else None,
                text=str(doc.get("text") or ""),
            )
        )
        covered.add((metric, channel))
    for (name, where), (day, value) in sorted(base.items()):
        if (name, where) in covered or (name, None) in covered:
            continue
        targets.append(Target(name, where, value, day or None, None, None))
    return targets


def progress_of(
    baseline: Iterable[Mapping[str, Any]],
    objectives: Iterable[Mapping[str, Any]],
    snapshots: Sequence[Snapshot],
    today: date,
) -> list[Progress]:
    """Progress of every objective, then of every baseline metric without one."""
    return [compute_progress(t, snapshots, today) for t in targets_from(baseline, objectives)]


def days_since(snapshots: Iterable[Snapshot], today: date) -> int | None:
    """Days from the newest snapshot to ``today`` (None when there is none)."""
    newest = max((s.date for s in snapshots if s.date), default=None)
    return None if newest is None else max(_days(newest, today), 0)


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


def import_csv(plan: Plan, path: str | Path) -> int:
    """Add every row of a CSV file; all of them or, at the first bad row, none.

    Raises:
        CsvError: naming the bad line.
        InputError: when the file cannot be read.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            _("cannot read {file}: {reason}").format(
                file=path, reason=getattr(error, "strerror", None) or error
            )
        ) from None
    rows = parse_csv(text)
    table = plan.table("metrics")
    with plan.batch():
        for snap in rows:
            table.insert(snap.to_doc())
    return len(rows)


def export_csv(plan: Plan, path: str | Path) -> int:
    """Write every snapshot to a CSV file; return how many."""
    snapshots = list_snapshots(plan)
    Path(path).write_text(to_csv(snapshots), encoding="utf-8")
    return len(snapshots)


def progress(plan: Plan, today: date) -> list[Progress]:
    """Progress of the plan's objectives and baseline metrics on ``today``."""
    return progress_of(
        plan.table("baseline").all(), plan.table("objectives").all(), list_snapshots(plan), today
    )


def chart_lines(
    plan: Plan, metric: str, total: bool = False
) -> dict[str, list[tuple[str, Number]]]:
    """One line per channel of ``metric`` over time, each starting at its baseline when that is
    older than the first snapshot; with ``total``, also the sum over channels."""
    snapshots = list_snapshots(plan, metric=metric)
    base = {
        str(doc.get("channel") or ""): (str(doc.get("date") or "")[:10], _number(doc.get("value")))
        for doc in plan.table("baseline").all()
        if str(doc.get("metric") or "").lower() == metric and doc.get("date")
    }
    lines: dict[str, list[tuple[str, Number]]] = {}
    for channel in sorted({s.channel for s in snapshots}):
        points = series(snapshots, metric, channel)
        start = base.get(channel)
        if start and points and start[0] < points[0][0]:
            points.insert(0, start)
        lines[channel] = points
    if total and len(lines) > 1:
        lines[_("all")] = series(snapshots, metric, None)
    return lines


def days_since_last_snapshot(plan: Plan, today: date) -> int | None:
    """Days since the newest metrics snapshot (None when none was ever taken)."""
    newest = max((str(doc.get("date") or "") for _id, doc in plan.rows("metrics")), default="")
    if not newest:
        return None
    try:
        return max(_days(newest[:10], today), 0)
    except ValueError:
        return None
