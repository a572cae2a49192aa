"""Snapshots stored in a plan: add, edit, delete and undo, and CSV import that is all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storage import measure as metrics
from storage.datafile.plan import open_plan
from storage.errors import InputError


def test_add_edit_delete_restore_persist(plan, data_file: Path) -> None:
    snap = metrics.add_snapshot(plan, "2026-03-01", " YouTube ", "Subscribers", "1 240")
    assert (snap.channel, snap.metric, snap.value) == ("youtube", "subscribers", 1240)
    with pytest.raises(InputError, match="not a number"):
        metrics.add_snapshot(plan, "2026-03-01", "youtube", "subscribers", "lots")
    metrics.update_snapshot(plan, snap.id, "2026-03-02", "youtube", "subscribers", "1250")
    gone = metrics.delete_snapshot(plan, snap.id)
    assert gone is not None and metrics.list_snapshots(plan) == []
    metrics.restore_snapshot(plan, gone)
    plan.close()
    with open_plan(data_file, write=False) as again:
        [back] = metrics.list_snapshots(again)
        assert (back.date, back.value) == ("2026-03-02", 1250)
        assert metrics.days_since_last_snapshot(again, date(2026, 3, 12)) == 10


def test_csv_import_adds_all_or_nothing(plan, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "date,channel,metric,value\n2026-01-01,x,followers,10\n2026-02-01,x,followers,12\n",
        encoding="utf-8",
    )
    assert metrics.import_csv(plan, good) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("2026-03-01,x,followers,14\n2026-04-01,x,followers,\n", encoding="utf-8")
    with pytest.raises(metrics.CsvError, match="line 2"):
        metrics.import_csv(plan, bad)
    assert [s.value for s in metrics.list_snapshots(plan)] == [12, 10]
    out = tmp_path / "out.csv"
    assert metrics.export_csv(plan, out) == 2
    assert metrics.parse_csv(out.read_text(encoding="utf-8"))[0].value == 10


def test_progress_reads_baseline_and_objectives_of_the_plan(plan) -> None:
    plan.table("baseline").insert(
        {"date": "2026-01-01", "channel": "x", "metric": "followers", "value": 100}
    )
    plan.table("objectives").insert(
        {
            "text": "300 on X",
            "metric": "followers",
            "channel": "x",
            "target": 300,
            "by": "2027-01-01",
            "start": None,
        }
    )
    metrics.add_snapshot(plan, "2026-12-01", "x", "followers", "290")
    [row] = metrics.progress(plan, date(2026, 12, 2))
    assert (row.baseline, row.latest, row.target, row.on_pace) == (100, 290, 300, True)
    assert row.percent == pytest.approx(95.0)


def test_chart_lines_start_at_the_baseline(plan) -> None:
    plan.table("baseline").insert_multiple(
        [
            {"date": "2026-01-01", "channel": "x", "metric": "followers", "value": 100},
            {"date": "2026-01-01", "channel": "mastodon", "metric": "followers", "value": 40},
        ]
    )
    metrics.add_snapshot(plan, "2026-02-01", "x", "followers", "120")
    metrics.add_snapshot(plan, "2026-02-01", "mastodon", "followers", "50")
    metrics.add_snapshot(plan, "2026-02-01", "blog", "visits", "999")
    lines = metrics.chart_lines(plan, "followers", total=True)
    assert lines == {
        "mastodon": [("2026-01-01", 40), ("2026-02-01", 50)],
        "x": [("2026-01-01", 100), ("2026-02-01", 120)],
        "all": [("2026-02-01", 170)],
    }
