"""The conflict log: what a merge could not decide, kept until the person dismisses it.

It lives in :attr:`Paths.sync_state` (``NAME.sync.json``), this machine's file, never synced. The
file is a JSON object; the log is its ``"conflicts"`` list, and other keys (the remote, the last
sync) belong to whoever writes them through :func:`read_state` / :func:`update_state`: they are
kept as they are. Every write is atomic; a damaged file is refused, never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from storage.datafile import DataFileError, Paths, export_file
from storage.i18n import _
from storage.sync.merge import Conflict

SOURCES = ("sync", "command line")
_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True)
class OpenConflict(Conflict):
    """A logged conflict: the merge's :class:`Conflict`, its number in the log, when and how it
    arose (``source``: "sync" or "command line")."""

    id: int
    source: str
    when: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_state(paths: Paths) -> dict[str, Any]:
    """The whole sync state file (an empty one when there is none).

    Raises:
        DataFileError: the file exists but is not a JSON object (it is then left as it is).
    """
    target = paths.sync_state
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise DataFileError(
            _("cannot read {file}: {why}").format(file=target, why=error.strerror or error)
        ) from None
    try:
        state = json.loads(raw) if len(raw) <= _LIMIT else None
    except ValueError:
        state = None
    if not isinstance(state, dict):
        raise DataFileError(
            _("{file} is damaged; move it aside to start a new sync record").format(file=target)
        )
    return state


def update_state(paths: Paths, **fields: Any) -> dict[str, Any]:
    """Set some keys of the sync state file (atomically), keeping every other key."""
    state = read_state(paths)
    state.update(fields)
    export_file(paths.sync_state, (json.dumps(state, ensure_ascii=False, indent=1) + "\n").encode())
    return state


def _logged(state: dict[str, Any]) -> list[dict[str, Any]]:
    items = state.get("conflicts")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def record_conflicts(
    paths: Paths, conflicts: Iterable[Conflict], source: str, when: str
) -> list[OpenConflict]:
    """Add ``conflicts`` to the log (``source``: "sync" or "command line"; ``when``: ISO time).

    A conflict already open on the same record and field is replaced by the newer one.
    Returns the new entries.
    """
    state = read_state(paths)
    logged = _logged(state)
    next_id = max((int(item.get("id", 0) or 0) for item in logged), default=0) + 1
    fresh: list[OpenConflict] = []
    for conflict in conflicts:
        entry = OpenConflict(id=next_id, source=source, when=when, **asdict(conflict))
        next_id += 1
        logged = [
            item
            for item in logged
            if (item.get("table"), item.get("record"), item.get("field"))
            != (entry.table, entry.record, entry.field)
        ]
        logged.append(entry.to_json())
        fresh.append(entry)
    if fresh:
        update_state(paths, conflicts=logged)
    return fresh


def _entry(item: dict[str, Any]) -> OpenConflict | None:
    try:
        return OpenConflict(
            id=int(item["id"]),
            table=str(item["table"]),
            record=str(item["record"]),
            label=str(item.get("label") or ""),
            field=str(item.get("field") or ""),
            kept=item.get("kept"),
            other=item.get("other"),
            kept_at=item.get("kept_at") if isinstance(item.get("kept_at"), str) else None,
            other_at=item.get("other_at") if isinstance(item.get("other_at"), str) else None,
            source=str(item.get("source") or "sync"),
            when=str(item.get("when") or ""),
        )
    except (KeyError, TypeError, ValueError):
        return None


def open_conflicts(paths: Paths) -> list[OpenConflict]:
    """The conflicts not yet dismissed, oldest first."""
    found = (_entry(item) for item in _logged(read_state(paths)))
    return [entry for entry in found if entry is not None]


def dismiss_conflicts(paths: Paths, which: Iterable[int] | None = None) -> int:
    """Dismiss the conflicts whose ids are in ``which`` (None: all). Returns how many went."""
    state = read_state(paths)
    logged = _logged(state)
    chosen = None if which is None else set(which)
    kept = [item for item in logged if chosen is not None and item.get("id") not in chosen]
    gone = len(logged) - len(kept)
    if gone:
        update_state(paths, conflicts=kept)
    return gone
