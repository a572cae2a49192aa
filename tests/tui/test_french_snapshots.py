"""Each tab in French, drawn as make screenshots draws it, is the picture in screenshots/fr/:
a French word that changes, or an English one that creeps in, shows here (regenerate with
make screenshots and look at the pictures)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABS = ["1-today", "2-phases", "3-guide", "4-calendar", "5-mentions", "6-measure"]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fr")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_TODAY": "2026-11-26"}
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--lang", "fr", "--out",
         str(out)],
        check=True, env=env, cwd=ROOT, capture_output=True, timeout=300,
    )
    return out


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_in_french_is_its_screenshot(drawn: Path, tab: str) -> None:
    shown = (drawn / f"{tab}.svg").read_text()
    assert shown == (ROOT / "screenshots" / "fr" / f"{tab}.svg").read_text()
