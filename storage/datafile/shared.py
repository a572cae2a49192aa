"""A plan the app keeps open while commands change it too: write under the lock, merge first.

The app holds its presence lock (``NAME.app.lock``) for its whole life, so a second app is
refused, but it takes the plan's lock (``NAME.lock``) only for the moment of each write. A
command run from a shell meanwhile (``socialplan tasks add``) takes the same lock, writes its
change and leaves. Nothing is lost either way:

- **The app writes** (its writer thread, :meth:`SharedFile.write`): under the lock it looks at
  the file's stamp. The file as the app last saw it is overwritten as before. A file someone
  else has changed since is read and merged three ways: the app's last state that the file
  already held is the base, what the app wants to write is ours, the file is theirs. The merge
  (``storage.sync.merge``, injected by the caller: this layer knows nothing of tables) keeps
  both changes, and what is written is the merge.
- **The app takes an outside change in** (:meth:`SharedFile.incoming`, polled by the app
  about every second, a ``stat``): when the file holds something the app's memory does not (a
  command's change, or what the writer merged in), the app reads it, adopts it while no save of
  its own is pending, and shows it.

A damaged file is never overwritten: the write fails, is reported, and is tried again later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import orjson

from storage.datafile.atomic import atomic_write
from storage.datafile.errors import DataFileError
from storage.datafile.jsonstore import Data, load_file, serialize
from storage.datafile.lock import FileLock, file_stamp
from storage.i18n import _

Merge = Callable[[Data, Data, Data], Data]
"""``merge(base, ours, theirs)`` → the merged plan (record by record, later change wins)."""

LOCK_WAIT = 30.0
"""Seconds a save waits for a command (or a sync from a shell) to finish with the file."""


class SharedFile:
    """The app's side of a plan file that commands may change while the app is open."""

    def __init__(self, path: Path, lock: FileLock, merge: Merge, raw: bytes) -> None:
        self.path = path
        """The plan."""
        self._lock = lock
        self._merge = merge
        self._mutex = threading.Lock()
        self._base = raw
        """The newest state of the app's memory that the file holds (what the app last wrote or
        adopted): the base of the next merge."""
        self._disk = raw
        """The bytes of the file as the app last wrote or read them."""
        self._stamp = file_stamp(path)

    # -- the writer thread ------------------------------------------------------------------------

    def write(self, payload: bytes) -> None:
        """Put ``payload`` (a state of the app's memory) in the file, merged with any change
        made outside since the app last looked.

        Raises:
            LockedError: the file stayed locked by a command for :data:`LOCK_WAIT` seconds.
            DataFileError: the file was changed outside into something unreadable (it is left as
                it is).
            OSError: the write failed (the file is unchanged).
        """
        with self._mutex:
            self._lock.acquire(wait=LOCK_WAIT)
            try:
                stamp = file_stamp(self.path)
                theirs: Data | None = None
                if stamp != self._stamp:
                    self._disk, theirs = _read(self.path)
                if self._disk is self._base:
                    written = payload  # the file is what the app last saw: nothing to merge
                else:
                    if theirs is None:
                        theirs = _loads(self._disk)
                    written = serialize(self._merge(_loads(self._base), _loads(payload), theirs))
                atomic_write(self.path, written)
                self._stamp = file_stamp(self.path)
                self._base = payload
                self._disk = payload if written is payload else written
            finally:
                self._lock.release()

    # -- the app's poll ---------------------------------------------------------------------------

    def changed(self) -> bool:
        """Whether the file may hold something the app's memory does not (a ``stat``: cheap).

        Never waits: while a save is under way (it may be waiting for a command's lock) the
        answer is False, and the save merges whatever it finds.
        """
        if not self._mutex.acquire(blocking=False):
            return False
        try:
            return self._disk is not self._base or file_stamp(self.path) != self._stamp
        finally:
            self._mutex.release()

    def incoming(self) -> tuple[bytes, Data] | None:
        """The file's bytes and records when they hold something the app's memory does not,
        else None (the records are the caller's: read for it, never shared).

        Reads the file when its stamp changed. Raises :class:`DataFileError` when the file was
        changed into something unreadable (the app keeps its memory and says so).
        """
        with self._mutex:
            stamp = file_stamp(self.path)
            data: Data | None = None
            if stamp != self._stamp:
                self._disk, data = _read(self.path)
                self._stamp = stamp
            if self._disk is self._base:
                return None
            return self._disk, data if data is not None else _loads(self._disk)

    def adopted(self, raw: bytes) -> None:
        """The app's memory now holds ``raw`` (what :meth:`incoming` gave)."""
        with self._mutex:
            if raw is self._disk:
                self._base = raw


def _read(path: Path) -> tuple[bytes, Data]:
    """The file's bytes and records, checked as opening checks them."""
    try:
        data, raw = load_file(path)
    except DataFileError as error:
        raise DataFileError(
            _(
                "{file} was changed outside socialplan and cannot be read ({why}); it is left as "
                "it is and your changes are kept here"
            ).format(file=path, why=error)
        ) from None
    return raw, data


def _loads(raw: bytes) -> Data:
    data: Data = orjson.loads(raw)
    return data
