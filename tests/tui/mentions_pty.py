"""Run the real app in a pseudo-terminal and keep every byte it writes to the terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class PtyApp:
    """``socialplan --data FILE`` in a pty of ``cols`` x ``rows``; ``output`` holds all bytes."""

    def __init__(self, data: Path, cwd: Path, cols: int = 120, rows: int = 36) -> None:
        self.output = bytearray()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "COLUMNS": str(cols),
            "LINES": str(rows),
        }
        env.pop("TEXTUAL", None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the app
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "tui", "--data", str(data)], env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.status: int | None = None

    def read(self, seconds: float, until: bytes | None = None) -> None:
        """Collect output for ``seconds`` (or until ``until`` appears)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk
                if until is not None and until in self.output:
                    return

    def send(self, data: str | bytes, settle: float = 0.3) -> None:
        """Type keys (or raw bytes) and collect what follows."""
        os.write(self.fd, data.encode() if isinstance(data, str) else data)
        self.read(settle)

    def click(self, x: int, y: int, settle: float = 0.05) -> None:
        """A left click at screen cell (x, y), 0-based, as an SGR mouse report."""
        self.send(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m", settle)

    def wait(self, seconds: float) -> int | None:
        """Wait for the app to exit; its exit status, or None if it is still running."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                self.read(0.2)
                return self.status
        return None

    def close(self) -> None:
        """Kill the app if it still runs and close the pty."""
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)
