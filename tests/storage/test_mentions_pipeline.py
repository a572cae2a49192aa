"""A fetch run reads in one direction: what it writes is matched, stamped and digested once, at
the end of one change of the cache; and the package's modules build on each other without loops."""

from __future__ import annotations

import ast
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import storage.mentions as mentions
import storage.mentions.watch as watch
from storage.datafile.plan import Plan
from storage.mentions.network.parse import ParsedFeed
from storage.mentions.network.runner import FeedJob, FeedOutcome
from storage.mentions.network.sanitize import CleanEntry
from tests.conftest import ROOT
from tests.storage.test_import_hygiene import run

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def entry(key: str, title: str) -> CleanEntry:
    return CleanEntry(
        key=key, title=title, link=None, published=None, summary="", author=""
    )  # fmt: skip


def outcome(feed: mentions.Feed, *entries: CleanEntry) -> FeedOutcome:
    job = FeedJob(feed.id, feed.name, feed.source)
    return FeedOutcome(job, parsed=ParsedFeed(title="", link=None, entries=list(entries)))


def count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    """Record each call of ``storage.mentions.watch.<name>`` (the call still happens)."""
    calls: list[Any] = []
    real = getattr(watch, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(watch, name, spy)
    return calls


def test_a_run_finds_watch_words_only_in_the_entries_it_wrote(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    mentions.add_watch(plan, "garden")
    quiet = mentions.add_feed(plan, "https://quiet.example/feed", name="Quiet")
    busy = mentions.add_feed(plan, "https://busy.example/feed", name="Busy")
    old = [entry(f"q{n}", f"Garden note {n}") for n in range(40)]
    mentions.store_outcomes(plan, [outcome(quiet, *old)], NOW)
    looked = count_calls(monkeypatch, "words_in")
    later = NOW + timedelta(hours=1)
    mentions.store_outcomes(
        plan, [outcome(busy, entry("b1", "My garden in May"), entry("b2", "Cafe talk"))], later
    )
    assert len(looked) == 2  # the 40 cached mentions keep the matches they have
    matching = mentions.list_mentions(plan, matching=True)
    assert sorted(m.title for m in matching if m.feed == busy.id) == ["My garden in May"]
    assert len(matching) == 41


def test_an_edited_entry_is_matched_again(plan: Plan) -> None:
    mentions.add_watch(plan, "garden")
    feed = mentions.add_feed(plan, "https://x.example/feed", name="X")
    mentions.store_outcomes(plan, [outcome(feed, entry("a", "Cafe talk"))], NOW)
    assert mentions.list_mentions(plan, matching=True) == []
    later = NOW + timedelta(hours=1)
    mentions.store_outcomes(plan, [outcome(feed, entry("a", "Cafe talk in the garden"))], later)
    [found] = mentions.list_mentions(plan, matching=True)
    assert (found.title, found.matches) == ("Cafe talk in the garden", ("garden",))


def test_a_run_that_also_prunes_is_one_change_one_stamp_one_digest(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = mentions.add_feed(plan, "https://x.example/feed", name="X")
    long_ago = NOW - timedelta(days=200)
    mentions.store_outcomes(plan, [outcome(feed, entry("old", "Old"), entry("new", "New"))], long_ago)
    stamp = watch.cache_meta(plan)["stamp"]
    digests = count_calls(monkeypatch, "write_digest")
    report = mentions.store_outcomes(plan, [outcome(feed, entry("new", "New"))], NOW)
    assert report.pruned == 1 and [m.key for m in mentions.list_mentions(plan)] == ["new"]
    assert len(digests) == 1
    assert watch.cache_meta(plan)["stamp"] not in (stamp, None)
    assert digests[0][1] == watch.cache_meta(plan)["stamp"]


def test_a_change_inside_another_is_part_of_it(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = mentions.add_feed(plan, "https://x.example/feed", name="X")
    mentions.store_outcomes(plan, [outcome(feed, entry("a", "Garden diary"))], NOW)
    digests = count_calls(monkeypatch, "write_digest")
    with watch.changing(plan):
        mentions.add_watch(plan, "garden")  # a rematch of every record, inside the outer change
        assert digests == []
    assert len(digests) == 1
    assert [m.title for m in mentions.list_mentions(plan, matching=True)] == ["Garden diary"]


def test_a_change_from_another_thread_waits_and_gets_its_own_stamp(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    mentions.add_watch(plan, "garden")
    feed = mentions.add_feed(plan, "https://x.example/feed", name="X")
    digests = count_calls(monkeypatch, "write_digest")
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with watch.changing(plan):
            inside.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(10)
    run_done = threading.Event()

    def store() -> None:
        mentions.store_outcomes(plan, [outcome(feed, entry("a", "Garden diary"))], NOW)
        run_done.set()

    fetcher = threading.Thread(target=store)
    fetcher.start()
    assert not run_done.wait(0.3)  # the run waits for the change in progress
    release.set()
    holder.join(10)
    fetcher.join(10)
    assert run_done.is_set() and len(digests) == 2
    assert digests[0][1] != digests[1][1] == watch.cache_meta(plan)["stamp"]
    [found] = mentions.list_mentions(plan)
    assert found.matches == ("garden",)


def test_a_cancelled_run_stores_nothing(plan: Plan) -> None:
    feed = mentions.add_feed(plan, "https://x.example/feed", name="X")
    cancel = threading.Event()
    cancel.set()
    report = mentions.fetch_all(plan, cancel=cancel)
    assert report.cancelled and [r.feed_id for r in report.feeds] == [feed.id]
    assert watch.records(plan) == {} and "stamp" not in watch.cache_meta(plan)
    [stored] = mentions.list_feeds(plan)
    assert (stored.last_fetch, stored.last_error) == (None, None)


# -- the shape of the package -------------------------------------------------------------------


def test_modules_of_the_package_import_their_siblings_never_the_package() -> None:
    offenders = []
    for path in sorted((ROOT / "storage" / "mentions").rglob("*.py")):
        if path.name == "__init__.py" and path.parent.name == "mentions":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module == "storage.mentions":
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name == "storage.mentions"]
            if names:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_check_in_imports_the_package_without_anything_that_fetches(tmp_path) -> None:
    code = """
import sys
from storage.datafile.plan import open_plan
import storage.mentions
with open_plan(sys.argv[1]) as plan:
    storage.mentions.matching_new(plan, 5)
heavy = ("httpx", "feedparser", "storage.mentions.ingest", "storage.mentions.network.runner")
print("LOADED:" + ",".join(sorted(m for m in sys.modules if m.startswith(heavy))))
"""
    assert run(code, str(tmp_path / "plan.json")).splitlines()[-1] == "LOADED:"
