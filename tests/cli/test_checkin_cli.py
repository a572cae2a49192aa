"""``socialplan checkin`` end to end: text, JSON, and no Textual or feedparser on the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from storage import measure as metrics
from storage.calendar import occurrences as content
from storage.datafile.plan import open_plan
from storage.mentions import inbox as mentions
from storage.phases import tasks
from tests.conftest import ROOT


def seed(data_file: Path) -> date:
    today = date.today()
    with open_plan(data_file) as plan:
        tasks.add_task(plan, 2, "Claim the name on Bluesky", due=today - timedelta(days=1))
        content.add_content(
            plan,
            "Draft of the talk",
            today,
            channel="youtube",
            kind="video",
            status="draft",
            today=today,
        )
        feed = mentions.add_feed(plan, "https://example.org/feed.xml", name="Planet")
        mentions.add_watch(plan, "socialplan")
        plan.mentions_table().insert(
            {
                "feed": feed.id,
                "key": "a",
                "title": "socialplan \x1b[31mreview",
                "link": None,
                "published": None,
                "summary": "",
                "author": "",
                "first_seen": "2026-01-01T00:00:00",
                "last_seen": "",
                "in_feed": True,
                "read": False,
            }
        )
        metrics.add_snapshot(plan, (today - timedelta(days=4)).isoformat(), "blog", "visits", 9)
    return today


def test_checkin_json_end_to_end(run_cli, data_file: Path) -> None:
    today = seed(data_file)
    result = run_cli("checkin", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == today.isoformat()
    assert [c["title"] for c in data["content"]] == ["Draft of the talk"]
    assert data["tasks"][0]["title"] == "Claim the name on Bluesky"
    assert data["tasks"][0]["overdue"] is True
    assert [m["title"] for m in data["mentions"]] == ["socialplan review"]
    assert data["days_since_snapshot"] == 4
    assert data["unavailable"] == []


def test_checkin_text_is_plain(run_cli, data_file: Path) -> None:
    seed(data_file)
    result = run_cli("checkin")
    assert result.returncode == 0, result.stderr
    assert "Draft of the talk" in result.stdout and "socialplan review" in result.stdout
    assert "\x1b" not in result.stdout
    assert "Last metrics snapshot: 4 days ago." in result.stdout


def test_checkin_leaves_only_once_its_digest_is_written(run_cli, data_file: Path) -> None:
    """The check-in exits without tearing Python down, but never before its work is saved:
    the digest it derives (for the next check-in) is on disk when the command returns, and
    its output is complete even when a reader stops early."""
    from storage.mentions.watch import digest_path, fresh_digest

    seed(data_file)
    with open_plan(data_file, write=False) as plan:
        digest = digest_path(plan)
    digest.unlink(missing_ok=True)
    result = run_cli("checkin")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("Last metrics snapshot: 4 days ago.")
    with open_plan(data_file, write=False) as plan:
        assert fresh_digest(plan, ["socialplan"]) is not None, "the next check-in can use it"
    cut = subprocess.run(
        f"{sys.executable} -m tui checkin | head -1", shell=True, capture_output=True,
        text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60,
    )
    assert cut.stdout.startswith("Check-in for ") and cut.stderr == ""


def test_checkin_imports_neither_textual_nor_feedparser(data_file: Path) -> None:
    seed(data_file)
    code = (
        "import sys\nfrom tui.cli import main\nstatus = main(['checkin', '--json'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'feedparser'))\n"
        "print('MODULES:' + ','.join(bad), file=sys.stderr)\nsys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_DATA": str(data_file)},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mentions"], "the mentions section was really built"
    assert result.stderr.strip().splitlines()[-1] == "MODULES:"
