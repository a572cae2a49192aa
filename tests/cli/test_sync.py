"""``socialplan sync``: one plan on two machines (two data folders here) through a bare git
repository, merged record by record; a failure loses nothing and the next sync completes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Machine:
    """One machine: its own data file, running the real command line."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "socialplan.json"
        folder.mkdir()

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full = {**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_TODAY": "2026-11-26",
                "GIT_CONFIG_GLOBAL": "/dev/null", **(env or {})}  # fmt: skip
        return subprocess.run([sys.executable, "-m", "tui", "--data", str(self.data), *args],
                              capture_output=True, text=True, env=full, cwd=ROOT, timeout=120)

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def plan(self) -> dict[str, Any]:
        return orjson.loads(self.data.read_bytes())

    def titles(self, table: str) -> dict[str, str]:
        return {doc["title"]: key for key, doc in self.plan().get(table, {}).items()}


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    return bare


@pytest.fixture
def two(tmp_path: Path, remote: Path) -> tuple[Machine, Machine]:
    laptop, desktop = Machine(tmp_path / "laptop"), Machine(tmp_path / "desktop")
    laptop.ok("tasks", "list")  # a plan made on the laptop
    assert "Sent this plan" in laptop.ok("sync", "setup", str(remote))
    assert "Took the plan" in desktop.ok("sync", "setup", str(remote))  # no plan there yet
    assert desktop.plan() == laptop.plan()
    return laptop, desktop


def test_additions_on_both_machines_meet_with_their_spin_offs(two: tuple[Machine, Machine]) -> None:
    laptop, desktop = two
    laptop.ok("content", "add", "Train journal", "--on", "2026-12-01")
    laptop.ok("content", "add", "Train photos", "--parent", "1", "--kind", "photo")
    desktop.ok("content", "add", "Alps packing list", "--on", "2026-12-02")
    desktop.ok("content", "add", "Alps short post", "--parent", "1", "--kind", "short post")
    desktop.ok("tasks", "add", "Plan a meet-up", "--phase", "5")
    assert "Sent: 2 added" in laptop.ok("sync")
    said = desktop.ok("sync")
    assert "Sent: 3 added" in said and "Received: 2 added" in said
    laptop.ok("sync")
    assert laptop.plan() == desktop.plan()
    titles = laptop.titles("content")
    content = laptop.plan()["content"]
    assert content[titles["Train photos"]]["parent"] == int(titles["Train journal"])
    assert content[titles["Alps short post"]]["parent"] == int(titles["Alps packing list"])
    assert "Plan a meet-up" in laptop.titles("tasks")
    assert "Not sent yet: 0 added, 0 changed, 0 removed." in laptop.ok("sync", "status")


def test_the_same_field_on_both_machines_shows_both_values_until_dismissed(
    two: tuple[Machine, Machine],
) -> None:
    laptop, desktop = two
    laptop.ok("tasks", "edit", "1", "--title", "Baseline: visits and subscribers")
    desktop.ok("tasks", "edit", "1", "--title", "Baseline of the web statistics")
    laptop.ok("sync")
    assert "1 field was changed on both sides" in desktop.ok("sync")
    shown = desktop.ok("sync", "status")
    assert "Baseline of the web statistics" in shown and "Baseline: visits and subscribers" in shown
    state = orjson.loads(desktop.ok("sync", "status", "--json"))
    assert state["conflicts"][0]["field"] == "title"
    desktop.ok("sync", "status", "--dismiss")
    assert "Changed on both sides" not in desktop.ok("sync", "status")


def test_an_edit_against_a_delete_keeps_the_edit(two: tuple[Machine, Machine]) -> None:
    laptop, desktop = two
    laptop.ok("tasks", "delete", "2")
    desktop.ok("tasks", "edit", "2", "--notes", "Objectives: 1,500 subscribers by June")
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    assert laptop.plan()["tasks"]["2"]["notes"] == "Objectives: 1,500 subscribers by June"


def test_a_remote_gone_loses_nothing_and_the_next_sync_sends(
    two: tuple[Machine, Machine], remote: Path, tmp_path: Path
) -> None:
    laptop, desktop = two
    laptop.ok("tasks", "add", "Written on the train", "--phase", "3")
    before = laptop.data.read_bytes()
    remote.rename(tmp_path / "away.git")
    failed = laptop.run("sync")
    assert failed.returncode != 0
    assert len(failed.stderr.strip().splitlines()) == 1 and "cannot reach" in failed.stderr
    assert laptop.data.read_bytes() == before
    (tmp_path / "away.git").rename(remote)
    laptop.ok("sync")
    desktop.ok("sync")
    assert "Written on the train" in desktop.titles("tasks")


@pytest.mark.parametrize("step", ["after-commit", "after-merge", "after-push"])
def test_a_sync_killed_half_way_is_completed_by_the_next(
    two: tuple[Machine, Machine], step: str
) -> None:
    laptop, desktop = two
    desktop.ok("content", "add", "From the desktop", "--on", "2026-12-03")
    desktop.ok("sync")
    laptop.ok("tasks", "add", "From the laptop", "--phase", "4")
    killed = laptop.run("sync", env={"SOCIALPLAN_SYNC_STOP_AT": step})
    assert killed.returncode == 9
    assert "From the laptop" in laptop.titles("tasks")  # the plan is usable as it was
    laptop.ok("sync")
    desktop.ok("sync")
    for machine in (laptop, desktop):
        assert "From the laptop" in machine.titles("tasks")
        assert "From the desktop" in machine.titles("content")


def test_sync_says_what_to_do_when_it_is_not_set_up_or_git_is_missing(tmp_path: Path) -> None:
    alone = Machine(tmp_path / "alone")
    alone.ok("tasks", "list")
    done = alone.run("sync")
    assert done.returncode != 0 and "sync setup REMOTE" in done.stderr
    no_git = alone.run("sync", "setup", str(tmp_path / "x.git"), env={"PATH": "/nonexistent"})
    assert no_git.returncode != 0 and "git is not installed" in no_git.stderr
    assert "Sync is not set up" in alone.ok("sync", "status")
