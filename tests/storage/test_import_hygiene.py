"""The model never imports Textual; short commands never import Textual or feedparser."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
import importlib, pkgutil, sys
import storage
for info in pkgutil.walk_packages(storage.__path__, "storage."):
    importlib.import_module(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tui"))
print(",".join(bad))
"""


def run(code: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_storage_imports_no_textual() -> None:
    assert run(SCRIPT) == ""


def test_command_line_help_and_checkin_import_no_textual() -> None:
    code = """
import sys
from tui.cli import main
for argv in (["checkin", "--help"], ["--help"], ["checkin"], ["paths"]):
    try:
        main(argv)
    except SystemExit:
        pass
print("MODULES:" + ",".join(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "feedparser"))))
"""
    assert run(code).splitlines()[-1] == "MODULES:"


def test_opening_the_app_loads_no_subcommands(tmp_path) -> None:
    """``socialplan`` alone opens the app at once: the subcommands' modules are not loaded."""
    code = """
import sys
import tui.app
opened = []
tui.app.run_app = lambda path: opened.append(path) or 0
from tui.cli import main
assert main(sys.argv[1:]) == 0
shared = ("tui.cli.common", "tui.cli.words", "tui.cli.entry", "tui.cli.leave")
areas = sorted(m for m in sys.modules if m.startswith("tui.cli.") and m not in shared)
print(f"OPENED:{opened[0]}")
print("AREAS:" + ",".join(areas))
"""
    target = tmp_path / "plan.json"
    for argv in (
        ["--data", str(target)], [f"--data={target}"], ["--lang", "fr", "--data", str(target)]
    ):
        out = run(code, *argv).splitlines()
        assert out[-2] == f"OPENED:{target}" and out[-1] == "AREAS:"
