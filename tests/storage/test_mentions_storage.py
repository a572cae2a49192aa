"""Mentions model: feeds, watch words with accents, one save per run, retention, stars, actions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import storage.datafile.jsonstore
import storage.mentions as mentions
from storage.datafile.plan import Plan, open_plan
from storage.errors import InputError
from storage.mentions.feeds import get_feed
from storage.mentions.ingest import prune
from storage.mentions.network.parse import ParsedFeed
from storage.mentions.network.runner import FeedJob, FeedOutcome
from storage.mentions.network.sanitize import CleanEntry
from tests.storage.test_feeds_parse import CORPUS, FEEDS, expected_entries, needs_corpus

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def entry(key: str, title: str = "", summary: str = "") -> CleanEntry:
    return CleanEntry(
        key=key, title=title or key, link=f"https://x.example/{key}", published=None,
        summary=summary, author="",
    )  # fmt: skip


def outcome(feed: mentions.Feed, *entries: CleanEntry) -> FeedOutcome:
    job = FeedJob(feed.id, feed.name, feed.source)
    return FeedOutcome(job, parsed=ParsedFeed(title="", link=None, entries=list(entries)))


@pytest.fixture
def feed(plan: Plan) -> mentions.Feed:
    return mentions.add_feed(plan, "https://x.example/feed", name="X")


# -- feeds -------------------------------------------------------------------------------------


def test_feeds_accept_http_urls_and_existing_files_only(plan: Plan, tmp_path: Path) -> None:
    local = tmp_path / "feed.xml"
    local.write_text("<rss/>")
    added = mentions.add_feed(plan, str(local))
    assert (added.kind, added.source, added.name) == ("file", str(local), "feed.xml")
    web = mentions.add_feed(plan, " https://blog.example/feed/ ", name="Blog\x1b[2J")
    assert (web.kind, web.name) == ("url", "Blog")
    for bad in ("ftp://x.example/f", "file:///etc/passwd", str(tmp_path / "missing.xml"), ""):
        with pytest.raises(InputError):
            mentions.add_feed(plan, bad)
    with pytest.raises(InputError, match="already monitored"):
        mentions.add_feed(plan, "https://blog.example/feed/")


def test_rename_and_remove_a_feed(plan: Plan, feed: mentions.Feed) -> None:
    assert mentions.rename_feed(plan, feed.id, "  New name ").name == "New name"
    with pytest.raises(InputError):
        mentions.rename_feed(plan, feed.id, "   ")
    mentions.store_outcomes(plan, [outcome(feed, entry("a"), entry("b"))], NOW)
    starred = mentions.list_mentions(plan)[0]
    mentions.set_starred(plan, starred.id, True)
    mentions.remove_feed(plan, feed.id)
    assert mentions.list_feeds(plan) == []
    left = mentions.list_mentions(plan)
    assert [(m.title, m.starred, m.feed_name) for m in left] == [(starred.title, True, "New name")]


# -- watch words -------------------------------------------------------------------------------


def test_watch_words_ignore_case_and_accents(plan: Plan, feed: mentions.Feed) -> None:
    mentions.add_watch(plan, "ete")
    mentions.add_watch(plan, "Zoé")
    mentions.add_watch(plan, "AI")
    with pytest.raises(InputError, match="already watched"):
        mentions.add_watch(plan, "ÉTÉ")
    mentions.store_outcomes(
        plan,
        [outcome(feed, entry("1", "Un Été au jardin"), entry("2", "zoe writes"),
                 entry("3", "she said so"), entry("4", "nothing", "summary about AI tools"))],
        NOW,
    )  # fmt: skip
    found = {m.title: m.matches for m in mentions.list_mentions(plan)}
    assert found == {
        "Un Été au jardin": ("ete",), "zoe writes": ("Zoé",), "she said so": (),
        "nothing": ("AI",),
    }  # fmt: skip
    assert [m.title for m in mentions.list_mentions(plan, matching=True)] == [
        "nothing", "zoe writes", "Un Été au jardin",
    ]  # fmt: skip
    assert mentions.remove_watch(plan, "ZOE") == "Zoé"
    assert mentions.watch_words(plan) == ["AI", "ete"]


def test_match_spans_point_at_the_words_in_the_original_text() -> None:
    text = "Un Été, l’été: cafe\u0301 Café"
    spans = mentions.match_spans(text, ["ete", "café"])
    assert [text[a:b] for a, b in spans] == ["Été", "été", "cafe\u0301", "Café"]


# -- fetch runs --------------------------------------------------------------------------------


def test_a_fetch_run_is_one_save_of_the_mentions_file_and_none_of_the_plan(
    plan: Plan, feed: mentions.Feed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What feeds answered is this machine's, kept beside the cache: a sync carries no fetch
    times, so two machines that both fetch every day do not conflict at every sync."""
    other = mentions.add_feed(plan, "https://y.example/feed", name="Y")
    mentions.store_outcomes(plan, [outcome(feed, entry("old"))], NOW)
    writes: list[Path] = []
    real = storage.datafile.jsonstore.atomic_write
    monkeypatch.setattr(
        storage.datafile.jsonstore,
        "atomic_write",
        lambda path, data: (writes.append(path), real(path, data)),
    )
    report = mentions.store_outcomes(
        plan,
        [outcome(feed, *(entry(f"a{i}") for i in range(50))),
         outcome(other, *(entry(f"b{i}") for i in range(50)))],
        NOW,
    )  # fmt: skip
    assert report.new == 100
    assert writes.count(plan.paths.mentions) == 1
    assert writes.count(plan.paths.data) == 0
    assert {f.name: f.count for f in mentions.list_feeds(plan)} == {"Y": 50, feed.name: 50}
    assert all("last_fetch" not in doc for doc in plan.table("feeds").all())


def test_new_entries_are_unread_and_seen_ones_keep_their_state(
    plan: Plan, feed: mentions.Feed
) -> None:
    mentions.store_outcomes(plan, [outcome(feed, entry("a", "first title"))], NOW)
    [first] = mentions.list_mentions(plan)
    assert not first.read and first.in_feed
    mentions.set_read(plan, first.id, True)
    later = NOW + timedelta(hours=1)
    report = mentions.store_outcomes(plan, [outcome(feed, entry("a", "edited title"))], later)
    [again] = mentions.list_mentions(plan)
    assert report.new == 0
    assert (again.id, again.title, again.read, again.first_seen) == (
        first.id, "edited title", True, first.first_seen,
    )  # fmt: skip
    assert get_feed(plan, feed.id).count == 1


def test_retention_prunes_only_old_unstarred_mentions_gone_from_their_feed(
    plan: Plan, feed: mentions.Feed
) -> None:
    long_ago = NOW - timedelta(days=200)
    mentions.store_outcomes(
        plan, [outcome(feed, entry("kept-in-feed"), entry("dropped"), entry("starred"))], long_ago
    )
    star = next(m for m in mentions.list_mentions(plan) if m.key == "starred")
    mentions.set_starred(plan, star.id, True)
    recent = NOW - timedelta(days=10)
    mentions.store_outcomes(plan, [outcome(feed, entry("kept-in-feed"), entry("recent"))], recent)
    mentions.store_outcomes(plan, [outcome(feed, entry("kept-in-feed"))], NOW)
    shown = {m.key: (m.in_feed, m.starred) for m in mentions.list_mentions(plan)}
    assert shown == {
        "kept-in-feed": (True, False), "recent": (False, False), "starred": (False, True),
    }  # fmt: skip
    plan.update_settings(retention_days=5)
    assert prune(plan, NOW) == 1  # "recent"; a starred one is never pruned
    assert {m.key for m in mentions.list_mentions(plan)} == {"kept-in-feed", "starred"}


def test_a_feed_removed_during_a_fetch_gets_no_mentions(plan: Plan, feed: mentions.Feed) -> None:
    late = outcome(feed, entry("a"))
    mentions.remove_feed(plan, feed.id)
    report = mentions.store_outcomes(plan, [late], NOW)
    assert report.feeds == [] and mentions.list_mentions(plan) == []


def test_failed_feeds_keep_their_mentions_and_record_the_error(
    plan: Plan, feed: mentions.Feed
) -> None:
    mentions.store_outcomes(plan, [outcome(feed, entry("a"))], NOW)
    job = FeedJob(feed.id, feed.name, feed.source)
    report = mentions.store_outcomes(plan, [FeedOutcome(job, error="HTTP 500")], NOW)
    assert report.errors == ["X: HTTP 500"]
    assert get_feed(plan, feed.id).last_error == "HTTP 500"
    assert [m.in_feed for m in mentions.list_mentions(plan)] == [True]


@needs_corpus
def test_real_feeds_are_ingested_with_counts_and_titles_and_persist(data_file: Path) -> None:
    plan = open_plan(data_file)
    for name in FEEDS:
        mentions.add_feed(plan, str(CORPUS / name))
    report = mentions.fetch_all(plan)
    assert report.errors == []
    plan.close()
    reopened = open_plan(data_file)
    try:
        feeds = {Path(f.source).name: f for f in mentions.list_feeds(reopened)}
        assert feeds["inessential.json"].name == "inessential.com"  # the feed's own title
        for name in FEEDS:
            expected = expected_entries(CORPUS / name)
            stored = mentions.list_mentions(reopened, feed=feeds[name].id)
            assert feeds[name].count == len(expected) == len(stored)
            titles = {m.title for m in stored}
            for _ident, title in expected:
                if title and "<" not in title and "&" not in title:
                    assert " ".join(title.split()) in titles
    finally:
        reopened.close()


# -- reading and acting ------------------------------------------------------------------------


def test_read_star_and_mark_all_read(plan: Plan, feed: mentions.Feed) -> None:
    mentions.store_outcomes(plan, [outcome(feed, entry("a"), entry("b"), entry("c"))], NOW)
    ids = [m.id for m in mentions.list_mentions(plan)]
    starred = mentions.set_starred(plan, ids[0], True)
    assert starred is not None and starred.starred
    [copy] = plan.table("starred").all()
    assert {"feed", "key", "title", "link", "published", "summary", "read"} <= set(copy)
    assert [m.id for m in mentions.list_mentions(plan, starred=True)] == [ids[0]]
    assert mentions.mark_read(plan, ids[:2]) == 2
    assert [m.id for m in mentions.list_mentions(plan, unread=True)] == [ids[2]]
    assert plan.table("starred").all()[0]["read"] is True
    mentions.set_starred(plan, ids[0], False)
    assert plan.table("starred").all() == []


def test_search_and_feed_filters(plan: Plan, feed: mentions.Feed) -> None:
    other = mentions.add_feed(plan, "https://y.example/feed", name="Y")
    mentions.store_outcomes(
        plan,
        [outcome(feed, entry("a", "Garden notes", "about roses")),
         outcome(other, entry("b", "Café", "roses and coffee"))],
        NOW,
    )  # fmt: skip
    assert [m.title for m in mentions.list_mentions(plan, search="ROSES cafe")] == ["Café"]
    assert [m.title for m in mentions.list_mentions(plan, feed=feed.id)] == ["Garden notes"]


def test_matching_new_counts_unread_matches(plan: Plan, feed: mentions.Feed) -> None:
    mentions.add_watch(plan, "brand")
    mentions.store_outcomes(
        plan, [outcome(feed, *(entry(str(i), f"brand news {i}") for i in range(5)))], NOW
    )
    first = mentions.list_mentions(plan)[0]
    mentions.set_read(plan, first.id, True)
    shown, total = mentions.matching_new(plan, 2)
    assert total == 4 and len(shown) == 2 and first.id not in {m.id for m in shown}


def test_a_mention_becomes_a_reply_task_an_idea_and_a_comment(
    plan: Plan, feed: mentions.Feed
) -> None:
    mentions.store_outcomes(plan, [outcome(feed, entry("a", "Someone asked about you"))], NOW)
    [mention] = mentions.list_mentions(plan)
    today = date(2026, 11, 26)
    task = mentions.make_reply_task(plan, mention.id, today=today)
    assert (task.phase, task.link, task.source) == (5, "https://x.example/a", "mention")
    assert "Someone asked about you" in task.title
    mentions.make_content_idea(plan, mention.id, today=today)
    [idea] = [d for d in plan.table("content").all() if "Someone asked" in d["title"]]
    assert (idea["status"], idea["date"], idea["url"]) == ("idea", None, "https://x.example/a")
    mentions.log_commented(plan, mention.id, today=today)
    [logged] = plan.table("community").all()
    assert (logged["date"], logged["url"], logged["where"]) == (
        "2026-11-26", "https://x.example/a", "x.example",
    )  # fmt: skip
    with pytest.raises(InputError):
        mentions.make_reply_task(plan, 999, today=today)
