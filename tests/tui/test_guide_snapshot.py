"""What the Guide tab looks like: Lena's guide, on the Pillars section."""

from __future__ import annotations

from datetime import date
from typing import Any

from scripts.demo.guide import seed
from storage.datafile.plan import open_plan

DAY = date(2026, 11, 26)


def test_guide_tab_pillars(app_factory: Any, data_file: Any, monkeypatch: Any,
                           snap_compare: Any) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", DAY.isoformat())
    plan = open_plan(data_file)
    seed(plan, DAY)
    plan.close()
    app = app_factory()

    async def show(pilot: Any) -> None:
        app.sub_title = "demo.json"  # the temporary path differs on every run
        await pilot.press("3", "j", "j", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=show)
