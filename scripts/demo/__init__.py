"""Demo data for screenshots: each area's module has ``seed(plan, today)``.

The demo blogger writes in the language in use: what she typed (titles, notes, her guide...)
comes through :func:`say`, so the French screenshots show a French blogger's plan. Stored keys
(statuses, kinds, channel keys, metrics, repeat rules) stay as they are in every language.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from pathlib import Path
from typing import TypeVar

from storage.datafile import open_plan
from storage.dates import current_day
from storage.i18n import language

T = TypeVar("T")


def say(en: T, fr: T) -> T:
    """What the demo blogger typed: ``fr`` when the language in use is French, else ``en``
    (any other language, the pseudo-language of the tests included, gets the English demo).

    Call it as a module seeds, not at import: the screenshot script chooses the language
    after importing this package.
    """
    return fr if language() == "fr" else en


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
