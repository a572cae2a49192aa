"""The copies of the plan kept beside it: list them (``socialplan backups``) and put one back
(``socialplan restore``).

Both work on the files, never through an open plan: a damaged plan, the usual reason to restore,
cannot be opened. A copy is offered only when it opens as fully as the plan itself would
(:func:`storage.datafile.plan.check_copy`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from storage.datafile.atomic import atomic_write
from storage.datafile.errors import DataFileError
from storage.datafile.jsonstore import read_data_file, serialize
from storage.datafile.lock import COMMAND_WAIT, FileLock
from storage.datafile.paths import Companion, Paths
from storage.datafile.plan import (
    check_copy,
    newest_good_backup,
    prune_copies,
    refuse_while_app_open,
)
from storage.i18n import _

__all__ = ["BackupInfo", "Restored", "list_backups", "restore_backup"]


@dataclass(frozen=True)
class BackupInfo:
    """One copy of the plan, as ``socialplan backups`` shows it."""

    path: Path
    kind: str
    when: datetime
    size: int
    counts: dict[str, int]
    """Records per table (empty for a copy that does not open)."""
    problem: str | None
    """Why the copy does not open, or None when it does."""

    @property
    def opens(self) -> bool:
        """Whether the copy can be restored."""
        return self.problem is None

    def to_json(self) -> dict[str, Any]:
        """The fields of ``socialplan backups --json`` (names stay the same in every language)."""
        return {
            "path": str(self.path),
            "kind": self.kind,
            "time": self.when.isoformat(timespec="seconds"),
            "size": self.size,
            "opens": self.opens,
            "problem": self.problem,
            "records": self.counts,
        }


def _info(companion: Companion) -> BackupInfo:
    try:
        size = companion.path.stat().st_size
    except OSError:
        size = 0
    try:
        data = check_copy(companion.path)
    except DataFileError as error:
        return BackupInfo(companion.path, companion.kind, companion.when, size, {}, str(error))
    counts = {name: len(table) for name, table in sorted(data.items()) if name != "meta"}
    return BackupInfo(companion.path, companion.kind, companion.when, size, counts, None)


def list_backups(paths: Paths) -> list[BackupInfo]:
    """Every copy of the plan beside it, newest first, each checked."""
    return [_info(companion) for companion in paths.backups()]


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    source: Path
    """The copy put back."""
    kept: Path | None
    """The plan as it was before, kept as a "before restore" copy (None when there was none)."""


def restore_backup(paths: Paths, source: Path | None) -> Restored:
    """Replace the plan with a copy (``None``: the newest copy that opens).

    The copy is checked as fully as opening does, the lock is taken (so no other socialplan is
    writing the file), the current plan is kept as a "before restore" copy, then the plan is
    replaced atomically.

    Raises:
        DataFileError: no copy opens, or ``source`` is damaged, unreadable or from a newer
            socialplan; nothing was changed.
        LockedError: another socialplan has the file open; nothing was changed.
    """
    if source is None:
        source = newest_good_backup(paths)
        if source is None:
            raise DataFileError(
                _("no backup of {file} opens; nothing was changed").format(file=paths.data)
            )
    try:
        data = check_copy(source)
    except DataFileError as error:
        raise DataFileError(
            _("cannot restore {file}: {problem}; nothing was changed").format(
                file=source, problem=error
            )
        ) from None
    lock = FileLock(paths.lock, paths.data)
    lock.acquire(wait=COMMAND_WAIT)
    try:
        refuse_while_app_open(paths, _("quit it before restoring a copy"))
        kept: Path | None = None
        if paths.data.exists():
            current = read_data_file(paths.data)  # as it is, damaged or not: never lost
            kept = paths.copy_before("restore", datetime.now())
            atomic_write(kept, current)
        atomic_write(paths.data, serialize(data))
        prune_copies(paths)
    finally:
        lock.release()
    return Restored(source, kept)
