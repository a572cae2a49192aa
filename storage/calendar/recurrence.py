"""Repeating content: rules as people say them, stored as RFC 5545 RRULE text.

A rule is stored as the RRULE value (``FREQ=WEEKLY;BYDAY=TU``) and expanded with python-dateutil's
``rrule``, only over the range asked for: a calendar never materialises every occurrence of all
time. Typed forms accepted by :func:`parse_rule`:

- ``daily``, ``weekly``, ``monthly``, ``yearly`` (optionally ``every 2 weeks`` and the like);
- ``every tuesday``, ``every mon, wed``; ``every weekday``;
- ``first monday of the month``, ``last friday of the month`` (``second``, ``third``, ``fourth``);
- any RRULE text, with or without the ``RRULE:`` prefix.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.rrule import rrule, rrulestr

from storage.errors import InputError
from storage.i18n import _
from storage.text import fold

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = {
    "mon": "MO", "monday": "MO", "mondays": "MO",
    "tue": "TU", "tues": "TU", "tuesday": "TU", "tuesdays": "TU",
    "wed": "WE", "wednesday": "WE", "wednesdays": "WE",
    "thu": "TH", "thur": "TH", "thurs": "TH", "thursday": "TH", "thursdays": "TH",
    "fri": "FR", "friday": "FR", "fridays": "FR",
    "sat": "SA", "saturday": "SA", "saturdays": "SA",
    "sun": "SU", "sunday": "SU", "sundays": "SU",
}  # fmt: skip
_DAY_NAMES.update({
    "lun": "MO", "lundi": "MO", "lundis": "MO",
    "mar": "TU", "mardi": "TU", "mardis": "TU",
    "mer": "WE", "mercredi": "WE", "mercredis": "WE",
    "jeu": "TH", "jeudi": "TH", "jeudis": "TH",
    "ven": "FR", "vendredi": "FR", "vendredis": "FR",
    "sam": "SA", "samedi": "SA", "samedis": "SA",
    "dim": "SU", "dimanche": "SU", "dimanches": "SU",
})  # fmt: skip


def _full(code: str) -> str:
    """A weekday's name in the language in use."""
    return {
        "MO": _("Monday"), "TU": _("Tuesday"), "WE": _("Wednesday"), "TH": _("Thursday"),
        "FR": _("Friday"), "SA": _("Saturday"), "SU": _("Sunday"),
    }[code]  # fmt: skip


_FULL = dict.fromkeys(_DAYS, "")
"""The weekday codes a description can name (their names come from :func:`_full`)."""
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": -1,
    "premier": 1, "1er": 1, "deuxieme": 2, "2e": 2, "troisieme": 3, "3e": 3,
    "quatrieme": 4, "4e": 4, "dernier": -1,
}  # fmt: skip


def _ordinal_name(n: int) -> str:
    return {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), -1: _("last")}[n]


_ORDINAL_NAMES = dict.fromkeys((1, 2, 3, 4, -1), "")
"""The ordinals a description can name (their words come from :func:`_ordinal_name`)."""
_FREQS = {
    "day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY",
    "jour": "DAILY", "semaine": "WEEKLY", "mois": "MONTHLY", "an": "YEARLY", "annee": "YEARLY",
}  # fmt: skip
_SIMPLE = {
    "daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY",
    "annually": "YEARLY",
    "quotidien": "DAILY", "chaque jour": "DAILY", "tous les jours": "DAILY",
    "hebdomadaire": "WEEKLY", "chaque semaine": "WEEKLY", "toutes les semaines": "WEEKLY",
    "mensuel": "MONTHLY", "chaque mois": "MONTHLY", "tous les mois": "MONTHLY",
    "annuel": "YEARLY", "chaque annee": "YEARLY", "tous les ans": "YEARLY",
}  # fmt: skip
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def _every(freq: str, interval: int) -> str:
    """``every week``, ``every 2 weeks``… in the language in use (French needs the gender)."""
    if interval == 1:
        return {"DAILY": _("every day"), "WEEKLY": _("every week"),
                "MONTHLY": _("every month"), "YEARLY": _("every year")}[freq]  # fmt: skip
    return {"DAILY": _("every {n} days"), "WEEKLY": _("every {n} weeks"),
            "MONTHLY": _("every {n} months"), "YEARLY": _("every {n} years")}[freq].format(
        n=interval
    )  # fmt: skip


def _bad(text: str) -> InputError:
    examples = _("weekly, every tuesday, first monday of the month") + ", FREQ=WEEKLY;BYDAY=FR"
    return InputError(
        _("not a repeat rule: {text!r} (try {examples})").format(text=text, examples=examples)
    )


def _days(words: str) -> list[str] | None:
    parts = [p for p in re.split(r"[\s,]+|\band\b|\bet\b", words) if p]
    if parts in (["weekday"], ["weekdays"], ["jour", "de", "semaine"], ["jours", "de", "semaine"]):
        return list(_DAYS[:5])
    days = [_DAY_NAMES.get(p) for p in parts]
    if not days or any(d is None for d in days):
        return None
    return [d for d in _DAYS if d in days]


def _from_words(lowered: str) -> str | None:
    lowered = fold(lowered)
    if lowered in _SIMPLE:
        return f"FREQ={_SIMPLE[lowered]}"
    french = _from_french(lowered)
    if french:
        return french
    match = re.fullmatch(r"every\s+(?:(\d{1,3})\s+)?(day|week|month|year)s?", lowered)
    if match:
        interval = int(match.group(1) or 1)
        rule = f"FREQ={_FREQS[match.group(2)]}"
        return rule if interval == 1 else f"{rule};INTERVAL={interval}"
    match = re.fullmatch(r"(?:every|each)\s+(?:(other)\s+)?(.+)", lowered)
    if match:
        days = _days(match.group(2))
        if days:
            rule = f"FREQ=WEEKLY;BYDAY={','.join(days)}"
            return f"{rule};INTERVAL=2" if match.group(1) else rule
    match = re.fullmatch(
        r"(?:the\s+|every\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(\w+)"
        r"(?:\s+(?:of|in)\s+(?:the|each|every)\s+month)?",
        lowered,
    )
    if match:
        day = _DAY_NAMES.get(match.group(2))
        if day:
            return f"FREQ=MONTHLY;BYDAY={_ORDINALS[match.group(1)]}{day}"
    return None


def _from_french(lowered: str) -> str | None:
    """``tous les 2 mois``, ``chaque mardi``, ``un vendredi sur deux``, ``premier lundi du mois``."""
    match = re.fullmatch(
        r"(?:tous|toutes) les\s+(\d{1,3})\s+(jour|semaine|mois|an|annee)s?", lowered
    )
    if match:
        rule = f"FREQ={_FREQS[match.group(2)]}"
        interval = int(match.group(1))
        return rule if interval == 1 else f"{rule};INTERVAL={interval}"
    if lowered in ("en semaine", "les jours de semaine", "chaque jour de semaine"):
        return f"FREQ=WEEKLY;BYDAY={','.join(_DAYS[:5])}"
    match = re.fullmatch(r"un\s+(\w+)\s+sur\s+(?:deux|2)", lowered)
    if match and match.group(1) in _DAY_NAMES:
        return f"FREQ=WEEKLY;BYDAY={_DAY_NAMES[match.group(1)]};INTERVAL=2"
    match = re.fullmatch(r"(?:chaque|tous les|toutes les|le|les|en)\s+(.+)", lowered)
    if match:
        days = _days(match.group(1))
        if days:
            return f"FREQ=WEEKLY;BYDAY={','.join(days)}"
    match = re.fullmatch(
        r"(?:le\s+|chaque\s+)?(premier|1er|deuxieme|2e|second|troisieme|3e|quatrieme|4e|dernier)"
        r"\s+(\w+)(?:\s+(?:du|de chaque|de chaque)\s+mois)?",
        lowered,
    )
    if match and match.group(2) in _DAY_NAMES:
        return f"FREQ=MONTHLY;BYDAY={_ORDINALS[match.group(1)]}{_DAY_NAMES[match.group(2)]}"
    return None


def parse_rule(text: str) -> str | None:
    """Turn a typed repeat rule into RRULE text; empty text means "does not repeat" (None).

    Raises:
        InputError: naming the text, when it is not a rule.
    """
    raw = " ".join(text.split())
    if not raw or raw.lower() in {"no", "none", "never", "once"}:
        return None
    lowered = raw.lower()
    rule = _from_words(lowered)
    if rule is None:
        candidate = raw[6:] if raw.upper().startswith("RRULE:") else raw
        candidate = candidate.upper().replace(" ", "")
        if "FREQ=" not in candidate:
            raise _bad(raw)
        rule = candidate
    if any(c in rule for c in ":\n\r"):  # one RRULE value only, no DTSTART or sets
        raise _bad(raw)
    try:
        built = rrulestr(rule, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
        raise _bad(raw) from error
    if not isinstance(built, rrule):
        raise _bad(raw)
    return rule


@lru_cache(maxsize=1024)
def _build(rule: str, dtstart: date) -> rrule:
    """The rule as a dateutil ``rrule``, kept (with its generated days cached) for reuse."""
    built = rrulestr(rule, dtstart=datetime.combine(dtstart, time()), cache=True)
    if not isinstance(built, rrule):
        raise ValueError(rule)
    return built


_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7}


def _anchor(rule: str, dtstart: date, start: date) -> date:
    """A later first day for the series that gives the same days from ``start`` on.

    A daily or weekly rule without COUNT repeats every INTERVAL days or weeks, so its expansion
    may begin at the last whole period before ``start`` instead of the series' first day: what
    shows today costs the same for a series begun three years ago as for one begun last week.
    (Monthly and yearly series have few days to step through; COUNT counts from the first day.)
    """
    if start <= dtstart:
        return dtstart
    parts = rule_parts(rule)
    period = _PERIOD_DAYS.get(parts.get("FREQ", ""))
    interval = parts.get("INTERVAL", "1")
    if period is None or "COUNT" in parts or not interval.isdigit() or int(interval) < 1:
        return dtstart
    step = period * int(interval)
    return dtstart + timedelta(days=(start - dtstart).days // step * step)


def occurrences(rule: str, dtstart: date, start: date, end: date) -> list[date]:
    """The days a rule falls on from ``start`` to ``end`` (both included), series from ``dtstart``.

    Only the asked range is expanded. A damaged rule yields no occurrences (never an exception).
    """
    if end < start or end < dtstart:
        return []
    try:
        built = _build(rule, _anchor(rule, dtstart, start))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return []
    low = datetime.combine(max(start, dtstart), time())
    high = datetime.combine(end, time())
    return [moment.date() for moment in built.between(low, high, inc=True)]


def is_occurrence(rule: str, dtstart: date, day: date) -> bool:
    """True when ``day`` is one of the rule's days."""
    return day in occurrences(rule, dtstart, day, day)


def next_occurrence(rule: str, dtstart: date, after: date) -> date | None:
    """The first day of the series strictly after ``after`` (None when the series ended)."""
    try:
        built = _build(rule, _anchor(rule, dtstart, after))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    found = built.after(datetime.combine(after, time()), inc=False)
    return found.date() if found else None


def rule_parts(rule: str) -> dict[str, str]:
    """The ``NAME=value`` parts of RRULE text (for the ICS export and descriptions)."""
    parts: dict[str, str] = {}
    for piece in rule.split(";"):
        if "=" in piece:
            name, value = piece.split("=", 1)
            parts[name.strip().upper()] = value.strip()
    return parts


def describe_rule(rule: str | None) -> str:
    """A rule in words ("every Tuesday", "first Monday of the month", "every 2 weeks")."""
    if not rule:
        return _("does not repeat")
    parts = rule_parts(rule)
    freq = parts.get("FREQ", "")
    interval = int(parts.get("INTERVAL", "1") or 1) if parts.get("INTERVAL", "1").isdigit() else 1
    byday = [d for d in parts.get("BYDAY", "").split(",") if d]
    extra = set(parts) - {"FREQ", "INTERVAL", "BYDAY", "WKST"}
    if extra or freq not in _UNITS:
        return rule
    if freq == "WEEKLY" and byday and all(d in _FULL for d in byday):
        names = ", ".join(_full(d) for d in byday)
        if byday == list(_DAYS[:5]):
            names = _("weekday")
        if interval == 2:
            return _("every other {days}").format(days=names)
        if interval == 1:
            return _("every {days}").format(days=names)
    if freq == "MONTHLY" and len(byday) == 1 and interval == 1:
        match = re.fullmatch(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)", byday[0])
        if match and int(match.group(1)) in _ORDINAL_NAMES:
            return _("{ordinal} {day} of the month").format(
                ordinal=_ordinal_name(int(match.group(1))), day=_full(match.group(2))
            )
    if byday:
        return rule
    return _every(freq, interval)
