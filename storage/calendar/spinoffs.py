"""Spin-offs (phase 4): one hub piece planned as several, one per channel, from a template.

The template is the user's (table ``spinoff_template``, seeded from
``storage/phases/starter/spinoff_template.json``): a list of steps, each a channel, a kind and a number
of days after the hub. It is edited as text, one step a line: ``flickr, photo, +0``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from storage.calendar.occurrences import (
    KINDS,
    ContentItem,
    channel_keys,
    check_channel,
    check_choice,
    get_content,
    spinoffs_of,
)
from storage.errors import InputError
from storage.i18n import _

if TYPE_CHECKING:
    from storage.datafile import Plan


@dataclass(frozen=True)
class SpinoffStep:
    """One line of the spin-off template: a channel, a kind and a day offset from the hub."""

    channel: str
    """Channel key."""
    kind: str
    """Kind of the spin-off."""
    offset_days: int
    """Days after the hub's date."""


def spinoff_template(plan: Plan) -> list[SpinoffStep]:
    """The user's spin-off template (channels, kinds, day offsets)."""
    steps = plan.get_single("spinoff_template").get("steps") or []
    found = []
    for step in steps:
        if isinstance(step, dict) and step.get("channel"):
            kind = step.get("kind") if step.get("kind") in KINDS else "short post"
            offset = step.get("offset_days")
            found.append(
                SpinoffStep(
                    str(step["channel"]), str(kind), offset if isinstance(offset, int) else 0
                )
            )
    return found


def save_spinoff_template(plan: Plan, steps: Iterable[SpinoffStep]) -> list[SpinoffStep]:
    """Replace the spin-off template (each channel checked against the registry)."""
    clean = []
    for step in steps:
        channel = check_channel(plan, step.channel)
        if channel is None:
            raise InputError(_("a spin-off step needs a channel"))
        kind = check_choice(step.kind, KINDS, _("kind"))
        clean.append({"channel": channel, "kind": kind, "offset_days": int(step.offset_days)})
    plan.set_single("spinoff_template", {"steps": clean})
    return spinoff_template(plan)


def template_text(steps: Iterable[SpinoffStep]) -> str:
    """The template as text, one step a line (``flickr, photo, +0``)."""
    return "\n".join(f"{s.channel}, {s.kind}, {s.offset_days:+d}" for s in steps)


def parse_template(plan: Plan, text: str) -> list[SpinoffStep]:
    """Read the template's text form; blank lines and ``#`` comments are ignored.

    Raises:
        InputError: naming the line and what is wrong with it.
    """
    steps = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(",")]
        try:
            if len(parts) != 3 or not re.fullmatch(r"[+-]?\d{1,3}", parts[2]):
                raise InputError(_("write it as: channel, kind, +days (e.g. x, short post, +1)"))
            channel = check_channel(plan, parts[0])
            if channel is None:
                raise InputError(_("a spin-off step needs a channel"))
            kind = check_choice(parts[1], KINDS, _("kind"))
        except InputError as error:
            raise InputError(_("line {n}: {why}").format(n=number, why=error)) from None
        steps.append(SpinoffStep(channel, kind, int(parts[2])))
    return steps


def plan_spinoffs(
    plan: Plan, hub_id: int, channels: Iterable[str] | None = None
) -> list[ContentItem]:
    """Create one spin-off per chosen channel of the template (all of them by default).

    Each gets the template's kind, the hub's date plus the step's offset (no date for an undated
    hub), the hub's pillar, status idea and the hub as parent. A channel that already has a
    spin-off of this hub is left alone. Returns the new items.
    """
    hub = get_content(plan, hub_id)
    wanted = set(channels) if channels is not None else None
    have = {s.channel for s in spinoffs_of(plan, hub_id)}
    names = channel_keys(plan)
    docs = []
    for step in spinoff_template(plan):
        if (wanted is not None and step.channel not in wanted) or step.channel in have:
            continue
        have.add(step.channel)
        day = hub.date + timedelta(days=step.offset_days) if hub.date else None
        item = ContentItem(
            id=0,
            title=f"{hub.title} ({names.get(step.channel, step.channel)})",
            date=day,
            channel=step.channel,
            pillar=hub.pillar,
            kind=step.kind,
            status="idea",
            parent=hub.id,
        )
        docs.append(item.to_doc())
    if not docs:
        return []
    ids = plan.table("content").insert_multiple(docs)
    return [get_content(plan, i) for i in ids]
