"""What a new user sees on the Phases tab: the starter plan, phase 1 explained."""

from __future__ import annotations


def test_phases_tab_with_the_starter_plan(app_factory, snap_compare) -> None:
    app = app_factory()

    async def show(pilot) -> None:
        app.sub_title = "socialplan.json"  # the temporary path differs on every run
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=show)
