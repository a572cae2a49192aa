"""Leaving a short command the quick way, once its work is done."""

from __future__ import annotations

import contextlib
import os
import sys

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)
if TYPE_CHECKING:
    from typing import NoReturn


def leave_now(status: int) -> NoReturn:
    """Flush what was printed and end the process without tearing the interpreter down.

    For a short command whose work is done (its files written, its threads finished): freeing
    every object and module one by one would take a tenth of its run or more (a check-in, the
    quick fetch).
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that stopped early
            stream.flush()
    os._exit(status)
