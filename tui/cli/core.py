"""Commands of the foundation: paths, checkin, export, import, backups and restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from storage.i18n import _, ngettext
from tui.cli.common import apply_saved_language, data_file, out, plan_for, print_json


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``paths``, ``checkin``, ``export``, ``import``, ``backups`` and ``restore``."""
    p = sub.add_parser(
        "paths",
        parents=parents,
        help=_("the data file and every file beside it (cache, lock, backups)"),
    )
    p.set_defaults(func=cmd_paths)

    p = sub.add_parser("checkin", parents=parents, help=_("the Today tab as text"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_checkin)

    p = sub.add_parser("export", parents=parents, help=_("write the whole plan to a JSON file"))
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import", parents=parents, help=_("replace the plan with an exported JSON file")
    )
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "backups",
        parents=parents,
        help=_("list the copies of the plan kept beside it, newest first"),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser(
        "restore",
        parents=parents,
        help=_("put a backup back in place of the plan (kept as a copy)"),
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("backup", type=Path, nargs="?", metavar="BACKUP", help=_("a backup file"))
    which.add_argument("--latest", action="store_true", help=_("the newest backup that opens"))
    p.set_defaults(func=cmd_restore)


def cmd_paths(args: argparse.Namespace) -> int:
    """Print the files in use (creating the data file if it does not exist yet)."""
    from storage.datafile import Paths

    with plan_for(args):
        pass
    paths = Paths(data_file(args))
    out(_("data file:        {path}").format(path=paths.data))
    out(_("mentions cache:   {path}").format(path=paths.mentions))
    out(_("mentions digest:  {path}").format(path=paths.mentions_digest))
    out(_("check-in view:    {path}").format(path=paths.checkin_view))
    out(_("lock file:        {path}").format(path=paths.lock))
    labels = {
        "daily": _("daily backups:    {paths}"),
        "before-import": _("before imports:   {paths}"),
        "before-restore": _("before restores:  {paths}"),
        "before-migration": _("before upgrades:  {paths}"),
    }
    for kind, label in labels.items():
        found = ", ".join(str(c.path) for c in paths.backups(kind)) or "-"
        out(label.format(paths=found))
    rescued = ", ".join(str(c.path) for c in paths.rescues()) or "-"
    out(_("damaged caches:   {paths}").format(paths=rescued))
    return 0


def cmd_checkin(args: argparse.Namespace) -> int:
    """Print the daily check-in."""
    from storage.checkin import build_checkin, format_text, to_json
    from storage.checkin_view import keep_checkin, kept_checkin, open_for_checkin
    from storage.dates import today

    day = today()
    plan = open_for_checkin(data_file(args), day)
    try:
        apply_saved_language(args, plan)
        checkin = kept_checkin(plan, day)  # the same day's, kept by an earlier check-in
        if checkin is None:
            checkin = build_checkin(plan, day)
            keep_checkin(plan, day, checkin)
    finally:
        plan.close()
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
    out(
        _("Imported {file}; the previous plan is saved as {backup}").format(
            file=args.file, backup=backup
        )
    )
    return 0


def _kind_label(kind: str) -> str:
    return {
        "daily": _("daily"),
        "before-import": _("before import"),
        "before-restore": _("before restore"),
        "before-migration": _("before upgrade"),
    }.get(kind, kind)


def cmd_backups(args: argparse.Namespace) -> int:
    """List every copy of the plan, newest first, each checked."""
    from storage.datafile.backups import list_backups
    from storage.datafile.paths import Paths

    found = list_backups(Paths(data_file(args)))
    if args.json:
        print_json([info.to_json() for info in found])
        return 0
    if not found:
        out(_("No backup yet: one is taken each day the app or a command opens the plan."))
        return 0
    for info in found:
        if info.opens:
            records = sum(info.counts.values())
            state = ngettext("{count} record", "{count} records", records).format(count=records)
        else:
            state = _("DAMAGED, cannot be restored: {problem}").format(problem=info.problem)
        out(
            _("{time}  {kind:<15} {size:>9}  {state}").format(
                time=info.when.strftime("%Y-%m-%d %H:%M"),
                kind=_kind_label(info.kind),
                size=_size(info.size),
                state=state,
            )
        )
        out(f"    {info.path}")
    return 0


def _size(size: int) -> str:
    if size < 1024:
        return _("{n} B").format(n=size)
    if size < 1024 * 1024:
        return _("{n:.1f} kB").format(n=size / 1024)
    return _("{n:.1f} MB").format(n=size / 1024 / 1024)


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back in place of the plan, keeping the current plan as a copy."""
    from storage.datafile.backups import restore_backup
    from storage.datafile.paths import Paths

    done = restore_backup(Paths(data_file(args)), None if args.latest else args.backup)
    out(_("Restored {backup}").format(backup=done.source))
    if done.kept is not None:
        out(_("The plan as it was is kept as {copy}").format(copy=done.kept))
    return 0
