"""Checking what users type for content: titles, channels, pillars, kinds, statuses, repeat rules.

Each check returns the value to store or raises :class:`~storage.errors.InputError` with a message
naming what was wrong. Spin-off templates (:mod:`storage.calendar.spinoffs`) use the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.calendar.items import KINDS, STATUSES, get_content, kind_label, status_label
from storage.calendar.recurrence import parse_rule
from storage.dates import iso, parse_time
from storage.errors import InputError
from storage.i18n import _, labels_in_every_language
from storage.text import fold

if TYPE_CHECKING:
    from storage.datafile import Plan


def check_title(title: str) -> str:
    """A title with its spaces tidied; raise :class:`InputError` when it is empty."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InputError(_("a content item needs a title"))
    return cleaned


def check_choice(value: str | None, choices: Iterable[str], what: str) -> str:
    """A value from a fixed list (case-insensitive, unique prefixes accepted). Content statuses
    and kinds are also accepted as they read in the language in use (``brouillon``, ``vidéo``,
    accents optional); the stored key is returned."""
    options = list(choices)
    text = _folded(value or "")
    label = (
        status_label
        if options == list(STATUSES)
        else kind_label
        if options == list(KINDS)
        else (lambda key: key)
    )
    names = {_folded(o): o for o in options} | {
        _folded(word): o for o in options for word in labels_in_every_language(label, o)
    }
    if text in names:
        return names[text]
    matches = {o for name, o in names.items() if name.startswith(text)} if text else set()
    if len(matches) == 1:
        return matches.pop()
    raise InputError(
        _("{what} must be one of {choices}, not {value!r}").format(
            what=what, choices=", ".join(label(o) for o in options), value=value or ""
        )
    )


def _folded(text: str) -> str:
    return fold(" ".join(text.split()))


def channel_keys(plan: Plan) -> dict[str, str]:
    """Channel key -> name, from the channel registry."""
    return {
        str(doc.get("key")): str(doc.get("name") or doc.get("key"))
        for doc in plan.table("channels").all()
        if doc.get("key")
    }


def check_channel(plan: Plan, value: str | None) -> str | None:
    """A channel key from a key or a name (empty: None)."""
    text = (value or "").strip().lower()
    if not text:
        return None
    channels = channel_keys(plan)
    for key, name in channels.items():
        if text in {key.lower(), name.lower()}:
            return key
    raise InputError(
        _("unknown channel {value!r} (known: {known})").format(
            value=value, known=", ".join(sorted(channels))
        )
    )


def pillar_names(plan: Plan) -> list[str]:
    """The guide's pillar names, in the guide's order."""
    docs = sorted(plan.table("pillars").all(), key=lambda d: (d.get("position") or 0, d.doc_id))
    return [str(d.get("name")) for d in docs if d.get("name")]


def check_pillar(plan: Plan, value: str | None) -> str | None:
    """A pillar name from the guide (case-insensitive; empty: None)."""
    text = " ".join((value or "").split())
    if not text:
        return None
    names = pillar_names(plan)
    for name in names:
        if name.lower() == text.lower():
            return name
    raise InputError(
        _("unknown pillar {value!r} (the guide has: {known})").format(
            value=text, known=", ".join(names) or _("no pillars yet")
        )
    )


def check_fields(plan: Plan, values: dict[str, Any], today: date) -> dict[str, Any]:
    """Check and normalise typed fields; raise :class:`InputError` naming the bad one."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "title":
            out[name] = check_title(str(value))
        elif name == "date":
            out[name] = iso(value)
        elif name == "time":
            out[name] = parse_time(value) if value else None
        elif name == "channel":
            out[name] = check_channel(plan, value)
        elif name == "pillar":
            out[name] = check_pillar(plan, value)
        elif name == "kind":
            out[name] = check_choice(value or "article", KINDS, _("kind"))
        elif name == "status":
            out[name] = check_choice(value or "idea", STATUSES, _("status"))
        elif name == "notes":
            out[name] = str(value or "").strip()
        elif name == "url":
            out[name] = (str(value).strip() or None) if value else None
        elif name == "rrule":
            out[name] = parse_rule(value) if value else None
        elif name == "parent":
            if value is not None:
                get_content(plan, int(value))
            out[name] = int(value) if value is not None else None
        else:
            raise InputError(_("content has no field {name!r}").format(name=name))
    if out.get("rrule") and values.get("date") is None and "date" in values:
        raise InputError(_("a repeating item needs a first date"))
    if out.get("status") == "published":
        out["published_on"] = today.isoformat()
    return out
