"""``socialplan channels``: the phase 2 channel registry from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from storage.i18n import _
from tui.cli.common import out, plan_for, print_json


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``channels list``."""
    channels = sub.add_parser("channels", parents=parents, help=_("the channel/profile registry"))
    channels_sub = channels.add_subparsers(dest="channels_command", metavar="ACTION", required=True)
    p = channels_sub.add_parser("list", parents=parents, help=_("list channels and their profiles"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    """Print every channel with its status, profile checklist and handle consistency."""
    from storage.phases import (
        PROFILE_ITEMS,
        brand_handle,
        handle_differs,
        list_channels,
        status_label,
    )

    with plan_for(args) as plan:
        channels = list_channels(plan)
        brand = brand_handle(plan)
    if args.json:
        print_json([c.to_json(brand) for c in channels])
        return 0
    out(_("Brand handle: {handle}").format(handle=brand or _("(not chosen)")))
    for channel in channels:
        flag = (
            _("  ! differs from the brand handle") if handle_differs(channel.handle, brand) else ""
        )
        star = "*" if channel.priority else " "
        out(
            f"{star} {channel.name:<14} {status_label(channel.status):<12} "
            f"{channel.profile_done}/{len(PROFILE_ITEMS)}  {channel.handle or '-'}{flag}"
        )
    out(_("* the audience is there"))
    return 0
