"""The ICS export parsed back with icalendar: count, dates, UIDs, recurrence, skipped days."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from storage.calendar import ics
from storage.calendar import occurrences as content


def _events(plan, tmp_path) -> dict[str, object]:
    target = tmp_path / "out.ics"
    count = ics.export_ics(plan, target)
    cal = Calendar.from_ical(target.read_bytes())
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert len(events) == count
    return events


def test_export_reads_back_with_dates_times_and_text(plan, tmp_path) -> None:
    plan.update_settings(timezone="Europe/Paris")
    content.add_content(plan, "Post; with, commas", date(2026, 12, 1), channel="blog",
                        notes="first line\nsecond [b]line[/b]")
    content.add_content(plan, "Live talk", date(2026, 12, 3), time="18:30", kind="event",
                        channel="youtube", status="scheduled")
    content.add_content(plan, "Backlog idea")
    events = _events(plan, tmp_path)
    assert set(events) == {"Post; with, commas", "Live talk"}
    post = events["Post; with, commas"]
    assert post.decoded("dtstart") == date(2026, 12, 1)
    assert "second [b]line[/b]" in str(post["description"])
    assert "Channel: blog" in str(post["description"])
    assert "Status: draft" in str(post["description"])
    assert [str(c) for c in post["categories"].cats] == ["article", "blog", "draft"]
    talk = events["Live talk"]
    start = talk.decoded("dtstart")
    assert start == datetime(2026, 12, 3, 18, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert talk["dtstart"].params["TZID"] == "Europe/Paris"


def test_uids_are_unique_and_stable_across_exports(plan, tmp_path) -> None:
    for n in range(3):
        content.add_content(plan, f"Post {n}", date(2026, 12, 1 + n))
    first = {str(e["uid"]) for e in _events(plan, tmp_path).values()}
    content.add_content(plan, "Later", date(2026, 12, 9))
    second = {str(e["uid"]) for e in _events(plan, tmp_path).values()}
    assert len(first) == 3 and first < second


def test_series_carry_rrule_and_skipped_days_as_exdate(plan, tmp_path) -> None:
    series = content.add_content(plan, "Roundup", date(2026, 11, 2),
                                 rrule="first monday of the month")
    content.skip_occurrence(plan, series.id, date(2026, 12, 7))
    content.change_occurrence(plan, series.id, date(2027, 1, 4), title="New year roundup",
                              date=date(2027, 1, 5))
    events = _events(plan, tmp_path)
    roundup = events["Roundup"]
    assert roundup["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=1MO"
    groups = roundup["exdate"] if isinstance(roundup["exdate"], list) else [roundup["exdate"]]
    exdates = sorted(d.dt for group in groups for d in group.dts)
    assert exdates == [date(2026, 12, 7), date(2027, 1, 4)]
    moved = events["New year roundup"]
    assert moved.decoded("dtstart") == date(2027, 1, 5)
    assert "rrule" not in moved
    assert str(moved["uid"]) != str(roundup["uid"])


def test_a_damaged_stored_rule_still_exports_a_valid_file(plan, tmp_path) -> None:
    plan.table("content").insert({"title": "Odd", "date": "2026-12-01", "rrule": "FREQ=NEVER"})
    events = _events(plan, tmp_path)
    assert "rrule" not in events["Odd"]
    assert events["Odd"].decoded("dtstart") == date(2026, 12, 1)
