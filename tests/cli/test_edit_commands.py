"""Commands that change what they can add: tasks and content edited, unticked, deleted, from a
script. Bad input is one line, a non-zero exit, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _task(run_cli, title: str = "Write the about page", *extra: str) -> int:
    done = run_cli("tasks", "add", title, "--phase", "2", *extra)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[2])  # "Added task N to phase 2: ..."


def _tasks(run_cli) -> dict[int, dict]:
    listed = run_cli("tasks", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return {t["id"]: t for t in json.loads(listed.stdout)}


def _content(run_cli) -> dict[int, dict]:
    listed = run_cli("content", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return {c["id"]: c for c in json.loads(listed.stdout)}


def _refused(result, data_file: Path, before: bytes) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert data_file.read_bytes() == before


def test_tasks_edit_changes_only_what_is_given(run_cli) -> None:
    task_id = _task(run_cli, "Write the about page", "--due", "2026-12-10", "--notes", "short")
    done = run_cli("tasks", "edit", str(task_id), "--title", "Rewrite the about page")
    assert done.returncode == 0, done.stderr
    task = _tasks(run_cli)[task_id]
    assert (task["title"], task["due"], task["notes"], task["phase"]) == (
        "Rewrite the about page", "2026-12-10", "short", 2
    )
    assert run_cli("tasks", "edit", str(task_id), "--phase", "3", "--due", "none").returncode == 0
    task = _tasks(run_cli)[task_id]
    assert (task["phase"], task["due"], task["title"]) == (3, None, "Rewrite the about page")


def test_tasks_done_undone_and_delete(run_cli) -> None:
    task_id = _task(run_cli)
    assert run_cli("tasks", "done", str(task_id)).returncode == 0
    assert _tasks(run_cli)[task_id]["done"] is True
    assert run_cli("tasks", "undone", str(task_id)).returncode == 0
    assert _tasks(run_cli)[task_id]["done"] is False
    deleted = run_cli("tasks", "delete", str(task_id))
    assert deleted.returncode == 0 and "Write the about page" in deleted.stdout
    assert task_id not in _tasks(run_cli)


@pytest.mark.parametrize(
    "args",
    [
        ("tasks", "edit", "9999", "--title", "x"),
        ("tasks", "edit", "{id}", "--due", "the day after never"),
        ("tasks", "edit", "{id}", "--phase", "9"),
        ("tasks", "edit", "{id}", "--title", "   "),
        ("tasks", "edit", "{id}"),
        ("tasks", "undone", "9999"),
        ("tasks", "delete", "9999"),
    ],
)
def test_bad_task_edits_write_nothing(run_cli, data_file: Path, args: tuple[str, ...]) -> None:
    task_id = _task(run_cli)
    before = data_file.read_bytes()
    result = run_cli(*(a.format(id=task_id) for a in args))
    _refused(result, data_file, before)


def test_content_edit_changes_only_what_is_given(run_cli) -> None:
    added = run_cli("content", "add", "Winter soups", "--on", "2026-12-08", "--channel", "blog")
    assert added.returncode == 0, added.stderr
    item_id = int(added.stdout.split()[2])
    done = run_cli("content", "edit", str(item_id), "--on", "2026-12-09", "--at", "9:30",
                   "--repeat", "weekly", "--status", "scheduled")
    assert done.returncode == 0, done.stderr
    item = _content(run_cli)[item_id]
    assert (item["title"], item["date"], item["time"], item["status"], item["channel"]) == (
        "Winter soups", "2026-12-09", "09:30", "scheduled", "blog"
    )
    assert item["rrule"] == "FREQ=WEEKLY"
    assert run_cli("content", "edit", str(item_id), "--repeat", "none").returncode == 0
    assert run_cli("content", "edit", str(item_id), "--on", "none").returncode == 0
    item = _content(run_cli)[item_id]
    assert (item["rrule"], item["date"]) == (None, None)


def test_content_delete_says_what_stays(run_cli) -> None:
    hub = run_cli("content", "add", "Winter soups", "--on", "2026-12-08")
    hub_id = int(hub.stdout.split()[2])
    for channel in ("x", "instagram"):
        spun = run_cli("content", "add", f"Soups on {channel}", "--on", "2026-12-09",
                       "--channel", channel, "--parent", str(hub_id))
        assert spun.returncode == 0, spun.stderr
    deleted = run_cli("content", "delete", str(hub_id))
    assert deleted.returncode == 0, deleted.stderr
    assert "2 spin-offs stay" in deleted.stdout
    left = _content(run_cli)
    assert hub_id not in left and len([c for c in left.values() if c["parent"] == hub_id]) == 2


@pytest.mark.parametrize(
    "args",
    [
        ("content", "edit", "9999", "--title", "x"),
        ("content", "edit", "{id}", "--on", "someday"),
        ("content", "edit", "{id}", "--status", "viral"),
        ("content", "edit", "{id}", "--at", "25:99"),
        ("content", "edit", "{id}", "--repeat", "whenever I feel like it"),
        ("content", "edit", "{id}"),
        ("content", "delete", "9999"),
    ],
)
def test_bad_content_edits_write_nothing(run_cli, data_file: Path, args: tuple[str, ...]) -> None:
    added = run_cli("content", "add", "Winter soups", "--on", "2026-12-08")
    item_id = int(added.stdout.split()[2])
    before = data_file.read_bytes()
    result = run_cli(*(a.format(id=item_id) for a in args))
    _refused(result, data_file, before)
