"""Every word a person reads comes through the catalogue: under a pseudo-language that wraps each
translated string, the tabs, the help screen and the check-in show no word outside the wrappers
but the user's own data (a word there would stay English in French)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts.demo import build_demo

ROOT = Path(__file__).resolve().parents[2]


def test_no_visible_word_bypasses_the_catalogue(tmp_path: Path) -> None:
    data = build_demo(tmp_path / "demo.json")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_TODAY": "2026-11-26"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "tui" / "pseudo_app.py"), str(data)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == []
