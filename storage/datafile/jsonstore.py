"""A TinyDB storage that reads once, keeps the data in memory and writes atomically.

Every write serializes first (so a value that is not JSON is refused before anything touches the
disk), writes a temporary file in the same folder, flushes and fsyncs it, ``os.replace``s it over
the file and fsyncs the folder. A crash at any step leaves the old file or the new one, never a
mix; a failed write (full disk, I/O error) leaves the old file, removes the temporary file and
puts the in-memory data back to what is on disk before the error reaches the caller.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import orjson
from tinydb.storages import Storage

from storage.datafile.atomic import atomic_write
from storage.datafile.errors import DataFileError, ReadOnlyError
from storage.i18n import _

if TYPE_CHECKING:
    from storage.datafile.writer import BackgroundWriter

_DUMP_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS

Data = dict[str, dict[str, Any]]


class SharedFile(Protocol):
    """A file other processes may change meanwhile (:class:`storage.datafile.shared.SharedFile`)."""

    def write(self, payload: bytes) -> None:
        """Write ``payload`` merged with any change made outside."""

    def changed(self) -> bool:
        """Whether the file may hold what memory does not (a ``stat``)."""

    def incoming(self) -> tuple[bytes, Data] | None:
        """The file's bytes and records when they hold what memory does not."""

    def adopted(self, raw: bytes) -> None:
        """Memory now holds ``raw``."""


def serialize(data: Any) -> bytes:
    """Serialize plan data; raise ``TypeError`` for anything that is not plain JSON."""
    try:
        return orjson.dumps(data, option=_DUMP_OPTIONS)
    except orjson.JSONEncodeError as error:
        raise TypeError(_("not storable as JSON: {error}").format(error=error)) from error


def _unusable(raw: bytes) -> str | None:
    """An empty file or NUL bytes (what a crash or a failing disk leaves), or None."""
    if not raw:
        return _("it is empty (0 bytes)")
    if b"\x00" in raw:
        return _("it contains NUL bytes at offset {offset}").format(offset=raw.index(b"\x00"))
    return None


def _parse(raw: bytes) -> tuple[Any, str | None]:
    """Parse the bytes of a data file: (data, None), or (None, what is wrong with them)."""
    problem = _unusable(raw)
    if problem:
        return None, problem
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return None, _("it is not valid JSON ({msg} at line {line}, column {col})").format(
            msg=error.msg, line=error.lineno, col=error.colno
        )
    return data, describe_shape(data)


def quick_check(raw: bytes) -> str | None:
    """What is wrong with a data file's bytes that shows without parsing them, or None.

    Catches an empty file, NUL bytes and a file cut short or not holding an object (what a
    failing disk or a half-synced copy leave) in about a millisecond for years of data. Only
    :func:`load_file` says the file is good.
    """
    problem = _unusable(raw)
    if problem:
        return problem
    if not raw.strip():
        return _("it holds only blank space")
    if not raw.lstrip().startswith(b"{") or not raw.rstrip().endswith(b"}"):
        return _("it is not valid JSON (it does not hold one object: is it cut short?)")
    return None


def describe_shape(data: Any) -> str | None:
    """Say what is wrong with the shape of loaded data, or None when it is a TinyDB file."""
    if not isinstance(data, dict):
        return _("it holds {kind} where an object of tables was expected").format(
            kind=type(data).__name__
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            return _("table {name!r} is not an object").format(name=name)
        for key, doc in table.items():
            if not key.isdigit() or not isinstance(doc, dict):
                return _("record {key!r} of table {name!r} is malformed").format(key=key, name=name)
    meta = data.get("meta")
    if not meta or not isinstance(next(iter(meta.values())).get("schema"), int):
        return _("it has no socialplan schema version (is it a socialplan file?)")
    return None


def read_data_file(path: Path) -> bytes:
    """A data file's bytes; raise :class:`DataFileError` when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataFileError(
            _("it cannot be read ({reason})").format(reason=error.strerror or error)
        ) from error


def load_file(path: Path) -> tuple[Data, bytes]:
    """Read and check a data file; raise :class:`DataFileError` saying what is wrong."""
    raw = read_data_file(path)
    data, problem = _parse(raw)
    if problem:
        raise DataFileError(problem)
    return data, raw


class AtomicJSONStorage(Storage):
    """TinyDB storage: one read, data kept in memory, atomic durable writes."""

    def __init__(
        self,
        path: Path,
        data: Data | None = None,
        raw: bytes | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = path
        """The file this storage keeps."""
        self.read_only = read_only
        """Refuse every write (commands that only read, without the lock)."""
        self.lock = threading.RLock()
        """Held around every read-modify-write, so threads saving at once lose nothing."""
        self._data: Data | None = data
        self._last_bytes: bytes | None = raw
        self._batch_depth = 0
        self._dirty = False
        self._writer: BackgroundWriter | None = None
        self._parts: dict[str, bytes] = {}
        """Serialized tables known to equal the ones in memory (reused by the next save)."""
        self._announced: str | None = None
        self._shared: SharedFile | None = None
        self._on_error: Callable[[BaseException], None] | None = None

    def share(self, shared: SharedFile) -> None:
        """From now on write through ``shared``: under the plan's lock, merged with what
        commands changed meanwhile (the app, see :mod:`storage.datafile.shared`)."""
        with self.lock:
            self._shared = shared
            if self._writer is not None:
                self._writer.stop()
                self._writer = None
                self.save_in_background(self._on_error)

    def take_in(self) -> bool:
        """Adopt what the file holds that memory does not (a command's change, or what a save
        merged in); False when there is nothing, or a save of memory's own is pending (the
        next poll takes it). Raises :class:`DataFileError` when the file became unreadable."""
        shared = self._shared
        if shared is None:
            return False
        found = shared.incoming()
        if found is None:
            return False
        raw, data = found
        with self.lock:
            writer = self._writer
            if self._batch_depth or (writer is not None and not writer.idle):
                return False
            self._data = data
            self._last_bytes = raw
            self._parts = {}
            shared.adopted(raw)
        return True

    def read(self) -> Data | None:
        """The data in memory (read from disk once)."""
        with self.lock:
            if self._data is None:
                if not self.path.exists():
                    return None
                self._data, self._last_bytes = load_file(self.path)
            return self._data

    def changing(self, table: str | None) -> None:
        """Say that the next :meth:`write` changes ``table`` alone (None: forget it).

        Saving then serializes that table only and reuses the bytes of the others: marking a task
        done on years of data costs what the task list costs. A write that was not announced
        serializes every table.
        """
        self._announced = table

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Keep ``data`` and save it now (or at the end of the current batch)."""
        with self.lock:
            announced, self._announced = self._announced, None
            if self.read_only:
                self._restore()
                raise ReadOnlyError(_("{file} is open read-only here").format(file=self.path))
            if announced is None or data is not self._data:
                self._parts.clear()
            else:
                self._parts.pop(announced, None)
            self._data = data
            if self._batch_depth:
                self._dirty = True
                return
            self._save()

    def _serialize(self) -> tuple[bytes, dict[str, bytes]]:
        """The bytes of the whole file (exactly ``serialize(data)``) and of each table."""
        assert self._data is not None
        parts = {
            name: self._parts.get(name) or serialize(table) for name, table in self._data.items()
        }
        pieces = [b"{"]
        for name, part in parts.items():
            pieces += (serialize(name), b":", part, b",")
        if parts:
            pieces.pop()  # the last comma
        pieces.append(b"}")
        return b"".join(pieces), parts  # one copy of the bytes, however large the file

    def _save(self) -> None:
        payload: bytes | None = None
        try:
            payload, parts = self._serialize()
            if self._writer is None:
                if self._shared is not None:
                    self._shared.write(payload)
                else:
                    atomic_write(self.path, payload)
        except BaseException:
            if payload is not None and self._on_disk(payload):
                # The rename happened and only what follows failed (syncing the folder): the
                # file holds the change, so memory keeps it too; the error is still reported.
                self._parts = {}
                self._last_bytes = payload
            else:
                self._restore()
            raise
        self._parts = parts
        self._last_bytes = payload
        if self._writer is not None:
            self._writer.submit(payload)

    def save_in_background(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        """From now on write from a thread of its own (the caller never waits on the disk).

        Serializing stays on the caller's thread, so bad values are still refused at once.
        A failed write is reported to ``on_error`` and retried with the next change or at
        :meth:`close`; memory keeps the change.
        """
        from storage.datafile.writer import BackgroundWriter

        with self.lock:
            self._on_error = on_error
            if self._writer is None and not self.read_only:
                shared = self._shared
                self._writer = BackgroundWriter(
                    self.path, on_error, shared.write if shared is not None else None
                )

    def flush(self) -> None:
        """Wait until every change is on disk (raises the error that prevents it)."""
        writer = self._writer
        if writer is not None:
            writer.flush()

    def _on_disk(self, payload: bytes) -> bool:
        """Whether the file now holds exactly ``payload`` (only asked after a failed save)."""
        try:
            return self.path.read_bytes() == payload
        except OSError:
            return False

    def _restore(self) -> None:
        """Put memory back to the last state known to be on disk."""
        self._parts = {}
        self._data = orjson.loads(self._last_bytes) if self._last_bytes is not None else None

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes into one save; an exception inside discards them all."""
        with self.lock:
            self._batch_depth += 1
            try:
                yield
            except BaseException:
                self._batch_depth -= 1
                if self._batch_depth == 0:
                    self._dirty = False
                    self._restore()
                raise
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._dirty:
                self._dirty = False
                self._save()

    def close(self) -> None:
        """Write what is still pending and stop the writer thread (raises if it cannot).

        The writer stays known until it has stopped: a :meth:`flush` from another thread (the
        mentions digest waits on one) must wait for the last write, not return at once.
        """
        with self.lock:
            writer = self._writer
            if writer is None:
                return
            try:
                writer.stop()
            finally:
                self._writer = None
