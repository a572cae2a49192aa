"""``socialplan tasks`` and ``socialplan channels`` end to end, through the real entry point."""

from __future__ import annotations

import json


def test_add_list_and_done(run_cli) -> None:
    added = run_cli("tasks", "add", "Interview a reader", "--phase", "3", "--due", "2026-12-01")
    assert added.returncode == 0, added.stderr
    listed = run_cli("tasks", "list", "--json", "--phase", "3")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert all(row["phase"] == 3 for row in rows)
    mine = rows[-1]
    assert mine["title"] == "Interview a reader"
    assert mine["due"] == "2026-12-01" and mine["done"] is False
    assert set(mine) == {"id", "phase", "title", "notes", "done", "due", "position"}
    assert [r["position"] for r in rows] == sorted(r["position"] for r in rows)

    done = run_cli("tasks", "done", str(mine["id"]))
    assert done.returncode == 0, done.stderr
    again = json.loads(run_cli("tasks", "list", "--json").stdout)
    assert next(r for r in again if r["id"] == mine["id"])["done"] is True
    assert {r["phase"] for r in again} == {1, 2, 3, 4, 5, 6}

    text = run_cli("tasks", "list", "--phase", "3").stdout
    assert "Phase 3: Create content" in text and "[x] Interview a reader" in text


def test_bad_phase_or_date_is_refused_and_nothing_written(run_cli) -> None:
    before = run_cli("tasks", "list", "--json").stdout
    bad_date = run_cli("tasks", "add", "X", "--phase", "2", "--due", "someday")
    assert bad_date.returncode != 0
    assert "not a date: 'someday'" in bad_date.stderr and bad_date.stdout == ""
    bad_phase = run_cli("tasks", "add", "X", "--phase", "7")
    assert bad_phase.returncode != 0 and "phase must be a number from 1 to 6" in bad_phase.stderr
    missing = run_cli("tasks", "done", "9999")
    assert missing.returncode != 0 and "no task 9999" in missing.stderr
    assert run_cli("tasks", "list", "--json").stdout == before


def test_channels_list(run_cli) -> None:
    result = run_cli("channels", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    names = [r["name"] for r in rows]
    assert "Mastodon" in names and "X/Twitter" in names and "Blog" in names
    assert all(r["status"] == "unclaimed" and r["handle_differs"] is False for r in rows)
    human = run_cli("channels", "list").stdout
    assert "Bluesky" in human and "not claimed" in human
