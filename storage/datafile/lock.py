"""One writer at a time: an OS lock on ``<file>.lock`` that dies with its process.

Like newsboat's ``cache.db.lock`` the file holds the PID of its owner, so a second start can say
who has the file open; unlike a bare PID file, the ``flock`` is released by the kernel when the
process dies, so a lock left behind by a killed process never blocks the next start.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from storage.datafile.errors import LockedError
from storage.i18n import _

COMMAND_WAIT = 3.0
"""Seconds a command waits for the plan's lock (an open app holds it only while it saves)."""


class FileLock:
    """An exclusive, non-blocking lock on a file, holding the owner's PID."""

    def __init__(self, path: Path, data_file: Path | None = None) -> None:
        self.path = path
        """The lock file."""
        self.data_file = data_file or path
        """The file the lock protects (named in messages)."""
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock or raise :class:`LockedError` naming the holder's PID.

        ``wait`` > 0 tries again for up to that many seconds: a command waits out an open
        app's short write instead of being refused.
        """
        if self._fd is not None:
            return
        deadline = time.monotonic() + wait
        while True:
            try:
                self._try_acquire()
                return
            except LockedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.02)

    def _try_acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = self._read_pid(fd)
            os.close(fd)
            who = _(" (PID {pid})").format(pid=pid) if pid else ""
            raise LockedError(
                _("{file} is already open in another socialplan{who}").format(
                    file=self.data_file, who=who
                ),
                pid,
            ) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (the file stays; its PID is cleared)."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    @staticmethod
    def _read_pid(fd: int) -> int | None:
        try:
            text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else None
        except OSError:
            return None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def held_elsewhere(path: Path) -> int | None:
    """Whether another process holds the lock file ``path``: its PID (0 when unknown), else None.

    Used to ask "is an app open on this plan?" (its presence lock) without keeping anything.
    """
    if not path.exists():
        return None
    probe = FileLock(path)
    try:
        probe.acquire()
    except LockedError as error:
        return error.pid or 0
    probe.release()
    return None


FileStamp = tuple[int, int, int, int, int]
"""What identifies one version of a file on disk: device, inode, size, mtime and ctime (ns).

Every save replaces the file by a rename, so a change by anyone gives a new stamp."""


def file_stamp(path: Path) -> FileStamp | None:
    """The stamp of ``path`` now (None when it does not exist)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
