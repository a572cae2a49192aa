"""Repeat rules: typed forms, RRULE text, expansion over a range only, words back."""

from __future__ import annotations

from datetime import date

import pytest

from storage.calendar.recurrence import describe_rule, next_occurrence, occurrences, parse_rule
from storage.errors import InputError


@pytest.mark.parametrize(
    ("typed", "rule", "words"),
    [
        ("weekly", "FREQ=WEEKLY", "every week"),
        ("Every Tuesday", "FREQ=WEEKLY;BYDAY=TU", "every Tuesday"),
        ("first monday of the month", "FREQ=MONTHLY;BYDAY=1MO", "first Monday of the month"),
        ("last friday of the month", "FREQ=MONTHLY;BYDAY=-1FR", "last Friday of the month"),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("every mon, wed", "FREQ=WEEKLY;BYDAY=MO,WE", "every Monday, Wednesday"),
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=MONTHLY;BYMONTHDAY=15",
         "FREQ=MONTHLY;BYMONTHDAY=15"),
    ],
)
def test_typed_rules_become_rrule_text_and_read_back(typed, rule, words) -> None:
    assert parse_rule(typed) == rule
    assert describe_rule(rule) == words


def test_empty_means_no_repeat_and_nonsense_is_refused() -> None:
    assert parse_rule("") is None
    assert parse_rule("never") is None
    with pytest.raises(InputError, match="every tuesday"):
        parse_rule("whenever I feel like it")
    for bad in ("FREQ=SOMETIMES", "FREQ=DAILY\nRRULE:FREQ=WEEKLY", "DTSTART:20200101 FREQ=DAILY"):
        with pytest.raises(InputError):
            parse_rule(bad)
    # a damaged stored rule shows nothing rather than failing
    assert occurrences("FREQ=DAILY\nRRULE:FREQ=WEEKLY", date(2026, 1, 1), date(2026, 1, 1),
                       date(2026, 1, 9)) == []


def test_expansion_covers_only_the_range_asked() -> None:
    rule = parse_rule("first monday of the month")
    assert rule
    days = occurrences(rule, date(2020, 1, 6), date(2026, 11, 1), date(2027, 1, 31))
    assert days == [date(2026, 11, 2), date(2026, 12, 7), date(2027, 1, 4)]
    assert occurrences(rule, date(2027, 1, 1), date(2026, 1, 1), date(2026, 12, 31)) == []
    assert next_occurrence(rule, date(2020, 1, 6), date(2026, 11, 2)) == date(2026, 12, 7)
    with_end = "FREQ=WEEKLY;COUNT=2"
    assert occurrences(with_end, date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 1)) == [
        date(2026, 1, 1),
        date(2026, 1, 8),
    ]


def test_a_long_series_shows_the_same_days_as_expanding_it_from_its_first_day() -> None:
    """Daily and weekly series are expanded from near the range asked, not from years back:
    every kind of rule must still give exactly the days a full expansion gives."""
    import random
    from datetime import datetime, timedelta

    from dateutil.rrule import rrulestr

    rules = [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=DAILY;BYDAY=MO,WE",
        "FREQ=DAILY;BYMONTHDAY=1,15",
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,FR",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;WKST=SU",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261001T000000",
        "FREQ=WEEKLY;COUNT=40",
        "FREQ=MONTHLY;BYDAY=-1FR",
    ]
    rng = random.Random(8)
    for rule in rules:
        for _ in range(25):
            first = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
            start = first + timedelta(days=rng.randrange(-20, 1200))
            end = start + timedelta(days=rng.randrange(0, 45))
            full = rrulestr(rule, dtstart=datetime.combine(first, datetime.min.time()))
            low = datetime.combine(max(start, first), datetime.min.time())
            high = datetime.combine(end, datetime.min.time())
            expected = [m.date() for m in full.between(low, high, inc=True)] if end >= first else []
            assert occurrences(rule, first, start, end) == expected, (rule, first, start, end)
            after = full.after(datetime.combine(start, datetime.min.time()))
            assert next_occurrence(rule, first, start) == (after.date() if after else None)
