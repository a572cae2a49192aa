"""The app shell: tabs by keys, help, palette, quitting, and refusing a locked or damaged file."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import TabbedContent

from storage.datafile import DataFileError, LockedError
from storage.datafile.plan import open_plan, reserve_plan
from tests.conftest import ROOT
from tui.app import TABS, SocialPlanApp, run_app
from tui.shared.footer import Footer
from tui.shared.help import HelpScreen
from tui.shared.title_bar import TitleBar


def footer_keys(app) -> set[str]:
    """The descriptions the footer shows now."""
    return {key.description for key in app.query_one(Footer).query("FooterKey")}


async def test_number_keys_switch_tabs_in_order(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(110, 32)) as pilot:
        assert app.query_one(TabbedContent).active == "today"
        for n, spec in enumerate(TABS, start=1):
            await pilot.press(str(n))
            await pilot.pause()
            assert app.query_one(TabbedContent).active == spec.id
            pane = app.query_one(f"#{spec.id}")
            assert pane.children, f"tab {spec.id} was not built when shown"


async def test_the_footer_follows_the_tab_shown(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(140, 32)) as pilot:
        await pilot.pause()
        assert {"Mark done", "Take a snapshot", "Help", "Quit"} <= footer_keys(app)
        for key in "4141":  # quick switches: the footer ends with the last tab's keys
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert "Mark done" in footer_keys(app)
        await pilot.press("4")
        await pilot.pause()
        await pilot.pause()
        keys = footer_keys(app)
        assert "Mark done" not in keys and {"Help", "Quit"} <= keys
        assert keys != {"Help", "Quit"}  # the Calendar's own keys are there too


async def test_the_title_bar_names_the_file_as_written(tmp_path: Path) -> None:
    path = tmp_path / "[b]blog[@click=app.quit] \x1b[31m.json"
    plan = open_plan(path)
    try:
        app = SocialPlanApp(plan)
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause()
            line = app.query_one(TitleBar).render().plain
            assert "socialplan — [b]blog[@click=app.quit] .json" in line  # no markup, no escape
            assert "\x1b" not in line and line.lstrip().startswith("◆")
    finally:
        plan.close()


async def test_only_the_first_tab_is_built_at_start(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        built = [spec.id for spec in TABS if app.query_one(f"#{spec.id}").children]
        assert built == ["today"]


async def test_help_lists_app_keys_and_closes(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {(e.key, e.description) for e in app.screen.entries}
        assert ("q", "Quit") in listed
        assert ("?", "Help") in listed
        assert any(desc == "Calendar" for _, desc in listed)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_reaches_app_actions(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Measure")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "measure"


async def test_q_quits(app_factory) -> None:
    app = app_factory()
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def test_a_second_app_on_the_file_exits_2_with_one_line(data_file: Path, capsys) -> None:
    open_plan(data_file).close()
    holder = reserve_plan(data_file)  # the first app
    try:
        assert run_app(data_file) == 2
    finally:
        holder.release()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already open" in err[0]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "empty"),  # refused before the app starts
        (b'{"meta": {"1": {"schema": 1}}, "tasks": {"1": {"title": "x"', "not valid JSON"),
        (b'{"meta": {"1": {"schema": 1}}, "tasks": {"1": {"a": 1,, }}}', "not valid JSON"),
    ],  # the last shows only once parsed: the app ends with status 2 and the same one line
)
def test_app_on_a_damaged_file_exits_2(data_file: Path, capsys, content: bytes, said: str) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(content)
    assert run_app(data_file, headless=True) == 2  # the file is read once the app is up
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and said in err[0] and err[0].startswith("socialplan: ")
    assert data_file.read_bytes() == content  # never overwritten
    with pytest.raises(DataFileError):  # still damaged, and the lock was given back
        open_plan(data_file).close()


async def test_the_app_reads_its_file_after_the_first_frame(data_file: Path) -> None:
    open_plan(data_file).close()  # the starter plan
    reservation = reserve_plan(data_file)
    with pytest.raises(LockedError):  # a second app is refused from before the first frame
        reserve_plan(data_file)
    app = SocialPlanApp(reservation)
    try:
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause()
            assert app.plan_open
            today = app.query_one("#today-list")
            for _ in range(20):  # the check-in is built in a thread
                if today.option_count:
                    break
                await pilot.pause(0.05)
            assert today.option_count > 0
            with pytest.raises(LockedError):
                reserve_plan(data_file)
            open_plan(data_file).close()  # a command is not refused: see test_while_open.py
    finally:
        if app.plan_open:
            app.plan.close()
    open_plan(data_file).close()  # free again


def _read_until(fd: int, deadline: float) -> bytes:
    chunks = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks += data
    return chunks


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signals_close_the_app_cleanly_and_keep_every_change(
    data_file: Path, signum: int
) -> None:
    """A real app in a pseudo-terminal: SIGTERM/SIGHUP end it with status 0, keep what was
    confirmed, and release the lock."""
    open_plan(data_file).close()
    pid, fd = pty.fork()
    if pid == 0:  # child: run the real command line
        os.environ["PYTHONPATH"] = str(ROOT)
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "tui", "--data", str(data_file)])
    try:
        screen = _read_until(fd, time.monotonic() + 8)
        assert b"Today" in screen
        os.write(fd, b"2")  # Phases tab
        _read_until(fd, time.monotonic() + 2)
        os.write(fd, b" ")  # toggle the first task done: saved at once
        _read_until(fd, time.monotonic() + 1)
        os.kill(pid, signum)
        _read_until(fd, time.monotonic() + 3)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        os.close(fd)
    plan = open_plan(data_file)  # the lock is free
    try:
        from storage.phases.tasks import list_tasks

        assert any(task.done for task in list_tasks(plan, phase=1))
    finally:
        plan.close()


async def test_a_failed_save_is_told_without_markup_or_escapes(app_factory) -> None:
    """An error quoting hostile text reaches the user literally, without control sequences."""
    from storage.errors import InputError

    app = app_factory()
    async with app.run_test() as pilot:

        def refuse() -> None:
            raise InputError("bad name [@click=app.quit]x[/] \x1b]52;c;ZXZpbA==\x07 end")

        assert app.attempt(refuse) is None
        await pilot.pause()
        [toast] = list(app._notifications)
        assert toast.message == "bad name [@click=app.quit]x[/]  end"
        assert toast.severity == "error"
    assert app.return_code is None or app.return_code == 0


async def test_the_language_is_switched_from_the_palette_and_kept_in_the_plan(
    app_factory, data_file: Path, run_cli
) -> None:
    app = app_factory()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Language")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.plan.settings()["language"] == "fr"
        said = [n.message for n in app._notifications]
        assert any("français" in m and "next time" in m for m in said)
    env = {"LANG": "C.UTF-8", "SOCIALPLAN_TODAY": "2026-11-26"}
    assert run_cli("checkin", env=env).stdout.startswith("Point du jour")

    app = app_factory()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("ctrl+l")  # the same switch, by its key: back to English
        await pilot.pause()
        assert app.plan.settings()["language"] == "en"
    assert run_cli("checkin", env=env).stdout.startswith("Check-in for")
