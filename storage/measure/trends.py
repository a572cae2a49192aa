"""What the snapshots say over time: series and chart lines, and progress from the baseline
towards the objectives, with whether it is on pace.

The pure functions (``series``, ``compute_progress``, ``targets_from``, ``progress_of``) work on
plain dataclasses and records so they can be checked with hand-made data; ``progress`` and
``chart_lines`` read the plan. Callers import these names from :mod:`storage.measure`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.i18n import _
from storage.measure.records import (
    Number,
    Snapshot,
    as_number,
    days_between,
    list_snapshots,
)
from storage.phases import metric_label

if TYPE_CHECKING:
    from storage.datafile import Plan


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
        name = metric_label(self.metric)
        return name if not self.channel else f"{name} · {self.channel}"


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
        if target.by and start_date and days_between(start_date, target.by) > 0:
            total = days_between(start_date, target.by)
            elapsed = min(max(days_between(start_date, today), 0), total)
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
            base[key] = (day, as_number(doc.get("value")))

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
            start = as_number(doc.get("start"))
        goal = doc.get("target")
        targets.append(
            Target(
                metric=metric,
                channel=channel,
                start=start,
                start_date=start_date,
                target=as_number(goal) if goal is not None else None,
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


# --- the plan ---------------------------------------------------------------------------------


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
        str(doc.get("channel") or ""): (
            str(doc.get("date") or "")[:10],
            as_number(doc.get("value")),
        )
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
