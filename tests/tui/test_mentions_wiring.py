"""How the Mentions tab's widgets talk, driven by keys: the reader tells the detail pane and the
counts what changed, the filter bar asks for a new listing, and every key still answers."""

from __future__ import annotations

from typing import Any

from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from storage import mentions
from storage.datafile.plan import open_plan
from tests.tui.mentions_seed import seed, settle
from tui.mentions.detail import MentionDetail
from tui.mentions.list_view import MentionList
from tui.shared.help import HelpScreen

TITLES = ["Newest about gardening", "Middle post on travel", "Oldest note"]

TAB_KEYS = {
    "Read/unread", "Star", "Open link", "Search", "View", "Filter by feed", "Fetch all",
    "Mark all read", "Reply task", "Content idea", "I commented here", "Add feed", "Feeds",
    "Watch words", "Back to the list / clear search",
}  # fmt: skip
"""The descriptions of every key of the tab."""


def shown(pilot: Any, selector: str) -> str:
    """The text a Static of the screen shows."""
    return str(pilot.app.query_one(selector, Static).render())


async def open_tab(pilot: Any) -> MentionList:
    await pilot.press("5")
    await settle(pilot)
    return pilot.app.query_one(MentionList)


async def test_the_detail_pane_and_the_counts_follow_what_the_keys_change(
    app_factory: Any, data_file: Any
) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 30)) as pilot:
        await open_tab(pilot)
        assert "3 unread" in shown(pilot, "#mentions-status")
        await pilot.press("j")
        assert TITLES[1] in shown(pilot, "#mention-title")
        assert "★" not in shown(pilot, "#mention-meta")
        await pilot.press("s", "r")
        await pilot.pause()
        meta = shown(pilot, "#mention-meta")
        assert "★" in meta and "unread" not in meta
        assert "2 unread" in shown(pilot, "#mentions-status")


async def test_keys_on_a_mention_work_from_the_detail_pane(
    app_factory: Any, data_file: Any
) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        await pilot.press("enter")  # read it: the detail pane has the keys now
        assert pilot.app.query_one(MentionDetail).has_focus
        await pilot.press("s", "r")  # star it, and unread again, from the pane
        await pilot.pause()
        assert listing.current.starred and not listing.current.read
        assert "3 unread" in shown(pilot, "#mentions-status")
        await pilot.press("v")  # the view key works from the pane too
        await settle(pilot)
        assert shown(pilot, "#mentions-status").startswith("unread")
        assert pilot.app.query_one(MentionDetail).has_focus


async def test_the_filter_bar_lists_again_and_gives_the_keys_back(
    app_factory: Any, data_file: Any
) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
        seed(plan, ["Other feed item"], feed_name="Other", source="https://other.example/f")
    async with app_factory().run_test(size=(120, 30)) as pilot:
        listing = await open_tab(pilot)
        assert len(listing.rows) == 4
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # "Other" (feeds sorted by name)
        await settle(pilot)
        assert [row.title for row in listing.rows] == ["Other feed item"]
        assert listing.has_focus  # a feed picked: the list takes the keys again
        await pilot.press("r")
        await pilot.pause()
        assert listing.current.read
        await pilot.press("slash", *"nothing like this", "enter")
        await settle(pilot)
        assert listing.rows == [] and listing.has_focus
        assert "search: nothing like this" in shown(pilot, "#mentions-status")
        assert "No mention selected." in shown(pilot, "#mention-title")


async def test_today_opens_a_mention_hidden_by_the_filters(
    app_factory: Any, data_file: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    with open_plan(data_file) as plan:
        mentions.add_watch(plan, "oldest")
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 40)) as pilot:
        listing = await open_tab(pilot)
        await pilot.press("v", "v", "slash", *"zzz", "enter")  # starred, and a search
        await settle(pilot)
        assert listing.rows == []
        await pilot.press("1")  # Today lists the unread mention that matches a watch word
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        today = pilot.app.screen.query_one("#today-list", OptionList)
        lines = [str(today.get_option_at_index(i).prompt) for i in range(today.option_count)]
        today.highlighted = next(i for i, line in enumerate(lines) if TITLES[2] in line)
        await pilot.press("o")
        for _ in range(100):
            await pilot.pause(0.02)
            if listing.current is not None and listing.current.title == TITLES[2]:
                break
        await settle(pilot)
        assert len(listing.rows) == 3 and listing.current.title == TITLES[2]
        assert shown(pilot, "#mentions-status").startswith("all")
        assert TITLES[2] in shown(pilot, "#mention-title")
        assert listing.has_focus


async def test_help_and_palette_reach_every_key_of_the_tab(
    app_factory: Any, data_file: Any
) -> None:
    with open_plan(data_file) as plan:
        seed(plan, TITLES)
    async with app_factory().run_test(size=(120, 40)) as pilot:
        listing = await open_tab(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        listed = {e.description for e in pilot.app.screen.entries if e.section == "Mentions"}
        assert TAB_KEYS - listed == set()
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"Mentions: Star")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert listing.current.starred
