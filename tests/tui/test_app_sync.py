"""Sync from the app (ctrl+y): the other machine's changes come in while the app stays open,
keys wait meanwhile, and Today shows the fields both machines changed until x dismisses them."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from storage.datafile import Paths, open_plan
from storage.phases import tasks
from storage.sync.git import setup, sync
from tui.shared.confirm import Busy

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 26, 9, 0).astimezone()
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def other(tmp_path: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """This plan set up with a bare repository, and a second machine that took it."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # git runs the merge driver: socialplan's own
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    open_plan(data_file).close()
    setup(Paths(data_file), str(remote), NOW)
    desktop = Paths(tmp_path / "desktop" / "socialplan.json")
    setup(desktop, str(remote), NOW)
    return desktop


async def settle(pilot) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if not isinstance(pilot.app.screen, Busy) and not pilot.app.workers._workers:
            break
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def notes(app) -> str:
    return str(app.screen.query_one("#today-notes", Static).render())


async def test_ctrl_y_brings_the_other_machines_changes_in_and_today_shows_conflicts(
    app_factory, other: Paths
) -> None:
    desktop = open_plan(other.data)
    tasks.add_task(desktop, 5, "Plan a meet-up in Lyon")
    first = tasks.get_task(desktop, 1)
    tasks.update_task(desktop, 1, "Baseline, from the desktop", first.notes, first.due)
    desktop.close()
    sync(other, NOW)

    app = app_factory()
    first = tasks.get_task(app.plan, 1)
    tasks.update_task(app.plan, 1, "Baseline, from the laptop", first.notes, first.due)  # here too
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        titles = [t.title for t in tasks.list_tasks(app.plan)]
        assert "Plan a meet-up in Lyon" in titles
        both = {"Baseline, from the laptop", "Baseline, from the desktop"}
        (kept,) = both & set(titles)  # the later change is kept (a tie is settled by value)...
        shown = notes(app)
        assert "1 field was changed on both machines" in shown  # ...and the other one shown
        assert (both - {kept}).pop() in shown
        await pilot.press("x")
        await settle(pilot)
        assert "changed on both machines" not in notes(app)
    plan = open_plan(app.plan.path, write=False)  # and it is all on disk
    assert "Plan a meet-up in Lyon" in [t.title for t in tasks.list_tasks(plan)]
    plan.close()


async def test_ctrl_y_says_how_to_set_sync_up_when_it_is_not(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("sync setup REMOTE" in m for m in said)


async def test_a_sync_from_a_shell_while_the_app_is_open_shows_in_the_app_and_is_kept(
    app_factory, other: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    desktop = open_plan(other.data)
    tasks.add_task(desktop, 1, "Plan a meet-up in Lyon", due=date(2026, 11, 26))
    desktop.close()
    sync(other, NOW)

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await asyncio.to_thread(sync, app.plan.paths, NOW)  # `socialplan sync` in another pane
        listing = app.screen.query_one("#today-list", OptionList)
        for _ in range(100):
            lines = [str(listing.get_option_at_index(i).prompt)
                     for i in range(listing.option_count)]
            if any("Plan a meet-up in Lyon" in line for line in lines):
                break
            await pilot.pause(0.1)
        assert any("Plan a meet-up in Lyon" in line for line in lines)
        await pilot.press("2", "a", *"Thank the first commenters", "enter")  # the app's own save
        await pilot.pause()
        await pilot.press("q")
    plan = open_plan(app.plan.path, write=False)
    titles = [t.title for t in tasks.list_tasks(plan)]
    plan.close()
    assert "Plan a meet-up in Lyon" in titles and "Thank the first commenters" in titles
