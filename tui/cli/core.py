"""Commands of the foundation: paths, checkin, export and import."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from storage.i18n import _
from tui.cli.common import data_file, out, plan_for, print_json


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``paths``, ``checkin``, ``export`` and ``import``."""
    p = sub.add_parser("paths", parents=parents, help="show the data and cache files in use")
    p.set_defaults(func=cmd_paths)

    p = sub.add_parser("checkin", parents=parents, help="the Today tab as text")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_checkin)

    p = sub.add_parser("export", parents=parents, help="write the whole plan to a JSON file")
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import", parents=parents, help="replace the plan with an exported JSON file"
    )
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.set_defaults(func=cmd_import)


def cmd_paths(args: argparse.Namespace) -> int:
    """Print the files in use (creating the data file if it does not exist yet)."""
    from storage.datafile import Paths

    with plan_for(args):
        pass
    paths = Paths(data_file(args))
    out(_("data file:      {path}").format(path=paths.data))
    out(_("mentions cache: {path}").format(path=paths.mentions))
    out(_("lock file:      {path}").format(path=paths.lock))
    backups = paths.backups()
    out(_("backups:        {path}").format(path=", ".join(str(b) for b in backups) or "-"))
    return 0


def cmd_checkin(args: argparse.Namespace) -> int:
    """Print the daily check-in."""
    from storage.checkin import build_checkin, format_text, to_json
    from storage.dates import today

    with plan_for(args) as plan:
        checkin = build_checkin(plan, today())
    if args.json:
        print_json(to_json(checkin))
    else:
        out(format_text(checkin))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the whole plan to a file."""
    from storage.datafile import export_plan

    with plan_for(args) as plan:
        count = export_plan(plan, args.file)
    out(_("Exported {count} records to {file}").format(count=count, file=args.file))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Replace the plan with an exported file, after checking it and backing up the old one."""
    from storage.datafile import import_plan

    with plan_for(args, write=True) as plan:
        backup = import_plan(plan, args.file)
    out(_("Imported {file}; the previous plan is saved as {backup}").format(
        file=args.file, backup=backup))
    return 0
