"""The ``socialplan`` command line. Never imports Textual except to open the app.

Each area of the product adds its subcommands from its own module (``tui/cli/<area>.py``,
``register(subparsers, parents)``); this module wires them and turns errors into one line on
stderr with a non-zero status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from storage import __version__
from storage.errors import DataFileError, LockedError, SocialPlanError
from tui.cli.common import common_parent, data_file

AREAS = ("core", "tasks", "channels", "guide", "content", "feeds", "metrics")
"""Modules of ``tui.cli`` that register subcommands, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parent = common_parent()
    parser = argparse.ArgumentParser(
        prog="socialplan",
        description="A blogger's social-media strategy, planned and run from the terminal.",
        parents=[parent],
    )
    parser.add_argument("--version", action="version", version=f"socialplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in AREAS:
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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from tui.app import run_app

            return run_app(data_file(args))
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
    except KeyboardInterrupt:
        return 130
