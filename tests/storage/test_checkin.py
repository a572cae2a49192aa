"""The check-in built from a real plan: every section, its order, text and JSON forms."""

from __future__ import annotations

from datetime import date, timedelta

from storage import measure as metrics
from storage.calendar import community
from storage.calendar import occurrences as content
from storage.checkin import build_checkin, format_text, to_json
from storage.measure.review import review_titles
from storage.mentions import inbox as mentions
from storage.phases import tasks

TODAY = date(2026, 11, 26)


def fill(plan) -> dict[str, int]:
    """A day with something in every section; returns the ids that matter."""
    late_task = tasks.add_task(plan, 1, "Reply to Ana", due=TODAY - timedelta(days=2))
    late = content.add_content(
        plan,
        "Spring talk video",
        TODAY - timedelta(days=3),
        channel="youtube",
        kind="video",
        status="draft",
        today=TODAY,
    )
    due = content.add_content(
        plan, "Newsletter", TODAY, channel="blog", status="scheduled", today=TODAY
    )
    content.add_content(plan, "Later post", TODAY + timedelta(days=2), today=TODAY)
    post = content.add_content(
        plan,
        "Why I blog",
        TODAY - timedelta(days=5),
        channel="blog",
        kind="article",
        status="published",
        today=TODAY,
    )
    community.log_comment(plan, TODAY, "Ana's blog", "https://ana.example/1", content_id=post.id)
    feed = mentions.add_feed(plan, "https://example.org/feed.xml", name="Planet Blogs")
    mentions.add_watch(plan, "lena")
    for n in range(7):
        plan.mentions_table().insert(
            {
                "feed": feed.id,
                "key": f"k{n}",
                "title": f"Lena on blogging {n}",
                "link": f"https://example.org/{n}",
                "published": f"2026-11-2{n}T08:00:00+00:00",
                "summary": "",
                "author": "",
                "first_seen": "2026-11-25T08:00:00",
                "last_seen": "2026-11-25T08:00:00",
                "in_feed": True,
                "read": False,
            }
        )
    plan.mentions_table().insert(
        {
            "feed": feed.id,
            "key": "other",
            "title": "Nothing to do with you",
            "link": None,
            "published": None,
            "summary": "",
            "author": "",
            "first_seen": "2026-11-25T08:00:00",
            "last_seen": "",
            "in_feed": True,
            "read": False,
        }
    )
    metrics.add_snapshot(plan, "2026-11-20", "blog", "visits", "1200")
    return {"task": late_task.id, "late": late.id, "due": due.id, "post": post.id}


def test_every_section_from_a_plan(plan) -> None:
    ids = fill(plan)
    check = build_checkin(plan, TODAY)
    assert check.unavailable == ()
    assert [(line.id, line.overdue) for line in check.content] == [
        (ids["late"], True),
        (ids["due"], False),
    ]
    assert check.content[0].detail == "draft · youtube · video"
    assert check.phase == 1 and check.phase_name == "Listen and monitor"
    assert check.tasks[0].id == ids["task"] and check.tasks[0].overdue
    assert len(check.tasks) == 5 and all(t.kind == "task" for t in check.tasks)
    assert [m.title for m in check.mentions] == [f"Lena on blogging {n}" for n in (6, 5, 4, 3, 2)]
    assert check.more_mentions == 2
    assert [(p.id, p.detail) for p in check.promises] == [
        (ids["post"], "1 comment to leave elsewhere")
    ]
    assert check.days_since_snapshot == 6


def test_text_and_json_say_the_same(plan) -> None:
    fill(plan)
    check = build_checkin(plan, TODAY)
    text = format_text(check)
    assert text.startswith("Check-in for Thursday 26 November 2026")
    assert "! 2026-11-23  Spring talk video  [draft · youtube · video]  overdue" in text
    assert "- today  Newsletter  [scheduled · blog · article]" in text
    assert "…and 2 more." in text
    assert "Why I blog  [1 comment to leave elsewhere]" in text
    assert text.endswith("Last metrics snapshot: 6 days ago.")
    data = to_json(check)
    assert data["date"] == "2026-11-26"
    assert [c["title"] for c in data["content"]] == ["Spring talk video", "Newsletter"]
    assert data["more_mentions"] == 2 and len(data["mentions"]) == 5
    assert data["days_since_snapshot"] == 6 and data["unavailable"] == []


def test_a_new_plan_says_what_to_do_first(plan) -> None:
    check = build_checkin(plan, TODAY)
    text = format_text(check)
    assert "Nothing due or overdue." in text and "None new." in text
    assert "No metrics snapshot yet" in text
    assert check.tasks[0].title == "Record a baseline of your web statistics"


def test_a_long_overdue_backlog_is_counted_not_listed(plan) -> None:
    for n in range(14):
        tasks.add_task(plan, 2, f"Old chore {n}", due=TODAY - timedelta(days=30 - n))
        content.add_content(plan, f"Old draft {n}", TODAY - timedelta(days=30 - n), today=TODAY)
    tasks.add_task(plan, 3, "Today's chore", due=TODAY)
    content.add_content(plan, "Today's post", TODAY, today=TODAY)
    check = build_checkin(plan, TODAY)
    assert [t.title for t in check.tasks] == [f"Old chore {n}" for n in range(5, 14)] + [
        "Today's chore"
    ]
    assert [c.title for c in check.content][-2:] == ["Old draft 13", "Today's post"]
    assert (check.more_tasks, check.more_content) == (5, 5)
    text = format_text(check)
    assert "…and 5 older overdue (Phases, 2)." in text
    assert "…and 5 older overdue (Calendar, 4)." in text
    assert to_json(check)["more_tasks"] == 5 and to_json(check)["more_content"] == 5


def test_years_of_open_promises_show_the_latest_and_count_the_rest(plan) -> None:
    for n in range(9):
        post = content.add_content(
            plan,
            f"Article {n}",
            TODAY - timedelta(days=40 - n),
            kind="article",
            status="published",
            today=TODAY,
        )
        if n == 8:  # the newest article's promise is kept: it is no longer open
            for _ in range(2):
                community.log_comment(plan, TODAY, "Ana", "https://ana.example", content_id=post.id)
    check = build_checkin(plan, TODAY)
    assert [p.title for p in check.promises] == [f"Article {n}" for n in range(3, 8)]
    assert check.more_promises == 3
    assert "…and 3 older (Calendar, 4)." in format_text(check)
    assert to_json(check)["more_promises"] == 3
    left_open = [t for t in review_titles(plan, TODAY) if t.startswith("Promise left open")]
    assert len(left_open) == 8, "the monthly review still names every open one"
