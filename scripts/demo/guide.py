"""Demo data for the Guide tab: Lena's slow-travel blog, its pillars, voice and rules.

The starter pillars are renamed (not replaced), so content that another demo module already
filed under a starter pillar follows the new name. Deterministic: ``today`` is not used.
"""

from __future__ import annotations

from datetime import date

from storage import guide as guide
from storage.datafile import Plan

PILLARS = (
    ("Itineraries", "Routes by train and bus, step by step, with prices and timings", 40, False),
    ("Slow travel stories", "Night trains, small towns, the people met on the way", 25, False),
    ("Community", "Readers' trips, questions answered, meet-ups at the station café", 20, False),
    ("Guides & workshops", "The paid route guides and the planning workshop", 15, True),
)
"""(name, description, target, promotional), in place of the starter pillars, in order."""


def seed(plan: Plan, today: date) -> None:
    """Write Lena's guide over the starter one."""
    del today
    with plan.batch():
        starter = guide.list_pillars(plan)
        for index, (name, description, target, promotional) in enumerate(PILLARS):
            if index < len(starter):
                guide.update_pillar(plan, starter[index].id, name=name, description=description,
                                    target=target, promotional=promotional)
            else:
                guide.add_pillar(plan, name, description, target, promotional)
        guide.update_guide(
            plan,
            purpose=(
                "Make slow travel feel easy: every reader should be able to book a trip by train "
                "after reading a post.\n\nGoal for 2027: **1,500 newsletter subscribers** and "
                "one sold-out planning workshop a month."
            ),
            audience=(
                "- People who want to travel without flying but think it is complicated.\n"
                "- Families planning a summer by train (été sans avion).\n"
                "- Rail fans who know the timetables better than Lena — they correct her, kindly."
            ),
            voice=(
                "- **Warm**: write like a letter to a friend; say *we* when we travelled together.\n"
                "- **Precise**: prices, times, platform numbers. No vague \"it's easy\".\n"
                "- **Honest**: missed connections and bad coffee are part of the story."
            ),
            channel_notes={
                "blog": "Long form, a map and a budget box in every itinerary.",
                "x": "One striking detail per post, a link, no thread longer than 4.",
                "mastodon": "Conversational; tag #slowtravel; answer every reply the same day.",
                "youtube": "Short films from the train window; the route in the description.",
            },
            commenting=(
                "- Answer every comment within 24 hours (weekends: Monday morning).\n"
                "- A correction from a reader: thank them publicly and fix the post.\n"
                "- Criticism of the paid guides: answer once with facts, then offer an email.\n"
                "- Never answer flight-shaming fights: slow travel is an invitation, not a sermon."
            ),
            promo_ceiling=20,
            hashtags=("#slowtravel", "#nighttrain", "#interrail", "#sansavion"),
            keywords=("train travel Europe", "night train routes", "travel without flying"),
            do=(
                "Give the route, the price and the time in every post",
                "Credit photographers and readers by name",
                "Leave two useful comments elsewhere for every post published",
            ),
            dont=(
                "Only talk about the paid guides",
                "Copy the same text to every channel",
                "Argue with trolls in public",
            ),
        )
