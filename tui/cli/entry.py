"""The ``socialplan`` command line: parse, run the command, turn errors into one line.

Each area of the product adds its subcommands from its own module (``tui/cli/<area>.py``,
``register(subparsers, parents)``); this module wires them and turns errors into one line on
stderr with a non-zero status. ``tui.cli.run`` comes here unless the quick fetch did the work.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from storage import __version__
from storage.datafile.errors import DataFileError, LockedError
from storage.errors import SocialPlanError
from storage.i18n import _, normalize_language, set_language
from tui.cli import words
from tui.cli.common import ArgumentParser, common_parent, data_file
from tui.cli.leave import leave_now

AREAS = ("core", "tasks", "channels", "guide", "content", "feeds", "metrics", "sync")
"""Modules of ``tui.cli`` that register subcommands, in the order ``--help`` lists them."""


CORE_COMMANDS = frozenset({"paths", "checkin", "export", "import", "backups", "restore"})
"""Commands of ``tui.cli.core``: when one of them is asked for, the other areas are not loaded
(``checkin`` runs from a shell's start-up file and must be quick)."""


QUICK_COMMANDS = {"fetch": "feeds"}
"""Commands run every day (often from cron) that load only their own area of ``tui.cli``."""


_VALUED = frozenset({"--data", "--lang"})
"""Global options that take a value (the next argument, or after ``=``)."""


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (skipping options and the values of global ones)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _lang_in(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for (the last one given), if any."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return normalize_language(found)


def _opens_app(argv: Sequence[str]) -> bool:
    """True when ``argv`` only chooses a data file or a language: the app opens."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in _VALUED and rest:
            rest.pop(0)
        elif not arg.startswith(("--data=", "--lang=")):
            return False
    return True


def _saved_language(path: Path) -> str | None:
    """The language saved in the plan's settings, read before the app is imported (its keys
    and tab names are made then): from the check-in's view when it is current, else the plan."""
    from storage.checkin_view import current_view
    from storage.datafile import open_plan
    from storage.dates import today

    if not path.exists():
        return None
    try:
        plan = current_view(path, today()) or open_plan(path, write=False)
    except (DataFileError, OSError):
        return None  # the app says what is wrong with the file
    try:
        saved = plan.settings().get("language")
    finally:
        plan.close()
    return saved if isinstance(saved, str) and saved else None


def build_parser(areas: Sequence[str] = AREAS) -> argparse.ArgumentParser:
    """The command line (with the subcommands of ``areas``)."""
    parent = common_parent()
    parser = ArgumentParser(
        prog="socialplan",
        description=_("A blogger's social-media strategy, planned and run from the terminal."),
        parents=[parent],
    )
    parser.add_argument("--version", action="version", version=f"socialplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in areas:
        try:
            module = importlib.import_module(f"tui.cli.{area}")
        except ModuleNotFoundError as error:
            if error.name != f"tui.cli.{area}":
                raise
            continue
        module.register(sub, [parent])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if argv is None:
        argv = sys.argv[1:]
    words.install()
    chosen = _lang_in(argv)
    set_language(chosen)  # None: the environment's, until the plan's setting is read
    command = _command_in(argv)
    if _opens_app(argv):
        areas: Sequence[str] = ()  # the app needs no subcommand: don't load them all
    elif command in CORE_COMMANDS:
        areas = ("core",)
    elif command in QUICK_COMMANDS:
        areas = (QUICK_COMMANDS[command],)
    else:
        areas = AREAS
    parser = build_parser(areas)
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            path = data_file(args)
            if chosen is None:
                set_language(_saved_language(path))
            from tui.app import run_app

            return run_app(path)
        status: int = args.func(args)
        return status
    except (DataFileError, LockedError) as error:
        print(f"socialplan: {error}", file=sys.stderr)
        return 2
    except SocialPlanError as error:
        print(f"socialplan: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as error:  # a file the command was given cannot be used: one line, no trace
        where = f"{error.filename}: " if error.filename else ""
        print(f"socialplan: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run(argv: list[str]) -> NoReturn:
    """The ``socialplan`` command: :func:`main` on ``argv`` (the process's arguments), then exit.

    Opening the app and a check-in start without the garbage collector (see below).
    A check-in runs from a shell's start-up file and only reads the plan. Once its output is
    written and its threads (a digest being saved) are done, it leaves without tearing the
    interpreter down: freeing years of loaded records one by one would take a sixth of its time.
    """
    checkin = _command_in(argv) == "checkin"
    if _opens_app(argv) or checkin:
        # Start-up allocates Textual's classes and years of records (~100,000 objects) and frees
        # almost none of it: the collector walking them again and again while they are made
        # cost a tenth of the time to the first frame. The app turns it back on once its first
        # frame is painted; a check-in ends a moment later and frees everything at exit.
        gc.disable()
    status = main(argv)
    if not checkin:
        sys.exit(status)
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    leave_now(status)
