"""Opening the data file: damage is never overwritten, one writer at a time, backups, schema."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from storage.datafile import DataFileError, LockedError
from storage.datafile import plan as database
from storage.datafile.plan import SCHEMA_VERSION, open_plan, reserve_plan
from tests.conftest import ROOT


def make_file(path: Path) -> bytes:
    open_plan(path).close()
    return path.read_bytes()


def test_new_file_gets_folder_and_starter_content(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "plan.json"
    plan = open_plan(path)
    try:
        data = orjson.loads(path.read_bytes())
        assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
        assert plan.settings()["comments_per_post"] == 2
    finally:
        plan.close()


DAMAGE = {
    "empty": (lambda good: b"", "empty"),
    "truncated": (lambda good: good[: len(good) // 2], "not valid JSON"),
    "trailing garbage": (lambda good: good + b"}}garbage", "not valid JSON"),
    "NUL bytes": (lambda good: good[:10] + b"\x00\x00\x00" + good[10:], "NUL bytes"),
    "wrong shape": (lambda good: b"[1, 2, 3]", "object of tables"),
    "table not an object": (lambda good: b'{"meta": {"1": {"schema": 1}}, "tasks": [1]}',
                            "'tasks' is not an object"),
    "not socialplan": (lambda good: b'{"_default": {"1": {"a": 1}}}', "schema version"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_file_is_refused_and_left_as_it_was(case: str, data_file: Path) -> None:
    good = make_file(data_file)
    # a backup exists from the first open: the message must point at it
    damage, expected = DAMAGE[case]
    bad = damage(good)
    data_file.write_bytes(bad)
    with pytest.raises(DataFileError) as raised:
        open_plan(data_file)
    message = str(raised.value)
    assert str(data_file) in message
    assert expected in message
    assert ".bak" in message and "newest backup that opens" in message
    assert "socialplan restore --latest" in message
    assert "\n" not in message
    assert data_file.read_bytes() == bad


def test_unreadable_file_is_refused(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.mkdir()  # a folder where the file should be: unreadable even as root
    with pytest.raises(DataFileError) as raised:
        open_plan(data_file)
    assert "cannot be read" in str(raised.value)


def test_damaged_file_through_the_command_line_exits_2_with_one_line(
    data_file: Path, run_cli
) -> None:
    make_file(data_file)
    data_file.write_bytes(b'{"meta": {"1": {"schema": 1}}, "tasks": {"1": {"title": "x"')
    for args in (["checkin"], ["paths"], []):
        result = run_cli(*args)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert str(data_file) in lines[0]


def test_file_from_a_newer_socialplan_is_refused(data_file: Path) -> None:
    make_file(data_file)
    data = orjson.loads(data_file.read_bytes())
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    data_file.write_bytes(orjson.dumps(data))
    before = data_file.read_bytes()
    with pytest.raises(DataFileError, match="newer socialplan"):
        open_plan(data_file)
    assert data_file.read_bytes() == before


def test_older_file_is_migrated_with_a_copy_kept(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_bytes = make_file(data_file)

    def add_field(data: dict) -> None:
        for doc in data.get("settings", {}).values():
            doc["migrated"] = True

    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(database.MIGRATIONS, SCHEMA_VERSION, add_field)
    plan = open_plan(data_file)
    plan.close()
    data = orjson.loads(data_file.read_bytes())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION + 1
    assert data["settings"]["1"]["migrated"] is True
    kept = data_file.with_name(f"{data_file.name}.v{SCHEMA_VERSION}.bak")
    assert kept.read_bytes() == old_bytes


def test_second_writer_is_refused_naming_the_pid(data_file: Path) -> None:
    first = open_plan(data_file)
    try:
        with pytest.raises(LockedError) as raised:
            open_plan(data_file)
        assert raised.value.pid == os.getpid()
        assert f"PID {os.getpid()}" in str(raised.value)
        reader = open_plan(data_file, write=False)  # short commands may still read
        assert reader.settings()
    finally:
        first.close()
    open_plan(data_file).close()  # free again once the first one closed


def test_second_app_on_the_command_line_exits_2(data_file: Path, run_cli) -> None:
    first = open_plan(data_file)
    try:
        result = run_cli("import", str(data_file))
        assert result.returncode == 2
        assert "already open" in result.stderr and str(os.getpid()) in result.stderr
    finally:
        first.close()


def test_lock_of_a_killed_process_does_not_block(data_file: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from storage.datafile.plan import open_plan; "
         "open_plan(sys.argv[1]); print('ok', flush=True); time.sleep(60)", str(data_file)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ok"
    with pytest.raises(LockedError):
        open_plan(data_file)
    child.kill()
    child.wait()
    assert data_file.with_name(data_file.name + ".lock").read_text().strip() == str(child.pid)
    open_plan(data_file).close()


def test_leftover_temporary_files_are_removed_on_open(data_file: Path) -> None:
    make_file(data_file)
    leftover = data_file.with_name(f".{data_file.name}.1234-abcd.tmp")
    leftover.write_bytes(b'{"half": ')
    open_plan(data_file).close()
    assert not leftover.exists()


def test_three_daily_backups_are_kept(data_file: Path) -> None:
    start = date(2026, 11, 1)
    for offset in range(5):
        for _ in range(2):  # twice a day: still one backup that day
            open_plan(data_file, today=start + timedelta(days=offset)).close()
    backups = sorted(p.name for p in data_file.parent.glob("*.bak"))
    assert backups == [f"{data_file.name}.2026-11-0{d}.bak" for d in (3, 4, 5)]
    for backup in backups:
        assert orjson.loads((data_file.parent / backup).read_bytes())["meta"]


def test_damaged_mentions_cache_is_set_aside_not_overwritten(plan, data_file: Path) -> None:
    mentions = plan.paths.mentions
    plan.close()
    mentions.write_bytes(b"\x00garbage")
    reopened = open_plan(data_file)
    try:
        assert len(reopened.mentions_table()) == 0
        assert reopened.warnings and "damaged" in reopened.warnings[0]
        aside = list(data_file.parent.glob(mentions.name + ".damaged-*"))
        assert aside and aside[0].read_bytes() == b"\x00garbage"
    finally:
        reopened.close()


def test_starter_tables_are_the_users_records_dated_today(tmp_path: Path) -> None:
    from storage.datafile.plan import starter_data

    data = starter_data(date(2026, 3, 4))
    assert "phases" not in data  # reference text, not records of the user's
    created = {doc.get("created") for doc in data["tasks"].values()}
    assert created == {"2026-03-04"}


def test_a_reservation_holds_the_lock_until_it_is_read_or_given_back(data_file: Path) -> None:
    open_plan(data_file).close()
    reservation = reserve_plan(data_file)
    with pytest.raises(LockedError):
        reserve_plan(data_file)
    plan = reservation.open()  # keeps the lock it reserved
    with pytest.raises(LockedError):
        open_plan(data_file)
    plan.close()
    reserve_plan(data_file).release()
    open_plan(data_file).close()  # free again


def test_a_reserved_damaged_file_raises_and_frees_the_lock(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True, exist_ok=True)
    damaged = b'{"meta": {"1": {"schema": 1}}, "tasks": {"1": {"title": "x",, }}}'
    data_file.write_bytes(damaged)
    reservation = reserve_plan(data_file)  # this damage does not show without parsing
    with pytest.raises(DataFileError, match="not valid JSON"):
        reservation.open()
    assert data_file.read_bytes() == damaged
    reserve_plan(data_file).release()  # the lock was given back


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "empty"),
        (b"  \n", "blank"),
        (b'{"meta": {"1": {"schema": 1}}, "tasks": {"1": {"tit', "cut short"),
        (b'{"meta": {}}\x00\x00', "NUL"),
        (b"[1, 2]", "one object"),
    ],
)
def test_damage_that_shows_without_parsing_is_refused_at_reservation(
    data_file: Path, content: bytes, said: str
) -> None:
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_bytes(content)
    with pytest.raises(DataFileError, match=said):
        reserve_plan(data_file)
    assert data_file.read_bytes() == content
    with pytest.raises(DataFileError):  # not LockedError: the lock was given back
        reserve_plan(data_file)


def test_a_change_replaces_the_table_and_leaves_what_a_reader_holds(data_file: Path) -> None:
    """Readers iterate a table's dict while another thread writes: a change never alters it."""
    with database.opened(data_file) as plan:
        table = plan.table("tasks")
        first = table.insert({"title": "one"})
        second = table.insert({"title": "two"})
        held = plan.storage.read()["tasks"]
        before = dict(held)
        third = table.insert({"title": "three"})
        table.remove(doc_ids=[first])
        table.update({"title": "TWO"}, doc_ids=[second])
        assert set(held) == set(before)  # same records, none added or removed under the reader
        now = plan.storage.read()["tasks"]
        assert now is not held
        assert {int(k) for k in now} >= {second, third} and str(first) not in now
        assert [d["title"] for d in table.all() if d.doc_id in (second, third)] == ["TWO", "three"]
        table.truncate()
        assert table.all() == [] and set(held) == set(before)
