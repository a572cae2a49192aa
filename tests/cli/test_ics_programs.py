"""The exported calendar imported by real calendar programs: calcurse and khal.

Each test skips, saying why, only when the program is not installed (CI installs both from
Debian). They run on a temporary HOME and data folders, never the user's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from storage.calendar.occurrences import skip_occurrence
from storage.datafile.plan import open_plan

TODAY = {"SOCIALPLAN_TODAY": "2026-11-26"}


@pytest.fixture
def exported(run_cli, tmp_path) -> Path:
    """A calendar with a single post, a timed series with one skipped Tuesday, and a monthly one."""
    for args in [
        ("Post, with; commas", "--on", "2026-11-26", "--channel", "blog"),
        ("Tuesday tips", "--on", "2026-11-03", "--at", "9:30", "--repeat", "every tuesday"),
        ("Roundup", "--on", "2026-11-02", "--repeat", "first monday of the month"),
    ]:
        result = run_cli("content", "add", *args, env=TODAY)
        assert result.returncode == 0, result.stderr
    # skip one Tuesday through the model (the command line has no skip command)
    plan = open_plan(os.environ["SOCIALPLAN_DATA"])
    try:
        skip_occurrence(plan, 2, date(2026, 11, 10))
    finally:
        plan.close()
    target = tmp_path / "plan.ics"
    result = run_cli("calendar", "export", str(target), env={"TZ": "Europe/Paris"})
    assert result.returncode == 0, result.stderr
    return target


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TZ": "Europe/Paris",
    }


@pytest.mark.skipif(shutil.which("calcurse") is None,
                    reason="calcurse is not installed (Debian: apt-get install calcurse)")
def test_calcurse_imports_the_export(exported, tmp_path) -> None:
    data = tmp_path / "calcurse"
    data.mkdir()
    env = _env(tmp_path / "home")
    imported = subprocess.run(["calcurse", "-D", str(data), "-i", str(exported)],
                              capture_output=True, text=True, env=env, timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert "0 skipped" in imported.stdout, imported.stdout
    assert imported.stderr == ""
    shown = subprocess.run(
        ["calcurse", "-D", str(data), "-Q", "--from", "11/01/2026", "--days", "40",
         "--format-recur-apt", " - %S %m\n", "--format-apt", " - %S %m\n"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    days = shown.stdout.split("\n\n")
    by_day = {block.split(":", 1)[0].strip(): block for block in days if block.strip()}
    assert "Post, with; commas" in by_day["11/26/26"]
    assert "09:30 Tuesday tips" in by_day["11/03/26"]
    assert "11/10/26" not in by_day  # the skipped Tuesday
    assert "09:30 Tuesday tips" in by_day["11/17/26"]
    assert "Roundup" in by_day["11/02/26"] and "Roundup" in by_day["12/07/26"]


@pytest.mark.skipif(shutil.which("khal") is None,
                    reason="khal is not installed (Debian: apt-get install khal)")
def test_khal_imports_the_export(exported, tmp_path) -> None:
    home = tmp_path / "home"
    vdir = tmp_path / "vdir" / "plan"
    vdir.mkdir(parents=True)
    config = home / ".config" / "khal" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"[calendars]\n[[plan]]\npath = {vdir}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Paris\ndefault_timezone = Europe/Paris\n"
        "[default]\ndefault_calendar = plan\n"
    )
    env = _env(home)
    imported = subprocess.run(["khal", "import", "--batch", "-a", "plan", str(exported)],
                              capture_output=True, text=True, env=env, timeout=120)
    assert imported.returncode == 0, imported.stderr
    assert "error" not in imported.stderr.lower() and "warning" not in imported.stderr.lower()
    assert len(list(vdir.glob("*.ics"))) == 3
    shown = subprocess.run(
        ["khal", "list", "--format", "{start} {title}", "2026-11-01", "2026-12-10"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert "2026-11-26 Post, with; commas" in lines
    assert "2026-11-03 09:30 Tuesday tips" in lines
    assert "2026-11-10 09:30 Tuesday tips" not in lines
    assert "2026-11-17 09:30 Tuesday tips" in lines
    assert "2026-12-07 Roundup" in lines
