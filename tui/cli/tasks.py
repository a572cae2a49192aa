"""``socialplan tasks``: the phase checklists from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from storage.dates import current_day
from storage.i18n import _
from tui.cli.common import out, plan_for, print_json


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``tasks list``, ``add``, ``edit``, ``done``, ``undone`` and ``delete``."""
    tasks = sub.add_parser("tasks", parents=parents, help=_("the six phase checklists"))
    tasks_sub = tasks.add_subparsers(dest="tasks_command", metavar="ACTION", required=True)

    p = tasks_sub.add_parser("list", parents=parents, help=_("list tasks, phase by phase"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument("--phase", metavar="N", help=_("only phase N (1-6)"))
    p.set_defaults(func=cmd_list)

    p = tasks_sub.add_parser("add", parents=parents, help=_("add a task to a phase"))
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--phase", metavar="N", required=True, help=_("the phase (1-6)"))
    p.add_argument("--due", metavar="DATE", help=_("due date (2026-12-01, tomorrow, friday, +3d)"))
    p.add_argument("--notes", default="", help=_("details"))
    p.set_defaults(func=cmd_add)

    p = tasks_sub.add_parser("edit", parents=parents, help=_("change a task (only what is given)"))
    p.add_argument("id", metavar="ID", type=int)
    p.add_argument("--title", metavar="T", help=_("a new title"))
    p.add_argument("--due", metavar="DATE", help=_("a new due date ('none' removes it)"))
    p.add_argument("--notes", metavar="N", help=_("new details"))
    p.add_argument("--phase", metavar="P", help=_("move it to phase P (1-6)"))
    p.set_defaults(func=cmd_edit)

    p = tasks_sub.add_parser("done", parents=parents, help=_("tick a task off"))
    p.add_argument("id", metavar="ID", type=int)
    p.set_defaults(func=cmd_done)

    p = tasks_sub.add_parser("undone", parents=parents, help=_("untick a task"))
    p.add_argument("id", metavar="ID", type=int)
    p.set_defaults(func=cmd_undone)

    p = tasks_sub.add_parser("delete", parents=parents, help=_("remove a task"))
    p.add_argument("id", metavar="ID", type=int)
    p.set_defaults(func=cmd_delete)


def cmd_list(args: argparse.Namespace) -> int:
    """Print the checklists (one phase with ``--phase``)."""
    from storage.phases import check_phase, list_tasks, phase_info, progress_of

    phase = check_phase(args.phase) if args.phase is not None else None
    with plan_for(args) as plan:
        tasks = list_tasks(plan, phase)
        everything = list_tasks(plan)
    if args.json:
        print_json([t.to_json() for t in tasks])
        return 0
    progress = progress_of(everything)
    today = current_day()
    for entry in progress.phases:
        if phase is not None and entry.phase != phase:
            continue
        marker = _(" (current)") if entry.phase == progress.current else ""
        info = phase_info(entry.phase)
        out(
            _("Phase {n}: {name}  {done}/{total}").format(
                n=entry.phase, name=info.name, done=entry.done, total=entry.total
            )
            + marker
        )
        for task in (t for t in tasks if t.phase == entry.phase):
            box = "[x]" if task.done else "[ ]"
            due = ""
            if task.due:
                late = _(" overdue") if task.is_overdue(today) else ""
                due = _("  (due {day}{late})").format(day=task.due.isoformat(), late=late)
            out(f"  {task.id:>4} {box} {task.title}{due}")
    if phase is None:
        out(_("Overall: {done}/{total}").format(done=progress.done, total=progress.total))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Add a task; a bad phase or date is refused before anything is written."""
    from storage.dates import parse_date
    from storage.phases import add_task, check_phase

    phase = check_phase(args.phase)
    today = current_day()
    due = parse_date(args.due, today) if args.due is not None else None
    with plan_for(args, write=True) as plan:
        task = add_task(plan, phase, args.title, notes=args.notes, due=due, today=today)
    out(
        _("Added task {id} to phase {phase}: {title}").format(
            id=task.id, phase=task.phase, title=task.title
        )
    )
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    """Tick a task off."""
    from storage.phases import set_done

    with plan_for(args, write=True) as plan:
        task = set_done(plan, args.id, True)
    out(_("Done: {title}").format(title=task.title))
    return 0


NO_DATE = frozenset({"none", "-", ""})
"""What ``--due`` takes to remove a date."""


def cmd_edit(args: argparse.Namespace) -> int:
    """Change the given fields of a task; bad input is refused before anything is written."""
    from storage.dates import parse_date
    from storage.errors import InputError
    from storage.phases import check_phase, get_task, update_task

    if all(v is None for v in (args.title, args.due, args.notes, args.phase)):
        raise InputError(_("nothing to change: give --title, --due, --notes or --phase"))
    today = current_day()
    phase = check_phase(args.phase) if args.phase is not None else None
    new_due = None
    if args.due is not None and args.due.strip().lower() not in NO_DATE:
        new_due = parse_date(args.due, today)
    with plan_for(args, write=True) as plan:
        task = get_task(plan, args.id)
        task = update_task(
            plan,
            task.id,
            args.title if args.title is not None else task.title,
            args.notes if args.notes is not None else task.notes,
            new_due if args.due is not None else task.due,
            phase,
        )
    due = task.due.isoformat() if task.due else _("no due date")
    out(
        _("Changed task {id} (phase {phase}, {due}): {title}").format(
            id=task.id, phase=task.phase, due=due, title=task.title
        )
    )
    return 0


def cmd_undone(args: argparse.Namespace) -> int:
    """Untick a task."""
    from storage.phases import set_done

    with plan_for(args, write=True) as plan:
        task = set_done(plan, args.id, False)
    out(_("Not done: {title}").format(title=task.title))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Remove a task."""
    from storage.phases import delete_task

    with plan_for(args, write=True) as plan:
        task = delete_task(plan, args.id)
    out(_("Deleted task {id}: {title}").format(id=task.id, title=task.title))
    return 0
