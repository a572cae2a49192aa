"""Demo data for the Calendar tab: two months of a blogger's content around ``today``.

A hub article with its spin-offs, a weekly series with one skipped day and one moved day, a
monthly roundup, published posts (one promise kept, one still open), scheduled and draft pieces,
and a few ideas without a date. Deterministic: the same ``today`` gives the same file.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from storage import calendar as content
from storage.calendar import community, spinoffs


def _pillars(plan: Any) -> list[str | None]:
    names = content.pillar_names(plan)
    return [*names[:3], None, None, None][:3] if names else [None, None, None]


def seed(plan: Any, today: date) -> None:
    """Add the calendar's demo records to an open plan."""
    first, second, third = _pillars(plan)
    day = lambda n: today + timedelta(days=n)  # noqa: E731

    def add(title: str, offset: int | None, **fields: Any) -> content.ContentItem:
        return content.add_content(
            plan, title, day(offset) if offset is not None else None, today=today, **fields
        )

    with plan.batch():
        old = add(
            "Ten lessons from a year of night walks",
            -12,
            channel="blog",
            pillar=first,
            url="https://lena.example/night-walks",
        )
        content.set_status(plan, old.id, "published", today=day(-12))
        for where in ("Marc's travel blog", "r/walking"):
            community.log_comment(plan, day(-11), where, "", content_id=old.id)
        recent = add("Packing light for the Alps", -3, channel="blog", pillar=second)
        content.set_status(plan, recent.id, "published", today=day(-3))
        community.log_comment(
            plan, day(-2), "Outdoor forum", "https://forum.example/t/42", content_id=recent.id
        )
        add(
            "A photo essay: fog on the lake",
            -6,
            channel="flickr",
            kind="photo",
            pillar=second,
            status="published",
        )
        hub = add(
            "Crossing the Alps on foot",
            2,
            channel="blog",
            pillar=second,
            status="scheduled",
            time="08:00",
            notes="Hub piece of the month.",
        )
        planned = spinoffs.plan_spinoffs(plan, hub.id)
        content.set_status(plan, planned[0].id, "draft")
        series = add(
            "Tuesday tip",
            -30,
            channel="mastodon",
            kind="short post",
            pillar=first,
            rrule="every tuesday",
            time="12:30",
            status="scheduled",
        )
        tuesdays = content.content_between(plan, day(0), day(21))
        keys = [o.key for o in tuesdays if o.item.id == series.id and o.key]
        if len(keys) >= 2:
            content.skip_occurrence(plan, series.id, keys[0])
            content.change_occurrence(
                plan,
                series.id,
                keys[1],
                title="Tuesday tip: live Q&A",
                date=keys[1] + timedelta(days=1),
            )
        add(
            "Monthly roundup",
            -60,
            channel="blog",
            pillar=third,
            rrule="first monday of the month",
            status="draft",
        )
        add(
            "Interview: a mountain guide",
            9,
            channel="youtube",
            kind="video",
            pillar=third,
            status="draft",
        )
        add(
            "Meet-up at the café",
            16,
            channel="facebook",
            kind="event",
            status="scheduled",
            time="18:30",
        )
        add("Podcast: walking as thinking", 24, channel="blog", kind="podcast", pillar=first)
        add("Reader questions thread", 5, channel="x", kind="short post", status="idea")
        for title in (
            "Gear I stopped carrying",
            "A winter route guide",
            "Contest: best trail photo",
        ):
            add(title, None)
