"""The command line while the app is open (issue 14, item 6): a command's change is merged, not
refused; the open app shows it within two seconds; the app's own next save keeps it; what
cannot be merged (the mentions cache, a restore, an import) is refused in one line."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList

from storage.datafile import LockedError, Paths, open_plan
from storage.datafile.plan import reserve_plan
from storage.phases import tasks
from tui.app import SocialPlanApp

SIZE = (120, 40)
TODAY = date(2026, 11, 26)


def shown(app) -> list[str]:
    listing = app.screen.query_one("#today-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def until_shown(pilot, title: str, seconds: float = 10.0) -> bool:
    """Wait (at most ``seconds``) for a Today line holding ``title``."""
    for _ in range(int(seconds / 0.1)):
        if any(title in line for line in shown(pilot.app)):
            return True
        await pilot.pause(0.1)
    return False


def titles_on_disk(data_file: Path) -> dict[str, bool]:
    data = json.loads(data_file.read_text())
    return {task["title"]: bool(task.get("done")) for task in data["tasks"].values()}


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    return TODAY


async def test_a_task_added_from_a_shell_shows_in_the_open_app_and_both_changes_are_kept(
    data_file: Path, run_cli, today: date
) -> None:
    with open_plan(data_file) as plan:
        tasks.add_task(plan, 1, "Reply to Ana", due=today - timedelta(days=1))
    app = SocialPlanApp(reserve_plan(data_file))  # as `socialplan` starts it
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await until_shown(pilot, "Reply to Ana")
            added = await asyncio.to_thread(
                run_cli, "tasks", "add", "Answer the newsletter replies", "--phase", "5",
                "--due", "today", env={"SOCIALPLAN_TODAY": today.isoformat()},
            )
            assert added.returncode == 0, added.stderr  # not "already open" any more
            assert await until_shown(pilot, "Answer the newsletter replies"), \
                "the open app shows the shell's task"
            listing = app.screen.query_one("#today-list", OptionList)
            for _ in range(listing.option_count):  # the app's own change, by keys
                if "Reply to Ana" in shown(app)[listing.highlighted or 0]:
                    break
                await pilot.press("j")
            await pilot.press("d")
            for _ in range(50):
                if not any("Reply to Ana" in line for line in shown(app)):
                    break
                await pilot.pause(0.05)
            await pilot.press("q")
    finally:
        if app.plan_open:
            app.plan.close()
    on_disk = titles_on_disk(data_file)
    assert on_disk["Answer the newsletter replies"] is False, "the shell's task survived the app"
    assert on_disk["Reply to Ana"] is True, "the app's tick is saved too"


async def test_the_shell_edits_a_task_the_app_shows_and_the_app_keeps_the_edit(
    data_file: Path, run_cli, today: date
) -> None:
    with open_plan(data_file) as plan:
        task = tasks.add_task(plan, 2, "Claim the Mastodon handle", due=today)
    app = SocialPlanApp(reserve_plan(data_file))
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await until_shown(pilot, "Claim the Mastodon handle")
            edited = await asyncio.to_thread(
                run_cli, "tasks", "edit", str(task.id), "--title", "Claim the Bluesky handle"
            )
            assert edited.returncode == 0, edited.stderr
            assert await until_shown(pilot, "Claim the Bluesky handle")
            assert not any("Mastodon" in line for line in shown(app))
            await pilot.press("2")  # the app saves something of its own: a new task, by keys
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*"Thank the first commenters", "enter")
            await pilot.pause()
            await pilot.press("q")
    finally:
        if app.plan_open:
            app.plan.close()
    on_disk = titles_on_disk(data_file)
    assert "Claim the Bluesky handle" in on_disk and "Claim the Mastodon handle" not in on_disk
    assert "Thank the first commenters" in on_disk


async def test_a_second_app_is_still_refused_and_so_is_what_cannot_be_merged(
    data_file: Path, run_cli, tmp_path: Path
) -> None:
    open_plan(data_file).close()
    export = tmp_path / "export.json"
    assert run_cli("export", str(export)).returncode == 0
    app = SocialPlanApp(reserve_plan(data_file))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            with pytest.raises(LockedError):
                reserve_plan(data_file)
            before = data_file.read_bytes()
            for argv in (("fetch",), ("restore", "--latest"), ("import", str(export))):
                result = await asyncio.to_thread(run_cli, *argv)
                assert result.returncode != 0, argv
                lines = result.stderr.strip().splitlines()
                assert len(lines) == 1 and "open in the socialplan app" in lines[0], argv
                assert "Traceback" not in result.stderr
            assert data_file.read_bytes() == before, "nothing was changed"
            await pilot.press("q")
    finally:
        if app.plan_open:
            app.plan.close()
    assert run_cli("restore", "--latest").returncode == 0, "once the app is closed, it works"
    assert not Paths(data_file).app_lock.read_text().strip(), "no PID left behind"
