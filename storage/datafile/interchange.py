"""Whole-file backup and restore (``socialplan export`` / ``socialplan import``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from storage.datafile.atomic import atomic_write, export_file
from storage.datafile.errors import DataFileError
from storage.datafile.jsonstore import load_file, serialize
from storage.datafile.plan import (
    Plan,
    migrate,
    prune_copies,
    refuse_while_app_open,
)
from storage.datafile.schema import SCHEMA_VERSION
from storage.i18n import _


def export_plan(plan: Plan, target: Path) -> int:
    """Write the whole plan to ``target`` (atomically); return the number of records."""
    data = plan.snapshot()
    export_file(target, serialize(data))
    return sum(len(table) for name, table in data.items() if name != "meta")


def import_plan(plan: Plan, source: Path) -> Path:
    """Replace the plan with a file made by :func:`export_plan`, keeping a copy of the old one.

    The source is checked completely before anything is replaced.

    Returns:
        The backup of the plan as it was before the import.

    Raises:
        DataFileError: the source is damaged, not a socialplan file, or from a newer version.
    """
    try:
        data, _raw = load_file(source)
    except DataFileError as error:
        raise DataFileError(
            _("cannot import {file}: {problem}; nothing was changed").format(
                file=source, problem=error
            )
        ) from None
    version = next(iter(data["meta"].values()))["schema"]
    if version > SCHEMA_VERSION:
        raise DataFileError(
            _(
                "cannot import {file}: it was written by a newer socialplan (schema {found}); "
                "nothing was changed"
            ).format(file=source, found=version)
        )
    migrate(data)
    if not plan.shared:  # the app's own merge would bring its records back over the import
        refuse_while_app_open(plan.paths, _("quit it before importing a plan"))
    backup = plan.paths.copy_before("import", datetime.now())
    atomic_write(backup, serialize(plan.snapshot()))
    plan.replace_all(data)
    prune_copies(plan.paths)
    return backup
