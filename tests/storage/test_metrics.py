"""Metric snapshots: CSV format, series, progress and pace over a hand-made data set."""

from __future__ import annotations

from datetime import date

import pytest

from storage.errors import InputError
from storage.measure import (
    CsvError,
    Snapshot,
    days_since,
    parse_csv,
    parse_value,
    progress_of,
    series,
    to_csv,
)

TODAY = date(2026, 7, 2)  # 182 of the 364 days from 2026-01-01 to 2026-12-31: half way

BASELINE = [
    {"date": "2026-01-01", "channel": "youtube", "metric": "subscribers", "value": 100},
    {"date": "2026-01-01", "channel": "blog", "metric": "visits", "value": 1000},
    {"date": "2026-01-01", "channel": "x", "metric": "followers", "value": 50},
    {"date": "2026-01-01", "channel": "mastodon", "metric": "followers", "value": 30},
]
OBJECTIVES = [
    {
        "text": "500 subscribers",
        "metric": "subscribers",
        "channel": "youtube",
        "target": 500,
        "by": "2026-12-31",
        "start": None,
    },
    {
        "text": "3000 visits",
        "metric": "visits",
        "channel": "blog",
        "target": 3000,
        "by": "2026-12-31",
        "start": None,
    },
    {
        "text": "Grow a community",
        "metric": None,
        "channel": None,
        "target": None,
        "by": None,
        "start": None,
    },
]


def snap(i: int, day: str, channel: str, metric: str, value: float) -> Snapshot:
    return Snapshot(i, day, channel, metric, value)


SNAPSHOTS = [
    snap(1, "2026-03-01", "youtube", "subscribers", 150),
    snap(2, "2026-07-02", "youtube", "subscribers", 300),
    snap(3, "2026-07-01", "blog", "visits", 1500),
    snap(4, "2026-08-01", "blog", "visits", 9000),  # after "today": ignored
    snap(5, "2026-06-01", "x", "followers", 80),
    snap(6, "2026-06-15", "mastodon", "followers", 70),
    snap(7, "2026-06-20", "x", "followers", 90),
]


def by_label(rows):  # type: ignore[no-untyped-def]
    return {r.label: r for r in rows}


def test_progress_on_pace_and_percent() -> None:
    rows = by_label(progress_of(BASELINE, OBJECTIVES, SNAPSHOTS, TODAY))
    yt = rows["subscribers · youtube"]
    assert (yt.baseline, yt.latest, yt.target) == (100, 300, 500)
    assert yt.percent == pytest.approx(50.0)
    assert yt.expected == pytest.approx(300.0)
    assert yt.on_pace is True
    assert yt.text == "500 subscribers"


def test_progress_behind_pace_ignores_future_snapshots() -> None:
    visits = by_label(progress_of(BASELINE, OBJECTIVES, SNAPSHOTS, TODAY))["visits · blog"]
    assert visits.latest == 1500
    assert visits.percent == pytest.approx(25.0)
    assert visits.expected == pytest.approx(2000.0)
    assert visits.on_pace is False


def test_baseline_metric_without_objective_still_shows_latest() -> None:
    rows = by_label(progress_of(BASELINE, OBJECTIVES, SNAPSHOTS, TODAY))
    x = rows["followers · x"]
    assert (x.baseline, x.latest, x.target, x.percent, x.on_pace) == (50, 90, None, None, None)
    # The objective without a metric is not a progress row.
    assert len(rows) == 4


def test_objective_over_every_channel_adds_them_up() -> None:
    objectives = [
        {
            "text": "200 followers",
            "metric": "followers",
            "channel": None,
            "target": 200,
            "by": "2026-12-31",
            "start": None,
        }
    ]
    row = progress_of(BASELINE, objectives, SNAPSHOTS, TODAY)[0]
    # Baseline 50 + 30; latest: x 90 + mastodon 70.
    assert (row.baseline, row.latest) == (80, 160)
    assert row.percent == pytest.approx(80 / 120 * 100)
    assert row.on_pace is True  # expected 140 half way
    # The per-channel baselines are covered by the all-channel objective.
    assert [r.label for r in progress_of(BASELINE, objectives, SNAPSHOTS, TODAY)].count(
        "followers · x"
    ) == 0


def test_objective_start_overrides_baseline_and_falling_targets() -> None:
    objectives = [
        {
            "text": "fewer unsubscribes",
            "metric": "visits",
            "channel": "blog",
            "target": 500,
            "by": "2026-12-31",
            "start": 2000,
        }
    ]
    row = progress_of(BASELINE, objectives, SNAPSHOTS, TODAY)[0]
    assert row.baseline == 2000
    assert row.percent == pytest.approx(500 / 1500 * 100)
    assert row.on_pace is False  # expected 1250 by now, still at 1500


def test_target_reached_is_on_pace_even_without_date() -> None:
    objectives = [
        {
            "text": "",
            "metric": "subscribers",
            "channel": "youtube",
            "target": 250,
            "by": None,
            "start": None,
        }
    ]
    row = progress_of(BASELINE, objectives, SNAPSHOTS, TODAY)[0]
    assert row.on_pace is True and row.percent == pytest.approx(133.333, rel=1e-3)


def test_series_per_channel_and_total() -> None:
    assert series(SNAPSHOTS, "followers", "x") == [("2026-06-01", 80), ("2026-06-20", 90)]
    assert series(SNAPSHOTS, "followers", None) == [
        ("2026-06-01", 80),
        ("2026-06-15", 150),
        ("2026-06-20", 160),
    ]


def test_days_since_last_snapshot() -> None:
    assert days_since(SNAPSHOTS, date(2026, 8, 11)) == 10
    assert days_since([], TODAY) is None


def test_csv_round_trip_keeps_every_row() -> None:
    text = to_csv(SNAPSHOTS)
    assert text.splitlines()[0] == "date,channel,metric,value"
    back = parse_csv(text)
    assert sorted((s.date, s.channel, s.metric, s.value) for s in back) == sorted(
        (s.date, s.channel, s.metric, s.value) for s in SNAPSHOTS
    )


def test_csv_without_header_and_with_custom_metric() -> None:
    rows = parse_csv('2026-05-01,Blog,Newsletter Signups,12\n\n2026-05-02,blog,visits,"1,240"\n')
    assert [(r.channel, r.metric, r.value) for r in rows] == [
        ("blog", "newsletter signups", 12),
        ("blog", "visits", 1240),
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "date,channel,metric,value\n2026-05-01,blog,visits,10\n2026-13-01,blog,visits,3\n",
            3,
            "not a date",
        ),
        ("2026-05-01,blog,visits,10\n2026-05-02,blog,visits,lots\n", 2, "not a number"),
        ("2026-05-01,blog,visits\n", 1, "expected 4 fields"),
        ("2026-05-01,,visits,4\n", 1, "channel"),
    ],
)
def test_bad_csv_row_is_named_by_line(text: str, line: int, words: str) -> None:
    with pytest.raises(CsvError) as caught:
        parse_csv(text)
    assert caught.value.line == line
    assert f"line {line}" in str(caught.value) and words in str(caught.value)


def test_parse_value() -> None:
    assert parse_value("1 240") == 1240
    assert parse_value("12,5") == 12.5
    assert parse_value("3.0") == 3.0
    for bad in ("", "nan", "inf", "ten"):
        with pytest.raises(InputError):
            parse_value(bad)
