"""The plan file's storage: atomic, in memory, refusing what is not JSON, thread-safe."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from storage.datafile.plan import open_plan


def on_disk(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def test_every_write_is_on_disk_at_once(plan, data_file: Path) -> None:
    plan.table("tasks").insert({"title": "Claim my handle"})
    titles = [d["title"] for d in on_disk(data_file)["tasks"].values()]
    assert "Claim my handle" in titles


def test_non_json_value_is_refused_at_insert_and_nothing_changes(plan, data_file: Path) -> None:
    before = data_file.read_bytes()
    count = len(plan.table("tasks"))
    with pytest.raises(TypeError):
        plan.table("tasks").insert({"title": "x", "when": datetime(2026, 1, 1)})
    with pytest.raises(TypeError):
        plan.table("tasks").insert({"title": "x", "what": {1, 2}})
    assert data_file.read_bytes() == before
    assert len(plan.table("tasks")) == count


def test_batch_saves_once_and_all_or_nothing(plan, data_file: Path) -> None:
    table = plan.table("tasks")
    count = len(table)
    with pytest.raises(RuntimeError), plan.batch():
        table.insert({"title": "first"})
        table.insert({"title": "second"})
        raise RuntimeError("stop")
    assert len(table) == count
    assert len(on_disk(data_file)["tasks"]) == count
    with plan.batch():
        table.insert({"title": "first"})
        table.insert({"title": "second"})
    assert len(on_disk(data_file)["tasks"]) == count + 2


def test_two_threads_saving_at_once_lose_nothing(plan, data_file: Path) -> None:
    table = plan.table("community")
    start = threading.Barrier(2)

    def writer(name: str) -> None:
        start.wait()
        for i in range(60):
            table.insert({"where": name, "n": i})

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    plan.close()
    reopened = open_plan(data_file)
    try:
        docs = reopened.table("community").all()
        assert sorted((d["where"], d["n"]) for d in docs) == sorted(
            (w, i) for w in "ab" for i in range(60)
        )
    finally:
        reopened.close()


def test_read_only_plan_refuses_writes(plan, data_file: Path) -> None:
    from storage.datafile import ReadOnlyError

    plan.close()
    reader = open_plan(data_file, write=False)
    before = data_file.read_bytes()
    with pytest.raises(ReadOnlyError):
        reader.table("tasks").insert({"title": "nope"})
    assert data_file.read_bytes() == before
    assert all(d.get("title") != "nope" for d in reader.table("tasks").all())


def test_rows_are_read_only_views_of_the_records(plan) -> None:
    table = plan.table("community")
    first = table.insert({"where": "a forum", "content_id": 3})
    rows = dict(plan.rows("community"))
    assert rows[first]["where"] == "a forum"
    with pytest.raises(TypeError):
        rows[first]["where"] = "changed behind the storage's back"  # type: ignore[index]
    assert table.get(doc_id=first)["where"] == "a forum"


def test_a_save_that_reuses_unchanged_tables_writes_the_same_bytes(plan, data_file: Path) -> None:
    """Each save serializes only the table that changed; the file must not tell the difference."""
    from storage.datafile.jsonstore import serialize

    def file_is_memory() -> None:
        raw = data_file.read_bytes()
        assert raw == serialize(orjson.loads(raw)), "the file is one well-formed document"
        assert orjson.loads(raw) == plan.storage.read(), "the file holds what memory holds"

    tasks = plan.table("tasks")
    task = tasks.insert({"title": "Claim my handle", "done": False})
    file_is_memory()
    tasks.update({"done": True}, doc_ids=[task])
    plan.table("channels").insert({"name": "Mastodon"})
    file_is_memory()
    def fails(doc: dict) -> None:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):  # a change that fails before it writes...
        tasks.update(fails, doc_ids=[task])
    data = plan.storage.read()
    data["channels"] = {"1": {"name": "Imported"}}
    plan.storage.write(data)  # ...does not make the next, unannounced, write skip a table
    file_is_memory()
    assert on_disk(data_file)["channels"] == {"1": {"name": "Imported"}}
    with pytest.raises(TypeError):
        tasks.insert({"title": "x", "what": {1, 2}})
    with plan.batch():
        tasks.update({"title": "Claim every handle"}, doc_ids=[task])
        plan.table("new_table").insert({"n": 1})
    file_is_memory()
    assert on_disk(data_file)["tasks"][str(task)]["title"] == "Claim every handle"
    (new,) = on_disk(data_file)["new_table"].values()
    assert new["n"] == 1 and set(new) == {"n", "_at"}  # with its change stamp


def test_any_mix_of_changes_leaves_the_file_equal_to_memory(plan, data_file: Path) -> None:
    """Random changes across tables (inserts, updates, removals, batches, failures, direct
    writes): after each one the file holds exactly what memory holds, and reopens to it."""
    import random

    from storage.datafile.jsonstore import serialize

    rng = random.Random(26)
    names = ["tasks", "channels", "content", "community"]
    plan.save_in_background()

    def change() -> None:
        table = plan.table(rng.choice(names))
        ids = [doc.doc_id for doc in table.all()]
        step = rng.randrange(7)
        if step == 0 or not ids:
            table.insert({"n": rng.random(), "text": "é" * rng.randrange(5)})
        elif step == 1:
            table.update({"n": rng.random()}, doc_ids=[rng.choice(ids)])
        elif step == 2:
            table.remove(doc_ids=[rng.choice(ids)])
        elif step == 3:
            with plan.batch():
                for _ in range(rng.randrange(1, 4)):
                    plan.table(rng.choice(names)).insert({"n": rng.random()})
        elif step == 4:
            with pytest.raises(TypeError):
                table.insert({"bad": {1, 2}})
        elif step == 5:
            with pytest.raises(ZeroDivisionError), plan.batch():
                table.insert({"n": 1})
                raise ZeroDivisionError
        else:
            data = plan.storage.read()
            data[rng.choice(names)] = {"1": {"n": rng.random()}}
            plan.storage.write(data)

    for _ in range(150):
        change()
        plan.flush()
        raw = data_file.read_bytes()
        assert raw == serialize(plan.storage.read())
    plan.close()
    again = open_plan(data_file)
    try:
        assert serialize(again.storage.read()) == raw
    finally:
        again.close()
