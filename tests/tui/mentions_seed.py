"""Mentions put straight into a plan for the tab's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from storage.mentions import inbox as mentions
from storage.mentions.network.parse import ParsedFeed
from storage.mentions.network.runner import FeedJob, FeedOutcome
from storage.mentions.network.sanitize import CleanEntry

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
"""The moment the seeded fetch happened."""


def seed(plan: Any, titles: list[str], feed_name: str = "Local news",
         source: str = "https://news.example/feed.xml") -> int:
    """A feed holding one entry per title, newest first (summary says "about <title>")."""
    feed = mentions.add_feed(plan, source, name=feed_name)
    entries = [
        CleanEntry(
            key=f"entry-{index}",
            title=title,
            link=f"https://news.example/{index}",
            published=(NOW - timedelta(hours=index + 1)).isoformat(),
            summary=f"About {title}.",
            author="",
        )
        for index, title in enumerate(titles)
    ]
    job = FeedJob(feed.id, feed.name, feed.source)
    mentions.store_outcomes(plan, [FeedOutcome(job, parsed=ParsedFeed(feed_name, None, entries))],
                            NOW)
    return feed.id


def seed_raw(plan: Any, texts: list[str], base: str = "https://hostile.example") -> None:
    """Feeds and mentions written as they are, past every cleaning step of storage.

    Each text becomes a feed name, a title, a summary and an author: the view alone must keep
    them harmless.
    """
    stamp = NOW.isoformat()
    feeds = plan.table("feeds")
    docs = []
    for index, text in enumerate(texts):
        feed_id = feeds.insert({
            "name": text, "source": f"{base}/missing/{index}.xml", "kind": "url",
            "tags": [], "etag": None, "last_modified": None, "last_fetch": stamp,
            "last_error": text, "count": 1,
        })  # fmt: skip
        docs.append({
            "feed": feed_id, "key": f"k{index}", "title": text,
            "link": f"https://hostile.example/{index}", "published": None,
            "summary": text, "author": text, "first_seen": stamp, "last_seen": stamp,
            "in_feed": True, "read": False,
        })  # fmt: skip
    with plan.mentions_batch():
        plan.mentions_table().insert_multiple(docs)


async def settle(pilot: Any) -> None:
    """Wait until the tab has shown the answer to its last question (search waits for quiet).

    Watch word changes re-match the cache in a worker first: those are waited for too.
    """
    await pilot.pause(0.2)
    app = pilot.app
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "mentions-watch"])
    await pilot.pause()
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "mentions-load"])
    await pilot.pause()
