"""Demo data for the Mentions tab: feeds, watch words and mentions.

Real feeds from the shared corpus (``../shared/corpus/feeds``) are ingested as local files when
the corpus is there; a small listening feed about the demo blogger is always added, so matches
show. Deterministic: the same ``today`` gives the same file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from storage import mentions as mentions
from storage.datafile import Plan
from storage.mentions.network.parse import ParsedFeed
from storage.mentions.network.runner import FeedJob, FeedOutcome, fetch_jobs
from storage.mentions.network.sanitize import CleanEntry

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
"""The shared feed corpus, laid beside the checkout."""

CORPUS_FEEDS = (
    ("DaringFireball.atom", "Daring Fireball", ("tech",)),
    ("inessential.json", "inessential", ("blogs",)),
    ("scriptingNews.rss", "Scripting News", ("blogs",)),
    ("theomnishow.rss", "The Omni Show", ("podcasts",)),
)
"""(file, name, tags) of the corpus feeds seeded."""

ABOUT_YOU = (
    ("Lena's post on slow travel is the best thing I read this week", "@marco@mastodon.social",
     "Thread: why @lena_writes gets comments when others get silence. Un été sans avion."),
    ("Anyone tried the train itinerary from Lena Writes?", "@inez@fosstodon.org",
     "Asking for my summer: the Lisbon to Porto leg sounds great."),
    ("Weekly roundup: travel blogs worth following", "@roundup@mastodon.social",
     "Featuring lena_writes, a photo essay on night trains, and more."),
    ("Night trains are back in fashion", "@rail@mastodon.social",
     "Operators add routes for the summer; été 2026 bookings up 30%."),
)  # fmt: skip
"""(title, author, summary) of the listening feed's entries."""


def seed(plan: Plan, today: date) -> None:
    """Add the demo feeds, watch words and mentions to ``plan``."""
    now = datetime.combine(today, time(7, 30), tzinfo=UTC)
    for word in ("lena", "night train", "été"):
        mentions.add_watch(plan, word)
    listening = mentions.add_feed(
        plan, "https://mastodon.social/tags/slowtravel.rss", name="#slowtravel", tags=("social",)
    )
    mentions.add_feed(plan, "https://hnrss.org/newest?q=lena_writes", name="Hacker News: lena")
    entries = [
        CleanEntry(
            key=f"demo-{index}",
            title=title,
            link=f"https://mastodon.social/@demo/{1000 + index}",
            published=(now - timedelta(hours=5 * index + 1)).isoformat(),
            summary=summary,
            author=author,
        )
        for index, (title, author, summary) in enumerate(ABOUT_YOU)
    ]
    job = FeedJob(listening.id, listening.name, listening.source)
    outcomes = [FeedOutcome(job, parsed=ParsedFeed("#slowtravel", None, entries))]
    if CORPUS.is_dir():
        jobs = []
        for file_name, name, tags in CORPUS_FEEDS:
            if (CORPUS / file_name).is_file():
                feed = mentions.add_feed(plan, str(CORPUS / file_name), name=name, tags=tags)
                jobs.append(FeedJob(feed.id, feed.name, feed.source, kind="file"))
        outcomes += fetch_jobs(jobs, now=now)
    mentions.store_outcomes(plan, outcomes, now)
    listed = mentions.list_mentions(plan)
    mentions.mark_read(plan, [m.id for m in listed[6:]])
    starred = next((m for m in listed if m.feed == listening.id), None)
    if starred is not None:
        mentions.set_starred(plan, starred.id, True)
