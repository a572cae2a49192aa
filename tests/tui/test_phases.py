"""The Phases tab driven by keys only; every change is checked again after reopening the file."""

from __future__ import annotations

from datetime import date

from storage.datafile.plan import open_plan
from storage.phases import baseline, channels, tasks
from tui.phases.checklist import ChecklistPane
from tui.phases.task_form import TaskForm
from tui.shared.help import HelpScreen

SIZE = (120, 40)


async def open_phases(pilot) -> None:
    """Show the Phases tab."""
    await pilot.press("2")
    await pilot.pause()


async def test_task_lifecycle_in_phase_3_persists(app_factory, data_file) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("l", "l")  # phase 1 is current: two sections on is phase 3
        assert app.query_one(ChecklistPane).phase == 3
        await pilot.press("a", *"Interview a reader", "enter")
        await pilot.pause()
        await pilot.press("e", "tab", *"someday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TaskForm), "a bad date keeps the form open"
        assert "not a date" in str(app.screen.query_one("#task-error").render())
        await pilot.press(*["backspace"] * 7, *"2026-12-01", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TaskForm)
        await pilot.press("space", "K")
        await pilot.pause()
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        phase3 = tasks.list_tasks(plan, 3)
    mine = next(t for t in phase3 if t.title == "Interview a reader")
    assert mine.due == date(2026, 12, 1) and mine.done
    assert phase3[-2] == mine, "moved up one place"

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("l", "l", "end", "k", "d")
        await pilot.pause()
        assert mine.id not in [t.id for t in tasks.list_tasks(app.plan, 3)]
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        assert tasks.list_tasks(plan, 3) == phase3


async def test_hide_done_and_progress(app_factory, data_file) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        pane = app.query_one(ChecklistPane)
        count = pane.task_list.option_count
        await pilot.press("space", "j", "space", "v")
        await pilot.pause()
        assert pane.task_list.option_count == count - 2
        overview = str(app.query_one("#phases-overview").render())
        assert f"2/{count}" in overview
        await pilot.press("q")
    with open_plan(data_file, write=False) as plan:
        assert tasks.progress(plan).phases[0].done == 2


async def test_claim_a_channel_and_complete_its_profile(app_factory, data_file) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("c", "n", *"@ann", "enter")
        await pilot.pause()
        await pilot.press("j", "j")  # Blog, Facebook, X/Twitter
        await pilot.press("s")  # not claimed -> claimed
        await pilot.press("e", *"@ann", "tab")
        # focus: handle -> url; then the five profile boxes
        await pilot.press(*"x.com/ann")
        for _ in channels.PROFILE_ITEMS:
            await pilot.press("tab", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("j", "e", *"ann2", "enter")  # YouTube: a differing handle
        await pilot.pause()
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        by_key = {c.key: c for c in channels.list_channels(plan)}
        brand = channels.brand_handle(plan)
    assert brand == "@ann"
    x = by_key["x"]
    assert x.status == "complete" and x.profile_done == 5
    assert x.handle == "@ann" and x.url == "x.com/ann"
    assert channels.handle_differs(by_key["youtube"].handle, brand)

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("c")
        await pilot.pause()
        rows = [str(o.prompt) for o in app.query_one("#channel-list").options]
        assert any("YouTube" in r and "differs from brand handle" in r for r in rows)
        assert any("X/Twitter" in r and "complete" in r and "5/5" in r for r in rows)
        await pilot.press("q")


async def test_record_a_baseline_and_an_objective(app_factory, data_file) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("b", "r", *"lots", "enter")
        await pilot.pause()
        assert "not a number" in str(app.screen.query_one("#form-error").render())
        await pilot.press(*["backspace"] * 4, *"1,200", "tab", *"300", "tab", *"2.5", "enter")
        await pilot.pause()
        await pilot.press("a", *"1,500 subs", "tab", *"subs", "tab", *"nope", "tab", *"300",
                          "tab", *"1500", "tab", *"+1m", "enter")
        await pilot.pause()
        assert "unknown channel 'nope'" in str(app.screen.query_one("#form-error").render())
        await pilot.press(*["backspace"] * 4, *"Blog", "enter")
        await pilot.pause()
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        snapshot = baseline.load_baseline(plan)
        objectives = baseline.list_objectives(plan)
    assert snapshot.date == date.today()
    assert snapshot.value("blog", "visits") == 1200
    assert snapshot.value("blog", "subscribers") == 300
    assert snapshot.value("blog", "comments_per_post") == 2.5
    assert len(objectives) == 1
    goal = objectives[0]
    assert goal.text == "1,500 subs"
    assert (goal.metric, goal.channel, goal.start, goal.target) == ("subs", "blog", 300, 1500)
    assert goal.by is not None and goal.by > date.today()

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("b")
        await pilot.pause()
        shown = str(app.query_one("#baseline-values").render())
        assert "1200" in shown and "2.5" in shown
        await pilot.press("q")


async def test_help_lists_the_phase_keys(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {e.description for e in app.screen.entries}
        for words in ("Add task", "Done/undone", "Delete", "Undo delete", "Move up",
                      "Hide/show done", "Channels", "Baseline"):
            assert words in described
        await pilot.press("escape", "q")


async def test_changes_made_elsewhere_show_when_the_tab_comes_back(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        first = tasks.list_tasks(app.plan, 1)[0]
        await pilot.press("1")
        await pilot.pause()
        tasks.set_done(app.plan, first.id, True)  # as the Today tab would
        await pilot.press("2")
        await pilot.pause()
        rows = [str(o.prompt) for o in app.query_one("#task-list").options]
        assert rows[0].startswith("☑")
        assert "1/7" in str(app.query_one("#phases-overview").render())
        await pilot.press("q")


async def test_palette_reaches_the_phase_actions(app_factory) -> None:
    from textual.command import CommandList, CommandPalette

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("ctrl+p", *"hide/show")
        results = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches in the background: wait for a hit
            if results.option_count:
                break
            await pilot.pause(0.05)
        assert "Hide/show done" in str(results.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.query_one(ChecklistPane).hide_done
        await pilot.press("q")


async def test_typed_text_is_shown_literally(app_factory) -> None:
    app = app_factory()
    hostile = "[bold red]Boom[/] [@click=app.quit]x[/] \x1b[31mred\x07"
    tasks.add_task(app.plan, 1, hostile, notes=hostile)
    x = next(c for c in channels.list_channels(app.plan) if c.key == "x")
    from dataclasses import replace

    channels.save_channel(app.plan, replace(x, handle=hostile))
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("end")
        await pilot.pause()
        row = str(app.query_one("#task-list").options[-1].prompt)
        assert "[bold red]Boom[/]" in row and "\x1b" not in row
        notes = str(app.query_one("#task-notes").render())
        assert "[@click=app.quit]x[/]" in notes and "\x1b" not in notes and "\x07" not in notes
        await pilot.press("c")
        await pilot.pause()
        rows = [str(o.prompt) for o in app.query_one("#channel-list").options]
        assert any("[bold red]Boom[/]" in r for r in rows)
        await pilot.press("q")


async def test_a_task_moved_to_another_phase_is_followed(app_factory, data_file) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        first = tasks.list_tasks(app.plan, 1)[0]
        await pilot.press("e", "tab", "tab", "backspace", "9", "enter")
        await pilot.pause()
        assert "phase must be a number from 1 to 6" in str(app.screen.query_one("#task-error").render())
        await pilot.press("backspace", "4", "enter")
        await pilot.pause()
        assert app.query_one(ChecklistPane).phase == 4
        assert app.query_one(ChecklistPane).task_list.highlighted_id == first.id
        assert "▶ 4" in str(app.query_one("#phases-overview").render())
        await pilot.press("q")
    with open_plan(data_file, write=False) as plan:
        assert tasks.list_tasks(plan, 4)[-1].id == first.id


async def test_a_deleted_channel_and_objective_come_back_with_u(app_factory, data_file) -> None:
    with open_plan(data_file) as plan:
        baseline.add_objective(plan, "1,500 subscribers", "subscribers", "blog", 1500)
        before = [c.name for c in channels.list_channels(plan)]
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        await pilot.press("c", "j", "d")  # the second channel
        await pilot.pause()
        names = [c.name for c in channels.list_channels(app.plan)]
        assert names == before[:1] + before[2:]
        await pilot.press("u")
        await pilot.pause()
        rows = [str(o.prompt) for o in app.query_one("#channel-list").options]
        assert len(rows) == len(before) and before[1] in rows[1]
        await pilot.press("b", "d")
        await pilot.pause()
        assert baseline.list_objectives(app.plan) == []
        assert "1,500 subscribers" not in str(app.query_one("#objective-list").options)
        await pilot.press("u")
        await pilot.pause()
        [row] = [str(o.prompt) for o in app.query_one("#objective-list").options]
        assert row.startswith("1,500 subscribers")
        await pilot.press("q")
    with open_plan(data_file, write=False) as plan:
        assert [c.name for c in channels.list_channels(plan)] == before
        assert [o.text for o in baseline.list_objectives(plan)] == ["1,500 subscribers"]


async def test_phases_says_overdue_by_the_same_today_as_the_other_tabs(
    app_factory, data_file, monkeypatch
) -> None:
    """A task due yesterday is overdue in Phases on the day every other tab calls today
    (``SOCIALPLAN_TODAY`` in demos and tests), not on the machine's clock."""
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2031-03-10")
    with open_plan(data_file) as plan:
        tasks.add_task(plan, 1, "Set up alerts", due=date(2031, 3, 9))
        tasks.add_task(plan, 1, "Pick the watch words", due=date(2031, 3, 10))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_phases(pilot)
        listed = app.query_one(ChecklistPane).task_list
        rows = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert any("Set up alerts" in r and "overdue 2031-03-09" in r for r in rows)
        assert any("Pick the watch words" in r and "due 2031-03-10" in r
                   and "overdue" not in r for r in rows)
