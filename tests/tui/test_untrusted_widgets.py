"""Hostile feed text in the mentions widgets: shown literally, never acted on, never escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from storage.text import one_line, strip_controls
from tests.tui.mentions_hostile import HOSTILE, PAYLOADS, screen_output
from tui.mentions.detail import MentionDetail, MentionView, notify_plain
from tui.mentions.list_view import MentionList, MentionRow


class Harness(App[None]):
    """The list and the detail pane on hostile rows; records every action that runs."""

    CSS = "MentionList { height: 14; } MentionDetail { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.actions: list[str] = []

    def compose(self) -> ComposeResult:
        yield MentionList()
        yield MentionDetail()

    def on_mount(self) -> None:
        rows = [
            MentionRow(i, text, "unknown", text, matched=True) for i, text in enumerate(HOSTILE)
        ]
        self.query_one(MentionList).set_rows(rows)
        self.query_one(MentionList).focus()

    def on_mention_list_highlighted(self, event: MentionList.Highlighted) -> None:
        if event.row is not None:
            text = event.row.title
            view = MentionView(text, text, "unknown", None, text, author=text)
            self.query_one(MentionDetail).show(view, ["x"])

    async def run_action(self, action: str, default_namespace: object = None) -> bool:
        self.actions.append(action)
        return await super().run_action(action, default_namespace)

    def action_quit(self) -> None:  # pragma: no cover - failing path
        self.actions.append("QUIT")

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.actions.append("SCREENSHOT")  # pragma: no cover - failing path


def region_text(text: str, region: Region) -> str:
    """The part of the screen's text inside a region."""
    lines = text.split("\n")[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def squash(text: str) -> str:
    """Text without any whitespace (wrapping moves spaces and breaks lines)."""
    return "".join(text.split())


@pytest.mark.parametrize("index", range(len(HOSTILE)))
async def test_hostile_text_shows_literally_and_clicks_do_nothing(
    index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    raw = HOSTILE[index]
    app = Harness()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        listing = app.query_one(MentionList)
        listing.cursor = index
        await pilot.pause()
        # Click the row and every cell of the detail pane's first lines, then press enter.
        await pilot.click(MentionList, offset=(30, index - listing.scroll_offset.y))
        for y in range(3):
            for x in range(0, 24):
                await pilot.click(MentionDetail, offset=(x, y))
        await pilot.press("enter")
        text, terminal = screen_output(app)
        expected = one_line(raw)
        row_line = listing.render_line(index - listing.scroll_offset.y).text
        assert expected[:60] in row_line
        # Title, feed, summary and the notification show the text as written (wrapped).
        shown = squash(strip_controls(raw))[:300]
        visible = app.screen._compositor.visible_widgets
        checked = 0
        for widget_id in ("#mention-title", "#mention-meta", "#mention-summary"):
            widget = app.query_one(widget_id)
            if widget in visible:  # ten thousand "[" push the rest below the pane
                region = visible[widget][0].intersection(app.screen.region)
                part = shown[: region.width * max(region.height - 1, 1) - 20]
                assert part in squash(region_text(text, region))
                checked += 1
        assert checked >= 1
        for payload in PAYLOADS:
            assert payload.decode("latin-1") not in terminal
        # A notification quoting it (as the tab sends them).
        notify_plain(app, f"Reply task added: {raw}")
        for _ in range(3):  # the toast is mounted a few frames later
            await pilot.pause()
        text, terminal = screen_output(app)
        toasts = [w for w in app.screen._compositor.visible_widgets if type(w).__name__ == "Toast"]
        assert toasts and shown[:30] in squash(region_text(text, toasts[-1].region))
        for payload in PAYLOADS:
            assert payload.decode("latin-1") not in terminal
    assert "QUIT" not in app.actions and "SCREENSHOT" not in app.actions
    assert not any(a.startswith(("quit", "screenshot", "app.")) for a in app.actions)
    assert list(cwd.iterdir()) == []
