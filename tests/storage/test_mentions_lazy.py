"""Listing mentions lazily: the same answers as building every mention, at the cost of the shown.

The reference below is the listing as it was before it became lazy (every record built into a
``Mention``, then sorted): each filter must give exactly what it gave.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import storage.mentions as mentions
import storage.mentions.matching as matching
from storage.datafile.plan import Plan, open_plan
from storage.mentions import inbox
from storage.mentions.matching import fold, folded_text
from storage.mentions.network.parse import ParsedFeed
from storage.mentions.network.runner import FeedJob, FeedOutcome
from storage.mentions.network.sanitize import CleanEntry
from storage.mentions.watch import ident_of, records
from tests.storage.test_feeds_parse import CORPUS, FEEDS, needs_corpus

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
WORDS = ["Café", "été", "garden", "Zoë", "travel", "crème", "AI", "naïve", "Straße", "photo"]


def eager_listing(
    plan: Plan,
    *,
    unread: bool = False,
    starred: bool = False,
    matching: bool = False,
    feed: int | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[mentions.Mention]:
    """The listing as it was: every record built into a Mention, then sorted newest first."""
    names = {f.id: f.name for f in mentions.list_feeds(plan)}
    matches_of = inbox._Matches(plan, mentions.watch_words(plan))
    index = inbox._starred_index(plan)
    terms = fold(search or "").split()
    every: list[tuple[int, Any, bool]] = []
    seen = set()
    for key, doc in records(plan).items():
        seen.add(ident_of(doc))
        every.append((int(key), doc, ident_of(doc) in index))
    every += [(-copy.doc_id, copy, True) for ident, copy in index.items() if ident not in seen]
    chosen = []
    for doc_id, doc, is_starred in every:
        if (unread and doc.get("read")) or (starred and not is_starred):
            continue
        if feed is not None and int(doc.get("feed", 0)) != feed:
            continue
        matches = matches_of(doc_id, doc)
        if matching and not matches:
            continue
        if terms:
            haystack = folded_text(*(str(doc.get(k) or "") for k in ("title", "summary", "author")))
            if not all(term in haystack for term in terms):
                continue
        chosen.append(inbox._mention(doc_id, doc, names, is_starred, matches))
    chosen.sort(key=lambda m: (m.sort_date, m.id), reverse=True)
    return chosen[:limit] if limit is not None else chosen


def text(rng: random.Random, words: int) -> str:
    """Words drawn from the watch words, their case and accents varied, and filler."""
    filler = ["the", "a", "post", "note", "DAY", "Été", "cafe\u0301", "CAFÉ", "zoe", "ÆON"]
    picked = [rng.choice(WORDS + filler) for _ in range(words)]
    return " ".join(w.upper() if rng.random() < 0.2 else w for w in picked)


def fill(plan: Plan, count: int, seed: int = 7) -> list[mentions.Feed]:
    """Three feeds and ``count`` mentions: some undated, some read, starred, and uncached stars."""
    rng = random.Random(seed)
    feeds = [
        mentions.add_feed(plan, f"https://f{i}.example/feed", name=name)
        for i, name in enumerate(["Zeta blog", "alpha news", "Mid feed"])
    ]
    mentions.add_watch(plan, "été")
    mentions.add_watch(plan, "garden")
    outcomes = []
    for number, feed in enumerate(feeds):
        entries = []
        for i in range(count // len(feeds)):
            when = NOW - timedelta(minutes=rng.randrange(0, 60 * 24 * 400))
            entries.append(
                CleanEntry(
                    key=f"{feed.id}-{i}",
                    title=text(rng, 4),
                    link=f"https://f{number}.example/{i}",
                    published=None if rng.random() < 0.1 else when.isoformat(),
                    summary=text(rng, 12),
                    author=rng.choice(["", "Zoë", "Ana"]),
                )
            )
        job = FeedJob(feed.id, feed.name, feed.source)
        outcomes.append(FeedOutcome(job, parsed=ParsedFeed(feed.name, None, entries)))
    mentions.store_outcomes(plan, outcomes, NOW)
    ids = [m.id for m in eager_listing(plan)]
    mentions.mark_read(plan, rng.sample(ids, len(ids) // 3))
    for mention_id in rng.sample(ids, 12):
        mentions.set_starred(plan, mention_id, True)
    return feeds


FILTERS: list[dict[str, Any]] = [
    {},
    {"unread": True},
    {"starred": True},
    {"matching": True},
    {"unread": True, "matching": True},
    {"search": "cafe"},
    {"search": "ÉTÉ zoe"},
    {"search": "  Straße  "},
    {"search": "no such word"},
    {"search": "garden", "unread": True, "starred": True},
    {"limit": 5},
    {"limit": 0},
    {"unread": True, "limit": 50},
    {"search": "crème", "limit": 7},
]


@pytest.fixture
def big(plan: Plan) -> Iterator[tuple[Plan, list[mentions.Feed]]]:
    feeds = fill(plan, 3000)
    yield plan, feeds


def test_every_filter_lists_what_building_every_mention_listed(
    big: tuple[Plan, list[mentions.Feed]],
) -> None:
    plan, feeds = big
    mentions.remove_feed(plan, feeds[2].id)  # its starred mentions stay, as copies only
    cases = FILTERS + [{"feed": feeds[0].id}, {"feed": feeds[2].id, "starred": True}]
    for filters in cases:
        expected = eager_listing(plan, **filters)
        found = mentions.list_mentions(plan, **filters)
        assert list(found) == expected, filters
        assert found == expected and len(found) == len(expected), filters
        assert found.unread == sum(1 for m in expected if not m.read), filters
        assert found.ids() == [m.id for m in expected], filters
        assert found.unread_ids() == [m.id for m in expected if not m.read], filters
        assert found[-1:] == expected[-1:] and found[3:9] == expected[3:9], filters
    assert any(m.id < 0 for m in mentions.list_mentions(plan, starred=True))


def test_reading_one_mention_builds_one(
    big: tuple[Plan, list[mentions.Feed]], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, _feeds = big
    built: list[int] = []
    real = inbox._mention

    def counting(doc_id: int, *args: Any) -> mentions.Mention:
        built.append(doc_id)
        return real(doc_id, *args)

    monkeypatch.setattr(inbox, "_mention", counting)
    found = mentions.list_mentions(plan)
    searched = mentions.list_mentions(plan, search="cafe", unread=True)
    assert len(found) == 3000 and len(searched) > 100
    assert built == []  # listing, counting unread, finding ids: nothing built
    assert found.unread > 0 and searched.unread == len(searched)
    last = found.ids()[-1]
    assert found.index_of(last) == len(found) - 1 and found.index_of(10**9) is None
    assert built == []
    first = found[0]
    assert found[0] is first and built == [first.id]  # built once, then kept
    found[0:40]  # a screenful
    assert len(built) == 40


def test_index_of_and_replacing_an_item_keep_the_unread_count(
    big: tuple[Plan, list[mentions.Feed]],
) -> None:
    plan, _feeds = big
    found = mentions.list_mentions(plan, matching=True)
    before = found.unread
    index = next(i for i in range(len(found)) if not found[i].read)
    mention = found[index]
    assert found.index_of(mention.id) == index
    assert found.index_of(mention.id, hint=index) == index
    changed = mentions.set_read(plan, mention.id, True)
    found[index] = changed
    assert found[index] is changed and found.unread == before - 1
    assert mention.id not in found.unread_ids()
    assert found.unread == len(found.unread_ids())
    with pytest.raises(ValueError):
        found[index] = found[index + 1]
    with pytest.raises(IndexError):
        found[len(found)]


def test_a_listing_reads_on_after_the_plan_is_closed(data_file: Path) -> None:
    plan = open_plan(data_file)
    fill(plan, 300)
    expected = eager_listing(plan, unread=True)
    found = mentions.list_mentions(plan, unread=True)
    plan.close()
    assert [m.to_json() for m in found] == [m.to_json() for m in expected]


def test_folding_ahead_leaves_search_nothing_to_fold(
    big: tuple[Plan, list[mentions.Feed]], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, _feeds = big
    expected = eager_listing(plan, search="Zoe cafe")
    assert mentions.warm_search(plan, keep_going=lambda: False) is False  # stopped at once
    assert mentions.warm_search(plan)

    def no_fold(text: str) -> str:
        raise AssertionError("a search folded a text the worker had folded ahead")

    monkeypatch.setattr(matching, "latin_fold", no_fold)
    assert list(mentions.list_mentions(plan, search="Zoe cafe")) == expected


def test_a_change_to_the_cache_is_listed_at_once(big: tuple[Plan, list[mentions.Feed]]) -> None:
    plan, feeds = big
    found = mentions.list_mentions(plan, search="garden")
    mentions.mark_read(plan, found.ids()[:5])
    again = mentions.list_mentions(plan, search="garden")
    expected = eager_listing(plan, search="garden")
    assert list(again) == expected and all(m.read for m in again[:5])
    assert again.unread == sum(1 for m in expected if not m.read)
    entry = CleanEntry(
        key="fresh", title="A garden in winter", link=None,
        published=(NOW + timedelta(days=1)).isoformat(), summary="", author="",
    )  # fmt: skip
    job = FeedJob(feeds[0].id, feeds[0].name, feeds[0].source)
    outcome = FeedOutcome(job, parsed=ParsedFeed("", None, [entry]))
    mentions.store_outcomes(plan, [outcome], NOW + timedelta(days=1))
    newest = mentions.list_mentions(plan, search="garden")
    assert newest[0].title == "A garden in winter" and newest[0].matches == ("garden",)
    assert list(newest) == eager_listing(plan, search="garden")


@needs_corpus
def test_real_feeds_list_and_search_as_before(plan: Plan) -> None:
    for name in FEEDS:
        mentions.add_feed(plan, str(CORPUS / name))
    mentions.add_watch(plan, "apple")
    mentions.add_watch(plan, "Podcast")
    assert mentions.fetch_all(plan).errors == []
    every = eager_listing(plan)
    assert len(every) > 100
    rng = random.Random(3)
    words = [w for m in rng.sample(every, 40) for w in m.title.split()[:2] if len(w) > 3]
    searches = ["", "the", "APPLE mac", "café", "naïve", *words]
    feed_ids = sorted({m.feed for m in every})
    for search in searches:
        for filters in ({}, {"matching": True}, {"feed": feed_ids[0]}, {"unread": True}):
            expected = eager_listing(plan, search=search, **filters)
            assert list(mentions.list_mentions(plan, search=search, **filters)) == expected
    shown = mentions.list_mentions(plan)
    assert shown.unread == len(every) and shown.ids() == [m.id for m in every]
