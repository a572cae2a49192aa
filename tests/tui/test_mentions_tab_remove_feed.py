"""Removing a feed by keys: it runs in the background, and the feed and its mentions are gone."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from storage.datafile.plan import open_plan
from storage.mentions import inbox as mentions
from tests.tui.mentions_seed import seed, settle
from tui.mentions.list_view import MentionList

LOCAL = ["Local one", "Local two", "Local three"]
OTHER = ["Other one", "Other two"]


async def wait_for_removals(pilot: Any) -> None:
    """Wait until the feeds screen's removal workers are done, then for the new listing."""
    app = pilot.app
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "mentions-feeds"])
    await settle(pilot)


async def test_removing_a_feed_by_keys_drops_it_and_its_mentions_for_good(
    app_factory: Any, data_file: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_plan(data_file) as plan:
        local = seed(plan, LOCAL)
        seed(plan, OTHER, feed_name="Other blog", source="https://other.example/feed.xml")
        kept = next(m for m in mentions.list_mentions(plan) if m.title == "Local two")
        mentions.set_starred(plan, kept.id, True)
    gate = threading.Event()
    real_remove = mentions.remove_feed
    threads: list[str] = []

    def slow_remove(plan: Any, feed_id: int) -> Any:
        threads.append(threading.current_thread().name)
        gate.wait(10)  # as slow as rewriting a big cache, until the test lets it go
        return real_remove(plan, feed_id)

    monkeypatch.setattr("storage.mentions.remove_feed", slow_remove)
    async with app_factory().run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("5")
        await settle(pilot)
        listing = pilot.app.query_one(MentionList)
        assert {row.feed for row in listing.rows} == {"Local news", "Other blog"}
        await pilot.press("F")
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Local news"  # sorted by name
        await pilot.press("x", "y")  # remove, yes
        await pilot.pause()
        said = str(pilot.app.screen.query_one("#feeds-error", Static).render())
        assert "Removing Local news" in said  # the screen says it is working...
        await pilot.press("j")  # ...and keeps answering keys meanwhile
        assert table.cursor_row == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")  # waits for the removal rather than blocking the screen
        await pilot.pause()
        assert any("Still removing" in str(n.message) for n in pilot.app._notifications)
        assert threads and threads[0] != threading.main_thread().name
        gate.set()
        await wait_for_removals(pilot)
        shown = {(row.feed, row.title, row.starred) for row in listing.rows}
        assert shown == {
            ("Other blog", "Other one", False), ("Other blog", "Other two", False),
            ("Local news", "Local two", True),  # the starred copy stays
        }  # fmt: skip
        await pilot.press("F")
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "Other blog"
    with open_plan(data_file, write=False) as plan:
        assert [f.name for f in mentions.list_feeds(plan)] == ["Other blog"]
        assert all(doc.get("feed") != local for doc in plan.mentions_table().all())
        left = mentions.list_mentions(plan)
        assert sorted(m.title for m in left) == ["Local two", "Other one", "Other two"]
        assert [m.title for m in left if m.id < 0] == ["Local two"]


async def test_a_refused_removal_is_said_on_the_screen(
    app_factory: Any, data_file: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_plan(data_file) as plan:
        seed(plan, LOCAL)

    def failing(plan: Any, feed_id: int) -> Any:
        raise OSError("No space left on device")

    monkeypatch.setattr("storage.mentions.remove_feed", failing)
    async with app_factory().run_test(size=(120, 30)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("F", "x", "y")
        await wait_for_removals(pilot)
        said = str(pilot.app.screen.query_one("#feeds-error", Static).render())
        assert "No space left" in said
        assert pilot.app.screen.query_one(DataTable).row_count == 1
        await pilot.press("escape")
        await settle(pilot)
        assert len(pilot.app.query_one(MentionList).rows) == len(LOCAL)
