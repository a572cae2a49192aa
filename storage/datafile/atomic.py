"""Write a file or nothing: a crash, a full disk or an I/O error leaves the old content.

The payload goes to a temporary file in the same folder, is flushed and fsynced, replaces the file
with ``os.replace``, and the folder is fsynced so the rename survives a power cut. A temporary file
left by a crash is found by :func:`leftover_temps` and removed on the next open.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_name(path: Path) -> Path:
    """A fresh temporary name beside ``path`` (hidden, removed on the next open if left)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}")


def leftover_temps(path: Path) -> list[Path]:
    """Temporary files an earlier crash left beside ``path``."""
    return sorted(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old or the new content.

    ``durable=False`` (for a small cache) skips waiting for the disk: still whole or absent
    after a crash of the process, but a power cut may lose the write.
    """
    tmp = temp_name(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o600
    try:
        with open(tmp, "xb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


def export_file(path: Path | str, payload: bytes) -> None:
    """Write an export atomically; a target that cannot be written is an :class:`InputError`
    naming it (a folder that does not exist, a folder in the way, a full disk)."""
    from storage.errors import InputError
    from storage.i18n import _

    target = Path(path).expanduser()
    try:
        atomic_write(target, payload)
    except OSError as error:
        raise InputError(
            _("cannot write {file}: {why}").format(file=target, why=error.strerror or error)
        ) from None


def read_limited(path: Path | str, limit: int, what: str) -> bytes:
    """A file given to an import, refused before reading when it is larger than ``limit``.

    Raises:
        InputError: the file cannot be read, or is too large (the message says both sizes).
    """
    from storage.errors import InputError
    from storage.i18n import _

    source = Path(path).expanduser()
    try:
        with source.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise InputError(
            _("cannot read {file}: {why}").format(file=source, why=error.strerror or error)
        ) from None
    if len(raw) > limit:
        raise InputError(
            _("{file} is too large for {what} (more than {mb} MB); nothing was changed").format(
                file=source, what=what, mb=limit // (1024 * 1024)
            )
        )
    return raw
