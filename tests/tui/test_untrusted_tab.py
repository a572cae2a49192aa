"""Hostile feed text in the real Mentions tab: list, detail, feed filter, feeds screen and
notifications show it as written (minus control characters) and nothing in it acts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Select

from storage.datafile.plan import open_plan
from storage.text import one_line, strip_controls
from tests.tui.mentions_hostile import HOSTILE, PAYLOADS, screen_output
from tests.tui.mentions_seed import seed_raw, settle
from tui.mentions.detail import MentionDetail
from tui.mentions.list_view import MentionList


def squash(text: str) -> str:
    """Text without whitespace (wrapping moves spaces and breaks lines)."""
    return "".join(text.split())


def region_text(text: str, region: Region) -> str:
    """The part of the screen's text inside a region."""
    lines = text.split("\n")[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def assert_clean(terminal: str) -> None:
    for payload in PAYLOADS:
        assert payload.decode("latin-1") not in terminal


@pytest.mark.slow
async def test_hostile_text_in_the_mentions_tab(
    app_factory: Any, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with open_plan(data_file) as plan:
        seed_raw(plan, HOSTILE)
    app = app_factory()
    fired: list[str] = []
    monkeypatch.setattr(type(app), "action_quit", lambda self: fired.append("quit"))
    monkeypatch.setattr(type(app), "action_screenshot", lambda self, *a: fired.append("shot"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("5")
        await settle(pilot)
        listing = app.query_one(MentionList)
        by_title = {row.title: index for index, row in enumerate(listing.rows)}
        assert set(by_title) == set(HOSTILE)
        for raw in HOSTILE:
            listing.cursor = by_title[raw]
            await pilot.pause()
            shown = squash(strip_controls(raw))
            line = listing.render_line(listing.cursor - listing.scroll_offset.y).text
            assert one_line(raw)[:30] in line  # feed name
            text, terminal = screen_output(app)
            assert_clean(terminal)
            pane = app.query_one(MentionDetail).content_region
            title = app.query_one("#mention-title").region.intersection(pane)
            assert shown[: title.width * title.height - 10] in squash(region_text(text, title))
            if len(raw) < 100:
                for part in ("#mention-meta", "#mention-summary"):
                    region = app.query_one(part).region
                    assert shown in squash(region_text(text, region))
            for x in (0, 1):  # where markup would have put a clickable "x"
                await pilot.click("#mention-title", offset=(x, 0))
            await pilot.click(MentionList, offset=(40, listing.cursor - listing.scroll_offset.y))
        # A notification that quotes a title (a reply task).
        listing.cursor = by_title[HOSTILE[7]]  # the OSC 52 one
        await pilot.press("t")
        for _ in range(3):
            await pilot.pause()
        text, terminal = screen_output(app)
        assert_clean(terminal)
        assert squash(strip_controls(HOSTILE[7])) in squash(text)
        # The feed filter lists the names as written.
        select = app.query_one("#mentions-feed", Select)
        labels = [str(getattr(option, "plain", option)) for option, _v in select._options]
        assert any("[@click=app.quit]x[/]" in label for label in labels)
        await pilot.press("e")
        await pilot.pause()
        text, terminal = screen_output(app)
        assert_clean(terminal)
        assert "closing [/] only" in text
        await pilot.press("escape")
        # The feeds screen: names and last errors.
        await pilot.press("F")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        text, terminal = screen_output(app)
        assert_clean(terminal)
        for raw in ("[@click=app.quit]x[/]", "closing [/] only", "[b]x[/i]", "[bold]"):
            assert raw in text
        for y in range(1, 12, 2):
            await pilot.click(table, offset=(4, y))
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert fired == []
    assert list(cwd.iterdir()) == []
