"""The mix check: the actual share of content per pillar against the guide's targets.

Two windows are measured: the last 30 days (today included) over *published* items, dated by
``published_on`` (else ``date``), and the next 30 days over *planned* items (every dated item that
is not published yet). Every item counts, hub pieces and spin-offs alike; a spin-off without a
pillar takes its parent's. A repeating series counts once per day it falls on in a window, each
day with its own status (``storage.calendar.occurrences.occurrences_of``). The promotional share is the part of the items whose pillar is
promotional, held against the guide's ceiling.

A pillar is *off target* when its share is more than :data:`TOLERANCE` points away from its
target; the Today tab is only told when a window holds at least :data:`MIN_ITEMS` items, so that
two posts do not raise an alarm.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from storage.calendar import ContentItem, Occurrence, occurrences_of
from storage.dates import from_iso
from storage.errors import InputError
from storage.guide.editorial import Pillar, list_pillars, load_guide
from storage.i18n import _

if TYPE_CHECKING:
    from storage.datafile import Plan

WINDOW_DAYS = 30
"""Length of each window, in days."""

TOLERANCE = 10
"""Points of difference between share and target that still count as on target."""

MIN_ITEMS = 5
"""Items a window needs before the Today tab is warned about it."""

NO_PILLAR = "(no pillar)"
"""Row name for items without a pillar."""


@dataclass(frozen=True)
class MixRow:
    """One pillar's share in one window."""

    name: str
    """The pillar's name, or :data:`NO_PILLAR`."""
    count: int
    """Items of this pillar in the window."""
    share: float
    """Percent of the window's items (0 when the window is empty)."""
    target: int | None
    """The pillar's target percent; None for items without a pillar or with an unknown one."""
    promotional: bool = False
    """The pillar is promotional."""

    @property
    def off_target(self) -> bool:
        """Further than :data:`TOLERANCE` points from the target (rows without one never are)."""
        return self.target is not None and abs(self.share - self.target) > TOLERANCE

    @property
    def known(self) -> bool:
        """The row is a pillar of the guide."""
        return self.target is not None


@dataclass(frozen=True)
class MixWindow:
    """The mix over one window of days."""

    label: str
    """E.g. "Published, last 30 days"."""
    start: date
    """First day of the window."""
    end: date
    """Last day of the window (included)."""
    total: int
    """Items counted."""
    rows: tuple[MixRow, ...]
    """Every pillar of the guide in order, then unknown pillars, then items without a pillar."""
    promotional: int
    """Items of promotional pillars."""
    ceiling: int
    """The guide's self-promotion ceiling, percent."""

    @property
    def promo_share(self) -> float:
        """Percent of items that are promotional."""
        return 100.0 * self.promotional / self.total if self.total else 0.0

    @property
    def over_ceiling(self) -> bool:
        """More promotional items than the ceiling allows."""
        return self.total > 0 and self.promo_share > self.ceiling

    def row(self, name: str) -> MixRow | None:
        """The row of a pillar, by name."""
        return next((r for r in self.rows if r.name == name), None)


@dataclass(frozen=True)
class MixReport:
    """The mix check shown in the Guide tab and summarised in Today."""

    published: MixWindow
    """Published items of the last 30 days."""
    planned: MixWindow
    """Planned items of the next 30 days."""
    content_count: int
    """Items in the calendar at all (0: the calendar is empty, say so)."""
    pillar_count: int
    """Pillars in the guide."""

    @property
    def windows(self) -> tuple[MixWindow, MixWindow]:
        """Both windows, past first."""
        return (self.published, self.planned)


def _day(doc: Mapping[str, Any], field: str) -> date | None:
    try:
        return from_iso(doc.get(field))
    except (TypeError, ValueError):
        return None


def _series(doc_id: int, doc: Mapping[str, Any], start: date, end: date) -> list[Occurrence]:
    """The days of a repeating series between ``start`` and ``end``, each with its status."""
    try:
        return occurrences_of(ContentItem.from_doc(doc, doc_id), start, end)
    except (ValueError, TypeError, InputError):  # a rule that cannot be read counts nothing
        return []


def _window(
    label: str,
    start: date,
    end: date,
    names: list[str | None],
    pillars: list[Pillar],
    ceiling: int,
) -> MixWindow:
    counts = Counter(names)
    total = len(names)
    known = {p.name for p in pillars}
    promo_names = {p.name for p in pillars if p.promotional}

    def share(n: int) -> float:
        return 100.0 * n / total if total else 0.0

    rows = [
        MixRow(p.name, counts[p.name], share(counts[p.name]), p.target, p.promotional)
        for p in pillars
    ]
    unknown = sorted(n for n in counts if n is not None and n not in known)
    rows += [MixRow(n, counts[n], share(counts[n]), None) for n in unknown]
    if counts[None]:
        rows.append(MixRow(NO_PILLAR, counts[None], share(counts[None]), None))
    promotional = sum(counts[n] for n in promo_names)
    return MixWindow(label, start, end, total, tuple(rows), promotional, ceiling)


def compute_mix(
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    pillars: Iterable[Pillar],
    ceiling: int,
    today: date,
) -> MixReport:
    """The mix of raw ``content`` records, ``(id, document)`` pairs as ``Plan.rows`` gives them
    (fields of docs/DEVELOPING.md), as a pure function; spin-offs find their parent's pillar."""
    by_id = dict(rows)
    pillars = list(pillars)
    past_start = today - timedelta(days=WINDOW_DAYS - 1)
    next_end = today + timedelta(days=WINDOW_DAYS)
    published: list[str | None] = []
    planned: list[str | None] = []

    def pillar_of(doc: Mapping[str, Any]) -> str | None:
        pillar = doc.get("pillar") or None
        parent = by_id.get(doc["parent"]) if doc.get("parent") is not None else None
        if pillar is None and parent is not None:
            pillar = parent.get("pillar") or None
        return str(pillar) if pillar is not None else None

    for doc_id, doc in by_id.items():
        if doc.get("rrule") and _day(doc, "date") is not None:
            occurrences = _series(doc_id, doc, past_start, next_end)
            if occurrences:
                name = pillar_of(doc)
            for occ in occurrences:
                if occ.status == "published" and occ.day <= today:
                    published.append(name)
                elif occ.status != "published" and occ.day > today:
                    planned.append(name)
        elif doc.get("status") == "published":
            day = _day(doc, "published_on") or _day(doc, "date")
            if day is not None and past_start <= day <= today:
                published.append(pillar_of(doc))
        else:
            day = _day(doc, "date")
            if day is not None and today < day <= next_end:
                planned.append(pillar_of(doc))
    return MixReport(
        published=_window(
            _("Published, last 30 days"), past_start, today, published, pillars, ceiling
        ),
        planned=_window(
            _("Planned, next 30 days"),
            today + timedelta(days=1),
            next_end,
            planned,
            pillars,
            ceiling,
        ),
        content_count=len(by_id),
        pillar_count=len(pillars),
    )


def build_mix_report(plan: Plan, today: date) -> MixReport:
    """The mix of the plan's calendar against its guide."""
    return compute_mix(
        plan.rows("content"), list_pillars(plan), load_guide(plan).promo_ceiling, today
    )


def warning_for(report: MixReport) -> str | None:
    """One line naming what is off in the mix, or None when nothing is (or too little to say)."""
    problems: list[str] = []
    for window, when in (
        (report.published, _("published in the last 30 days")),
        (report.planned, _("planned for the next 30 days")),
    ):
        if window.total < MIN_ITEMS:
            continue
        if window.over_ceiling:
            problems.append(
                _("{share:.0f}% promotional {when} (ceiling {ceiling}%)").format(
                    share=window.promo_share, when=when, ceiling=window.ceiling
                )
            )
        off = [r for r in window.rows if r.off_target]
        if off:
            worst = max(off, key=lambda r: abs(r.share - (r.target or 0)))
            problems.append(
                _("{name} at {share:.0f}% {when} (target {target}%)").format(
                    name=worst.name, share=worst.share, when=when, target=worst.target
                )
            )
    if not problems:
        return None
    return _("Content mix off target: {problems}").format(problems="; ".join(problems))


def mix_report(plan: Plan, today: date) -> MixReport:
    """The actual share of content per pillar, last 30 days and next 30, against the targets."""
    return build_mix_report(plan, today)


def mix_warning(plan: Plan, today: date) -> str | None:
    """One line for the Today tab when the mix is off target, else None."""
    return warning_for(mix_report(plan, today))
