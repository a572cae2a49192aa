"""The ``socialplan`` command line. Never imports Textual except to open the app.

:func:`run` is the command. ``socialplan fetch`` (with at most ``--data`` and ``--lang``) is
first tried as the quick fetch of unchanged feeds (``tui.cli.quick``), which needs none of the
command line's code; everything else, and a fetch the quick one cannot do, goes to
``tui.cli.entry``, which parses the command line and runs the command.
"""

from __future__ import annotations

import sys

from storage.exports import lazy_exports

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)
if TYPE_CHECKING:
    from typing import NoReturn

    from tui.cli.entry import AREAS, build_parser, main

__getattr__ = lazy_exports(
    __name__, {"AREAS": "tui.cli.entry", "build_parser": "tui.cli.entry", "main": "tui.cli.entry"}
)


def run() -> NoReturn:
    """The ``socialplan`` command, on the process's arguments."""
    argv = sys.argv[1:]
    if "fetch" in argv:
        from tui.cli.quick import quick_fetch_command

        status = quick_fetch_command(argv)
        if status is not None:
            from tui.cli.leave import leave_now

            leave_now(status)  # its line is printed and its file written: as a check-in
    from tui.cli.entry import run as run_command

    run_command(argv)


__all__ = ["AREAS", "build_parser", "main", "run"]
