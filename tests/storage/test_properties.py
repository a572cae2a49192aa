"""Properties of what socialplan reads and writes, for any input Hypothesis can think of.

Dates as typed never fail other than with the documented error; the guide's Markdown, the metrics
CSV, OPML and ICS give back what was written. ``make fuzz`` runs these with many more examples.
"""

from __future__ import annotations

import string
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from icalendar import Calendar

from storage.calendar import edits, ics
from storage.dates import parse_date, parse_time
from storage.errors import DateError, InputError
from storage.guide.editorial import Guide, Pillar
from storage.guide.markdown import export_markdown, parse_markdown
from storage.measure.csvfile import parse_csv, to_csv
from storage.measure.records import Snapshot, check_snapshot
from storage.mentions.feeds import clean_tag
from storage.mentions.opml import read_opml, write_opml

DAY = date(2026, 11, 26)

# -- dates and times as typed ----------------------------------------------------------------

typed = st.text(max_size=40) | st.sampled_from(
    ["tomorrow", "friday", "next friday", "+3d", "+999999999d", "-3w", "2026-02-30", "12/31",
     "31/12", "0/0", "+0m", "+12000m", "next ", "9999-12-31", "+1y", "+-1d"]
)  # fmt: skip


@given(typed)
def test_a_typed_date_is_a_date_or_the_documented_error(text: str) -> None:
    try:
        day = parse_date(text, DAY)
    except DateError as error:
        assert str(error)  # a message to show, never empty
        assert "\n" not in str(error)
    else:
        assert isinstance(day, date)



@given(st.dates(date(1000, 1, 1), date(9999, 12, 31)), st.sampled_from(["en", "fr"]))
def test_a_day_typed_as_iso_or_in_the_language_s_own_order_reads_back(day: date, lang: str) -> None:
    """ISO is year first in every language; slashes are day first in French, month first in English."""
    from storage import i18n

    i18n.set_language(lang)
    assert parse_date(day.isoformat(), DAY) == day
    assert parse_date(day.strftime("%Y%m%d"), DAY) == day
    first, second = (day.day, day.month) if lang == "fr" else (day.month, day.day)
    assert parse_date(f"{first}/{second}/{day.year}", DAY) == day


@given(st.text(max_size=20))
def test_a_typed_time_is_a_time_or_the_documented_error(text: str) -> None:
    try:
        value = parse_time(text)
    except DateError as error:
        assert str(error)
    else:
        hours, minutes = value.split(":")
        assert 0 <= int(hours) < 24 and 0 <= int(minutes) < 60


# -- the guide as Markdown -------------------------------------------------------------------

markdown_pieces = st.sampled_from(
    [*"ab éà#\\|-*+`_[]()<>!:%\n\t ", "## ", "### ", "\\#", "- ", "| ", "---", "\r", "1. "]
)
prose = st.lists(markdown_pieces | st.text(max_size=5), max_size=20).map("".join)
line = prose.map(lambda t: t.replace("\n", " ").replace("\r", " "))
items = st.lists(line, max_size=3).map(tuple)


@st.composite
def guides(draw: Any) -> tuple[Guide, list[Pillar]]:
    guide = Guide(
        purpose=draw(prose), audience=draw(prose), voice=draw(prose), commenting=draw(prose),
        channel_notes=draw(st.dictionaries(st.sampled_from(["blog", "x", "youtube"]), prose)),
        promo_ceiling=draw(st.integers(0, 100)),
        hashtags=draw(items), keywords=draw(items), do=draw(items), dont=draw(items),
    ).cleaned()  # fmt: skip
    count = draw(st.integers(0, 4))
    pillars = [
        Pillar(0, f"p{j}{draw(line)}", draw(line), draw(st.integers(0, 100)),
               draw(st.booleans()), j).cleaned()
        for j in range(count)
    ]  # fmt: skip
    return guide, pillars


@given(guides())
def test_the_guide_round_trips_through_markdown(made: tuple[Guide, list[Pillar]]) -> None:
    guide, pillars = made
    first = export_markdown(guide, pillars)
    again, read = parse_markdown(first)
    assert again == guide
    assert [(p.name, p.description, p.target, p.promotional) for p in read] == [
        (p.name, p.description, p.target, p.promotional) for p in pillars
    ]
    assert export_markdown(again, read) == first


# -- metrics as CSV --------------------------------------------------------------------------

names = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20
).filter(lambda t: t.strip())
formula_like = st.sampled_from(["=1+1", "+33 6", "-x", "@me", '=HYPERLINK("http://e.x","y")'])
values = st.integers(-(10**12), 10**12) | st.floats(
    -1e12, 1e12, allow_nan=False, allow_infinity=False
)


@given(
    st.lists(
        st.tuples(
            st.integers(-3000, 3000).map(lambda n: (DAY + timedelta(days=n)).isoformat()),
            names | formula_like,
            names | formula_like,
            values,
        ),
        max_size=8,
    )
)
@example([("2026-11-26", "blog", "0\r0", 0)])  # found: a line break in a name broke the CSV
def test_metrics_round_trip_through_csv(rows: list[tuple[str, str, str, float]]) -> None:
    snapshots = []
    for row in rows:
        try:
            snapshots.append(check_snapshot(*row))
        except InputError:
            continue  # a name that is only spaces once cleaned: refused when typed, not stored
    text = to_csv(snapshots)
    for cells in text.splitlines()[1:]:
        assert not cells.startswith(("=", "+", "@"))  # no formula a spreadsheet would run
    back = parse_csv(text)
    key = lambda s: (s.date, s.channel, s.metric)  # noqa: E731 - the CSV's own order
    assert [_plain(s) for s in back] == [_plain(s) for s in sorted(snapshots, key=key)]


def _plain(snap: Snapshot) -> tuple[str, str, str, float]:
    return (snap.date, snap.channel, snap.metric, snap.value)


# -- OPML ------------------------------------------------------------------------------------

opml_text = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S"), include_characters=" "),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and "  " not in t and "," not in t and "/" not in t[:1])
paths = st.text(alphabet=string.ascii_letters + string.digits + "-_.~", min_size=1, max_size=20)


@given(
    st.lists(
        st.tuples(opml_text, paths, st.lists(opml_text, max_size=2, unique=True).map(tuple)),
        max_size=6,
        unique_by=lambda f: f[1],
    )
)
@example([("0", "0", ("0/",))])  # found: a tag with a slash came back as two tags
def test_feeds_round_trip_through_opml(feeds: list[tuple[str, str, tuple[str, ...]]]) -> None:
    written = [
        (name, f"https://example.com/{path}", tuple(t for t in dict.fromkeys(map(clean_tag, tags)) if t))
        for name, path, tags in feeds
    ]  # tags as add_feed stores them
    read = read_opml(write_opml(written))
    assert not read.skipped
    got = {f.url: (f.name, f.tags) for f in read.feeds}
    assert got == {url: (name, tags) for name, url, tags in written}


# -- ICS -------------------------------------------------------------------------------------

rules = st.sampled_from(
    [None, "weekly", "daily", "monthly", "every tuesday", "every mon, wed", "every weekday",
     "first monday of the month", "last friday of the month", "every 2 weeks",
     "FREQ=WEEKLY;BYDAY=FR", "yearly"]
)  # fmt: skip


@given(
    st.lists(
        st.tuples(names, st.integers(-200, 200), rules, st.sampled_from([None, "09:30", "23:59"])),
        min_size=1,
        max_size=5,
    )
)
def test_every_item_and_rule_reads_back_from_ics(
    made: list[tuple[str, int, str | None, str | None]],
) -> None:
    import tempfile

    from storage.datafile.plan import open_plan

    with tempfile.TemporaryDirectory() as folder:
        plan = open_plan(Path(folder) / "plan.json", today=DAY)
        try:
            _items_read_back(plan, Path(folder), made)
        finally:
            plan.close()


def _items_read_back(
    plan: Any, tmp_path: Path, made: list[tuple[str, int, str | None, str | None]]
) -> None:
    plan.table("content").truncate()
    expected: dict[str, str | None] = {}
    for n, (title, offset, rule, at) in enumerate(made):
        unique = f"{n}:{title}"
        try:
            item = edits.add_content(
                plan, unique, DAY + timedelta(days=offset), time=at, rrule=rule, today=DAY
            )
        except InputError:
            continue
        expected[item.title] = item.rrule
    target = tmp_path / "plan.ics"
    ics.export_ics(plan, target)
    calendar = Calendar.from_ical(target.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    for title, rrule in expected.items():
        assert title in events
        if rrule:
            assert events[title]["rrule"].to_ical().decode() == rrule
        else:
            assert "rrule" not in events[title]
