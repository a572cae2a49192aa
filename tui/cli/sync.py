"""``socialplan merge-file``: the plan's merge for git (its merge driver runs this)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from storage.i18n import _, ngettext
from tui.cli.common import data_file, out, print_json


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``sync`` (``setup REMOTE``, ``status``) and ``merge-file``."""
    p = sub.add_parser(
        "sync", parents=parents,
        help=_("one plan on several machines, through git: send this plan's changes and take "
               "the others'"),
    )  # fmt: skip
    p.set_defaults(func=cmd_sync)
    actions = p.add_subparsers(dest="sync_command", metavar="ACTION")
    q = actions.add_parser("setup", parents=parents,
                           help=_("sync through REMOTE (any git URL or folder)"))  # fmt: skip
    q.add_argument("remote", metavar="REMOTE")
    q.set_defaults(func=cmd_sync_setup)
    q = actions.add_parser(
        "status",
        parents=parents,
        help=_("the remote, the last sync, what is not sent yet, conflicts"),
    )
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    q.add_argument("--dismiss", action="store_true", help=_("forget the conflicts shown"))
    q.set_defaults(func=cmd_sync_status)

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
    from storage.sync.git import note_driver_conflicts

    merged = merge_files(args.base, args.ours, args.theirs)
    note_driver_conflicts(merged.conflicts)
    out(
        _("Merged {file}: {added} added, {changed} changed, {removed} removed.").format(
            file=args.ours, added=merged.added, changed=merged.changed, removed=merged.removed
        )
    )
    if merged.conflicts:
        print(
            ngettext(
                "{n} field was changed in both copies; this copy's value was kept:",
                "{n} fields were changed in both copies; this copy's values were kept:",
                len(merged.conflicts),
            ).format(n=len(merged.conflicts)),
            file=sys.stderr,
        )
        for conflict in merged.conflicts:
            print(
                _("  {label} ({table} {record}), {field}: kept {kept!r}, other {other!r}").format(
                    **asdict(conflict)
                ),
                file=sys.stderr,
            )
    return 0


def _now() -> Any:
    from datetime import datetime

    return datetime.now().astimezone()


def cmd_sync_setup(args: argparse.Namespace) -> int:
    """Set sync up with a remote."""
    from storage.datafile import Paths
    from storage.sync.git import setup

    out(setup(Paths(data_file(args)), args.remote, _now()))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Send this plan's changes, take the others'."""
    from storage.datafile import Paths
    from storage.sync.git import sync

    report = sync(Paths(data_file(args)), _now())
    out(_("Sent: {a} added, {c} changed, {r} removed. Received: {ra} added, {rc} changed, "
          "{rr} removed.").format(a=report.sent[0], c=report.sent[1], r=report.sent[2],
                                   ra=report.received[0], rc=report.received[1],
                                   rr=report.received[2]))  # fmt: skip
    if report.conflicts:
        out(ngettext("{n} field was changed on both sides: see socialplan sync status.",
                     "{n} fields were changed on both sides: see socialplan sync status.",
                     len(report.conflicts)).format(n=len(report.conflicts)))  # fmt: skip
    return 0


def cmd_sync_status(args: argparse.Namespace) -> int:
    """Say where sync stands."""
    from storage.datafile import Paths
    from storage.sync.git import dismiss_conflicts, status

    paths = Paths(data_file(args))
    found = status(paths)
    if args.json:
        print_json(found)
    elif not found["remote"]:
        out(_("Sync is not set up: socialplan sync setup REMOTE (any git URL or folder)."))
    else:
        pending = found["not_sent"]
        out(_("Remote: {remote}").format(remote=found["remote"]))
        out(_("Last sync: {when}").format(when=found["last_sync"] or _("never")))
        out(
            _("Not sent yet: {a} added, {c} changed, {r} removed.").format(
                a=pending["added"], c=pending["changed"], r=pending["removed"]
            )
        )
        for c in found["conflicts"]:
            out(
                _(
                    "Changed on both sides ({when}): {label}, {field}: kept {kept!r}, the other "
                    "copy had {other!r}"
                ).format(**{**c, "when": c.get("when", "?")})
            )
    if args.dismiss:
        count = dismiss_conflicts(paths)
        if not args.json:
            out(
                ngettext("{n} conflict dismissed.", "{n} conflicts dismissed.", count).format(
                    n=count
                )
            )
    return 0
