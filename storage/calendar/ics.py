"""The content calendar as an RFC 5545 iCalendar file (calcurse, khal, any calendar app).

One VEVENT per dated item, with a UID that stays the same from one export to the next (item id
plus the data file's creation day). An item without a time is a whole-day event (DTSTART as a
DATE); with a time, DTSTART is a DATE-TIME in the plan's time zone (the ``timezone`` setting, else
the system's) with its VTIMEZONE. A series carries its RRULE, and EXDATE for the days skipped. A
day of a series changed alone is exported as the series' EXDATE plus an event of its own (with its
own stable UID): calcurse ignores RECURRENCE-ID, and this reads the same everywhere.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, vRecur

from storage.calendar.occurrences import Occurrence, list_content, occurrence_at
from storage.calendar.recurrence import parse_rule
from storage.datafile import export_file
from storage.errors import InputError

if TYPE_CHECKING:
    from storage.datafile import Plan

PRODID = "-//socialplan//content calendar//EN"
"""Who wrote the file."""


def local_zone_name() -> str:
    """The system's IANA time zone name (``TZ``, ``/etc/timezone``, ``/etc/localtime``), or UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and _zone(name) is not None:
            return name
    return "UTC"


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def plan_zone(plan: Plan) -> ZoneInfo:
    """The plan's time zone: the ``timezone`` setting when valid, else the system's."""
    setting = str(plan.settings().get("timezone") or "")
    return _zone(setting) or _zone(local_zone_name()) or ZoneInfo("UTC")


def uid_for(plan: Plan, item_id: int, day: date | None = None) -> str:
    """A UID that stays the same across exports (``day``: a day of a series changed alone)."""
    created = str(plan.get_single("meta").get("created") or "0").replace("-", "")
    suffix = f"-{day:%Y%m%d}" if day else ""
    return f"socialplan-{created}-content-{item_id}{suffix}@socialplan.invalid"


def _when(day: date, at: str | None, zone: ZoneInfo) -> date | datetime:
    if not at:
        return day
    hour, minute = (int(p) for p in at.split(":", 1))
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def _description(occ: Occurrence) -> str:
    item = occ.item
    lines = [occ.notes] if occ.notes else []
    lines.append(f"Channel: {item.channel or '-'}")
    lines.append(f"Pillar: {item.pillar or '-'}")
    lines.append(f"Kind: {item.kind}")
    lines.append(f"Status: {occ.status}")
    if occ.url:
        lines.append(f"URL: {occ.url}")
    return "\n".join(lines)


def _event(uid: str, occ: Occurrence, zone: ZoneInfo, stamp: datetime) -> Event:
    """A VEVENT for one occurrence (a series' first occurrence stands for the series)."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    start = _when(occ.day, occ.time, zone)
    event.add("dtstart", start)
    if isinstance(start, datetime):
        event.add("dtend", start + timedelta(hours=1))
    else:
        event.add("dtend", occ.day + timedelta(days=1))
    event.add("summary", occ.title)
    event.add("description", _description(occ))
    item = occ.item
    event.add("categories", [c for c in (item.kind, item.channel, item.pillar, occ.status) if c])
    if occ.url:
        event.add("url", occ.url)
    return event


def build_calendar(plan: Plan, stamp: datetime | None = None) -> Calendar:
    """The iCalendar object of every dated item (ideas without a date are left out)."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    zone = plan_zone(plan)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "socialplan")
    for item in list_content(plan):
        if item.date is None:
            continue
        series = Occurrence(item, item.date, None, item.title, item.time, item.status,
                            item.notes, item.url)  # fmt: skip
        event = _event(uid_for(plan, item.id), series, zone, stamp)
        cal.add_component(event)
        if not item.recurring or not item.rrule:
            continue
        try:
            parse_rule(item.rrule)
            event.add("rrule", vRecur.from_ical(item.rrule))
        except (InputError, ValueError):
            continue  # a damaged stored rule: the first day alone, rather than a broken file
        changed = [d for d in (_iso(k) for k in item.overrides) if d and d not in item.skipped]
        for day in sorted({*item.skipped, *changed}):
            event.add("exdate", _when(day, item.time, zone))
        for key in sorted(changed):
            cal.add_component(_event(uid_for(plan, item.id, key), occurrence_at(item, key),
                                     zone, stamp))  # fmt: skip
    cal.add_missing_timezones()
    return cal


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def export_ics(plan: Plan, path: Path | str) -> int:
    """Write the calendar file atomically; return the number of events written."""
    cal = build_calendar(plan)
    export_file(path, cal.to_ical())
    return sum(1 for _ in cal.walk("VEVENT"))
