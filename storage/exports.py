"""Lazy public names for an area's package, so importing the area stays cheap.

An area's ``__init__`` imports at once what the check-in and the first frame need, and names the
rest in a table: ``__getattr__ = lazy_exports(__name__, {"export_ics": "storage.calendar.ics"})``.
The module is imported the first time one of its names is used. The ``__init__`` also imports
those names under ``TYPE_CHECKING``, so mypy and readers see every public name in one place.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)
if TYPE_CHECKING:
    from typing import Any


def lazy_exports(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``table[name]`` on first use and keeps the value."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
