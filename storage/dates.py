"""Dates as people type them and as they read them, in English and in French.

Accepted in either language: ``today``, ``tomorrow``, ``yesterday`` and ``aujourd'hui``,
``demain``, ``après-demain``, ``hier``, ``avant-hier``; weekday names (``fri``, ``friday``,
``vendredi``: the coming one, today included; ``next friday``, ``vendredi prochain``: strictly
after today); offsets ``+3d``/``+3j``, ``-2w``/``-2s``, ``+1m``, ``+1y``/``+1a``; French day and
month (``3 décembre``, ``1er déc. 2026``, accents optional); and every form ``dateutil.parser``
understands (``2026-12-01``, ``1 Dec 2026``, ``Dec 1``). ``3/12`` is the 3rd of December when the
language is French, March 12th in English.

Shown: :func:`long_day`, :func:`short_day`, :func:`day_month`, :func:`month_year` and
:func:`month_abbr` give English as ``strftime`` writes it, and French from Babel's CLDR data
(``jeudi 26 novembre 2026``); :func:`number` writes ``1,500`` or ``1 500``.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import date, datetime, time, timedelta

from storage.errors import DateError
from storage.i18n import _, language
from storage.text import fold

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
_WEEKDAYS.update(
    {
        name: index
        for index, name in enumerate(
            ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
        )
    }
)
_WEEKDAYS_FR_SHORT = {"lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6}
"""French weekday abbreviations (``sam.``, ``mar``), in French only: in English ``mar`` is March."""
_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmyjsa])$")
_UNITS = {"j": "d", "s": "w", "a": "y"}
"""French offset units (jours, semaines, années) as the English ones."""
_WORDS = {
    "today": 0, "tomorrow": 1, "yesterday": -1,
    "aujourd'hui": 0, "aujourdhui": 0, "auj": 0, "demain": 1, "hier": -1,
    "apres-demain": 2, "apres demain": 2, "avant-hier": -2, "avant hier": -2,
}  # fmt: skip
_MONTHS_FR = {
    name: number
    for number, names in enumerate(
        [
            ("janvier", "janv", "jan"),
            ("fevrier", "fevr", "fev"),
            ("mars",),
            ("avril", "avr"),
            ("mai",),
            ("juin",),
            ("juillet", "juil"),
            ("aout",),
            ("septembre", "sept", "sep"),
            ("octobre", "oct"),
            ("novembre", "nov"),
            ("decembre", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DAY_MONTH_FR = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_YEAR_FIRST = re.compile(r"^\d{4}(?:\D|\d{4}$)")
"""A year leads (``2026-12-03``, ``2026/12/03``, ``20261203``): read year, month, day."""


def _plain(text: str) -> str:
    """Lower case, accents off, typographic apostrophes straight (how French words are matched)."""
    return fold(text.replace("\u2019", "'").replace("\u02bc", "'"))


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
    lowered = _plain(raw)
    if not lowered:
        raise DateError(_("no date given (try 2026-12-01, tomorrow, friday or +3d)"))
    if lowered in _WORDS:
        return today + timedelta(days=_WORDS[lowered])
    strict = lowered.startswith("next ") or lowered.endswith(" prochain")
    name = lowered.removeprefix("next ").removesuffix(" prochain").strip().removesuffix(".")
    weekdays = {**_WEEKDAYS, **_WEEKDAYS_FR_SHORT} if language() == "fr" else _WEEKDAYS
    if name in weekdays:
        ahead = (weekdays[name] - today.weekday()) % 7
        if strict and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    match = _OFFSET.match(lowered)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        amount = sign * int(match.group(2))
        unit = _UNITS.get(match.group(3), match.group(3))
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
    french = _DAY_MONTH_FR.match(lowered)
    if french and french.group(2) in _MONTHS_FR:
        year = int(french.group(3)) if french.group(3) else today.year
        try:
            return date(year, _MONTHS_FR[french.group(2)], int(french.group(1)))
        except ValueError:
            raise DateError(_("not a date: {text!r}").format(text=raw)) from None
    try:
        from dateutil import parser

        # Day first in French (3/12 is 3 December), but never when a year of four digits leads:
        # dateutil would read 2026-12-03, the form every hint suggests, as 12 March.
        dayfirst = language() == "fr" and not _YEAR_FIRST.match(raw)
        parsed = parser.parse(raw, default=datetime.combine(today, time()), dayfirst=dayfirst)
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


# -- how dates and numbers read ---------------------------------------------------------------


def _babel(day: date, pattern: str) -> str:
    from babel.dates import format_date  # only in French: English start-up never loads CLDR data

    return str(format_date(day, pattern, locale="fr_FR"))


def long_day(day: date) -> str:
    """``Thursday 26 November 2026`` / ``jeudi 26 novembre 2026``."""
    return _babel(day, "EEEE d MMMM y") if language() == "fr" else day.strftime("%A %d %B %Y")


def short_day(day: date) -> str:
    """``Thu 26 Nov 2026`` / ``jeu. 26 nov. 2026``."""
    return _babel(day, "EEE d MMM y") if language() == "fr" else day.strftime("%a %d %b %Y")


def day_month(day: date, year: bool = False) -> str:
    """``26 Nov`` / ``26 nov.`` (with the year when asked)."""
    if language() == "fr":
        return _babel(day, "d MMM y" if year else "d MMM")
    return day.strftime("%d %b %Y" if year else "%d %b")


def due_day(day: date, today: date) -> str:
    """A date in a line of text: ``2026-11-24`` in English (as typed and as scripts read it),
    ``24 nov.`` in French (with the year when it is not this year's)."""
    if language() == "fr":
        return day_month(day, year=day.year != today.year)
    return day.isoformat()


def month_year(day: date) -> str:
    """``November 2026`` / ``novembre 2026``."""
    return _babel(day, "MMMM y") if language() == "fr" else day.strftime("%B %Y")


def month_abbr(day: date) -> str:
    """``Nov`` / ``nov.`` (chart axes)."""
    return _babel(day, "MMM") if language() == "fr" else day.strftime("%b")


def number(value: float, decimals: int = 0) -> str:
    """``1,500`` / ``1 500`` (a no-break space groups thousands in French)."""
    text = f"{value:,.{decimals}f}"
    if language() == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text
