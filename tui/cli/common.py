"""What every command shares: the data file option, opening the plan, JSON and errors.

Nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storage.datafile import Plan, open_plan, resolve_data_file
from storage.i18n import LANGUAGES, _, set_language
from storage.text import strip_controls


def _columns() -> int:
    """The terminal's width, as ``shutil.get_terminal_size`` reads it."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, without importing ``shutil`` to measure the terminal.

    argparse builds a formatter for every argument added; the stock one imports ``shutil`` (and
    with it ``bz2`` and ``lzma``) the first time, which is a fifth of the time a check-in run from
    a shell's start-up file may take on top of Python itself.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or _columns() - 2)


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser that formats its help with :class:`HelpFormatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def common_parent() -> argparse.ArgumentParser:
    """A parent parser giving every subcommand ``--data FILE`` and ``--lang`` (accepted after
    it too)."""
    parent = ArgumentParser(add_help=False)
    parent.add_argument(
        "--data",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=_("the data file (default: $SOCIALPLAN_DATA, else the user data directory)"),
    )
    parent.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("the language (default: the plan's setting, else the environment's)"),
    )
    return parent


def apply_saved_language(args: argparse.Namespace, plan: Plan) -> None:
    """Speak the plan's language from now on, unless ``--lang`` chose one."""
    if getattr(args, "lang", None) is None:
        saved = plan.settings().get("language")
        if isinstance(saved, str) and saved:
            set_language(saved)


def data_file(args: argparse.Namespace) -> Path:
    """The data file chosen by ``--data``, ``$SOCIALPLAN_DATA`` or the default."""
    return resolve_data_file(getattr(args, "data", None))


@contextmanager
def plan_for(args: argparse.Namespace, write: bool = False) -> Iterator[Plan]:
    """Open the plan for a command; writers take the lock, readers don't."""
    plan = open_plan(data_file(args), write=write)
    try:
        apply_saved_language(args, plan)
        yield plan
    finally:
        plan.close()


def print_json(value: Any) -> None:
    """Write a JSON document (and nothing else) on stdout."""
    import orjson

    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def out(text: str = "") -> None:
    """Print a line of human output (untrusted parts are cleaned of control characters)."""
    print(strip_controls(text))
