"""Demo data for screenshots: each area's module has ``seed(plan, today)``."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from pathlib import Path

from storage.datafile import open_plan
from storage.dates import current_day


def build_demo(path: Path, today: date | None = None) -> Path:
    """Write a demo data file at ``path`` (starter plan plus every area's demo records)."""
    today = today or current_day()
    plan = open_plan(path, today=today)
    try:
        plan.update_settings(brand_handle="@lena_writes")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{__name__}.{info.name}")
            module.seed(plan, today)
    finally:
        plan.close()
    return path
