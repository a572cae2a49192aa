"""Demo data for the Measure and Today tabs: a baseline, objectives and months of metrics.

Deterministic (no randomness): the same ``today`` always gives the same file, so screenshots
only change when the app does. Published content seeded by the calendar demo gets entered
reactions here, so the reactions grid has something to say.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from scripts.demo import say

MONTHS = 10
"""How many monthly snapshots are seeded."""

# (channel, metric, value at the baseline, monthly growth, wobble)
GROWTH = (
    ("blog", "visits", 1800, 160, 90),
    ("blog", "subscribers", 240, 18, 4),
    ("youtube", "subscribers", 120, 28, 6),
    ("x", "followers", 610, 25, 12),
    ("mastodon", "followers", 90, 14, 3),
    ("flickr", "followers", 45, 2, 2),
)

# Reactions by kind on published content: (comments, shares, likes) of the first item.
REACTIONS = {
    "video": (9, 14, 60),
    "article": (6, 4, 18),
    "photo": (1, 1, 6),
    "short post": (2, 5, 12),
    "podcast": (3, 2, 9),
    "event": (4, 3, 10),
}


def history() -> tuple[tuple[int, str, str, str, int, int, int], ...]:
    """(days ago, title, kind, channel, comments, shares, likes): published before the last 30
    days, none of them articles, so the calendar's month, the guide's mix and the promises stay
    as seeded."""
    return (
        (34, say("Night train to Vienna, the film", "Le train de nuit pour Vienne, en film"),
         "video", "youtube", 21, 30, 140),
        (41, say("Fog over the lake, ten photos", "Brume sur le lac, dix photos"),
         "photo", "flickr", 2, 1, 11),
        (48, say("A question for slow travellers", "Une question aux adeptes du voyage lent"),
         "short post", "mastodon", 9, 12, 25),
        (55, say("Packing list, in one minute", "La valise idéale en une minute"),
         "video", "youtube", 14, 22, 96),
        (62, say("Platform at dawn", "Le quai à l'aube"), "photo", "flickr", 1, 0, 7),
        (69, say("Poll: train or bus?", "Sondage\u00a0: train ou bus?"),
         "short post", "mastodon", 12, 8, 30),
        (76, say("Talking trains with Ana (episode 3)", "On parle trains avec Ana (épisode 3)"),
         "podcast", "blog", 5, 3, 14),
    )  # fmt: skip


def _months_back(today: date, months: int) -> date:
    year, month = today.year, today.month - months
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


def seed(plan: Any, today: date) -> None:
    """Add a baseline, three objectives, monthly snapshots and reactions to ``plan``."""
    start = _months_back(today, MONTHS)
    metrics = plan.table("metrics")
    with plan.batch():
        if not plan.table("baseline").all():
            plan.table("baseline").insert_multiple(
                {"date": start.isoformat(), "channel": c, "metric": m, "value": v}
                for c, m, v, _g, _w in GROWTH
            )
        if not plan.table("objectives").all():
            end = date(today.year + 1, 12, 31)
            plan.table("objectives").insert_multiple(
                [
                    {
                        "text": say("600 YouTube subscribers", "600 abonnés sur YouTube"),
                        "metric": "subscribers",
                        "channel": "youtube",
                        "target": 600,
                        "by": end.isoformat(),
                        "start": None,
                    },
                    {
                        "text": say(
                            "5,000 monthly visits on the blog",
                            "5\u202f000 visites par mois sur le blogue",
                        ),
                        "metric": "visits",
                        "channel": "blog",
                        "target": 5000,
                        "by": end.isoformat(),
                        "start": None,
                    },
                    {
                        "text": say(
                            "1,400 followers across channels",
                            "1\u202f400 abonnés, tous canaux confondus",
                        ),
                        "metric": "followers",
                        "channel": None,
                        "target": 1400,
                        "by": end.isoformat(),
                        "start": None,
                    },
                    {
                        "text": say(
                            "Meet readers in person twice a year",
                            "Rencontrer des lecteurs en vrai deux fois par an",
                        ),
                        "metric": None,
                        "channel": None,
                        "target": None,
                        "by": None,
                        "start": None,
                    },
                ]
            )
        rows = []
        for month in range(1, MONTHS + 1):
            day = _months_back(today, MONTHS - month) + timedelta(days=2)
            if day > today:
                day = today - timedelta(days=9)
            for index, (channel, metric, base, growth, wobble) in enumerate(GROWTH):
                value = base + growth * month + wobble * ((month * (index + 3)) % 5 - 2)
                rows.append(
                    {"date": day.isoformat(), "channel": channel, "metric": metric, "value": value}
                )
        metrics.insert_multiple(rows)
        _history(plan, today)
        content = plan.table("content")
        for n, doc in enumerate(content.all()):
            if doc.get("status") != "published" or any((doc.get("reactions") or {}).values()):
                continue
            comments, shares, likes = REACTIONS.get(str(doc.get("kind")), (2, 2, 5))
            wobble = n % 3
            content.update(
                {
                    "reactions": {
                        "comments": comments + wobble,
                        "shares": shares,
                        "likes": likes + 2 * wobble,
                    }
                },
                doc_ids=[doc.doc_id],
            )


def _history(plan: Any, today: date) -> None:
    """Published pieces of the last months with the reactions they got."""
    from storage.calendar import occurrences as content

    for days, title, kind, channel, comments, shares, likes in history():
        day = today - timedelta(days=days)
        item = content.add_content(plan, title, day, channel=channel, kind=kind, today=day)
        content.set_status(plan, item.id, "published", today=day)
        plan.table("content").update(
            {"reactions": {"comments": comments, "shares": shares, "likes": likes}},
            doc_ids=[item.id],
        )
