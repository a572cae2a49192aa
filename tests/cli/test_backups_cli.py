"""Backups a user can trust: imports never eat them, `backups` lists them, `restore` puts one back."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import orjson

from storage.datafile.lock import FileLock
from storage.datafile.paths import Paths
from storage.datafile.plan import open_plan


def _titles(data_file: Path) -> list[str]:
    data = orjson.loads(data_file.read_bytes())
    return sorted(doc["title"] for doc in data.get("tasks", {}).values())


def _add_task(data_file: Path, title: str) -> None:
    plan = open_plan(data_file)
    try:
        plan.table("tasks").insert({"title": title, "phase": 1})
    finally:
        plan.close()


def test_four_imports_in_one_second_keep_four_copies(run_cli, data_file: Path, tmp_path) -> None:
    export = tmp_path / "export.json"
    assert run_cli("export", str(export)).returncode == 0
    for n in range(4):
        _add_task(data_file, f"state {n}")
        result = run_cli("import", str(export))
        assert result.returncode == 0, result.stderr
    copies = Paths(data_file).backups("before-import")
    assert len(copies) == 4
    # each copy holds the plan as it was before its own import: nothing was overwritten
    held = sorted(title for c in copies for title in _titles(c.path) if title.startswith("state"))
    assert held == ["state 0", "state 1", "state 2", "state 3"]


def test_imports_never_prune_the_daily_backups(run_cli, data_file: Path, tmp_path) -> None:
    export = tmp_path / "export.json"
    assert run_cli("export", str(export)).returncode == 0
    for day in ("2026-11-01", "2026-11-02", "2026-11-03"):  # a writer opens it each day
        result = run_cli("import", str(export), env={"SOCIALPLAN_TODAY": day})
        assert result.returncode == 0, result.stderr
    for _ in range(7):  # many imports on one more day
        result = run_cli("import", str(export), env={"SOCIALPLAN_TODAY": "2026-11-04"})
        assert result.returncode == 0, result.stderr
    paths = Paths(data_file)
    daily = [c.path.name for c in paths.backups("daily")]
    assert daily == [f"{data_file.name}.2026-11-0{d}.bak" for d in (4, 3, 2)]
    assert len(paths.backups("before-import")) == 5  # the newest five, the older ones dropped


def test_backups_lists_every_kind_newest_first_and_marks_damage(
    run_cli, data_file: Path, tmp_path
) -> None:
    _add_task(data_file, "one")
    export = tmp_path / "export.json"
    assert run_cli("export", str(export)).returncode == 0
    assert run_cli("import", str(export)).returncode == 0
    daily = Paths(data_file).backups("daily")[0].path
    daily.write_bytes(b'{"meta": {"1": {"schema": 1}}, "tasks": [1')  # cut short
    result = run_cli("backups", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    kinds = [entry["kind"] for entry in found]
    assert kinds == ["before-import", "daily"]
    assert found[0]["opens"] is True and found[0]["records"]["tasks"] >= 1
    assert found[1]["opens"] is False and found[1]["problem"]
    text = run_cli("backups").stdout
    assert "before import" in text and "DAMAGED" in text


def test_damaged_plan_names_the_newest_backup_that_opens(run_cli, data_file: Path) -> None:
    _add_task(data_file, "from the daily backup")
    paths = Paths(data_file)
    good = paths.backups("daily")[0].path
    # a newer copy that does not open must not be offered
    newer = paths.copy_before("import", datetime(2099, 1, 1))
    newer.write_bytes(b"\x00\x00")
    data_file.write_bytes(b"{ broken")
    result = run_cli("checkin")
    assert result.returncode != 0
    assert str(good) in result.stderr and str(newer) not in result.stderr
    assert "socialplan restore --latest" in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_latest_puts_the_plan_back_and_keeps_the_damaged_one(
    run_cli, data_file: Path
) -> None:
    _add_task(data_file, "kept safe")
    open_plan(data_file, today=date(2026, 12, 31)).close()  # the next day's backup holds it
    damaged = b"{ broken"
    data_file.write_bytes(damaged)
    result = run_cli("restore", "--latest")
    assert result.returncode == 0, result.stderr
    assert "kept safe" in _titles(data_file)
    kept = Paths(data_file).backups("before-restore")
    assert len(kept) == 1 and kept[0].path.read_bytes() == damaged
    assert str(kept[0].path) in result.stdout
    assert run_cli("checkin").returncode == 0


def test_restore_of_a_bad_backup_changes_nothing(run_cli, data_file: Path, tmp_path) -> None:
    _add_task(data_file, "current")
    before = data_file.read_bytes()
    bad = tmp_path / "bad.bak"
    bad.write_bytes(b"not json at all")
    result = run_cli("restore", str(bad))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert data_file.read_bytes() == before
    assert Paths(data_file).backups("before-restore") == []


def test_restore_is_refused_while_another_socialplan_has_the_file(
    run_cli, data_file: Path
) -> None:
    _add_task(data_file, "current")
    before = data_file.read_bytes()
    paths = Paths(data_file)
    holder = FileLock(paths.lock, paths.data)
    holder.acquire()
    try:
        result = run_cli("restore", "--latest")
    finally:
        holder.release()
    assert result.returncode != 0
    assert "already open" in result.stderr and "Traceback" not in result.stderr
    assert data_file.read_bytes() == before
    assert paths.backups("before-restore") == []


def test_paths_shows_every_kind_of_companion_file(run_cli, data_file: Path, tmp_path) -> None:
    export = tmp_path / "export.json"
    assert run_cli("export", str(export)).returncode == 0
    assert run_cli("import", str(export)).returncode == 0
    out = run_cli("paths").stdout
    paths = Paths(data_file)
    for shown in (paths.mentions, paths.mentions_digest, paths.lock):
        assert str(shown) in out
    assert str(paths.backups("before-import")[0].path) in out
    assert str(paths.backups("daily")[0].path) in out
