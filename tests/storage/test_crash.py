"""A save interrupted at any step leaves exactly the old or the new file.

A child process opens the plan, arranges to be killed (SIGKILL) at one step of the save, and
adds a task; the parent reopens the file and finds either state, never a mix, and no leftover.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from storage.datafile.plan import open_plan
from tests.conftest import ROOT

STEPS = ["write", "flush", "fsync", "replace", "dirsync"]

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from storage.datafile import atomic as jsonstore
    from storage.datafile.plan import open_plan

    step, path = sys.argv[1], sys.argv[2]
    plan = open_plan(path)
    die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    real_open = open

    class Handle:
        def __init__(self, inner):
            self.inner = inner
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.inner.close()
        def write(self, data):
            if step == "write":
                self.inner.write(data[: len(data) // 2])
                self.inner.flush()
                die()
            return self.inner.write(data)
        def flush(self):
            if step == "flush":
                die()
            return self.inner.flush()
        def fileno(self):
            return self.inner.fileno()

    jsonstore.open = lambda *a, **k: Handle(real_open(*a, **k))
    if step == "fsync":
        jsonstore.os = type("os", (), {**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")},
                                       "fsync": staticmethod(die)})
    if step == "replace":
        real_replace = os.replace
        jsonstore.os = type("os", (), {**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")},
                                       "replace": staticmethod(die)})
    if step == "dirsync":
        jsonstore.fsync_dir = die
    plan.table("tasks").insert({"title": "NEW TASK"})
    print("survived")
    """
)


def titles(path: Path) -> list[str]:
    plan = open_plan(path)
    try:
        return [d.get("title") for d in plan.table("tasks").all()]
    finally:
        plan.close()


@pytest.mark.parametrize("step", STEPS)
def test_kill_at_each_step_leaves_old_or_new(step: str, data_file: Path) -> None:
    old = titles(data_file)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(data_file)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -9, result.stderr
    leftovers = list(data_file.parent.glob(".*.tmp"))
    after = titles(data_file)  # reopening also cleans up
    if step in ("write", "flush", "fsync", "replace"):
        assert after == old
    else:  # the rename happened: the new state, complete
        assert after == [*old, "NEW TASK"]
    assert not list(data_file.parent.glob(".*.tmp"))
    if step != "dirsync":
        assert leftovers, "the crash should have left a temporary file to clean up"


@pytest.mark.parametrize("step", ["write", "fsync", "replace", "dirsync"])
def test_disk_full_at_each_step_keeps_old_state_and_reports(
    step: str, plan, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.datafile import atomic as jsonstore

    before = data_file.read_bytes()
    count = len(plan.table("tasks"))

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if step == "write":
        real_open = open

        class Handle:
            def __init__(self, inner):  # type: ignore[no-untyped-def]
                self.inner = inner

            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc):  # type: ignore[no-untyped-def]
                self.inner.close()

            def write(self, data):  # type: ignore[no-untyped-def]
                full()

        monkeypatch.setattr(jsonstore, "open", lambda *a, **k: Handle(real_open(*a, **k)),
                            raising=False)
    elif step == "fsync":
        monkeypatch.setattr(jsonstore.os, "fsync", full)
    elif step == "replace":
        monkeypatch.setattr(jsonstore.os, "replace", full)
    else:
        monkeypatch.setattr(jsonstore, "fsync_dir", full)

    with pytest.raises(OSError) as raised:
        plan.table("tasks").insert({"title": "NEW TASK"})
    assert raised.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert not list(data_file.parent.glob(".*.tmp"))
    if step != "dirsync":
        assert data_file.read_bytes() == before
        assert len(plan.table("tasks")) == count
    else:  # renamed before the failure: the file holds the change, and so does memory
        assert len(plan.table("tasks")) == count + 1
        assert orjson.loads(data_file.read_bytes()) == plan.snapshot()
    # the app can go on: the next save works
    plan.table("tasks").insert({"title": "after"})
    assert "after" in titles_of(plan)


def titles_of(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.get("title") for d in plan.table("tasks").all()]


def test_a_really_full_filesystem(tmp_path: Path) -> None:
    """On a tiny tmpfs (where this machine lets us mount one) a save that cannot fit fails
    cleanly and the old file survives."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        path = mount / "socialplan.json"
        plan = open_plan(path)
        try:
            before = path.read_bytes()
            with pytest.raises(OSError) as raised:
                plan.table("notes").insert({"text": "x" * 200_000})
            assert raised.value.errno == errno.ENOSPC
            assert path.read_bytes() == before
            assert not list(mount.glob(".*.tmp"))
        finally:
            plan.close()
    finally:
        subprocess.run(["umount", str(mount)], check=False)
