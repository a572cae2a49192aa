"""``socialplan guide``: the editorial guide as a Markdown file, out and back in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storage.i18n import _
from tui.cli.common import out, plan_for


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``guide export`` and ``guide import``."""
    guide = sub.add_parser("guide", parents=parents, help=_("the editorial guide as Markdown"))
    guide_sub = guide.add_subparsers(dest="guide_command", metavar="ACTION", required=True)

    p = guide_sub.add_parser(
        "export", parents=parents, help=_("write the guide as one Markdown document")
    )
    p.add_argument("file", metavar="FILE.md", help=_("the file to write ('-' for standard output)"))
    p.set_defaults(func=cmd_export)

    p = guide_sub.add_parser(
        "import", parents=parents, help=_("replace the guide with a Markdown document")
    )
    p.add_argument("file", type=Path, metavar="FILE.md")
    p.set_defaults(func=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the guide to a file (or stdout with ``-``)."""
    from storage.guide import export_guide, export_markdown, list_pillars, load_guide

    with plan_for(args) as plan:
        if args.file == "-":
            sys.stdout.write(export_markdown(load_guide(plan), list_pillars(plan)))
            return 0
        export_guide(plan, Path(args.file))
    out(_("Wrote the guide to {file}").format(file=args.file))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Replace the guide with a Markdown file; a file that cannot be read changes nothing."""
    from storage.errors import InputError
    from storage.guide import GuideFormatError, import_guide

    with plan_for(args, write=True) as plan:
        try:
            _guide, pillars = import_guide(plan, args.file)
        except GuideFormatError as error:
            raise InputError(
                _("{file}, {error}; nothing was changed").format(file=args.file, error=error)
            ) from None
    out(
        _("Imported the guide from {file} ({count} pillars)").format(
            file=args.file, count=len(pillars)
        )
    )
    return 0
