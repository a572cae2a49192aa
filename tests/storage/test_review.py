"""The monthly review checklist generated from a plan, ticked off, and generated again."""

from __future__ import annotations

from datetime import date

from storage import measure as metrics
from storage.calendar import occurrences as content
from storage.measure.review import generate_review, list_review, review_titles, set_review_done
from storage.phases import channels

TODAY = date(2026, 7, 2)


def setup_plan(plan) -> None:
    plan.table("baseline").insert(
        {"date": "2026-01-01", "channel": "blog", "metric": "visits", "value": 1000}
    )
    plan.table("objectives").insert_multiple(
        [
            {
                "text": "3000 visits",
                "metric": "visits",
                "channel": "blog",
                "target": 3000,
                "by": "2026-12-31",
                "start": None,
            },
            {
                "text": "Be known",
                "metric": None,
                "channel": None,
                "target": None,
                "by": None,
                "start": None,
            },
        ]
    )
    metrics.add_snapshot(plan, "2026-07-01", "blog", "visits", 1500)  # half way: 2000 expected
    youtube = next(c for c in channels.list_channels(plan) if c.key == "youtube")
    channels.set_status(plan, youtube.id, "claimed")
    content.add_content(
        plan,
        "Old video",
        date(2026, 5, 1),
        channel="youtube",
        kind="video",
        status="published",
        today=date(2026, 5, 1),
    )
    content.add_content(
        plan,
        "Fresh post",
        date(2026, 6, 20),
        channel="blog",
        kind="article",
        status="published",
        today=date(2026, 6, 20),
    )


def test_items_come_from_the_data(plan) -> None:
    setup_plan(plan)
    titles = review_titles(plan, TODAY)
    assert "Objective behind pace: 3000 visits, by 2026-12-31" in titles
    assert "Nothing published on YouTube in 30 days: publish or drop it" in titles
    assert not any("on Blog" in t for t in titles), "the blog published 12 days ago"
    assert "Promise left open: Fresh post" in titles
    assert "Take a metrics snapshot" not in titles, "the last one is a day old"
    assert not any("Be known" in t for t in titles)


def test_ticks_survive_generating_again(plan) -> None:
    setup_plan(plan)
    first = generate_review(plan, TODAY)
    assert {i.month for i in first} == {"2026-07"}
    set_review_done(plan, first[0].id, True)
    metrics.add_snapshot(plan, "2026-07-02", "blog", "visits", 1600)  # still behind
    again = generate_review(plan, TODAY)
    assert [(i.title, i.done) for i in again][: len(first)] == [
        (i.title, i.id == first[0].id) for i in first
    ]
    assert len(again) == len(first), "same titles are not added twice"
    assert list_review(plan, "2026-08") == []
