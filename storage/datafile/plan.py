"""The plan file: open it safely, seed it, migrate it, back it up, and hand out tables.

``open_plan`` is the only way in. It takes the lock (for a writer), refuses a damaged file or one
from a newer socialplan with a :class:`DataFileError`, removes temporary files an earlier crash
left, migrates an older file forward after keeping a copy of it, takes the daily backup, and seeds
a new file with the starter plan shipped in ``storage/phases/starter/``.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import orjson
from tinydb.table import Table

from storage.datafile.atomic import atomic_write, leftover_temps
from storage.datafile.errors import DataFileError, LockedError
from storage.datafile.jsonstore import (
    AtomicJSONStorage,
    Data,
    describe_shape,
    load_file,
    quick_check,
    read_data_file,
    serialize,
)
from storage.datafile.lock import COMMAND_WAIT, FileLock, held_elsewhere
from storage.datafile.paths import Paths
from storage.datafile.schema import SCHEMA_VERSION
from storage.datafile.tables import PlanDB
from storage.dates import current_day
from storage.i18n import _, language

MIGRATIONS: dict[int, Callable[[Data], None]] = {}
"""Steps from version N to N+1, each changing the raw data in place."""

DEFAULT_SETTINGS: dict[str, Any] = {
    "brand_handle": "",
    "comments_per_post": 2,
    "retention_days": 90,
    "timezone": "",
    "language": "",
}

SINGLE_DOC_TABLES = frozenset({"meta", "settings", "guide", "spinoff_template"})


def starter_data(today: date | None = None) -> Data:
    """The content of a brand-new data file: the schema record and the starter plan.

    Each ``storage/phases/starter/<table>.json`` (a list of records, or one record) becomes that table;
    a plan made in French gets ``storage/phases/starter/fr/<table>.json`` instead (the same records,
    written in French). Reference data that is not the user's (phase descriptions) lives in
    ``storage/phases/reference/``.
    """
    today = today or current_day()
    data: Data = {"meta": {"1": {"schema": SCHEMA_VERSION, "created": today.isoformat()}}}
    data["settings"] = {"1": dict(DEFAULT_SETTINGS)}
    from importlib import resources  # only when a file is created: keeps start-up light

    folder = resources.files("storage") / "phases" / "starter"
    if language() != "en" and (folder / language()).is_dir():
        folder = folder / language()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json") or entry.is_dir():
            continue
        content = orjson.loads(entry.read_bytes())
        docs = [dict(doc) for doc in (content if isinstance(content, list) else [content])]
        for doc in docs:  # the day the plan was made, where shipped content leaves it open
            if "created" in doc and doc["created"] is None:
                doc["created"] = today.isoformat()
        data[entry.name[:-5]] = {str(i): doc for i, doc in enumerate(docs, start=1)}
    return data


class Plan:
    """An open data file: its tables, its mentions cache, its settings."""

    def __init__(self, paths: Paths, storage: AtomicJSONStorage, lock: FileLock | None) -> None:
        self.paths = paths
        """The files in use."""
        self.storage = storage
        """The plan's storage (the data file)."""
        self.db = PlanDB(storage=_Given(storage))
        """TinyDB over the data file."""
        self.read_only = lock is None
        """True when opened without the lock: any write raises ReadOnlyError."""
        self.warnings: list[str] = []
        """Things the user should be told once (e.g. a damaged mentions cache set aside)."""
        self._lock = lock
        self._mentions: PlanDB | None = None
        self._mentions_storage: AtomicJSONStorage | None = None
        self._background = False
        self._on_save_error: Callable[[BaseException], None] | None = None
        self._app_lock: FileLock | None = None
        self._shared = False

    @property
    def path(self) -> Path:
        """The data file."""
        return self.paths.data

    def table(self, name: str) -> Table:
        """A table of the data file; every change is saved at once, atomically."""
        return self.db.table(name)

    def rows(self, name: str) -> list[tuple[int, Mapping[str, Any]]]:
        """(id, read-only view) of every record of a table, without copying them.

        For scans over thousands of records (check-in, promises, the month view): TinyDB's
        ``all()`` copies each record into a Document, which costs more than the scan.
        """
        with self.storage.lock:
            table = (self.storage.read() or {}).get(name, {})
            return [(int(key), MappingProxyType(doc)) for key, doc in table.items()]

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Several changes to the data file, saved once at the end (all or nothing)."""
        return self.storage.batch()

    # -- single-document tables ---------------------------------------------------------------

    def get_single(self, name: str) -> dict[str, Any]:
        """The one document of a single-document table (empty dict when absent)."""
        docs = self.table(name).all()
        return dict(docs[0]) if docs else {}

    def set_single(self, name: str, doc: dict[str, Any]) -> None:
        """Replace the one document of a single-document table."""
        table = self.table(name)
        with self.storage.lock:
            existing = table.all()
            if existing:
                table.remove(doc_ids=[existing[0].doc_id])
            table.insert(doc)

    def settings(self) -> dict[str, Any]:
        """Settings with defaults for anything not set."""
        return {**DEFAULT_SETTINGS, **self.get_single("settings")}

    def update_settings(self, **values: Any) -> None:
        """Change some settings and save."""
        unknown = set(values) - set(DEFAULT_SETTINGS)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        self.set_single("settings", {**self.get_single("settings"), **values})

    # -- mentions cache -------------------------------------------------------------------------

    def mentions_db(self) -> PlanDB:
        """TinyDB over the mentions file, opened on first use.

        The mentions file is a cache of remote data: a damaged one is set aside (renamed, never
        overwritten) with a warning and a fresh cache is started.
        """
        with self.storage.lock:  # two threads opening it at once must share one copy
            if self._mentions is None:
                self._open_mentions()
            assert self._mentions is not None
            return self._mentions

    def _open_mentions(self) -> None:
        if self._mentions is None:
            if not self.read_only and not self._shared:
                refuse_while_app_open(
                    self.paths,
                    _(
                        "this changes the fetched mentions (fetch, watch words, feeds' mentions): do "
                        "it in the app while it is open, or quit the app first"
                    ),
                )
            path = self.paths.mentions
            data: Data | None = None
            raw: bytes | None = None
            if path.exists():
                try:
                    data, raw = load_file(path)
                except DataFileError as error:
                    if self.read_only:
                        data, raw = _empty_cache()
                    else:
                        aside = self.paths.rescue_of_mentions(datetime.now())
                        path.rename(aside)
                        self.warnings.append(
                            _(
                                "The mentions cache {file} was damaged ({why}); it was moved to "
                                "{aside} and will be fetched again."
                            ).format(file=path, why=error, aside=aside.name)
                        )
            if data is None:
                data, raw = _empty_cache()
                if not self.read_only:
                    atomic_write(path, raw)
                    # What the feeds last answered described the cache that is gone: without
                    # it, every feed is asked in full again instead of answering "not modified".
                    self.paths.mentions_fetch.unlink(missing_ok=True)
            storage = AtomicJSONStorage(path, data, raw, read_only=self.read_only)
            if self._background:
                storage.save_in_background(self._on_save_error)
            self._mentions_storage = storage
            self._mentions = PlanDB(storage=_Given(storage))
            # Tens of thousands of cached records live as long as the process: keep the
            # collector from walking them on every later collection (50-70 ms a listing).
            gc.freeze()

    def mentions_table(self) -> Table:
        """The table of fetched mentions."""
        return self.mentions_db().table("mentions")

    def mentions_batch(self) -> contextlib.AbstractContextManager[None]:
        """Several changes to the mentions file, saved once."""
        self.mentions_db()
        assert self._mentions_storage is not None
        return self._mentions_storage.batch()

    # -- whole-file operations ------------------------------------------------------------------

    def snapshot(self) -> Data:
        """A deep copy of the whole data file's content (for export)."""
        with self.storage.lock:
            data = self.storage.read() or {}
            copied: Data = orjson.loads(serialize(data))
            return copied

    def replace_all(self, data: Data) -> None:
        """Replace the whole data file's content (validated import)."""
        problem = describe_shape(data)
        if problem:
            raise DataFileError(problem)
        with self.storage.lock:
            self.storage.write(data)
            self.db.clear_cache()
            for table in self.db._tables.values():
                table._next_id = None

    # -- open in the app while commands change it --------------------------------------------

    @property
    def shared(self) -> bool:
        """Whether commands may change the file while this plan is open (the app's plan)."""
        return self._shared

    def share(self, merge: Callable[[Data, Data, Data], Data]) -> None:
        """Let commands change the file while this plan stays open (the app).

        The plan's lock is given up; the app's presence lock (``NAME.app.lock``) is held instead
        until :meth:`close`, so a second app is still refused. From now on each save takes the
        plan's lock for its own moment and first merges, with ``merge(base, ours, theirs)``,
        whatever a command wrote meanwhile; :meth:`take_outside_change` adopts such a change.
        See :mod:`storage.datafile.shared`.

        Raises:
            LockedError: another app has the plan open.
        """
        from storage.datafile.shared import SharedFile

        if self._shared or self._lock is None:
            return
        if self._app_lock is None:
            self._app_lock = FileLock(self.paths.app_lock, self.paths.data)
        self._app_lock.acquire()
        self.storage.flush()
        with self.storage.lock:
            raw = self.storage._last_bytes
            if raw is None:
                raw = serialize(self.storage.read() or {})
            self.storage.share(SharedFile(self.paths.data, self._lock, merge, raw))
        self._lock.release()
        self._shared = True

    def outside_change(self) -> bool:
        """Whether the file may hold a change this plan has not taken in (a ``stat``)."""
        shared = self.storage._shared
        return shared is not None and shared.changed()

    def take_outside_change(self) -> bool:
        """Adopt a change a command (or a merged save) put in the file; True when there was one.

        Nothing is adopted while a save of this plan's own is pending: the save merges the
        change in, and the next call adopts the result.

        Raises:
            DataFileError: the file was changed into something unreadable (memory is kept).
        """
        if not self.storage.take_in():
            return False
        self.db.clear_cache()
        for table in self.db._tables.values():
            table._next_id = None
        return True

    def save_in_background(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        """Write the data file and the mentions cache from threads of their own (the app).

        ``on_error`` is called from a writer thread when a save fails; the change stays in
        memory and is written with the next change or at :meth:`close`.
        """
        self._on_save_error = on_error
        self._background = True
        self.storage.save_in_background(on_error)
        if self._mentions_storage is not None:
            self._mentions_storage.save_in_background(on_error)

    def flush(self) -> None:
        """Wait until every change is on disk."""
        self.storage.flush()
        if self._mentions_storage is not None:
            self._mentions_storage.flush()

    def close(self) -> None:
        """Write anything pending, then release the lock.

        Raises:
            OSError: a pending change could not be written (the lock is released all the same).
        """
        try:
            if self._mentions_storage is not None:
                self._mentions_storage.close()
            self.storage.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
            if self._app_lock is not None:
                self._app_lock.release()
                self._app_lock = None

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def refuse_while_app_open(paths: Paths, advice: str) -> None:
    """Raise :class:`LockedError` when an app has the plan open (a command that cannot merge
    what it changes with the app's: the mentions cache, a restore, an import)."""
    pid = held_elsewhere(paths.app_lock)
    if pid is not None:
        who = _(" (PID {pid})").format(pid=pid) if pid else ""
        raise LockedError(
            _("{file} is open in the socialplan app{who}: {advice}; nothing was changed").format(
                file=paths.data, who=who, advice=advice
            ),
            pid,
        )


class _Given:
    """A TinyDB storage factory that hands over an already-open storage."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self) -> AtomicJSONStorage:
        return self.storage


def _empty_cache() -> tuple[Data, bytes]:
    data: Data = {"meta": {"1": {"schema": SCHEMA_VERSION, "kind": "mentions"}}}
    return data, serialize(data)


def damaged_message(paths: Paths, problem: str) -> str:
    """One line: the file, what is wrong, and the newest backup that really opens."""
    backup = newest_good_backup(paths)
    advice = (
        _("; newest backup that opens: {backup} (socialplan restore --latest puts it back)").format(
            backup=backup
        )
        if backup
        else _("; no backup that opens exists")
    )
    return _("cannot use {file}: {problem}{advice}").format(
        file=paths.data, problem=problem, advice=advice
    )


def check_copy(path: Path) -> Data:
    """Read a copy of the plan as fully as opening does; return its data, migrated.

    Raises:
        DataFileError: the copy is damaged, unreadable, or from a newer socialplan.
    """
    data, _raw = load_file(path)
    version = _schema_of(data)
    if version > SCHEMA_VERSION:
        raise DataFileError(
            _("it was written by a newer socialplan (schema {found})").format(found=version)
        )
    migrate(data)
    return data


def newest_good_backup(paths: Paths) -> Path | None:
    """The newest copy of the plan beside it that opens (damaged ones are skipped)."""
    for companion in paths.backups():
        try:
            check_copy(companion.path)
        except DataFileError:
            continue
        return companion.path
    return None


def _schema_of(data: Data) -> int:
    meta = next(iter(data["meta"].values()))
    version: int = meta["schema"]
    return version


def migrate(data: Data) -> int:
    """Bring raw data forward to :data:`SCHEMA_VERSION`; return the version it had."""
    old = _schema_of(data)
    version = old
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](data)
        version += 1
    next(iter(data["meta"].values()))["schema"] = SCHEMA_VERSION
    return old


def take_daily_backup(paths: Paths, raw: bytes, today: date) -> None:
    """Keep a known-good copy (at most one a day), then drop the copies past what is kept."""
    target = paths.daily_backup(today)
    if not target.exists():
        atomic_write(target, raw)
    prune_copies(paths)


def prune_copies(paths: Paths) -> None:
    """Remove the daily copies and the copies before an import or restore past what is kept."""
    for old in paths.pruned():
        with contextlib.suppress(OSError):
            old.unlink()


class Reservation:
    """A data file locked for this process but not read yet.

    The app takes its presence lock first (a second app is refused before anything is drawn),
    paints its first frame, then reads the file with :meth:`open`: what the first frame costs
    does not grow with years of records. Damage that shows without parsing (an empty file, NUL
    bytes, a file cut short) is refused at once too, so the command exits with its one line and
    no screen. Commands are not refused: see :meth:`Plan.share`.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        """The data file."""
        paths = Paths(self.path)
        self._lock = FileLock(paths.app_lock, paths.data)
        self._lock.acquire()  # raises LockedError
        try:
            self._check(paths)
        except BaseException:
            self._lock.release()
            raise

    @staticmethod
    def _check(paths: Paths) -> None:
        """Refuse now a file whose damage shows without parsing it (the rest shows in open)."""
        if not paths.data.exists():
            return  # created with the starter plan when opened
        try:
            found = quick_check(read_data_file(paths.data))
        except DataFileError as error:
            found = str(error)
        if found:
            raise DataFileError(damaged_message(paths, found))

    def open(self, today: date | None = None) -> Plan:
        """Read the file: :func:`open_plan`, waiting for a command that is writing it.

        The plan holds the plan's lock until it is shared (:meth:`Plan.share`), and the
        presence lock until it is closed.

        Raises:
            DataFileError: the file is damaged, unreadable, or from a newer socialplan (the
                presence lock is released, as for the next error).
            LockedError: a command kept the file for :data:`~storage.datafile.shared.LOCK_WAIT`
                seconds.
        """
        from storage.datafile.shared import LOCK_WAIT

        paths = Paths(self.path)
        lock = FileLock(paths.lock, paths.data)
        try:
            lock.acquire(wait=LOCK_WAIT)
            plan = open_plan(self.path, write=True, today=today, lock=lock)
        except BaseException:
            self._lock.release()  # this app is not open after all
            raise
        plan._app_lock = self._lock
        return plan

    def release(self) -> None:
        """Give the lock up without reading the file."""
        self._lock.release()


def view_plan(path: Path | str, data: Data) -> Plan:
    """A read-only plan over ``data``, records already read from the file at ``path`` (a view
    of it, such as the check-in's): nothing can be written; its companions are the file's own."""
    paths = Paths(Path(path))
    return Plan(paths, AtomicJSONStorage(paths.data, data, None, read_only=True), None)


def reserve_plan(path: Path | str) -> Reservation:
    """Take the lock on a data file now and read it later (raises :class:`LockedError`)."""
    return Reservation(path)


def open_plan(
    path: Path | str,
    write: bool = True,
    today: date | None = None,
    lock: FileLock | None = None,
) -> Plan:
    """Open (or create, with the starter plan) a data file.

    Args:
        path: the data file.
        write: take the lock and allow changes; False reads without the lock.
        today: the day used for backups and the starter plan.
        lock: the file's lock, already held (a :class:`Reservation`'s); released on failure.

    Raises:
        LockedError: another socialplan holds the file (``write=True`` only).
        DataFileError: the file is damaged, unreadable, or from a newer socialplan.
    """
    today = today or current_day()
    paths = Paths(Path(path))
    if lock is None:
        lock = FileLock(paths.lock, paths.data)
    try:
        if write:
            lock.acquire(wait=COMMAND_WAIT)
        elif not paths.data.exists():
            with contextlib.suppress(LockedError):
                lock.acquire()
        if lock.held:
            for leftover in leftover_temps(paths.data):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        if not paths.data.exists():
            if not lock.held:
                raise DataFileError(damaged_message(paths, _("it does not exist yet")))
            paths.folder.mkdir(parents=True, exist_ok=True)
            data = starter_data(today)
            raw = serialize(data)
            atomic_write(paths.data, raw)
        else:
            try:
                data, raw = load_file(paths.data)
            except DataFileError as error:
                raise DataFileError(damaged_message(paths, str(error))) from None
        version = _schema_of(data)
        if version > SCHEMA_VERSION:
            raise DataFileError(
                _(
                    "cannot use {file}: it was written by a newer socialplan (schema {found}, "
                    "this one reads up to {ours}); upgrade socialplan"
                ).format(file=paths.data, found=version, ours=SCHEMA_VERSION)
            )
        if version < SCHEMA_VERSION:
            migrate(data)
            if lock.held:
                import shutil

                shutil.copy2(paths.data, paths.copy_before_migration(version))
                raw = serialize(data)
                atomic_write(paths.data, raw)
        if write:
            take_daily_backup(paths, raw, today)
        else:
            lock.release()
        storage = AtomicJSONStorage(paths.data, data, raw, read_only=not write)
        return Plan(paths, storage, lock if write else None)
    except BaseException:
        lock.release()
        raise


@contextlib.contextmanager
def opened(path: Path | str, write: bool = True) -> Iterator[Plan]:
    """``open_plan`` as a context manager that releases the lock at the end."""
    plan = open_plan(path, write=write)
    try:
        yield plan
    finally:
        plan.close()
