"""Watch-word matches are stored with the mentions, follow the watch list, and the check-in's
digest is used only while it describes the cache exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

import storage.datafile.jsonstore
import storage.mentions as mentions
import storage.mentions.watch
from storage.datafile.plan import Plan, open_plan
from storage.mentions.network.parse import ParsedFeed
from storage.mentions.network.runner import FeedJob, FeedOutcome
from storage.mentions.network.sanitize import CleanEntry
from storage.mentions.watch import digest_path, flush_digests

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def entry(key: str, title: str, summary: str = "") -> CleanEntry:
    return CleanEntry(
        key=key, title=title, link=f"https://x.example/{key}",
        published=f"2026-11-{10 + int(key):02d}T08:00:00+00:00", summary=summary, author="",
    )  # fmt: skip


def store(plan: Plan, *entries: CleanEntry) -> mentions.Feed:
    feeds = mentions.list_feeds(plan)
    feed = feeds[0] if feeds else mentions.add_feed(plan, "https://x.example/feed", name="X")
    job = FeedJob(feed.id, feed.name, feed.source)
    parsed = ParsedFeed(title="", link=None, entries=list(entries))
    mentions.store_outcomes(plan, [FeedOutcome(job, parsed=parsed)], NOW)
    return feed


def stored_records(path: Path) -> dict[str, dict[str, object]]:
    data = orjson.loads(path.read_bytes())
    return {doc["key"]: doc for doc in data["mentions"].values()}


def titles(found: list[mentions.Mention]) -> list[str]:
    return [m.title for m in found]


def test_a_changed_watch_list_flags_and_unflags_old_mentions(plan: Plan) -> None:
    mentions.add_watch(plan, "garden")
    store(plan, entry("1", "Un été au jardin"), entry("2", "Garden diary"), entry("3", "Cafe talk"))
    assert titles(mentions.list_mentions(plan, matching=True)) == ["Garden diary"]
    mentions.add_watch(plan, "ÉTÉ")
    mentions.add_watch(plan, "café")
    assert titles(mentions.list_mentions(plan, matching=True)) == [
        "Cafe talk", "Garden diary", "Un été au jardin",
    ]  # fmt: skip
    assert titles(mentions.matching_new(plan, 5)[0]) == [
        "Cafe talk", "Garden diary", "Un été au jardin",
    ]  # fmt: skip
    assert stored_records(plan.paths.mentions)["1"]["matches"] == ["ÉTÉ"]
    mentions.remove_watch(plan, "garden")
    assert titles(mentions.list_mentions(plan, matching=True)) == ["Cafe talk", "Un été au jardin"]
    assert stored_records(plan.paths.mentions)["2"]["matches"] == []


def test_matches_survive_reopening(data_file: Path) -> None:
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "lena")
        store(plan, entry("1", "Lena's trip", "night trains"), entry("2", "Other news"))
    assert stored_records(Path(str(data_file).replace(".json", ".mentions.json")))["1"][
        "matches"
    ] == ["lena"]
    with open_plan(data_file, write=False) as reader:
        found = mentions.list_mentions(reader)
        assert [(m.title, m.matches) for m in found] == [
            ("Other news", ()), ("Lena's trip", ("lena",)),
        ]  # fmt: skip


def test_watch_words_changed_elsewhere_are_matched_on_read(data_file: Path) -> None:
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "lena")
        store(plan, entry("1", "Lena's trip"), entry("2", "Night trains"))
        plan.table("watch").insert({"word": "night"})  # e.g. an import: the cache is not told
    with open_plan(data_file, write=False) as reader:
        assert titles(mentions.matching_new(reader, 5)[0]) == ["Night trains", "Lena's trip"]
    with open_plan(data_file) as plan:
        assert titles(mentions.list_mentions(plan, matching=True)) == [
            "Night trains", "Lena's trip",
        ]  # fmt: skip
    assert stored_records(plan.paths.mentions)["2"]["matches"] == ["night"]


def test_the_check_in_reads_the_digest_and_not_the_whole_cache(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "lena")
        store(plan, entry("1", "Lena one"), entry("2", "Lena two"), entry("3", "Other"))
        first = mentions.list_mentions(plan, matching=True)[-1]
        mentions.set_starred(plan, first.id, True)
        mentions.set_read(plan, first.id, True)
    flush_digests()
    assert digest_path(plan).exists()
    loaded: list[Path] = []
    real = storage.datafile.jsonstore.load_file
    monkeypatch.setattr(
        storage.datafile.jsonstore, "load_file", lambda path: (loaded.append(path), real(path))[1]
    )
    monkeypatch.setattr(storage.datafile.plan, "load_file", storage.datafile.jsonstore.load_file)
    with open_plan(data_file, write=False) as reader:
        shown, total = mentions.matching_new(reader, 5)
        assert (titles(shown), total) == (["Lena two"], 1)
        assert reader.paths.mentions not in loaded


def test_a_stale_digest_is_never_trusted(data_file: Path) -> None:
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "lena")
        store(plan, entry("1", "Lena one"), entry("2", "Lena two"))
    flush_digests()
    older = plan.paths.mentions.read_bytes()
    with open_plan(data_file) as plan:
        mentions.mark_read(plan, [m.id for m in mentions.list_mentions(plan)])
        assert mentions.matching_new(plan, 5) == ([], 0)
    flush_digests()
    with open_plan(data_file, write=False) as reader:
        assert mentions.matching_new(reader, 5) == ([], 0)
    plan.paths.mentions.write_bytes(older)  # an older cache put back: its digest is gone
    with open_plan(data_file, write=False) as reader:
        assert titles(mentions.matching_new(reader, 5)[0]) == ["Lena two", "Lena one"]
    with open_plan(data_file) as plan:  # other code adds a record without telling the digest
        plan.mentions_table().insert(
            {"feed": 1, "key": "9", "title": "Lena nine", "published": "2026-11-25", "read": False}
        )
    with open_plan(data_file, write=False) as reader:
        assert titles(mentions.matching_new(reader, 5)[0]) == ["Lena nine", "Lena two", "Lena one"]
    digest_path(plan).write_text("{not json")
    with open_plan(data_file, write=False) as reader:
        assert mentions.matching_new(reader, 5)[1] == 3


def test_years_of_unread_matches_keep_the_digest_small_and_the_counts_right(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.mentions.watch, "DIGEST_ITEMS", 2)
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "lena")
        store(plan, *(entry(str(n), f"Lena {n}") for n in range(1, 6)))
    flush_digests()
    assert len(orjson.loads(digest_path(plan).read_bytes())["items"]) == 2
    with open_plan(data_file, write=False) as reader:
        assert (titles(mentions.matching_new(reader, 2)[0]), mentions.matching_new(reader, 2)[1]) == (
            ["Lena 5", "Lena 4"], 5,
        )  # fmt: skip
        assert titles(mentions.matching_new(reader, 4)[0]) == [
            "Lena 5",
            "Lena 4",
            "Lena 3",
            "Lena 2",
        ]


def test_a_damaged_digest_is_read_past(data_file: Path) -> None:
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "lena")
        store(plan, entry("1", "Lena one"))
    flush_digests()
    digest = orjson.loads(digest_path(plan).read_bytes())
    digest_path(plan).write_bytes(orjson.dumps({**digest, "items": [{"no": "id"}]}))
    with open_plan(data_file, write=False) as reader:
        assert titles(mentions.matching_new(reader, 5)[0]) == ["Lena one"]


def test_the_app_saving_in_the_background_leaves_a_digest_for_the_shell(data_file: Path) -> None:
    with open_plan(data_file) as plan:
        plan.save_in_background()  # as the app does: saves land a moment later
        mentions.add_watch(plan, "lena")
        store(plan, entry("1", "Lena one"), entry("2", "Lena two"))
        one = mentions.list_mentions(plan, matching=True)[-1]
        mentions.set_read(plan, one.id, True)
        assert titles(mentions.matching_new(plan, 5)[0]) == ["Lena two"]  # memory is the truth
        with open_plan(data_file, write=False) as shell:  # while the app is still open
            seen = titles(mentions.matching_new(shell, 5)[0])  # some state already on disk
            assert seen in ([], ["Lena two", "Lena one"], ["Lena two"])
    flush_digests()
    digest = orjson.loads(digest_path(plan).read_bytes())
    assert [item["title"] for item in digest["items"]] == ["Lena two"]
    with open_plan(data_file, write=False) as shell:
        assert titles(mentions.matching_new(shell, 5)[0]) == ["Lena two"]


def test_starring_elsewhere_keeps_the_check_in_right(data_file: Path) -> None:
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "lena")
        store(plan, entry("1", "Lena one"))
        [one] = mentions.list_mentions(plan)
        mentions.set_starred(plan, one.id, True)
        mentions.remove_feed(plan, one.feed)  # the starred copy outlives its feed
    flush_digests()
    with open_plan(data_file, write=False) as reader:
        [shown], total = mentions.matching_new(reader, 5)
        assert (shown.title, shown.starred, shown.id < 0, total) == ("Lena one", True, True, 1)
