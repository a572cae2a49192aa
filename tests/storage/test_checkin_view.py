"""The check-in's view of the plan: the same check-in as the whole plan gives, every day it
serves, and never a stale one after the plan changed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from scripts.bigdata import build
from storage.checkin import build_checkin, to_json
from storage.checkin_view import VIEW_DAYS, checkin_records, open_for_checkin
from storage.datafile import Paths, open_plan, view_plan
from tests.conftest import ROOT

DAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three years of a blog (the benchmark's file, with few mentions)."""
    return build(tmp_path_factory.mktemp("big") / "plan.json", DAY, mentions=50)


def checkin_json(plan: Any, day: date) -> dict[str, Any]:
    return to_json(build_checkin(plan, day))


def test_the_view_gives_the_same_check_in_as_the_whole_plan_every_day_it_serves(big: Path) -> None:
    full = open_plan(big, write=False)
    try:
        view = view_plan(big, checkin_records(full, DAY))
        for offset in range(VIEW_DAYS + 1):
            day = DAY + timedelta(days=offset)
            assert checkin_json(view, day) == checkin_json(full, day), day
        # and it is a small part of the plan: what makes reading it quick
        assert len(view.rows("content")) < len(full.rows("content")) / 2
        assert all(not doc.get("done") for _id, doc in view.rows("tasks"))
    finally:
        full.close()


def test_the_view_keeps_what_a_changed_setting_or_hub_needs(tmp_path: Path) -> None:
    path = build(tmp_path / "plan.json", DAY, mentions=10)
    plan = open_plan(path)
    try:  # more comments owed per article: more promises are open
        plan.update_settings(comments_per_post=5)
        content = plan.table("content")
        hub = content.insert({"title": "Hub", "date": "2020-01-01", "status": "published",
                              "kind": "article", "pillar": "Tips", "channel": "blog",
                              "published_on": "2020-01-01"})
        content.insert({"title": "Spin", "date": (DAY + timedelta(days=2)).isoformat(),
                        "status": "scheduled", "kind": "photo", "parent": hub,
                        "channel": "flickr"})
    finally:
        plan.close()
    full = open_plan(path, write=False)
    try:
        view = view_plan(path, checkin_records(full, DAY))
        assert view.table("content").get(doc_id=hub) is not None
        for day in (DAY, DAY + timedelta(days=VIEW_DAYS)):
            assert checkin_json(view, day) == checkin_json(full, day)
    finally:
        full.close()


def test_a_check_in_keeps_a_view_and_the_next_one_reads_it(data_file: Path) -> None:
    open_plan(data_file).close()
    first = open_for_checkin(data_file, DAY)
    expected = checkin_json(first, DAY)
    first.close()
    view_file = Paths(data_file).checkin_view
    assert view_file.exists()
    second = open_for_checkin(data_file, DAY)
    try:
        assert second.storage.path == data_file
        assert second.read_only
        assert checkin_json(second, DAY) == expected
    finally:
        second.close()


def test_a_change_to_the_plan_shows_in_the_next_check_in(run_cli: Any, data_file: Path) -> None:
    open_plan(data_file).close()
    assert run_cli("checkin").returncode == 0
    assert Paths(data_file).checkin_view.exists()
    added = run_cli("tasks", "add", "Reply to Lena's comment", "--phase", "5", "--due", "today")
    assert added.returncode == 0, added.stderr
    shown = run_cli("checkin")
    assert "Reply to Lena's comment" in shown.stdout


def test_a_damaged_or_foreign_view_is_ignored_and_made_again(run_cli: Any, data_file: Path) -> None:
    run_cli("tasks", "add", "Claim the Bluesky handle", "--phase", "2", "--due", "today")
    expected = run_cli("checkin").stdout
    view = Paths(data_file).checkin_view
    for junk in (b"\x00\xffnot json", b'{"version": 99}', b"[]", b""):
        view.write_bytes(junk)
        shown = run_cli("checkin")
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout == expected
        assert shown.stderr == ""
    assert view.read_bytes().startswith(b"{")  # made again


def test_a_view_serves_only_the_days_it_was_made_for(big: Path, tmp_path: Path) -> None:
    """A check-in of an earlier day (or one past VIEW_DAYS) reads the whole plan again."""
    path = tmp_path / "plan.json"
    path.write_bytes(big.read_bytes())
    every = len(open_plan(path, write=False).rows("tasks"))
    open_for_checkin(path, DAY).close()  # keeps a view
    assert len(open_for_checkin(path, DAY).rows("tasks")) < every
    for day in (DAY - timedelta(days=1), DAY + timedelta(days=VIEW_DAYS + 1)):
        assert len(open_for_checkin(path, day).rows("tasks")) == every, day


def test_the_same_days_check_in_is_read_back_until_what_it_shows_may_differ(
    run_cli: Any, data_file: Path
) -> None:
    """The check-in kept with the view answers the next one of the same day without building
    it again; another day, the other language or a changed mentions cache build it again."""
    from storage.mentions import inbox as mentions
    from storage.phases import tasks

    with open_plan(data_file) as plan:
        tasks.add_task(plan, 2, "Claim the Bluesky handle", due=DAY)
        feed = mentions.add_feed(plan, "https://example.org/feed.xml", name="Planet")
        mentions.add_watch(plan, "socialplan")
    on_day = {"SOCIALPLAN_TODAY": DAY.isoformat()}
    first = run_cli("checkin", env=on_day)
    assert first.returncode == 0, first.stderr
    assert "Claim the Bluesky handle" in first.stdout

    code = (
        "import sys\nfrom tui.cli import main\nstatus = main(['checkin'])\n"
        "print('BUILT:' + str('storage.calendar' in sys.modules), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    again = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_DATA": str(data_file), **on_day},
    )  # fmt: skip
    assert again.stdout == first.stdout
    assert again.stderr.strip().splitlines()[-1] == "BUILT:False", "read back, not built"

    later = run_cli("checkin", env={"SOCIALPLAN_TODAY": (DAY + timedelta(days=1)).isoformat()})
    assert "Claim the Bluesky handle" in later.stdout and "overdue" in later.stdout
    french = run_cli("--lang", "fr", "checkin", env=on_day)
    assert french.stdout.startswith("Point du jour")

    plan_file = data_file.stat()
    with open_plan(data_file) as plan:  # a fetch: the mentions cache changes, the plan does not
        plan.mentions_table().insert(
            {"feed": feed.id, "key": "a", "title": "A socialplan review", "link": None,
             "published": None, "summary": "", "author": "", "first_seen": "2026-11-25T08:00:00",
             "last_seen": "", "in_feed": True, "read": False}
        )  # fmt: skip
    assert data_file.stat().st_mtime_ns == plan_file.st_mtime_ns
    fetched = run_cli("checkin", env=on_day)
    assert "A socialplan review" in fetched.stdout
    assert "A socialplan review" not in first.stdout
