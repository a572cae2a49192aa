"""Merging three copies of the plan kept as files: what git's merge driver runs
(``socialplan merge-file %O %A %B``) so that a plain ``git pull`` merges the plan with
:func:`storage.sync.merge.merge_plans`, never as text."""

from __future__ import annotations

from pathlib import Path

from storage.datafile import DataFileError, atomic_write, check_copy, serialize
from storage.errors import InputError
from storage.i18n import _
from storage.sync.merge import Merged, merge_plans


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
            _("cannot merge {file}: {problem}; nothing was changed").format(file=path, problem=error)
        ) from None
