"""Dates as a blogger types them."""

from __future__ import annotations

from datetime import date

import pytest

from storage.dates import parse_date, parse_time
from storage.errors import DateError

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 27)),
        ("yesterday", date(2026, 11, 25)),
        ("thursday", TODAY),
        ("next thursday", date(2026, 12, 3)),
        ("fri", date(2026, 11, 27)),
        ("monday", date(2026, 11, 30)),
        ("+3d", date(2026, 11, 29)),
        ("-1w", date(2026, 11, 19)),
        ("+1m", date(2026, 12, 26)),
        ("+1y", date(2027, 11, 26)),
        ("2026-12-01", date(2026, 12, 1)),
        ("1 Dec 2026", date(2026, 12, 1)),
        ("Dec 24", date(2026, 12, 24)),
    ],
)
def test_good_dates(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["", "someday", "2026-13-45", "+3q", "32/32/2026", "x" * 500])
def test_bad_dates_get_a_message(typed: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(typed, TODAY)
    assert str(raised.value)


def test_times() -> None:
    assert parse_time("9") == "09:00"
    assert parse_time("21h15") == "21:15"
    with pytest.raises(DateError):
        parse_time("25:00")


@pytest.mark.parametrize("typed", ["+9999y", "-9999y", "10000000000000000000000000000M"])
def test_dates_past_the_calendar_or_huge_numbers_are_a_date_error(typed: str) -> None:
    """Found by the dates property: a ValueError and dateutil's decimal.InvalidOperation leaked."""
    with pytest.raises(DateError) as raised:
        parse_date(typed, TODAY)
    assert str(raised.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2026-12-03", date(2026, 12, 3)), ("2027-01-05", date(2027, 1, 5)),
     ("2026/12/03", date(2026, 12, 3)), ("20261203", date(2026, 12, 3)),
     ("3/12", date(2026, 12, 3)), ("03/12/2026", date(2026, 12, 3))],
)
def test_in_french_a_leading_year_is_still_year_month_day(typed: str, expected: date) -> None:
    """Day first in French must not turn the ISO date every hint suggests into another day."""
    from storage import i18n

    i18n.set_language("fr")
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "weekday"),
    [("mar", 1), ("mar.", 1), ("sam.", 5), ("Dim", 6), ("ven. prochain", 4), ("lun", 0)],
)
def test_french_weekday_abbreviations_are_weekdays_in_french(typed: str, weekday: int) -> None:
    """A francophone types "mar" for mardi (mars is March) and writes "sam." with its dot."""
    from storage import i18n

    i18n.set_language("fr")
    found = parse_date(typed, TODAY)
    assert found.weekday() == weekday and TODAY <= found <= date.fromordinal(TODAY.toordinal() + 7)


def test_in_english_mar_is_still_march() -> None:
    assert parse_date("mar 3", TODAY) == date(2026, 3, 3)
