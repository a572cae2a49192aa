"""Demo data for the Phases tab: a blogger a few months in, with phase 3 under way.

Deterministic: the same ``today`` always gives the same records.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from scripts.demo import say
from storage.phases import channels, tasks

# (channel key, handle, url, complete profile, audience there)
PROFILES = (
    ("blog", "lena_writes", "https://lenawrites.example", True, True),
    ("x", "@lena_writes", "https://x.com/lena_writes", True, True),
    ("youtube", "@lenawrites", "https://www.youtube.com/@lenawrites", False, True),
    ("mastodon", "@lena_writes@mastodon.social", "https://mastodon.social/@lena_writes", True, True),
    ("flickr", "lena_writes", "https://www.flickr.com/people/lena_writes", False, False),
    ("bluesky", "lena_writes.bsky.social", "https://bsky.app/profile/lena_writes.bsky.social",
     False, False),
)


def seed(plan: Any, today: date) -> None:
    """Tick off phases 1-2 and part of 3, add dated tasks, and claim the main channels."""
    with plan.batch():
        for task in tasks.list_tasks(plan):
            if task.phase <= 2 or (task.phase == 3 and task.position < 2):
                tasks.set_done(plan, task.id, True)
        tasks.add_task(plan, 3, say("Answer the comments on the sourdough post",
                                    "Répondre aux commentaires sur le train de nuit"),
                       due=today, today=today)
        tasks.add_task(plan, 4, say("Cut the bread-scoring video into three shorts",
                                    "Découper la vidéo du Paris–Vienne en trois formats courts"),
                       due=today + timedelta(days=3), today=today)
        tasks.add_task(plan, 5, say("Thank the contest participants",
                                    "Remercier les participants du concours photo"),
                       due=today - timedelta(days=2), today=today)
        by_key = {c.key: c for c in channels.list_channels(plan)}
        for key, handle, url, complete, priority in PROFILES:
            channel = by_key[key]
            profile = dict.fromkeys(channels.PROFILE_ITEMS, complete)
            if not complete:
                profile.update(bio=True, picture=True)
            channels.set_status(plan, channel.id, "claimed")
            claimed = replace(channel, status="claimed", handle=handle, url=url, profile=profile,
                              priority=priority)
            channels.save_channel(plan, claimed)
