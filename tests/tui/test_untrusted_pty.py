"""The real app in a pseudo-terminal: hostile feed text never reaches the terminal as escapes,
never fires an action, and a hung fetch never holds up quitting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.datafile.plan import open_plan
from storage.mentions import inbox as mentions
from tests.tui.mentions_hostile import HOSTILE
from tests.tui.mentions_pty import PtyApp
from tests.tui.mentions_seed import seed, seed_raw
from tests.tui.mentions_server import feed_server

FORBIDDEN = [
    b"\x1b]52;",  # OSC 52: clipboard write
    b"SGFja2VkIGNsaXBib2FyZA",  # its payload
    b"\x1b]0;PWNED",  # OSC 0: window title
    b"PWNED-WINDOW-TITLE",
    b"clear\x1b[2J",  # CSI 2J from the data
    b"\x9b2J",  # 8-bit CSI, raw
    b"\xc2\x9b",  # 8-bit CSI, UTF-8 encoded
]
"""What the data carries and the terminal must never receive."""

LITERAL = [
    b"[@click=app.quit]x[/]",
    b"[@click=app.screenshot('socialplan.json','.')]x[/]",
    b"closing [/] only",
    b"[b]x[/i]",
    b"[link=file:///etc/passwd]x[/link]",
    b"[[[[[[[[[[[[[[[[[[[[",
]
"""What must show as written."""


@pytest.mark.slow
def test_hostile_mentions_in_a_real_terminal(data_file: Path, tmp_path: Path) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    with feed_server() as base:
        with open_plan(data_file) as plan:
            seed_raw(plan, HOSTILE, base)  # each feed answers 404: its name shows in errors
        app = PtyApp(data_file, cwd)
        try:
            drive(app)
        finally:
            app.close()
    output = bytes(app.output)
    for sequence in FORBIDDEN:
        assert sequence not in output, sequence
    shown = visible(output)
    for text in LITERAL:
        assert text in shown, text
    assert b"Fetched: 0 new" in shown  # the run reported each feed by name
    assert b"closing [/] only: HTTP 404" in shown
    assert list(cwd.iterdir()) == [], "an action from the data wrote a file"


def visible(output: bytes) -> bytes:
    """The app's output without its own escape sequences (text split by cursor moves joins)."""
    return re.sub(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[^\[\]])", b"", output)


def drive(app: PtyApp) -> None:
    """Show every hostile mention, click them, open every view of names, fetch, then quit."""
    app.read(15, until=b"Today")
    app.send("5", 1.5)
    for _ in range(len(HOSTILE)):  # every mention in the detail pane
        app.send("j", 0.15)
    app.send("\x1b[H", 0.3)  # home
    for y in range(6, 18):  # click every row and the detail pane
        app.click(40, y)
        app.click(90, y)
    app.send("t", 0.8)  # a reply task: its notification quotes the title
    app.send("F", 1.0)  # the feeds screen: hostile names and errors
    for x in range(2, 60, 4):
        app.click(x, 5)
    app.read(0.5)
    app.send("\x1b", 0.8)
    app.send("e", 0.8)  # the feed filter lists the names
    app.send("\x1b", 0.5)
    app.send("f", 3.0)  # names in the progress row and in the error notification
    assert app.wait(0.5) is None, "a click or key in the data made the app quit"
    app.send("q")
    assert app.wait(10) == 0


@pytest.mark.slow
def test_quitting_during_a_hung_fetch(data_file: Path, tmp_path: Path) -> None:
    with feed_server() as base:
        with open_plan(data_file) as plan:
            seed(plan, ["Something to read"])
            mentions.add_feed(plan, f"{base}/hang", name="Never answers")
        app = PtyApp(data_file, tmp_path)
        try:
            app.read(15, until=b"Today")
            app.send("5", 1.5)
            app.send("f", 1.5)  # the fetch starts and hangs on the feed
            app.send("j", 0.3)
            assert "Fetching…".encode() in app.output  # the progress row is up
            assert app.wait(0.2) is None
            app.send("q", 0)
            # Well within the feed's 20 s deadline: quitting does not wait for the network.
            assert app.wait(6) == 0
        finally:
            app.close()
