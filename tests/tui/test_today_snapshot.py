"""What the Today tab looks like on the demo data: the morning check-in."""

from __future__ import annotations

from datetime import date

from scripts.demo import build_demo

DAY = date(2026, 11, 26)


def test_today_tab_with_the_demo_data(app_factory, data_file, monkeypatch, snap_compare) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", DAY.isoformat())
    build_demo(data_file, DAY)
    app = app_factory()

    async def show(pilot) -> None:
        app.sub_title = "demo.json"  # the temporary path differs on every run
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=show)
