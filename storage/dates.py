"""Dates as people type them: ISO or anything python-dateutil reads, plus a few words.

Accepted: ``today``, ``tomorrow``, ``yesterday``; weekday names (``fri``, ``friday``: the coming
one, today included; ``next friday``: strictly after today); offsets ``+3d``, ``-2w``, ``+1m``,
``+1y``; and every form ``dateutil.parser`` understands (``2026-12-01``, ``1 Dec 2026``,
``Dec 1``).
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import date, datetime, time, timedelta

from storage.errors import DateError
from storage.i18n import _

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmy])$")
_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}


def _add_months(day: date, months: int) -> date:
    from dateutil.relativedelta import relativedelta

    result: date = day + relativedelta(months=months)
    return result


TODAY_VAR = "SOCIALPLAN_TODAY"
"""Environment variable that fixes "today" (ISO date) for demos, screenshots and tests."""


def today() -> date:
    """Today's date, or the one fixed by ``$SOCIALPLAN_TODAY``."""
    fixed = os.environ.get(TODAY_VAR)
    if fixed:
        with contextlib.suppress(ValueError):
            return date.fromisoformat(fixed)
    return date.today()


current_day = today
"""Alias of :func:`today` for functions whose parameter is called ``today``."""


def parse_date(text: str, today: date | None = None) -> date:
    """Turn what a user typed into a date.

    Raises:
        DateError: with a message naming the text, when it is not a date.
    """
    today = today or current_day()
    raw = text.strip()
    lowered = raw.lower()
    if not lowered:
        raise DateError(_("no date given (try 2026-12-01, tomorrow, friday or +3d)"))
    if lowered in _WORDS:
        return today + timedelta(days=_WORDS[lowered])
    strict = lowered.startswith("next ")
    name = lowered[5:].strip() if strict else lowered
    if name in _WEEKDAYS:
        ahead = (_WEEKDAYS[name] - today.weekday()) % 7
        if strict and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    match = _OFFSET.match(lowered)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        amount = sign * int(match.group(2))
        unit = match.group(3)
        try:
            if unit == "d":
                return today + timedelta(days=amount)
            if unit == "w":
                return today + timedelta(weeks=amount)
            return _add_months(today, amount if unit == "m" else amount * 12)
        except (ValueError, OverflowError):  # "+9999y": past the year 9999
            raise DateError(
                _("not a date: {text!r} (the year must be from 1 to 9999)").format(text=raw)
            ) from None
    if len(raw) > 64:
        raise DateError(_("not a date: {text!r}").format(text=raw[:64] + "…"))
    try:
        from dateutil import parser

        parsed = parser.parse(raw, default=datetime.combine(today, time()))
    except (ValueError, ArithmeticError) as error:  # dateutil: decimal errors on huge numbers
        raise DateError(
            _("not a date: {text!r} (try 2026-12-01, tomorrow, friday or +3d)").format(text=raw)
        ) from error
    day: date = parsed.date()
    return day


def parse_time(text: str) -> str:
    """Normalise a typed time (``9``, ``9:30``, ``21h15``) to ``HH:MM``.

    Raises:
        DateError: when it is not a time of day.
    """
    match = re.match(r"^\s*(\d{1,2})(?:\s*[:hH.]\s*(\d{2}))?\s*$", text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise DateError(_("not a time of day: {text!r} (try 9:30 or 21:00)").format(text=text.strip()))


def iso(day: date | None) -> str | None:
    """ISO text of a date, or None."""
    return day.isoformat() if day else None


def from_iso(text: str | None) -> date | None:
    """Date from stored ISO text (None stays None; a bad value becomes None)."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
