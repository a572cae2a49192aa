"""Thousands of mentions in the tab: it builds what it shows, and its counts stay right."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from storage.datafile.plan import open_plan
from storage.mentions import inbox as mentions
from tests.tui.mentions_seed import seed, settle
from tui.mentions.list_view import MentionList

COUNT = 2000


def status(pilot: Any) -> str:
    return str(pilot.app.query_one("#mentions-status", Static).render())


async def test_the_tab_builds_only_the_mentions_it_shows(
    app_factory: Any, data_file: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = [f"Post {n} about {'café' if n % 2 else 'the garden'}" for n in range(COUNT)]
    with open_plan(data_file) as plan:
        seed(plan, titles)
    built: list[int] = []
    real = mentions._mention

    def counting(doc_id: int, *args: Any) -> mentions.Mention:
        built.append(doc_id)
        return real(doc_id, *args)

    monkeypatch.setattr(mentions, "_mention", counting)
    async with app_factory().run_test(size=(120, 30)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        listing = pilot.app.query_one(MentionList)
        screen = listing.size.height
        assert len(listing.rows) == COUNT and listing.current.title == titles[0]
        assert f"{COUNT} shown" in status(pilot) and f"{COUNT} unread" in status(pilot)
        assert len(built) <= 2 * screen
        await pilot.press("end", "r")  # the oldest, marked read
        await pilot.pause()
        assert listing.current.title == titles[-1] and listing.current.read
        assert f"{COUNT - 1} unread" in status(pilot)
        await pilot.press("slash", *"CAFE", "enter")
        await settle(pilot)
        assert len(listing.rows) == COUNT // 2
        assert all("café" in row.title for row in listing.rows[:screen])
        assert f"{COUNT // 2} shown" in status(pilot)
        assert f"{COUNT // 2 - 1} unread" in status(pilot)  # the oldest is a café post
        await pilot.press("R", "y")  # mark every shown one read
        await settle(pilot)
        assert f"{COUNT // 2} shown · 0 unread" in status(pilot)
        assert len(built) <= 8 * screen  # a few screenfuls, never the whole cache
    with open_plan(data_file, write=False) as plan:
        assert mentions.list_mentions(plan, unread=True).unread == COUNT // 2
