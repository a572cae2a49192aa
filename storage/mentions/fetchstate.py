"""What each feed last answered on this machine, kept beside the mentions cache.

A feed's validators (ETag, Last-Modified), when it was last fetched, why it last failed and
how many entries it had are facts about this machine's cache and its exchanges with the feed's
server, not part of the plan. Kept in the plan, they travelled with a sync (the other machine
then sent validators for a cache it did not have) and two machines that fetch every day
changed the same fields every day, a conflict at every sync. Kept here, a fetch in which
every feed answered "not modified" writes only this small file (``storage.mentions.quick``).

The file, ``STEM.mentions.fetch.json``, is a cache like the mentions it describes: lost or
damaged, the next fetch asks every feed in full. It holds::

    {"version": 1,
     "feeds": {"<feed id>": {"source": URL, "etag": str | null, "last_modified": str | null,
                             "last_fetch": local ISO time | null, "last_error": str | null,
                             "count": int | null, "cached": bool}},
     "prune_from": UTC ISO time | null}

An entry counts only for a feed with the same id and source (a feed removed and added again
starts afresh). ``cached``: the cache held mentions of the feed after its last fetch.
``prune_from``: the earliest first sighting of an unstarred mention no longer in its feed,
the first one the retention rule will prune.

Imports only the standard library and ``storage.datafile``'s ``atomic_write``: the quick fetch reads and
writes it without the storage.
"""

from __future__ import annotations

import json
from pathlib import Path

from storage.datafile import atomic_write

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    State: TypeAlias = dict[str, Any]

VERSION = 1
"""The layout written; a file of another version is read as empty."""

RETENTION_DAYS = 90
"""How long a mention that left its feed is kept when the ``retention_days`` setting is unset
(the plan's default settings say the same); ``prune_from`` is checked against it."""

FIELDS = ("etag", "last_modified", "last_fetch", "last_error", "count")
"""What a feed's entry says of its last fetch (plans written before this file kept them)."""


def empty() -> State:
    """A state with nothing known."""
    return {"version": VERSION, "feeds": {}, "prune_from": None}


def read(path: Path) -> State:
    """The state in ``path``; empty when it is missing, damaged or of another version."""
    try:
        state = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return empty()
    if not isinstance(state, dict) or state.get("version") != VERSION:
        return empty()
    if not isinstance(state.get("feeds"), dict):
        return empty()
    prune_from = state.get("prune_from")
    state["prune_from"] = prune_from if isinstance(prune_from, str) else None
    return state


def write(path: Path, state: State) -> None:
    """Replace the file with ``state``: a crash leaves the old one or the new one.

    A cache, so not waited onto the disk (``durable=False``, a millisecond or two of a quick
    fetch): a power cut may lose the last write, and the next fetch then asks in full.
    """
    payload = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode()
    atomic_write(path, payload, durable=False)


def entry(state: State, feed_id: int, source: str) -> dict[str, Any] | None:
    """What the feed ``feed_id`` at ``source`` last answered, if it is known."""
    found = state["feeds"].get(str(feed_id))
    if isinstance(found, dict) and found.get("source") == source:
        return found
    return None
