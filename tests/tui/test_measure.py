"""The Measure tab driven by keys; every change is checked again after reopening the file."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, OptionList

from storage import measure as metrics
from storage.calendar import occurrences as content
from storage.datafile.plan import open_plan
from storage.measure import review
from tui.measure.reactions import ReactionsView
from tui.shared.confirm import Confirm
from tui.shared.form import FieldsForm

SIZE = (120, 40)


async def test_enter_a_snapshot_by_keys_and_the_form_remembers(
    app_factory, data_file, monkeypatch
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "a")
        assert await until(pilot, lambda: isinstance(app.screen, FieldsForm))
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FieldsForm), "a bad value keeps the form open"
        assert "not a number: 'lots'" in str(app.screen.query_one("#form-error").render())
        await pilot.press("shift+tab", *"subscribers", "shift+tab", *"youtube")
        await pilot.press("enter", "enter", *"130", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FieldsForm)
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        [snap] = metrics.list_snapshots(plan)
    assert (snap.date, snap.channel, snap.metric, snap.value) == (
        "2026-11-26",
        "youtube",
        "subscribers",
        130,
    )

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "a")
        assert await until(pilot, lambda: isinstance(app.screen, FieldsForm))
        form = app.screen
        assert form.query_one("#field-channel", Input).value == "youtube"
        assert form.query_one("#field-metric", Input).value == "subscribers"
        await pilot.press("shift+tab", "shift+tab", "shift+tab", *"yesterday")
        await pilot.press("enter", "enter", "enter", *"128", "enter")
        await pilot.pause()
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        assert [(s.date, s.value) for s in metrics.list_snapshots(plan)] == [
            ("2026-11-26", 130),
            ("2026-11-25", 128),
        ]


async def until(pilot, condition) -> bool:
    """Let the app work until ``condition()`` holds (a loaded machine may need a few rounds)."""
    for _ in range(50):
        if condition():
            return True
        await pilot.pause(0.02)
    return bool(condition())


async def test_delete_asks_and_undo_puts_back(app_factory, plan, data_file) -> None:
    for day, value in (("2026-01-01", 10), ("2026-02-01", 12)):
        metrics.add_snapshot(plan, day, "x", "followers", value)
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "s")
        await pilot.pause()
        table = app.screen.query_one("#snapshot-table", DataTable)
        assert await until(pilot, lambda: table.row_count == 2)
        await pilot.press("d")
        assert await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        assert await until(pilot, lambda: not isinstance(app.screen, Confirm))
        assert table.row_count == 2
        await pilot.press("j", "d")
        assert await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        assert await until(pilot, lambda: table.row_count == 1)
        assert [s.value for s in metrics.list_snapshots(app.plan)] == [12]
        await pilot.press("u")
        assert await until(pilot, lambda: table.row_count == 2)
        await pilot.press("j", "d")
        assert await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        assert await until(pilot, lambda: table.row_count == 1)
        await pilot.press("q")
    with open_plan(data_file, write=False) as again:
        assert [s.value for s in metrics.list_snapshots(again)] == [12]


async def test_reactions_and_review_by_keys(app_factory, plan, data_file, monkeypatch) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    item = content.add_content(
        plan,
        "Talk video",
        date(2026, 11, 20),
        channel="youtube",
        kind="video",
        status="published",
        url="https://youtu.be/abc",
        today=date(2026, 11, 20),
    )
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "w")
        view = app.screen.query_one(ReactionsView)
        assert await until(pilot, lambda: len(view.items) == 1)
        await pilot.press("e")
        assert await until(pilot, lambda: isinstance(app.screen, FieldsForm))
        await pilot.press(*"4", "enter", *"2", "enter", *"20", "enter")
        summary = app.screen.query_one("#grid-summary")
        expected = "Only videos on YouTube were published: 26.0 reactions each"
        assert await until(pilot, lambda: expected in str(summary.render()))
        await pilot.press("t")
        period = app.screen.query_one("#grid-period")
        assert await until(pilot, lambda: "last 12 months" in str(period.render()))
        await pilot.press("v")
        listing = app.screen.query_one("#review-list", OptionList)
        assert await until(pilot, lambda: listing.option_count > 0)
        await pilot.press("space")
        assert await until(pilot, lambda: str(listing.get_option_at_index(0).prompt)[:3] == "[x]")
        await pilot.press("q")
    with open_plan(data_file, write=False) as again:
        assert content.get_content(again, item.id).reactions == {
            "comments": 4,
            "shares": 2,
            "likes": 20,
        }
        items = review.list_review(again, "2026-11")
        assert items and items[0].done and not any(i.done for i in items[1:])


async def test_enter_edits_the_highlighted_snapshot(app_factory, plan, data_file) -> None:
    metrics.add_snapshot(plan, "2026-01-01", "x", "followers", 10)
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "s")
        table = app.screen.query_one("#snapshot-table", DataTable)
        assert await until(pilot, lambda: table.row_count == 1)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, FieldsForm))
        assert app.screen.query_one("#field-value", Input).value == "10"
        await pilot.press(*"11", "enter")
        await pilot.pause()
        await pilot.press("q")
    with open_plan(data_file, write=False) as again:
        assert [s.value for s in metrics.list_snapshots(again)] == [11]


async def test_help_and_palette_reach_measure_keys_and_typed_text_stays_literal(
    app_factory, plan
) -> None:
    from tui.shared.help import HelpScreen

    metrics.add_snapshot(plan, "2026-01-01", "[red]x", "[b]bold[/b] @click=app.quit", 1)
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "s")
        table = app.screen.query_one("#snapshot-table", DataTable)
        assert await until(pilot, lambda: table.row_count == 1)
        row = [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0)]
        assert row[1:3] == ["[red]x", "[b]bold[/b] @click=app.quit"]
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Measure: Add snapshot" in commands and "Measure: Undo delete" in commands
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        described = {entry.description for entry in app.screen.entries}
        assert {"Add snapshot", "Edit", "Delete", "Undo delete", "What works"} <= described
        await pilot.press("escape")
        await pilot.press("q")


async def test_years_of_snapshots_are_listed_in_steps_and_undo_finds_its_row(
    app_factory, plan, data_file, monkeypatch
) -> None:
    """Thousands of snapshots are added to the list a step at a time (the first rows show at
    once); every one arrives once, and an undone delete far down the list gets the cursor."""
    from datetime import timedelta

    from tui.shared import table_fill

    monkeypatch.setattr(table_fill, "FIRST", 20)
    monkeypatch.setattr(table_fill, "STEP", 40)
    with plan.batch():
        for n in range(230):
            day = date(2024, 1, 1) + timedelta(days=n)
            metrics.add_snapshot(plan, day.isoformat(), "blog", "visits", n)
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "s", "g", "s")  # away and back while it fills: filled again
        table = app.screen.query_one("#snapshot-table", DataTable)
        assert await until(pilot, lambda: table.row_count == 230)
        await pilot.pause(0.3)
        assert table.row_count == 230, "not doubled by the fill it replaced"
        snapshots = app.screen.query_one("#snapshots").snapshots
        shown = [table.get_row_at(i)[3].plain for i in range(table.row_count)]
        assert shown == [str(s.value) for s in snapshots], "every row once, in the list's order"
        await pilot.press("ctrl+end")
        assert await until(pilot, lambda: table.cursor_row == 229)
        gone = snapshots[229]
        await pilot.press("d")
        assert await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        assert await until(pilot, lambda: table.row_count == 229)
        await pilot.press("ctrl+home", "u")
        assert await until(pilot, lambda: table.row_count == 230 and table.cursor_row == 229)
        assert app.screen.query_one("#snapshots").current().value == gone.value
        await pilot.press("q")
    with open_plan(data_file, write=False) as again:
        assert len(metrics.list_snapshots(again)) == 230


async def test_a_table_filled_again_before_it_is_full_shows_only_the_new_rows(
    monkeypatch,
) -> None:
    from textual.app import App, ComposeResult

    from tui.shared import table_fill

    monkeypatch.setattr(table_fill, "FIRST", 5)
    monkeypatch.setattr(table_fill, "STEP", 7)

    class Tables(App[None]):
        def compose(self) -> ComposeResult:
            table: DataTable[str] = DataTable()
            table.add_column("n")
            yield table

    app = Tables()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        table_fill.fill(table, [f"old {n}" for n in range(60)], lambda s: ((s,), None))
        table_fill.fill(table, [f"new {n}" for n in range(30)], lambda s: ((s,), None), 25)
        assert await until(pilot, lambda: table.row_count == 30)
        await pilot.pause(0.2)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == [
            f"new {n}" for n in range(30)
        ]
        assert table.cursor_row == 25


async def test_the_published_list_follows_the_period_of_the_grid(
    app_factory, plan, monkeypatch
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    for title, day in (("Recent post", date(2026, 11, 1)), ("Old post", date(2024, 3, 1))):
        content.add_content(plan, title, day, status="published", today=day)
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "w")
        view = app.screen.query_one(ReactionsView)
        table = app.screen.query_one("#items-table", DataTable)

        def titles() -> list[str]:
            return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]

        assert await until(pilot, lambda: titles() == ["Recent post"]), "last 90 days"
        await pilot.press("t", "t")
        period = app.screen.query_one("#grid-period")
        assert await until(pilot, lambda: "all time" in str(period.render()))
        assert await until(pilot, lambda: sorted(titles()) == ["Old post", "Recent post"])
        assert len(view.items) == 2
        await pilot.press("q")


async def test_e_in_the_snapshot_list_edits_that_snapshot_and_the_list_shows_the_new_value(
    app_factory, plan, data_file
) -> None:
    metrics.add_snapshot(plan, "2026-01-01", "x", "followers", 10)
    metrics.add_snapshot(plan, "2026-02-01", "blog", "visits", 300)
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("6", "s")
        table = app.screen.query_one("#snapshot-table", DataTable)
        assert await until(pilot, lambda: table.row_count == 2)
        await pilot.press("j", "e")
        assert await until(pilot, lambda: isinstance(app.screen, FieldsForm))
        form = app.screen
        shown = [
            form.query_one(f"#field-{name}", Input).value
            for name in ("date", "channel", "metric", "value")
        ]
        assert shown == ["2026-01-01", "x", "followers", "10"]
        await pilot.press(*"15", "enter")
        assert await until(pilot, lambda: not isinstance(app.screen, FieldsForm))

        def values() -> list[str]:
            return [str(table.get_row_at(i)[3]) for i in range(table.row_count)]

        assert await until(pilot, lambda: values() == ["300", "15"])
        assert table.cursor_row == 1, "the cursor stays on the edited snapshot"
        assert any(n.message == "Saved: followers on x, 15" for n in app._notifications)
        await pilot.press("q")
    with open_plan(data_file, write=False) as again:
        assert sorted(s.value for s in metrics.list_snapshots(again)) == [15, 300]


async def test_reactions_entered_in_the_what_works_view_show_in_its_figures_at_once(
    app_factory, plan, monkeypatch
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    content.add_content(
        plan,
        "Launch post",
        date(2026, 11, 10),
        channel="blog",
        kind="article",
        status="published",
        today=date(2026, 11, 10),
    )
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "w")
        table = app.screen.query_one("#items-table", DataTable)
        grid = app.screen.query_one("#grid-table", DataTable)

        def figures() -> list[str]:
            row = table.get_row_at(0) if table.row_count else []
            return [str(cell) for cell in row[4:]]

        assert await until(pilot, lambda: figures() == ["0", "0", "0", "0", "0"])
        await pilot.press("e")
        assert await until(pilot, lambda: isinstance(app.screen, FieldsForm))
        await pilot.press(*"3", "enter", *"1", "enter", *"8", "enter")
        assert await until(pilot, lambda: figures() == ["3", "1", "8", "0", "12"])
        assert await until(
            pilot, lambda: grid.row_count == 1 and str(grid.get_row_at(0)[1]) == "12.0 (1)"
        )
        await pilot.press("q")


async def test_a_mentions_cache_that_cannot_be_read_is_said_not_hidden(
    app_factory, plan, monkeypatch
) -> None:
    from storage.datafile.plan import Plan

    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    content.add_content(
        plan, "Talk video", date(2026, 11, 20), channel="youtube", kind="video",
        status="published", url="https://youtu.be/abc", today=date(2026, 11, 20),
    )  # fmt: skip
    plan.close()

    def unreadable(self: Plan) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Plan, "mentions_table", unreadable)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "w")
        view = app.screen.query_one(ReactionsView)
        assert await until(pilot, lambda: len(view.items) == 1)  # own numbers still shown
        summary = app.screen.query_one("#grid-summary")
        assert await until(
            pilot, lambda: "mentions cache could not be read" in str(summary.render())
        )
        assert "Permission denied" in str(summary.render())
