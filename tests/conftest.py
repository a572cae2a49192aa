"""Fixtures shared by every test: each test gets its own data file, never the user's."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The checkout."""

CORPUS = ROOT.parent / "shared" / "corpus" / "feeds"
"""Real feeds and an OPML export from real blogs (laid beside the checkout)."""


def _hypothesis_profiles() -> None:
    """``ci`` (the default: bounded, reproducible, so make test stays quick) and ``fuzz`` (many
    more examples: ``make fuzz``); ``HYPOTHESIS_PROFILE`` chooses."""
    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("ci", max_examples=25, derandomize=True, **common)  # type: ignore[arg-type]
    settings.register_profile("fuzz", max_examples=2000, **common)  # type: ignore[arg-type]
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every test at a temporary data file and a temporary home."""
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data" / "socialplan.json"
    monkeypatch.setenv("SOCIALPLAN_DATA", str(data))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    return data


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English whatever the machine's locale; a test may choose French."""
    from storage import i18n

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep cursors still so screenshots do not depend on timing."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    if hasattr(TextArea, "_toggle_cursor_blink_visible"):
        monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def data_file(_isolated_data: Path) -> Path:
    """The temporary data file of this test (created on first open)."""
    return _isolated_data


@pytest.fixture
def plan(data_file: Path) -> Iterator[Any]:
    """An open plan (with the lock) on the temporary data file."""
    from storage.datafile.plan import open_plan

    opened = open_plan(data_file)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def run_cli(data_file: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real command line (``python -m tui``) in a subprocess on the temp data file."""

    def run(
        *args: str, input: str | None = None, env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "tui", *args],
            input=input,
            capture_output=True,
            text=True,
            env=full_env,
            cwd=ROOT,
            timeout=timeout,
        )

    return run


@pytest.fixture
def app_factory(data_file: Path) -> Iterator[Callable[[], Any]]:
    """Make a SocialPlanApp on the temporary data file; call again after quitting to reopen."""
    from storage.datafile.plan import open_plan
    from tui.app import SocialPlanApp

    opened: list[Any] = []

    def make() -> SocialPlanApp:
        for plan in opened:
            plan.close()
        plan = open_plan(data_file)
        opened.append(plan)
        return SocialPlanApp(plan)

    yield make
    for plan in opened:
        plan.close()
