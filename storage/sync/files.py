"""Merging three copies of the plan kept as files: what git's merge driver runs
(``socialplan merge-file %O %A %B``) so that a plain ``git pull`` merges the plan with
:func:`storage.sync.merge.merge_plans`, never as text."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from storage.datafile import DataFileError, Paths, atomic_write, check_copy, serialize
from storage.errors import InputError
from storage.i18n import _
from storage.sync.merge import Data, Merged, merge_plans


def merge_files(base: Path | None, ours: Path, theirs: Path) -> Merged:
    """Merge ``theirs`` into ``ours`` (the file is replaced atomically by the result).

    ``base`` may be missing or empty (the copies never shared a version). A copy that is not a
    plan raises :class:`InputError` naming it, and nothing is written.
    """
    shared = base is not None and base.exists() and base.stat().st_size > 0
    base_data = _read(base) if shared and base is not None else None
    merged = merge_plans(base_data, _read(ours), _read(theirs))
    atomic_write(ours, serialize(merged.data))
    return merged


def _read(path: Path) -> dict:  # type: ignore[type-arg]
    try:
        return check_copy(path)
    except DataFileError as error:
        raise InputError(
            _("cannot merge {file}: {problem}; nothing was changed").format(
                file=path, problem=error
            )
        ) from None


def merge_while_open(paths: Paths) -> Callable[[Data, Data, Data], Data]:
    """The merge the open app runs before a save when a command changed the plan meanwhile
    (:meth:`storage.datafile.Plan.share`): the same record-level merge as a sync; a field both
    changed keeps the later change and the other value goes into the conflict log."""

    def merge(base: Data, ours: Data, theirs: Data) -> Data:
        merged = merge_plans(base, ours, theirs)
        if merged.conflicts:
            from datetime import datetime

            from storage.sync.conflicts import record_conflicts

            with contextlib.suppress(OSError, DataFileError):  # the log must not stop a save
                record_conflicts(
                    paths,
                    merged.conflicts,
                    "command line",
                    datetime.now().astimezone().isoformat(timespec="seconds"),
                )
        return merged.data

    return merge
