"""``socialplan metrics``: metric snapshots in and out as CSV (``date,channel,metric,value``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from storage.i18n import _, ngettext
from tui.cli.common import out, plan_for


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``metrics import`` and ``metrics export``."""
    metrics = sub.add_parser("metrics", parents=parents, help=_("metric snapshots as CSV"))
    metrics_sub = metrics.add_subparsers(dest="metrics_command", metavar="ACTION", required=True)

    p = metrics_sub.add_parser(
        "import", parents=parents, help=_("add the rows of a CSV file (all or, on a bad row, none)")
    )
    p.add_argument("file", type=Path, metavar="FILE.csv")
    p.set_defaults(func=cmd_import)

    p = metrics_sub.add_parser("export", parents=parents, help=_("write every snapshot to CSV"))
    p.add_argument("file", type=Path, metavar="FILE.csv")
    p.set_defaults(func=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    """Add every row of the file, or nothing when a row is bad (the error names its line)."""
    from storage.measure import import_csv

    with plan_for(args, write=True) as plan:
        count = import_csv(plan, args.file)
    out(
        ngettext(
            "Imported {n} snapshot from {file}", "Imported {n} snapshots from {file}", count
        ).format(n=count, file=args.file)
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the snapshots to a CSV file."""
    from storage.measure import export_csv

    with plan_for(args) as plan:
        try:
            count = export_csv(plan, args.file)
        except OSError as error:
            from storage.errors import InputError

            raise InputError(
                _("cannot write {file}: {reason}").format(
                    file=args.file, reason=error.strerror or error
                )
            ) from None
    out(
        ngettext(
            "Exported {n} snapshot to {file}", "Exported {n} snapshots to {file}", count
        ).format(n=count, file=args.file)
    )
    return 0
