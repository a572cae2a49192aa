"""Saving off the caller's thread: the app hands each serialized state to a writer thread.

The app must never wait on the disk (an fsync on a laptop can take 50 ms or more). The caller
serializes under the storage's lock (so a value that is not JSON is still refused at once, and
the bytes are a consistent state) and submits them; the writer writes them atomically at once.
Newer bytes replace older ones not yet written: each state contains every change before it.

A failed write is reported through ``on_error`` (the app shows it) and kept: the next change, or
:meth:`BackgroundWriter.flush`, tries again with the newest state. ``flush`` waits until what was
submitted is on disk, or raises the error that stops it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from storage.datafile.atomic import atomic_write

ErrorHandler = Callable[[BaseException], None]


class BackgroundWriter:
    """One thread writing the newest submitted state of one file."""

    def __init__(
        self,
        path: Path,
        on_error: ErrorHandler | None = None,
        write: Callable[[bytes], None] | None = None,
    ) -> None:
        self.path = path
        """The file written."""
        self._write = write or (lambda payload: atomic_write(path, payload))
        self.on_error = on_error
        """Called (from the writer thread) when a write fails."""
        self._cond = threading.Condition()
        self._pending: bytes | None = None
        self._failed: tuple[bytes, BaseException] | None = None
        self._busy = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=f"save {path.name}", daemon=True)
        self._thread.start()

    def submit(self, payload: bytes) -> None:
        """Write ``payload`` as soon as possible (replacing any state not yet written)."""
        with self._cond:
            self._pending = payload
            self._failed = None
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._stopping:
                    self._cond.wait()
                if self._pending is None:
                    return
                payload, self._pending = self._pending, None
                self._busy = True
            error: BaseException | None = None
            try:
                self._write(payload)
            except BaseException as caught:  # noqa: BLE001 - reported, kept for a retry
                error = caught
            with self._cond:
                self._busy = False
                if error is not None and self._pending is None:
                    self._failed = (payload, error)
                self._cond.notify_all()
            if error is not None and self.on_error is not None:
                self.on_error(error)

    @property
    def failed(self) -> BaseException | None:
        """The error of the last write, while its state is still not on disk."""
        with self._cond:
            return self._failed[1] if self._failed else None

    @property
    def idle(self) -> bool:
        """Nothing waits to be written and nothing failed: the file holds the last state."""
        with self._cond:
            return self._pending is None and not self._busy and self._failed is None

    def flush(self) -> None:
        """Wait until every submitted state is on disk; retry a failed one once, or raise."""
        with self._cond:
            while self._pending is not None or self._busy:
                self._cond.wait()
            failed = self._failed
        if failed is not None:
            self._write(failed[0])  # raises if it still cannot be written
            with self._cond:
                if self._failed is failed:
                    self._failed = None

    def stop(self) -> None:
        """Flush, then end the thread."""
        try:
            self.flush()
        finally:
            with self._cond:
                self._stopping = True
                self._cond.notify_all()
            self._thread.join(timeout=5)
