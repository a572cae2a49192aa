"""``socialplan merge-file``: the plan's merge for git (its merge driver runs this)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storage.i18n import _, ngettext
from tui.cli.common import out


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``merge-file``."""
    p = sub.add_parser(
        "merge-file", parents=parents,
        help=_("merge two copies of a plan into the first, record by record (git's merge "
               "driver: socialplan merge-file %%O %%A %%B)"),
    )  # fmt: skip
    p.add_argument("base", type=Path, metavar="BASE", help=_("the version both copies share"))
    p.add_argument("ours", type=Path, metavar="OURS", help=_("this copy: the result goes here"))
    p.add_argument("theirs", type=Path, metavar="THEIRS", help=_("the other copy"))
    p.set_defaults(func=cmd_merge_file)


def cmd_merge_file(args: argparse.Namespace) -> int:
    """Merge THEIRS into OURS; say what came in and which fields both copies changed."""
    from storage.sync.files import merge_files

    merged = merge_files(args.base, args.ours, args.theirs)
    out(_("Merged {file}: {added} added, {changed} changed, {removed} removed.").format(
        file=args.ours, added=merged.added, changed=merged.changed, removed=merged.removed))
    if merged.conflicts:
        print(ngettext(
            "{n} field was changed in both copies; this copy's value was kept:",
            "{n} fields were changed in both copies; this copy's values were kept:",
            len(merged.conflicts),
        ).format(n=len(merged.conflicts)), file=sys.stderr)
        for conflict in merged.conflicts:
            print(_("  {label} ({table} {record}), {field}: kept {kept!r}, other {other!r}")
                  .format(**conflict.to_json()), file=sys.stderr)
    return 0
