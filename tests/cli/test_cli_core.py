"""The foundation's commands, end to end on a temporary data file."""

from __future__ import annotations

import json
from pathlib import Path

import orjson

from storage import __version__


def test_version_and_help(run_cli) -> None:
    assert run_cli("--version").stdout.strip() == f"socialplan {__version__}"
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("paths", "checkin", "export", "import"):
        assert command in result.stdout


def test_paths_creates_the_file_from_the_environment_variable(run_cli, data_file: Path) -> None:
    assert not data_file.exists()
    result = run_cli("paths")
    assert result.returncode == 0
    assert str(data_file) in result.stdout
    assert str(data_file.with_name("socialplan.mentions.json")) in result.stdout
    assert orjson.loads(data_file.read_bytes())["meta"]


def test_data_option_before_or_after_the_command(run_cli, tmp_path: Path) -> None:
    before = tmp_path / "a" / "before.json"
    after = tmp_path / "b" / "after.json"
    assert str(before) in run_cli("--data", str(before), "paths").stdout
    assert str(after) in run_cli("paths", "--data", str(after)).stdout
    assert before.exists() and after.exists()


def test_checkin_creates_a_missing_file(run_cli, data_file: Path) -> None:
    result = run_cli("checkin", "--json")
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)
    assert data_file.exists()


def test_export_then_import_restores_the_plan(run_cli, data_file: Path, tmp_path: Path) -> None:
    from storage.datafile.plan import open_plan

    plan = open_plan(data_file)
    plan.table("tasks").insert({"title": "Kept in the backup", "phase": 1})
    plan.close()
    backup = tmp_path / "backup.json"
    assert run_cli("export", str(backup)).returncode == 0

    plan = open_plan(data_file)
    plan.table("tasks").insert({"title": "Added after the backup", "phase": 1})
    plan.close()

    result = run_cli("import", str(backup))
    assert result.returncode == 0, result.stderr
    plan = open_plan(data_file)
    titles = [d.get("title") for d in plan.table("tasks").all()]
    plan.close()
    assert "Kept in the backup" in titles and "Added after the backup" not in titles
    saved = list(data_file.parent.glob("*.before-import-*.bak"))
    assert saved and b"Added after the backup" in saved[0].read_bytes()


def test_import_of_a_bad_file_changes_nothing(run_cli, data_file: Path, tmp_path: Path) -> None:
    run_cli("paths")
    before = data_file.read_bytes()
    bad = tmp_path / "bad.json"
    for content in (b"", b"{not json", b'{"tasks": {"1": {"title": "x"}}}', b"[]"):
        bad.write_bytes(content)
        result = run_cli("import", str(bad))
        assert result.returncode == 2
        assert "nothing was changed" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert data_file.read_bytes() == before
