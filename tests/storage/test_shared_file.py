"""The app's plan shared with commands (storage.datafile.shared): a save merges what a command
wrote meanwhile, the plan takes an outside change in, a damaged file is never overwritten."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import orjson
import pytest

from storage.datafile import DataFileError, LockedError, Paths, open_plan
from storage.datafile.lock import FileLock
from storage.datafile.plan import Plan, reserve_plan
from storage.phases import tasks
from storage.sync.conflicts import open_conflicts
from storage.sync.files import merge_while_open


def app_plan(data_file: Path) -> Plan:
    """The plan as the app holds it: opened through a reservation, shared, saving in a thread."""
    plan = reserve_plan(data_file).open()
    plan.share(merge_while_open(plan.paths))
    plan.save_in_background()
    return plan


def titles(data: dict) -> set[str]:
    return {task["title"] for task in data["tasks"].values()}


def on_disk(data_file: Path) -> set[str]:
    return titles(orjson.loads(data_file.read_bytes()))


def test_a_command_writes_while_the_app_is_open_and_the_app_takes_it_in(data_file: Path) -> None:
    app = app_plan(data_file)
    try:
        assert not app.outside_change()
        with open_plan(data_file) as command:  # not refused: the app holds only its own lock
            tasks.add_task(command, 3, "Draft the about page")
        assert app.outside_change()
        assert app.take_outside_change()
        assert "Draft the about page" in {t.title for t in tasks.list_tasks(app)}
        assert not app.outside_change() and not app.take_outside_change()
    finally:
        app.close()


def test_a_save_of_the_app_merges_what_a_command_wrote_before_it_was_taken_in(
    data_file: Path,
) -> None:
    app = app_plan(data_file)
    try:
        with open_plan(data_file) as command:
            tasks.add_task(command, 3, "Draft the about page")
        tasks.add_task(app, 5, "Thank the first commenters")  # the same new id on both sides
        app.flush()
        assert {"Draft the about page", "Thank the first commenters"} <= on_disk(data_file)
        assert app.take_outside_change(), "the merge is taken into memory too"
        shown = [t.title for t in tasks.list_tasks(app)]
        assert "Draft the about page" in shown and "Thank the first commenters" in shown
        assert len({t.id for t in tasks.list_tasks(app)}) == len(shown), "ids stay unique"
    finally:
        app.close()
    assert {"Draft the about page", "Thank the first commenters"} <= on_disk(data_file)


def test_the_same_field_changed_by_a_command_and_the_app_is_logged(data_file: Path) -> None:
    with open_plan(data_file) as plan:
        task = tasks.add_task(plan, 1, "Set up alerts")
    app = app_plan(data_file)
    try:
        with open_plan(data_file) as command:
            tasks.update_task(command, task.id, "Set up alerts (shell)", "", None)
        tasks.update_task(app, task.id, "Set up alerts (app)", "", None)
        app.flush()
    finally:
        app.close()
    kept = on_disk(data_file)
    assert len(kept & {"Set up alerts (shell)", "Set up alerts (app)"}) == 1
    logged = open_conflicts(Paths(data_file))
    assert [(c.field, {c.kept, c.other}) for c in logged] == [
        ("title", {"Set up alerts (shell)", "Set up alerts (app)"})
    ]
    assert logged[0].source == "command line"


def test_a_file_damaged_outside_is_never_overwritten_and_the_change_is_kept(
    data_file: Path,
) -> None:
    errors: list[BaseException] = []
    app = reserve_plan(data_file).open()
    app.share(merge_while_open(app.paths))
    app.save_in_background(errors.append)
    try:
        data_file.write_bytes(b'{"meta": {"1": {"schema": 1}}, "tasks": {"1": ')  # cut short
        tasks.add_task(app, 2, "Claim the handle")
        with pytest.raises(DataFileError, match="changed outside socialplan"):
            app.flush()
        assert data_file.read_bytes().endswith(b'"tasks": {"1": '), "left as it was"
        assert errors and "cannot be read" in str(errors[0])
        with pytest.raises(DataFileError):
            app.take_outside_change()
        assert "Claim the handle" in {t.title for t in tasks.list_tasks(app)}, "memory kept it"
        open_plan(data_file.with_name("fresh.json")).close()  # the user puts a good plan back
        data_file.write_bytes(data_file.with_name("fresh.json").read_bytes())
        app.flush()  # the kept change is saved, merged with the plan put back
        assert "Claim the handle" in on_disk(data_file)
    finally:
        app.close()


def test_a_save_waits_for_a_command_holding_the_lock(data_file: Path) -> None:
    app = app_plan(data_file)
    paths = Paths(data_file)
    holder = FileLock(paths.lock, paths.data)
    holder.acquire()
    try:
        tasks.add_task(app, 4, "Answer the newsletter")
        saved = threading.Event()
        threading.Thread(target=lambda: (app.flush(), saved.set()), daemon=True).start()
        assert not saved.wait(0.3), "the save waits while a command holds the file"
        assert "Answer the newsletter" not in on_disk(data_file)
    finally:
        holder.release()
    assert saved.wait(10)
    assert "Answer the newsletter" in on_disk(data_file)
    app.close()


def test_commands_wait_for_the_apps_short_write_instead_of_failing(data_file: Path) -> None:
    open_plan(data_file).close()
    paths = Paths(data_file)
    holder = FileLock(paths.lock, paths.data)
    holder.acquire()
    threading.Timer(0.3, holder.release).start()  # an app's save, a moment long
    with open_plan(data_file) as command:
        tasks.add_task(command, 1, "Listen for the brand name")
    assert "Listen for the brand name" in on_disk(data_file)


def test_a_second_app_is_refused_while_commands_are_not(data_file: Path) -> None:
    app = app_plan(data_file)
    try:
        with pytest.raises(LockedError, match="already open"):
            reserve_plan(data_file)
        open_plan(data_file).close()
    finally:
        app.close()
    reserve_plan(data_file).release()


def test_the_app_keeps_no_checkin_view_of_memory_a_command_has_overtaken(data_file: Path) -> None:
    from datetime import date

    from storage.checkin import build_checkin
    from storage.checkin_view import current_view, keep_view

    day = date(2026, 11, 26)
    app = app_plan(data_file)
    try:
        with open_plan(data_file) as command:
            tasks.add_task(command, 1, "Reply to Ana", due=day)
        keep_view(app, day)  # the app quits before its next look at the file
    finally:
        app.close()
    view = current_view(data_file, day)  # what the next shell check-in reads
    shown = build_checkin(view or open_plan(data_file, write=False), day).tasks
    assert "Reply to Ana" in [line.title for line in shown]


def test_asking_for_an_outside_change_never_waits_for_a_save_that_waits(data_file: Path) -> None:
    app = app_plan(data_file)
    paths = Paths(data_file)
    holder = FileLock(paths.lock, paths.data)
    holder.acquire()  # a sync from a shell, say: the app's save waits for it
    try:
        tasks.add_task(app, 4, "Answer the newsletter")
        time.sleep(0.2)  # the save is under way, waiting for the lock
        answered = threading.Event()
        threading.Thread(target=lambda: (app.outside_change(), answered.set()),
                         daemon=True).start()
        assert answered.wait(5), "the app's poll (on its UI thread) is not held up"
    finally:
        holder.release()
    app.close()
    assert "Answer the newsletter" in on_disk(data_file)
