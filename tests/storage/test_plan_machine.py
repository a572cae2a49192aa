"""A state machine over the plan's public API, checked against a plain model after every step.

Tasks, content and metric snapshots are added, edited, deleted and undone, moved, exported and
imported back, the plan is reopened, and saves fail at a random step of the write (a full disk
while writing, syncing, renaming or syncing the folder), after which the process "dies" (the
plan is dropped unclosed) and the file is opened again. After every step: what is on disk is
exactly what memory holds, and both are the model; reopening gives the model back.
"""

from __future__ import annotations

import errno
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
)

from storage.calendar import edits as content
from storage.calendar import items
from storage.datafile import atomic
from storage.datafile.interchange import export_plan, import_plan
from storage.datafile.plan import Plan, open_plan
from storage.errors import InputError
from storage.measure import records as metrics
from storage.phases import tasks

DAY = date(2026, 11, 26)

titles = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S"), include_characters=" "),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() and "  " not in t)
"""Titles as typed (cleaning control characters is tested on its own, in test_properties)."""
days = st.integers(min_value=-400, max_value=400).map(lambda n: DAY + timedelta(days=n))
STEPS = ("write", "fsync", "replace", "dirsync")


def _model_of(plan: Plan) -> dict[str, Any]:
    """What the model compares: the user's records, by table, as the API lists them."""
    return {
        "tasks": {t.id: (t.phase, t.title, t.done, t.position) for t in tasks.list_tasks(plan)},
        "content": {
            i.id: (i.title, i.date) for i in items.list_content(plan)
        },
        "metrics": {
            s.id: (s.date, s.channel, s.metric, s.value) for s in metrics.list_snapshots(plan)
        },
    }


class PlanMachine(RuleBasedStateMachine):
    task_ids = Bundle("task_ids")
    content_ids = Bundle("content_ids")
    snapshot_ids = Bundle("snapshot_ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="plan-machine-"))
        self.path = self.folder / "socialplan.json"
        self.plan = open_plan(self.path, today=DAY)
        self.model = _model_of(self.plan)  # the starter plan
        self.undo: list[tuple[str, Any]] = []
        self.exported: tuple[Path, dict[str, Any]] | None = None

    def teardown(self) -> None:
        self.plan.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- tasks ------------------------------------------------------------------------------

    @rule(target=task_ids, phase=st.integers(1, 6), title=titles)
    def add_task(self, phase: int, title: str) -> int:
        task = tasks.add_task(self.plan, phase, title, today=DAY)
        self.model = _model_of(self.plan)
        assert self.model["tasks"][task.id][1] == title.strip()
        return task.id

    @rule(task_id=task_ids, title=titles)
    def edit_task(self, task_id: int, title: str) -> None:
        try:
            task = tasks.get_task(self.plan, task_id)
        except InputError:
            return  # deleted meanwhile: nothing to edit
        tasks.update_task(self.plan, task_id, title, task.notes, task.due)
        phase, _old, done, position = self.model["tasks"][task_id]
        self.model["tasks"][task_id] = (phase, title.strip(), done, position)

    @rule(task_id=consumes(task_ids))
    def delete_task(self, task_id: int) -> None:
        try:
            gone = tasks.delete_task(self.plan, task_id)
        except InputError:
            return
        self.undo.append(("task", gone))
        self.model = _model_of(self.plan)
        assert task_id not in self.model["tasks"]

    @rule(task_id=task_ids, offset=st.sampled_from([-1, 1]))
    def move_task(self, task_id: int, offset: int) -> None:
        try:
            tasks.move_task(self.plan, task_id, offset)
        except InputError:
            return
        before = {k: v[:3] for k, v in self.model["tasks"].items()}
        self.model = _model_of(self.plan)
        assert {k: v[:3] for k, v in self.model["tasks"].items()} == before  # only order moved

    # -- content ----------------------------------------------------------------------------

    @rule(target=content_ids, title=titles, day=days)
    def add_content(self, title: str, day: date) -> int:
        item = content.add_content(self.plan, title, day, today=DAY)
        self.model["content"][item.id] = (item.title, day)
        return item.id

    @rule(item_id=content_ids, day=days)
    def move_content(self, item_id: int, day: date) -> None:
        try:
            item = content.move_content(self.plan, item_id, day)
        except InputError:
            return
        self.model["content"][item_id] = (item.title, day)

    @rule(item_id=consumes(content_ids))
    def delete_content(self, item_id: int) -> None:
        try:
            gone = content.delete_content(self.plan, item_id)
        except InputError:
            return
        self.undo.append(("content", gone))
        del self.model["content"][item_id]

    # -- metrics ----------------------------------------------------------------------------

    @rule(
        target=snapshot_ids,
        day=days,
        channel=st.sampled_from(["blog", "youtube", "x"]),
        value=st.integers(0, 10**9) | st.floats(0, 1e9, allow_nan=False),
    )
    def add_snapshot(self, day: date, channel: str, value: float) -> int:
        snap = metrics.add_snapshot(self.plan, day.isoformat(), channel, "followers", value)
        self.model["metrics"][snap.id] = (day.isoformat(), channel, "followers", snap.value)
        assert snap.value == value
        return snap.id

    @rule(snapshot_id=consumes(snapshot_ids))
    def delete_snapshot(self, snapshot_id: int) -> None:
        gone = metrics.delete_snapshot(self.plan, snapshot_id)
        if gone is not None:
            self.undo.append(("metric", gone))
            del self.model["metrics"][snapshot_id]

    # -- undo, export/import, reopen, crash -------------------------------------------------

    @rule()
    def undo_last_delete(self) -> None:
        if not self.undo:
            return
        kind, record = self.undo.pop()
        if kind == "task":
            back: Any = tasks.restore_task(self.plan, record)
        elif kind == "content":
            back = content.restore_content(self.plan, record)
        else:
            back = metrics.restore_snapshot(self.plan, record)  # a snapshot may get a new id
        assert kind == "metric" or back.id == record.id  # referred to by id: the same id back
        self.model = _model_of(self.plan)
        table = {"task": "tasks", "content": "content", "metric": "metrics"}[kind]
        assert back.id in self.model[table]

    @rule()
    def export(self) -> None:
        target = self.folder / f"export-{len(list(self.folder.glob('export-*')))}.json"
        export_plan(self.plan, target)
        self.exported = (target, _copy(self.model))

    @rule()
    def import_last_export(self) -> None:
        if self.exported is None:
            return
        source, model = self.exported
        import_plan(self.plan, source)
        self.model = _copy(model)
        self.undo.clear()  # records deleted since are not in the imported plan's id space

    @rule()
    def reopen(self) -> None:
        self.plan.close()
        self.plan = open_plan(self.path, today=DAY)
        self.undo.clear()

    @rule(step=st.sampled_from(STEPS), title=titles)
    def crash_while_saving(self, step: str, title: str) -> None:
        with pytest.MonkeyPatch.context() as patch:
            _fail_at(patch, step)
            with pytest.raises(OSError):
                tasks.add_task(self.plan, 1, title, today=DAY)
        # the change was not acknowledged: memory and disk agree, with it or without it
        on_disk = orjson.loads(self.path.read_bytes())
        assert on_disk == self.plan.snapshot()
        # then the process dies without closing anything, and the file is opened again
        self.plan._lock.release()  # what the kernel does for a killed process
        self.plan = open_plan(self.path, today=DAY)
        self.undo.clear()
        reopened = _model_of(self.plan)
        if step == "dirsync":  # renamed before the failure: the new state, complete
            added = set(reopened["tasks"]) - set(self.model["tasks"])
            assert len(added) == 1
            assert reopened["tasks"][added.pop()][1] == title.strip()
        self.model = reopened if step == "dirsync" else self.model
        assert not list(self.folder.glob(".*.tmp"))

    # -- what must always hold --------------------------------------------------------------

    @invariant()
    def disk_is_memory_is_model(self) -> None:
        on_disk = orjson.loads(self.path.read_bytes())
        assert on_disk == self.plan.snapshot()
        assert _model_of(self.plan) == self.model


def _copy(model: dict[str, Any]) -> dict[str, Any]:
    return {name: dict(table) for name, table in model.items()}


def _fail_at(patch: pytest.MonkeyPatch, step: str) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if step == "write":
        real_open = open

        class Handle:
            def __init__(self, inner: Any) -> None:
                self.inner = inner

            def __enter__(self) -> Handle:
                return self

            def __exit__(self, *exc: object) -> None:
                self.inner.close()

            def write(self, data: bytes) -> None:
                self.inner.write(data[: len(data) // 2])
                full()

        patch.setattr(atomic, "open", lambda *a, **k: Handle(real_open(*a, **k)), raising=False)
    elif step == "fsync":
        patch.setattr(atomic.os, "fsync", full)
    elif step == "replace":
        patch.setattr(atomic.os, "replace", full)
    else:
        patch.setattr(atomic, "fsync_dir", full)


TestPlanMachine = PlanMachine.TestCase
