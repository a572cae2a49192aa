"""``socialplan merge-file``: git's merge driver for the plan. A plain ``git merge`` of two
branches that both changed the plan merges it record by record, never as text."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from storage.datafile import serialize
from storage.datafile.plan import starter_data

ROOT = Path(__file__).resolve().parents[2]


def plan_with(extra: dict[str, dict[str, Any]]) -> dict[str, Any]:
    data = starter_data(date(2026, 11, 26))
    data.setdefault("content", {})
    for table, rows in extra.items():
        data.setdefault(table, {}).update(copy.deepcopy(rows))
    return data


def write(path: Path, data: dict[str, Any]) -> None:
    path.write_bytes(serialize(data))


def test_merge_file_merges_the_other_copy_into_this_one(run_cli: Any, tmp_path: Path) -> None:
    base = plan_with({})
    ours = plan_with({"content": {"1": {"title": "Night trains", "parent": None}}})
    theirs = plan_with({"content": {"1": {"title": "Alps", "parent": None},
                                    "2": {"title": "Alps photos", "parent": 1}}})  # fmt: skip
    for name, data in (("base", base), ("ours", ours), ("theirs", theirs)):
        write(tmp_path / f"{name}.json", data)
    done = run_cli("merge-file", *(str(tmp_path / f"{n}.json") for n in ("base", "ours", "theirs")))
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout
    merged = orjson.loads((tmp_path / "ours.json").read_bytes())["content"]
    titles = {doc["title"]: key for key, doc in merged.items()}
    assert set(titles) == {"Night trains", "Alps", "Alps photos"}
    assert merged[titles["Alps photos"]]["parent"] == int(titles["Alps"])


def test_merge_file_refuses_a_damaged_copy_and_writes_nothing(
    run_cli: Any, tmp_path: Path
) -> None:
    write(tmp_path / "base.json", plan_with({}))
    write(tmp_path / "ours.json", plan_with({}))
    before = (tmp_path / "ours.json").read_bytes()
    (tmp_path / "theirs.json").write_bytes(b'{"tasks": {"1": ')
    done = run_cli("merge-file", str(tmp_path / "base.json"), str(tmp_path / "ours.json"),
                   str(tmp_path / "theirs.json"))  # fmt: skip
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1 and "theirs.json" in done.stderr
    assert (tmp_path / "ours.json").read_bytes() == before


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_plain_git_merge_merges_the_plan_through_the_driver(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PYTHONPATH": str(ROOT), "GIT_CONFIG_GLOBAL": "/dev/null"}  # fmt: skip

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)

    git("init", "-q", "-b", "main")
    (repo / ".gitattributes").write_text("socialplan.json merge=socialplan\n")
    driver = f"{sys.executable} -m tui merge-file %O %A %B"
    git("config", "merge.socialplan.driver", driver)
    plan = repo / "socialplan.json"
    write(plan, plan_with({}))
    git("add", ".")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "laptop")
    write(plan, plan_with({"content": {"1": {"title": "Train journal", "parent": None},
                                       "2": {"title": "Train photos", "parent": 1}}}))  # fmt: skip
    git("commit", "-qam", "laptop")
    git("checkout", "-q", "main")
    write(plan, plan_with({"content": {"1": {"title": "Alps", "parent": None}},
                           "community": {"1": {"where": "Ana", "content_id": 1}}}))  # fmt: skip
    git("commit", "-qam", "desktop")
    merged = git("merge", "-q", "--no-edit", "laptop")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    data = orjson.loads(plan.read_bytes())
    titles = {doc["title"]: key for key, doc in data["content"].items()}
    assert set(titles) == {"Alps", "Train journal", "Train photos"}
    assert data["content"][titles["Train photos"]]["parent"] == int(titles["Train journal"])
    assert data["community"]["1"]["content_id"] == int(titles["Alps"])
    assert git("status", "--porcelain").stdout.strip() == ""
