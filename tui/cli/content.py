"""``socialplan content`` and ``socialplan calendar``: the content calendar from the shell."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storage.i18n import _, ngettext
from tui.cli.common import out, plan_for, print_json


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``content add``, ``edit``, ``delete``, ``list`` and ``calendar export``."""
    content = sub.add_parser("content", parents=parents, help=_("the content calendar"))
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)

    p = content_sub.add_parser("add", parents=parents, help=_("plan a piece of content"))
    p.add_argument("title", metavar="TITLE")
    p.add_argument(
        "--on",
        metavar="DATE",
        help=_("its day ({examples}); none: an idea").format(
            examples=_("2026-12-01, tomorrow, friday, +3d")
        ),
    )
    p.add_argument("--at", metavar="TIME", help=_("time of day (9:30)"))
    p.add_argument("--channel", metavar="C", help=_("channel key or name (blog, x, ...)"))
    p.add_argument("--status", metavar="S", help=_("idea, draft, scheduled or published"))
    p.add_argument("--pillar", metavar="P", help=_("a pillar of the guide"))
    p.add_argument(
        "--kind",
        metavar="K",
        default="article",
        help=_("article, photo, video, podcast, short post or event"),
    )
    p.add_argument("--parent", metavar="ID", type=int, help=_("the hub piece it derives from"))
    p.add_argument(
        "--repeat",
        metavar="RULE",
        help=_("weekly, every tuesday, first monday of the month, or RRULE text"),
    )
    p.add_argument("--notes", default="", help=_("notes"))
    p.set_defaults(func=cmd_add)

    p = content_sub.add_parser(
        "edit", parents=parents, help=_("change a piece of content (only what is given)")
    )
    p.add_argument("id", metavar="ID", type=int)
    p.add_argument("--title", metavar="T", help=_("a new title"))
    p.add_argument(
        "--on",
        metavar="DATE",
        help=_("a new day ({examples}); 'none': an idea").format(
            examples=_("2026-12-01, tomorrow, friday, +3d")
        ),
    )
    p.add_argument("--at", metavar="TIME", help=_("time of day (9:30); 'none': the whole day"))
    p.add_argument("--channel", metavar="C", help=_("channel key or name"))
    p.add_argument("--status", metavar="S", help=_("idea, draft, scheduled or published"))
    p.add_argument("--pillar", metavar="P", help=_("a pillar of the guide"))
    p.add_argument(
        "--kind", metavar="K", help=_("article, photo, video, podcast, short post or event")
    )
    p.add_argument("--repeat", metavar="RULE", help=_("a repeat rule; 'none': does not repeat"))
    p.add_argument("--notes", metavar="N", help=_("notes"))
    p.add_argument("--url", metavar="URL", help=_("where it was published"))
    p.set_defaults(func=cmd_edit)

    p = content_sub.add_parser("delete", parents=parents, help=_("remove a piece of content"))
    p.add_argument("id", metavar="ID", type=int)
    p.set_defaults(func=cmd_delete)

    p = content_sub.add_parser(
        "list",
        parents=parents,
        help=_("list content (with --from/--to: what shows on those days, series expanded)"),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help=_("first day ({examples})").format(examples=_("2026-12-01, tomorrow, friday, +3d")),
    )
    p.add_argument("--to", dest="end", metavar="DATE", help=_("last day (default: a year on)"))
    p.set_defaults(func=cmd_list)

    calendar = sub.add_parser("calendar", parents=parents, help=_("the calendar as a file"))
    calendar_sub = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    p = calendar_sub.add_parser(
        "export", parents=parents, help=_("write an iCalendar file (calcurse, khal, ...)")
    )
    p.add_argument("file", type=Path, metavar="FILE.ics")
    p.set_defaults(func=cmd_export)


def cmd_add(args: argparse.Namespace) -> int:
    """Add an item; bad input is refused before anything is written."""
    from storage.calendar import add_content
    from storage.dates import current_day, parse_date

    today = current_day()
    day = parse_date(args.on, today) if args.on is not None else None
    with plan_for(args, write=True) as plan:
        item = add_content(
            plan, args.title, day, time=args.at, channel=args.channel, pillar=args.pillar,
            kind=args.kind, status=args.status, notes=args.notes, parent=args.parent,
            rrule=args.repeat, today=today,
        )  # fmt: skip
    when = item.date.isoformat() if item.date else _("no date (idea)")
    out(_("Added content {id} on {when}: {title}").format(id=item.id, when=when, title=item.title))
    return 0


def _range(args: argparse.Namespace, today: date) -> tuple[date, date] | None:
    from storage.dates import parse_date
    from storage.errors import InputError

    if args.start is None and args.end is None:
        return None
    start = parse_date(args.start, today) if args.start is not None else None
    end = parse_date(args.end, today) if args.end is not None else None
    start = start or (end - timedelta(days=365) if end else today)
    end = end or start + timedelta(days=365)
    if end < start:
        raise InputError(_("--to {end} is before --from {start}").format(end=end, start=start))
    return start, end


def cmd_list(args: argparse.Namespace) -> int:
    """Print every item, or the occurrences between two days."""
    from storage.calendar import (
        content_between,
        describe_rule,
        kind_label,
        list_content,
        status_label,
    )
    from storage.dates import current_day

    today = current_day()
    span = _range(args, today)
    with plan_for(args) as plan:
        if span is None:
            rows = [(i.date, i.time, i.title, i.status, i, i.rrule) for i in list_content(plan)]
            data = [i.to_json() for i in list_content(plan)]
        else:
            found = content_between(plan, *span)
            rows = [(o.day, o.time, o.title, o.status, o.item, None) for o in found]
            data = [o.to_json() for o in found]
    if args.json:
        print_json(data)
        return 0
    if not rows:
        out(_("No content planned."))
    for day, at, title, status, item, rule in rows:
        when = f"{day.isoformat() if day else _('(idea)'):10} {at or '':5}"
        where = ", ".join(x for x in (item.channel, kind_label(item.kind), item.pillar) if x)
        repeat = f"  ({describe_rule(rule)})" if rule else ""
        out(f"{item.id:>5}  {when}  [{status_label(status)}] {title}  ({where}){repeat}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the calendar as an iCalendar file."""
    from storage.calendar import export_ics

    with plan_for(args) as plan:
        count = export_ics(plan, args.file)
    out(_("Exported {count} events to {file}").format(count=count, file=args.file))
    return 0


_NONE = frozenset({"none", "-", ""})


def cmd_edit(args: argparse.Namespace) -> int:
    """Change the given fields of an item; bad input is refused before anything is written."""
    from storage.calendar import update_content
    from storage.dates import current_day, parse_date
    from storage.errors import InputError

    def given(value: str | None) -> str | None:
        return None if value is None or value.strip().lower() in _NONE else value

    today = current_day()
    values: dict[str, Any] = {}
    for field, value in (
        ("title", args.title), ("channel", args.channel), ("status", args.status),
        ("pillar", args.pillar), ("kind", args.kind), ("notes", args.notes), ("url", args.url),
    ):  # fmt: skip
        if value is not None:
            values[field] = value
    if args.on is not None:
        values["date"] = parse_date(args.on, today) if given(args.on) else None
    if args.at is not None:
        values["time"] = given(args.at)
    if args.repeat is not None:
        values["rrule"] = given(args.repeat)
    if not values:
        raise InputError(_("nothing to change: give at least one field (see --help)"))
    with plan_for(args, write=True) as plan:
        item = update_content(plan, args.id, today=today, **values)
    when = item.date.isoformat() if item.date else _("no date (idea)")
    out(
        _("Changed content {id} on {when}: {title}").format(id=item.id, when=when, title=item.title)
    )
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Remove an item; its spin-offs stay, without their hub."""
    from storage.calendar import delete_content, spinoffs_of

    with plan_for(args, write=True) as plan:
        orphans = len(spinoffs_of(plan, args.id))
        item = delete_content(plan, args.id)
    out(_("Deleted content {id}: {title}").format(id=item.id, title=item.title))
    if orphans:
        out(
            ngettext(
                "Its {n} spin-off stays, without its hub.",
                "Its {n} spin-offs stay, without their hub.",
                orphans,
            ).format(n=orphans)
        )
    return 0
