"""A one-line progress bar on stderr, drawn only when stderr is a terminal.

On its own (it needs only ``sys`` and ``storage.text``) so the quick fetch draws the same bar
as the full one without loading the rest of the command line.
"""

from __future__ import annotations

import sys


class Bar:
    """``bar(done, total, name)`` after each item; :meth:`close` wipes the line."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.shown or not total:
            return
        from storage.text import strip_controls  # only with a terminal to draw on

        width = 24
        filled = width * done // total
        label = strip_controls(name).replace("\n", " ")[:40]
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}"
        sys.stderr.write(line.ljust(80)[:100])
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()
