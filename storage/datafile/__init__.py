"""The data file itself: where it lives, its lock, atomic saves, the writer thread, and
opening, migrating, backing up, exporting and importing it.

Every area works on a :class:`Plan` opened here. Modules: ``paths`` (the data file and every
companion file's name), ``lock`` (one process at a time), ``atomic`` (write a file or nothing),
``jsonstore`` (the TinyDB storage over it), ``writer`` (saves off the UI thread), ``tables``
(TinyDB tables safe across threads), ``plan`` (open, migrate, back up, the starter plan),
``errors`` and ``interchange`` (whole-file export and import).

Every name below is imported on first use: a command that needs only a lock and a companion
file's name (the quick fetch, ``storage.mentions.quick``) does not pay for the JSON storage.
"""

from __future__ import annotations

from storage.exports import lazy_exports

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)

if TYPE_CHECKING:
    from storage.datafile.atomic import atomic_write, export_file, leftover_temps, read_limited
    from storage.datafile.errors import DataFileError, LockedError, ReadOnlyError
    from storage.datafile.interchange import export_plan, import_plan
    from storage.datafile.jsonstore import serialize
    from storage.datafile.lock import FileLock, held_elsewhere
    from storage.datafile.paths import Paths, resolve_data_file
    from storage.datafile.plan import (
        Plan,
        Reservation,
        check_copy,
        open_plan,
        reserve_plan,
        view_plan,
    )
    from storage.datafile.schema import SCHEMA_VERSION
    from storage.datafile.tables import STAMP, PerTable, change_stamp

_MODULES = {
    "storage.datafile.atomic": ("atomic_write", "export_file", "leftover_temps", "read_limited"),
    "storage.datafile.errors": ("DataFileError", "LockedError", "ReadOnlyError"),
    "storage.datafile.interchange": ("export_plan", "import_plan"),
    "storage.datafile.jsonstore": ("serialize",),
    "storage.datafile.lock": ("FileLock", "held_elsewhere"),
    "storage.datafile.paths": ("Paths", "resolve_data_file"),
    "storage.datafile.schema": ("SCHEMA_VERSION",),
    "storage.datafile.plan": (
        "Plan",
        "Reservation",
        "check_copy",
        "open_plan",
        "reserve_plan",
        "view_plan",
    ),
    "storage.datafile.tables": ("STAMP", "PerTable", "change_stamp"),
}

__getattr__ = lazy_exports(
    __name__, {name: module for module, names in _MODULES.items() for name in names}
)

__all__ = [
    "SCHEMA_VERSION",
    "DataFileError",
    "FileLock",
    "LockedError",
    "ReadOnlyError",
    "Paths",
    "PerTable",
    "STAMP",
    "change_stamp",
    "Plan",
    "Reservation",
    "atomic_write",
    "check_copy",
    "export_file",
    "read_limited",
    "export_plan",
    "import_plan",
    "held_elsewhere",
    "leftover_temps",
    "open_plan",
    "reserve_plan",
    "resolve_data_file",
    "serialize",
    "view_plan",
]
