"""Demo data for the Calendar tab: two months of a blogger's content around ``today``.

A hub article with its spin-offs, a weekly series with one skipped day and one moved day, a
monthly roundup, published posts (one promise kept, one still open), scheduled and draft pieces,
and a few ideas without a date. Deterministic: the same ``today`` gives the same file.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from scripts.demo import say
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
            say("Ten lessons from a year of night walks", "Dix leçons d'un an de trains de nuit"),
            -12,
            channel="blog",
            pillar=first,
            url=say("https://lena.example/night-walks", "https://lena.example/trains-de-nuit"),
        )
        content.set_status(plan, old.id, "published", today=day(-12))
        for where in (
            say("Marc's travel blog", "Le blogue voyage de Marc"),
            say("r/walking", "r/voyage"),
        ):
            community.log_comment(plan, day(-11), where, "", content_id=old.id)
        recent = add(
            say("Packing light for the Alps", "Partir léger dans les Alpes"),
            -3,
            channel="blog",
            pillar=second,
        )
        content.set_status(plan, recent.id, "published", today=day(-3))
        community.log_comment(
            plan,
            day(-2),
            say("Outdoor forum", "Forum des voyageurs"),
            "https://forum.example/t/42",
            content_id=recent.id,
        )
        add(
            say("A photo essay: fog on the lake", "Photos\u00a0: la brume sur le lac"),
            -6,
            channel="flickr",
            kind="photo",
            pillar=second,
            status="published",
        )
        hub = add(
            say("Crossing the Alps on foot", "Traverser les Alpes à pied"),
            2,
            channel="blog",
            pillar=second,
            status="scheduled",
            time="08:00",
            notes=say("Hub piece of the month.", "Contenu pivot du mois."),
        )
        planned = spinoffs.plan_spinoffs(plan, hub.id)
        content.set_status(plan, planned[0].id, "draft")
        series = add(
            say("Tuesday tip", "Astuce du mardi"),
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
                title=say("Tuesday tip: live Q&A", "Astuce du mardi\u00a0: questions en direct"),
                date=keys[1] + timedelta(days=1),
            )
        add(
            say("Monthly roundup", "Récap du mois"),
            -60,
            channel="blog",
            pillar=third,
            rrule="first monday of the month",
            status="draft",
        )
        add(
            say("Interview: a mountain guide", "Rencontre\u00a0: un guide de montagne"),
            9,
            channel="youtube",
            kind="video",
            pillar=third,
            status="draft",
        )
        add(
            say("Meet-up at the café", "Rendez-vous au café de la gare"),
            16,
            channel="facebook",
            kind="event",
            status="scheduled",
            time="18:30",
        )
        add(
            say("Podcast: walking as thinking", "Podcast\u00a0: marcher pour penser"),
            24,
            channel="blog",
            kind="podcast",
            pillar=first,
        )
        add(
            say("Reader questions thread", "Vos questions, en un seul fil"),
            5,
            channel="x",
            kind="short post",
            status="idea",
        )
        for title in (
            say("Gear I stopped carrying", "Ce que je n'emporte plus"),
            say("A winter route guide", "Un guide des itinéraires d'hiver"),
            say("Contest: best trail photo", "Concours\u00a0: votre plus belle photo de gare"),
        ):
            add(title, None)
