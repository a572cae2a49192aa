"""The Mentions tab driven by keys: reading, starring, filters, search, actions, feeds, words."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import DataTable

from storage.calendar.community import list_comments
from storage.calendar.occurrences import backlog
from storage.datafile.plan import open_plan
from storage.mentions import inbox as mentions
from storage.phases.tasks import list_tasks
from tests.tui.mentions_seed import seed, settle
from tests.tui.mentions_server import feed_server
from tui.mentions.detail import MentionDetail
from tui.mentions.list_view import MentionList

TITLES = ["Newest about gardening", "Middle post on été travel", "Oldest note"]


async def open_tab(pilot: Any) -> MentionList:
    """Switch to the Mentions tab and return its list."""
    await pilot.press("5")
    await settle(pilot)
    return pilot.app.query_one(MentionList)


def titles(listing: MentionList) -> list[str]:
    return [row.title for row in listing.rows]


async def test_read_and_star_by_keys_persist(app_factory: Any, data_file: Any) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        assert titles(listing) == TITLES  # newest first
        assert not any(row.read for row in listing.rows)
        await pilot.press("j", "r", "s")
        assert listing.current.title == TITLES[1]
        assert listing.current.read and listing.current.starred
        await pilot.press("k", "r", "r")  # read, then unread again
        assert not listing.current.read
        await pilot.press("enter")  # read it: marked read, the detail pane takes the keys
        assert listing.current.read and pilot.app.query_one(MentionDetail).has_focus
        await pilot.press("escape")
        assert listing.has_focus
        await pilot.press("r")
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        rows = {row.title: row for row in listing.rows}
        assert rows[TITLES[1]].read and rows[TITLES[1]].starred
        assert not rows[TITLES[0]].read and not rows[TITLES[0]].starred
        await pilot.press("v", "v")  # starred only
        await settle(pilot)
        assert titles(listing) == [TITLES[1]]


async def test_reply_task_content_idea_and_comment_from_a_mention(
    app_factory: Any, data_file: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-20")  # the app's day, not the machine's
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 30), notifications=True) as pilot:
        await open_tab(pilot)
        await pilot.press("j", "t", "i", "c")
        await pilot.pause()
        shown = [n.message for n in pilot.app._notifications]
        assert any("Reply task" in m and TITLES[1] in m for m in shown)
    with open_plan(data_file, write=False) as plan:
        task = next(t for t in list_tasks(plan, 5) if TITLES[1] in t.title)
        assert task.link == "https://news.example/1" and task.source == "mention"
        assert any(TITLES[1] in item.title for item in backlog(plan))
        [comment] = [c for c in list_comments(plan) if c.url == "https://news.example/1"]
        assert comment.date.isoformat() == "2026-11-20"


async def test_views_feed_filter_and_type_to_search(app_factory: Any, data_file: Any) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
        seed(plan, ["Other feed item"], feed_name="Other", source="https://other.example/f")
        mentions.add_watch(plan, "ete")
        mentions.mark_read(plan, [m.id for m in mentions.list_mentions(plan)][:1])
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        assert len(listing.rows) == 4
        await pilot.press("v")  # unread
        await settle(pilot)
        assert len(listing.rows) == 3 and all(not r.read for r in listing.rows)
        await pilot.press("v", "v")  # starred (none), then matching: "ete" finds "été"
        await settle(pilot)
        assert titles(listing) == [TITLES[1]] and listing.rows[0].matched
        await pilot.press("v")  # back to all
        await pilot.press("slash", *"oldest")
        await settle(pilot)
        assert titles(listing) == [TITLES[2]]
        await pilot.press("escape")  # clears the search, back in the list
        await settle(pilot)
        assert len(listing.rows) == 4 and listing.has_focus
        await pilot.press("e")  # the feed filter opens
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # "Local news" (feeds sorted by name)
        await settle(pilot)
        assert set(titles(listing)) == set(TITLES)


async def test_mark_all_read_asks_first(app_factory: Any, data_file: Any) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        await pilot.press("R", "n")
        assert not any(row.read for row in listing.rows)
        await pilot.press("R", "y")
        await settle(pilot)
        assert all(row.read for row in listing.rows)
    with open_plan(data_file, write=False) as plan:
        assert all(m.read for m in mentions.list_mentions(plan))


async def test_open_link_only_for_web_links(
    app_factory: Any, data_file: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
        second = mentions.list_mentions(plan)[1]
        plan.mentions_table().update({"link": "file:///etc/passwd"}, doc_ids=[second.id])
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        await pilot.press("o")
        await pilot.app.workers.wait_for_complete()
        assert opened == ["https://news.example/0"]
        assert listing.current.read  # opening it reads it
        await pilot.press("j", "o")  # its link was changed to a file: URL below
        await pilot.app.workers.wait_for_complete()
        assert opened == ["https://news.example/0"]  # a file: link is never opened


async def test_feeds_screen_renames_and_removes(app_factory: Any, data_file: Any) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("n", "ctrl+u", *"My news", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert all(row.feed == "My news" for row in listing.rows)
        await pilot.press("F", "x", "y")
        await pilot.pause()
        removals = [w for w in pilot.app.workers if w.group == "mentions-feeds"]
        await pilot.app.workers.wait_for_complete(removals)  # removing runs in a thread
        await pilot.press("escape")
        await settle(pilot)
        assert listing.rows == []
    with open_plan(data_file, write=False) as plan:
        assert mentions.list_feeds(plan) == []


async def test_watch_words_flag_and_add_feed_helper(app_factory: Any, data_file: Any) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 40)) as pilot:
        listing = await open_tab(pilot)
        assert not any(row.matched for row in listing.rows)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"GARDENING", "enter", "escape")
        await settle(pilot)
        assert [row.matched for row in listing.rows] == [True, False, False]
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"oldest", "enter")  # add (matches are redone in a worker)
        await settle(pilot)
        await pilot.press("tab", "end", "x")  # then remove it
        await settle(pilot)
        assert mentions.watch_words(pilot.app.plan) == ["GARDENING"]
        await pilot.press("u")  # undo
        await settle(pilot)
        assert mentions.watch_words(pilot.app.plan) == ["GARDENING", "oldest"]
        await pilot.press("x", "escape")
        await settle(pilot)
        await pilot.press("a")  # add a Hacker News listening feed
        await pilot.pause()
        await pilot.press("shift+tab", "enter", "down", "down", "down", "down", "enter")
        await pilot.press(*"lena", "enter")
        await pilot.pause()
    with open_plan(data_file, write=False) as plan:
        assert mentions.watch_words(plan) == ["GARDENING"]
        sources = [f.source for f in mentions.list_feeds(plan)]
        assert "https://hnrss.org/newest?q=lena" in sources


async def test_fetch_shows_progress_and_brings_new_mentions(
    app_factory: Any, data_file: Any
) -> None:
    with feed_server() as base:
        with open_plan(data_file) as plan:
            mentions.add_feed(plan, f"{base}/good.xml", name="Local")
            mentions.add_feed(plan, f"{base}/missing.xml", name="Gone")
        async with app_factory().run_test(size=(120, 30), notifications=True) as pilot:
            listing = await open_tab(pilot)
            assert listing.rows == []
            await pilot.press("f")
            await pilot.app.workers.wait_for_complete()
            await settle(pilot)
            assert titles(listing) == ["Fresh post about gardening", "Second fresh post"]
            message = list(pilot.app._notifications)[-1].message
            assert "2 new" in message and "Gone" in message and "404" in message
            assert not pilot.app.query_one("#mentions-fetch").has_class("running")
            await pilot.press("F")  # the feeds list: last fetch, items, last error
            await pilot.pause()
            table = pilot.app.screen.query_one(DataTable)
            rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(2)}
            assert str(rows["Local"][3]) == "2" and str(rows["Local"][4]) == ""
            assert str(rows["Local"][2]).startswith("20")
            assert "404" in str(rows["Gone"][4])


async def test_keys_answer_while_a_fetch_hangs(app_factory: Any, data_file: Any) -> None:
    with feed_server() as base:
        with open_plan(data_file) as plan:
            seed(plan, TITLES)
            mentions.add_feed(plan, f"{base}/hang", name="Never answers")
        async with app_factory().run_test(size=(120, 30)) as pilot:
            listing = await open_tab(pilot)
            await pilot.press("f")
            await pilot.pause()
            assert pilot.app.query_one("#mentions-fetch").has_class("running")
            await pilot.press("j", "r", "s", "slash", *"oldest", "escape")
            assert listing.rows[1].read and listing.rows[1].starred
            await pilot.press("f")  # a second fetch is refused, not queued
            await pilot.press("q")
        # The app has exited: the hung feed did not hold it (the worker gave up at once).


async def test_marking_read_waits_while_a_watch_word_rematches(
    app_factory: Any, data_file: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    gate = threading.Event()
    real_add = mentions.add_watch

    def slow_add(plan: Any, word: str) -> str:
        gate.wait(10)  # as slow as re-matching a big cache, until the test lets it go
        return real_add(plan, word)

    monkeypatch.setattr("storage.mentions.add_watch", slow_add)
    async with app_factory().run_test(size=(120, 40)) as pilot:
        listing = await open_tab(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"gardening", "enter", "escape")
        await pilot.pause()
        await pilot.press("r")  # would re-match the cache again, on the UI thread
        await pilot.pause()
        assert listing.current is not None and not listing.current.read
        assert any("try again" in str(n.message) for n in pilot.app._notifications)
        gate.set()
        await settle(pilot)
        assert listing.current.matched
        await pilot.press("r")
        await settle(pilot)
        assert listing.current.read
    with open_plan(data_file, write=False) as plan:
        assert mentions.list_mentions(plan)[0].read
