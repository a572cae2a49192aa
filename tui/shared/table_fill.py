"""Filling a DataTable with thousands of rows: a screenful at once, the rest in steps.

A DataTable measures every cell it is given (Rich asks the terminal its size for each one):
three years of metric snapshots are 5,000 rows, and adding them at once froze the screen for
half a second before the first row showed. :func:`fill` adds a screenful at once and the rest a
thousand rows after each refresh: the first rows show in a tenth of a second. (Smaller steps
cost more in all: each step makes the table lay out every row again.)
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from textual.widgets import DataTable

FIRST = 80
"""Rows added at once: more than a tall terminal shows."""

STEP = 1000
"""Rows added after each refresh, once the first are shown."""

T = TypeVar("T")

_FILLS: weakref.WeakKeyDictionary[DataTable[Any], int] = weakref.WeakKeyDictionary()
"""The latest fill of each table: an older one still adding rows stops."""


def fill(
    table: DataTable[Any],
    items: Sequence[T],
    row: Callable[[T], tuple[Sequence[Any], str | None]],
    cursor: int = 0,
) -> None:
    """Replace the rows of ``table`` with one per item (``row`` gives its cells and key).

    Rows are made as they are added. The cursor goes to row ``cursor`` as soon as it is there.
    Filling the table again before the end stops the earlier fill.
    """
    generation = _FILLS.get(table, 0) + 1
    _FILLS[table] = generation
    table.clear()
    cursor = max(0, min(cursor, len(items) - 1))

    def add(start: int) -> None:
        if _FILLS.get(table) != generation or not table.is_attached:
            return
        end = min(len(items), start + (FIRST if start == 0 else STEP))
        for item in items[start:end]:
            cells, key = row(item)
            table.add_row(*cells, key=key)
        if start <= cursor < end:
            table.move_cursor(row=cursor)
        if end < len(items):
            table.call_after_refresh(add, end)

    add(0)
