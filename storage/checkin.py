"""The daily check-in: what the Today tab and ``socialplan checkin`` both show, computed once.

Imports neither Textual nor feedparser (it runs from a shell's start-up file). Each section
comes from the area that owns it; a section whose module is not installed is left out and named
in ``Checkin.unavailable``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from storage.dates import due_day, long_day
from storage.i18n import _, ngettext
from storage.text import one_line

if TYPE_CHECKING:
    from storage.calendar import Promise
    from storage.datafile import Plan

T = TypeVar("T")

TASKS_SHOWN = 5
"""Phase items listed (when fewer tasks are due)."""

DUE_SHOWN = 10
"""Due and overdue tasks, and content, listed at most: today's and the latest overdue ones
(the older rest are counted)."""

MENTIONS_SHOWN = 5
"""Matching new mentions listed (the rest are counted)."""

PROMISES_SHOWN = 5
"""Open community promises listed: the latest articles' (the older rest are counted)."""


@dataclass(frozen=True)
class Line:
    """One thing to act on."""

    kind: str
    """``content``, ``task``, ``mention`` or ``promise``: says which keys apply to it."""
    id: int
    """Record id (content, task or mention id; a promise carries its content id)."""
    title: str
    """What it is (may be untrusted text: shown plain)."""
    detail: str = ""
    """Status, channel, dates, counts: one short phrase."""
    day: str | None = None
    """ISO day it is due or was published."""
    overdue: bool = False
    """Due before today and not finished."""
    link: str | None = None
    """A URL to open, if any."""
    occurrence_of: str | None = None
    """For one day of a repeating content series: the series' day it stands for (ISO)."""

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "detail": self.detail,
            "date": self.day,
            "overdue": self.overdue,
            "link": self.link,
            "occurrence_of": self.occurrence_of,
        }


@dataclass(frozen=True)
class Checkin:
    """Everything of the check-in, for one day."""

    today: date
    """The day it is for."""
    content: tuple[Line, ...] = ()
    """Content due today or overdue, oldest first."""
    more_content: int = 0
    """How many more older overdue items there are than are listed."""
    phase: int | None = None
    """The current phase (None when every phase is done)."""
    phase_name: str = ""
    """Its name."""
    tasks: tuple[Line, ...] = ()
    """Tasks due or overdue, then the next unfinished items of the current phase."""
    mentions: tuple[Line, ...] = ()
    """New mentions that match a watch word (the first few)."""
    more_tasks: int = 0
    """How many more tasks are due or overdue than are listed."""
    more_mentions: int = 0
    """How many more matching new mentions there are."""
    promises: tuple[Line, ...] = ()
    """Open community promises of the latest articles, oldest of them first."""
    more_promises: int = 0
    """How many more (older) promises are open than are listed."""
    mix_warning: str | None = None
    """The guide's warning about the pillar mix, if any."""
    days_since_snapshot: int | None = None
    """Days since the last metrics snapshot (None: never)."""
    unavailable: tuple[str, ...] = ()
    """Sections left out because their part of socialplan is not there."""

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every actionable line, in the order shown."""
        return self.content + self.tasks + self.mentions + self.promises


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10] or None


def _section(missing: list[str], name: str, call: Callable[[], T], empty: T) -> T:
    """Run one section; a part of the app that is not installed leaves it out."""
    try:
        return call()
    except (ImportError, AttributeError):
        missing.append(name)
        return empty


def _content_lines(plan: Plan, today: date) -> tuple[tuple[Line, ...], int]:
    from storage.calendar import due_content, kind_label, status_label

    due = due_content(plan, today)
    lines: list[Line] = []
    for occ in due[-DUE_SHOWN:]:
        channel = occ.item.channel or ""
        detail = " · ".join(
            p for p in (status_label(occ.status), channel, kind_label(occ.item.kind)) if p
        )
        lines.append(
            Line(
                "content",
                occ.id,
                one_line(occ.title),
                detail,
                occ.day.isoformat(),
                occ.day < today,
                occ.url,
                occ.key.isoformat() if occ.key is not None else None,
            )
        )
    return tuple(lines), len(due) - len(lines)


def _task_lines(plan: Plan, today: date) -> tuple[int | None, str, tuple[Line, ...], int]:
    from storage.phases import current_phase, due_tasks, list_tasks, next_tasks, phase_info

    every = list_tasks(plan)  # read once for the three questions below
    phase = current_phase(plan, every)
    name = phase_info(phase).name if phase else ""
    due = due_tasks(plan, today, every)
    shown = due[-DUE_SHOWN:]
    room = max(TASKS_SHOWN - len(shown), 0)
    ids = {t.id for t in shown}
    upcoming = [
        t
        for t in next_tasks(plan, TASKS_SHOWN + len(shown), every)
        if t.phase == phase and t.id not in ids
    ]
    lines: list[Line] = []
    for task in [*shown, *upcoming[:room]]:
        overdue = task.is_overdue(today)
        when = task.due.isoformat() if task.due else None
        parts = [_("phase {n}").format(n=task.phase)] if task.phase != phase else []
        if overdue and task.due:
            parts.append(_("due {day}").format(day=due_day(task.due, today)))
        elif when:
            parts.append(_("due today"))
        detail = " · ".join(parts)
        lines.append(Line("task", task.id, one_line(task.title), detail, when, overdue, task.link))
    return phase, name, tuple(lines), len(due) - len(shown)


def _mention_lines(plan: Plan) -> tuple[tuple[Line, ...], int]:
    from storage.mentions import matching_new

    found, total = matching_new(plan, MENTIONS_SHOWN)
    lines = tuple(
        Line(
            "mention",
            m.id,
            one_line(m.title or _("(no title)")),
            one_line(" · ".join(p for p in (m.feed_name, ", ".join(m.matches)) if p), 60),
            _day(m.published or m.first_seen),
            False,
            m.link,
        )
        for m in found[:MENTIONS_SHOWN]
    )
    return lines, max(total - len(lines), 0)


def _promise_line(promise: Promise) -> Line:
    item = promise.item
    return Line(
        "promise",
        item.id,
        one_line(item.title),
        ngettext(
            "{n} comment to leave elsewhere", "{n} comments to leave elsewhere", promise.left
        ).format(n=promise.left),
        _day(item.published_on or item.date),
        False,
        item.url,
    )


def _latest_promise_lines(plan: Plan) -> tuple[tuple[Line, ...], int]:
    from storage.calendar import latest_open_promises

    shown, total = latest_open_promises(plan, PROMISES_SHOWN)
    return tuple(_promise_line(p) for p in shown), total - len(shown)


def _mix(plan: Plan, today: date) -> str | None:
    from storage.guide import mix_warning

    return mix_warning(plan, today)


def build_checkin(plan: Plan, today: date) -> Checkin:
    """Everything the check-in shows on ``today``."""
    from storage.measure import days_since_last_snapshot

    missing: list[str] = []
    none: tuple[Line, ...] = ()
    no_phase: tuple[int | None, str, tuple[Line, ...], int] = (None, "", none, 0)
    no_warning: str | None = None
    content, more_content = _section(
        missing, "content", lambda: _content_lines(plan, today), (none, 0)
    )
    phase, phase_name, tasks, more_tasks = _section(
        missing, "tasks", lambda: _task_lines(plan, today), no_phase
    )
    mentions, more = _section(missing, "mentions", lambda: _mention_lines(plan), (none, 0))
    promises, more_promises = _section(
        missing, "promises", lambda: _latest_promise_lines(plan), (none, 0)
    )
    warning = _section(missing, "guide", lambda: _mix(plan, today), no_warning)
    return Checkin(
        today=today,
        content=content,
        more_content=more_content,
        phase=phase,
        phase_name=phase_name,
        tasks=tasks,
        more_tasks=more_tasks,
        mentions=mentions,
        more_mentions=more,
        promises=promises,
        more_promises=more_promises,
        mix_warning=warning,
        days_since_snapshot=days_since_last_snapshot(plan, today),
        unavailable=tuple(missing),
    )


# --- how it reads ------------------------------------------------------------------------------


def snapshot_phrase(days: int | None) -> str:
    """``Last metrics snapshot: 12 days ago`` (or that none was taken)."""
    if days is None:
        return _("No metrics snapshot yet: take one in Measure (6, then a).")
    if days == 0:
        return _("Last metrics snapshot: today.")
    return ngettext(
        "Last metrics snapshot: {n} day ago.", "Last metrics snapshot: {n} days ago.", days
    ).format(n=days)


def line_text(line: Line, today: date) -> str:
    """One line as the check-in prints it (without the bullet)."""
    parts = [line.title or _("(untitled)")]
    if line.kind == "content" and line.day:
        when = _("today") if line.day == today.isoformat() else _shown_day(line.day, today)
        parts.insert(0, when)
    if line.detail:
        parts.append(f"[{line.detail}]")
    if line.overdue:
        parts.append(_("overdue"))
    return "  ".join(parts)


def _shown_day(iso: str, today: date) -> str:
    try:
        return due_day(date.fromisoformat(iso), today)
    except ValueError:
        return iso


def sections(checkin: Checkin) -> list[tuple[str, tuple[Line, ...], str]]:
    """(heading, lines, note) of each section, in order; empty sections say so in the note."""
    phase = (
        _("Phase {n} · {name}").format(n=checkin.phase, name=checkin.phase_name)
        if checkin.phase
        else _("Phases")
    )
    found: list[tuple[str, tuple[Line, ...], str]] = [
        (
            _("Content due"),
            checkin.content,
            ngettext(
                "…and {n} older overdue (Calendar, 4).",
                "…and {n} older overdue (Calendar, 4).",
                checkin.more_content,
            ).format(n=checkin.more_content)
            if checkin.more_content
            else ("" if checkin.content else _("Nothing due or overdue.")),
        ),
        (
            phase,
            checkin.tasks,
            ngettext(
                "…and {n} older overdue (Phases, 2).",
                "…and {n} older overdue (Phases, 2).",
                checkin.more_tasks,
            ).format(n=checkin.more_tasks)
            if checkin.more_tasks
            else ("" if checkin.tasks else _("Every phase item is done.")),
        ),
        (
            _("New mentions matching your watch words"),
            checkin.mentions,
            ngettext("…and {n} more.", "…and {n} more.", checkin.more_mentions).format(
                n=checkin.more_mentions
            )
            if checkin.more_mentions
            else ("" if checkin.mentions else _("None new.")),
        ),
        (
            _("Open community promises"),
            checkin.promises,
            ngettext(
                "…and {n} older (Calendar, 4).",
                "…and {n} older (Calendar, 4).",
                checkin.more_promises,
            ).format(n=checkin.more_promises)
            if checkin.more_promises
            else ("" if checkin.promises else _("None open.")),
        ),
    ]
    keys = {"content": 0, "tasks": 1, "mentions": 2, "promises": 3}
    gone = {keys[name] for name in checkin.unavailable if name in keys}
    return [section for index, section in enumerate(found) if index not in gone]


def format_text(checkin: Checkin) -> str:
    """The check-in as plain text."""
    today = checkin.today
    out = [_("Check-in for {day}").format(day=long_day(today))]
    for heading, lines, note in sections(checkin):
        out.append("")
        out.append(f"{heading} ({len(lines)})" if lines else heading)
        marks = {True: "!", False: "-"}
        out.extend(f"  {marks[line.overdue]} {line_text(line, today)}" for line in lines)
        if note:
            out.append(f"  {note}")
    out.append("")
    if checkin.mix_warning:
        out.append(_("Guide: {warning}").format(warning=one_line(checkin.mix_warning)))
    out.append(snapshot_phrase(checkin.days_since_snapshot))
    return "\n".join(out)


def to_json(checkin: Checkin) -> dict[str, Any]:
    """The check-in as a JSON document (``socialplan checkin --json``)."""

    def lines(found: Iterable[Line]) -> list[dict[str, Any]]:
        return [line.to_json() for line in found]

    return {
        "date": checkin.today.isoformat(),
        "content": lines(checkin.content),
        "more_content": checkin.more_content,
        "phase": checkin.phase,
        "phase_name": checkin.phase_name,
        "tasks": lines(checkin.tasks),
        "more_tasks": checkin.more_tasks,
        "mentions": lines(checkin.mentions),
        "more_mentions": checkin.more_mentions,
        "promises": lines(checkin.promises),
        "more_promises": checkin.more_promises,
        "mix_warning": checkin.mix_warning,
        "days_since_snapshot": checkin.days_since_snapshot,
        "unavailable": list(checkin.unavailable),
    }
