"""What every command shares: the data file option, opening the plan, JSON and errors.

Nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storage.database import Plan, open_plan
from storage.paths import resolve_data_file


def common_parent() -> argparse.ArgumentParser:
    """A parent parser giving every subcommand ``--data FILE`` (accepted after it too)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="the data file (default: $SOCIALPLAN_DATA, else the user data directory)",
    )
    return parent


def data_file(args: argparse.Namespace) -> Path:
    """The data file chosen by ``--data``, ``$SOCIALPLAN_DATA`` or the default."""
    return resolve_data_file(getattr(args, "data", None))


@contextmanager
def plan_for(args: argparse.Namespace, write: bool = False) -> Iterator[Plan]:
    """Open the plan for a command; writers take the lock, readers don't."""
    plan = open_plan(data_file(args), write=write)
    try:
        yield plan
    finally:
        plan.close()


def print_json(value: Any) -> None:
    """Write a JSON document (and nothing else) on stdout."""
    import orjson

    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def clean(text: str) -> str:
    """Text safe to print on a terminal: escape sequences and control characters removed."""
    from storage.text import strip_controls

    return strip_controls(text)


def out(text: str = "") -> None:
    """Print a line of human output (untrusted parts are cleaned of control characters)."""
    print(clean(text))
