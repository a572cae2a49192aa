"""Saving from a writer thread (the app): never waits on the disk, loses nothing, reports errors."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import orjson
import pytest

from storage.datafile import writer as writer_module
from storage.datafile.plan import open_plan


def titles_on_disk(path: Path) -> list[str]:
    data = orjson.loads(path.read_bytes())
    return [d.get("title") for d in data.get("tasks", {}).values()]


def test_changes_reach_the_disk_and_close_waits_for_them(data_file: Path) -> None:
    plan = open_plan(data_file)
    plan.save_in_background()
    for n in range(50):
        plan.table("tasks").insert({"title": f"t{n}"})
    plan.close()
    assert [f"t{n}" for n in range(50)] == [t for t in titles_on_disk(data_file) if t.startswith("t")
                                            and t[1:].isdigit()]


def test_bad_values_are_still_refused_at_once(data_file: Path) -> None:
    plan = open_plan(data_file)
    plan.save_in_background()
    try:
        with pytest.raises(TypeError):
            plan.table("tasks").insert({"title": "x", "bad": object()})
        assert all(d.get("title") != "x" for d in plan.table("tasks").all())
    finally:
        plan.close()


def test_a_failed_write_is_reported_kept_and_retried(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = open_plan(data_file)
    errors: list[BaseException] = []
    reported = threading.Event()

    def on_error(error: BaseException) -> None:
        errors.append(error)
        reported.set()

    plan.save_in_background(on_error)
    real = writer_module.atomic_write
    full = {"on": True}

    def maybe_full(path: Path, payload: bytes) -> None:
        if full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(writer_module, "atomic_write", maybe_full)
    plan.table("tasks").insert({"title": "during the full disk"})
    assert reported.wait(5)
    assert errors[0].errno == errno.ENOSPC  # type: ignore[attr-defined]
    assert "during the full disk" not in titles_on_disk(data_file)
    assert any(d.get("title") == "during the full disk" for d in plan.table("tasks").all())
    assert not list(data_file.parent.glob(".*.tmp"))

    full["on"] = False
    plan.table("tasks").insert({"title": "after the disk was freed"})
    plan.flush()
    on_disk = titles_on_disk(data_file)
    assert "during the full disk" in on_disk and "after the disk was freed" in on_disk
    plan.close()


def test_close_raises_when_it_still_cannot_save_and_frees_the_lock(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = open_plan(data_file)
    plan.save_in_background(lambda error: None)

    def full(path: Path, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer_module, "atomic_write", full)
    plan.table("tasks").insert({"title": "lost unless rescued"})
    with pytest.raises(OSError):
        plan.close()
    monkeypatch.undo()
    open_plan(data_file).close()  # the lock is free


def test_a_flush_while_another_thread_closes_waits_for_the_disk(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mentions digest writer flushes while the app closes: it must see the file written."""
    plan = open_plan(data_file)
    plan.save_in_background()
    real = writer_module.atomic_write
    writing = threading.Event()
    release = threading.Event()

    def slow(path: Path, payload: bytes) -> None:
        writing.set()
        release.wait(5)
        real(path, payload)

    monkeypatch.setattr(writer_module, "atomic_write", slow)
    plan.table("tasks").insert({"title": "late"})
    assert writing.wait(5)
    closer = threading.Thread(target=plan.close)
    closer.start()
    flushed = threading.Event()

    def flush() -> None:
        plan.flush()
        flushed.set()

    flusher = threading.Thread(target=flush)
    flusher.start()
    assert not flushed.wait(0.2)  # the write is still in progress: flush must not return
    release.set()
    flusher.join(5)
    closer.join(5)
    assert flushed.is_set()
    assert "late" in titles_on_disk(data_file)
