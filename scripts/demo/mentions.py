"""Demo data for the Mentions tab: feeds, watch words and mentions.

Real feeds from the shared corpus (``../shared/corpus/feeds``) are ingested as local files when
the corpus is there (their entries are outside text: the same in every language); a small
listening feed about the demo blogger is always added, so matches show, written in the language
in use. Deterministic: the same ``today`` gives the same file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from scripts.demo import say
from storage import mentions as mentions
from storage.datafile import Plan
from storage.mentions.network.parse import ParsedFeed
from storage.mentions.network.runner import FeedJob, FeedOutcome, fetch_jobs
from storage.mentions.network.sanitize import CleanEntry

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
"""The shared feed corpus, laid beside the checkout."""


def corpus_feeds() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(file, name, tags) of the corpus feeds seeded (the names are the feeds' own)."""
    return (
        ("DaringFireball.atom", "Daring Fireball", (say("tech", "techno"),)),
        ("inessential.json", "inessential", (say("blogs", "blogues"),)),
        ("scriptingNews.rss", "Scripting News", (say("blogs", "blogues"),)),
        ("theomnishow.rss", "The Omni Show", ("podcasts",)),
    )


def about_you() -> tuple[tuple[str, str, str], ...]:
    """(title, author, summary) of the listening feed's entries: each matches the watch words
    as its English one does."""
    return say(
        (
            ("Lena's post on slow travel is the best thing I read this week",
             "@marco@mastodon.social",
             "Thread: why @lena_writes gets comments when others get silence. Un été sans avion."),
            ("Anyone tried the train itinerary from Lena Writes?", "@inez@fosstodon.org",
             "Asking for my summer: the Lisbon to Porto leg sounds great."),
            ("Weekly roundup: travel blogs worth following", "@roundup@mastodon.social",
             "Featuring lena_writes, a photo essay on night trains, and more."),
            ("Night trains are back in fashion", "@rail@mastodon.social",
             "Operators add routes for the summer; été 2026 bookings up 30%."),
        ),
        (
            ("Le billet de Lena sur le voyage lent, ce que j'ai lu de mieux cette semaine",
             "@marco@mastodon.social",
             "Fil\u00a0: pourquoi @lena_writes reçoit des commentaires quand les autres n'ont "
             "que le silence. Un été sans avion."),
            ("Quelqu'un a testé l'itinéraire en train de Lena Writes?", "@ines@piaille.fr",
             "Je prépare mes vacances\u00a0: le tronçon Lisbonne–Porto me fait rêver."),
            ("La revue de la semaine\u00a0: les blogues voyage à suivre", "@revue@mastodon.social",
             "Au programme\u00a0: lena_writes, un essai photo sur le train de nuit, et plus "
             "encore."),
            ("Le train de nuit revient à la mode", "@rail@mastodon.social",
             "Les opérateurs ajoutent des lignes pour la belle saison, et les réservations pour "
             "l'été 2026 sont en hausse de 30\u00a0%."),
        ),
    )  # fmt: skip


def seed(plan: Plan, today: date) -> None:
    """Add the demo feeds, watch words and mentions to ``plan``."""
    now = datetime.combine(today, time(7, 30), tzinfo=UTC)
    for word in ("lena", say("night train", "train de nuit"), "été"):
        mentions.add_watch(plan, word)
    tag = say("#slowtravel", "#voyagelent")
    listening = mentions.add_feed(
        plan,
        f"https://mastodon.social/tags/{tag[1:]}.rss",
        name=tag,
        tags=(say("social", "réseaux"),),
    )
    hacker_news = say("Hacker News: lena", "Hacker News\u00a0: lena")
    mentions.add_feed(plan, "https://hnrss.org/newest?q=lena_writes", name=hacker_news)
    entries = [
        CleanEntry(
            key=f"demo-{index}",
            title=title,
            link=f"https://mastodon.social/@demo/{1000 + index}",
            published=(now - timedelta(hours=5 * index + 1)).isoformat(),
            summary=summary,
            author=author,
        )
        for index, (title, author, summary) in enumerate(about_you())
    ]
    job = FeedJob(listening.id, listening.name, listening.source)
    outcomes = [FeedOutcome(job, parsed=ParsedFeed(tag, None, entries))]
    if CORPUS.is_dir():
        jobs = []
        for file_name, name, tags in corpus_feeds():
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
