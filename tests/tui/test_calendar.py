"""The Calendar tab driven by keys only; every change is checked again after reopening the file."""

from __future__ import annotations

from datetime import date

import pytest

from storage.calendar import community
from storage.calendar import occurrences as content
from storage.datafile.plan import open_plan
from tui.calendar.detail import ItemDetail
from tui.calendar.dialogs import SpinoffScreen
from tui.calendar.form import ContentForm
from tui.calendar.grid import CalendarGrid
from tui.calendar.tab import CalendarTab

SIZE = (120, 40)
TODAY = date(2026, 11, 26)  # a Thursday


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())


async def open_calendar(pilot) -> CalendarTab:
    """Show the Calendar tab."""
    await pilot.press("4")
    await pilot.pause()
    return pilot.app.query_one(CalendarTab)


def detail(app) -> str:
    return str(app.query_one(ItemDetail).render())


def header(app) -> str:
    return str(app.query_one("#cal-header").render())


async def test_add_move_publish_and_keep_the_promise(app_factory, data_file) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_calendar(pilot)
        await pilot.press("a", *"Why I walk", "tab", *"someday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentForm), "a bad date keeps the form open"
        assert "not a date: 'someday'" in str(app.screen.query_one("#form-error").render())
        await pilot.press("end", "ctrl+u", *"tomorrow", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ContentForm)
        assert tab.cursor == date(2026, 11, 27), "the calendar follows the new item"
        assert "Why I walk" in detail(app) and "draft" in detail(app)

        await pilot.press("L")  # one day later
        await pilot.pause()
        assert tab.cursor == date(2026, 11, 28)
        assert "Sat 28 Nov 2026" in detail(app)

        await pilot.press("s", "s")  # draft -> scheduled -> published
        await pilot.pause()
        assert "promise open: 2 of 2" in detail(app)
        assert "1 open promise" in header(app)
        grid = app.query_one(CalendarGrid)
        assert list(grid.data.promises.values()) == [2], "the grid marks the post"

        for where in ("Anna's blog", "A forum"):
            await pilot.press("c", *where, "enter")
            await pilot.pause()
        assert "promise kept: 2 comments logged" in detail(app)
        assert "2026-11-26 Anna's blog" in detail(app)
        assert "open promise" not in header(app)
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        [item] = content.list_content(plan)
        assert (item.title, item.date, item.status) == ("Why I walk", date(2026, 11, 28),
                                                        "published")
        assert content.open_promises(plan) == []
        assert sorted(c.where for c in community.list_comments(plan, item.id)) == [
            "A forum", "Anna's blog"]


async def test_spinoffs_from_a_hub(app_factory, data_file) -> None:
    with open_plan(data_file) as plan:
        hub = content.add_content(plan, "Alps trip", TODAY, channel="blog")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SpinoffScreen)
        await pilot.press("space")  # leave the first channel (Flickr) out
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SpinoffScreen)
        shown = detail(app)
        assert "spin-offs:" in shown and "instagram: idea" in shown and "flickr" not in shown
        await pilot.press("enter", "down")  # into the day's items: the Instagram spin-off
        await pilot.pause()
        assert "spin-off of: Alps trip [draft]" in detail(app)
        await pilot.press("o")  # from a spin-off: the hub's distribution, Flickr still open
        await pilot.pause()
        assert isinstance(app.screen, SpinoffScreen) and "Alps trip" in app.screen.heading
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        made = content.spinoffs_of(plan, hub.id)
    assert [s.channel for s in made] == ["instagram", "flickr", "youtube", "facebook", "x",
                                         "mastodon", "linkedin"]
    facebook = made[3]
    assert (facebook.date, facebook.kind) == (date(2026, 11, 27), "short post")


async def test_skip_one_occurrence_then_undo_and_skip_again(app_factory, data_file) -> None:
    with open_plan(data_file) as plan:
        series = content.add_content(plan, "Thursday thread", date(2026, 11, 5),
                                     rrule="every thursday", kind="short post")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_calendar(pilot)
        grid = app.query_one(CalendarGrid)
        assert [o.title for o in grid.data.by_day[TODAY]] == ["Thursday thread"]
        assert "repeats: every Thursday" in detail(app)
        await pilot.press("x")
        await pilot.pause()
        assert TODAY not in grid.data.by_day
        assert date(2026, 11, 19) in grid.data.by_day, "the rest of the series stays"
        await pilot.press("u")
        await pilot.pause()
        assert TODAY in grid.data.by_day
        await pilot.press("x")
        await pilot.pause()
        assert tab.cursor == TODAY
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        assert content.get_content(plan, series.id).skipped == (TODAY,)
        days = [o.day for o in content.content_between(plan, date(2026, 11, 1),
                                                       date(2026, 11, 30))]
    assert days == [date(2026, 11, d) for d in (5, 12, 19)]


async def test_navigate_days_weeks_months_and_views(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_calendar(pilot)
        assert "November 2026" in header(app)
        await pilot.press("right_square_bracket")
        assert tab.cursor == date(2026, 12, 26) and "December 2026" in header(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert tab.cursor == date(2026, 10, 26) and "October 2026" in header(app)
        await pilot.press("t", "l", "right", "j")
        assert tab.cursor == date(2026, 12, 5)
        await pilot.press("down", "k", "up", "h", "left")
        assert tab.cursor == TODAY
        await pilot.press("v")
        assert tab.view == "week" and "Week of 23 Nov 2026" in header(app)
        await pilot.press("v")
        assert tab.view == "agenda" and "agenda" in header(app)
        await pilot.press("v", "t")
        assert tab.view == "month" and tab.cursor == TODAY
        await pilot.press("q")


async def test_edit_filter_delete_and_undo(app_factory, data_file) -> None:
    with open_plan(data_file) as plan:
        content.add_content(plan, "On X", TODAY, channel="x", kind="short post")
        post = content.add_content(plan, "On the blog", TODAY, channel="blog")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        grid = app.query_one(CalendarGrid)
        assert len(grid.data.by_day[TODAY]) == 2
        await pilot.press("f", *"blog", "enter")
        await pilot.pause()
        assert [o.title for o in grid.data.by_day[TODAY]] == ["On the blog"]
        assert "filter: channel=blog" in header(app)
        await pilot.press("e", "end", "ctrl+u", *"On the blog, edited", "enter")
        await pilot.pause()
        assert "On the blog, edited" in detail(app)
        await pilot.press("d")
        await pilot.pause()
        assert TODAY not in grid.data.by_day
        await pilot.press("u")
        await pilot.pause()
        assert [o.title for o in grid.data.by_day[TODAY]] == ["On the blog, edited"]
        await pilot.press("f", "end", "ctrl+u", "enter")
        await pilot.pause()
        assert len(grid.data.by_day[TODAY]) == 2
        await pilot.press("v", "v", "enter")  # the agenda: enter edits the highlighted item
        await pilot.pause()
        assert isinstance(app.screen, ContentForm)
        await pilot.press("escape", "q")

    with open_plan(data_file, write=False) as plan:
        assert content.get_content(plan, post.id).title == "On the blog, edited"
        assert len(content.list_content(plan)) == 2


async def test_change_one_day_of_a_series_with_the_guide_in_view(app_factory, data_file) -> None:
    from tui.shared.rules import GuideRulesScreen

    with open_plan(data_file) as plan:
        series = content.add_content(plan, "Thursday thread", date(2026, 11, 5),
                                     rrule="every thursday", kind="short post", channel="x")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ContentForm)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, GuideRulesScreen), "the guide's rules, one key away"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContentForm)
        await pilot.press("end", "ctrl+u", *"Thanksgiving thread", "tab", "end", "ctrl+u",
                          *"friday", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ContentForm)
        assert "this day changed" in detail(app) and "Thanksgiving thread" in detail(app)
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        shown = content.content_between(plan, date(2026, 11, 19), date(2026, 12, 3))
    assert [(o.day, o.title) for o in shown] == [
        (date(2026, 11, 19), "Thursday thread"),
        (date(2026, 11, 27), "Thanksgiving thread"),
        (date(2026, 12, 3), "Thursday thread"),
    ]
    assert all(o.item.id == series.id for o in shown)


async def test_edit_the_spinoff_template_as_text(app_factory, data_file) -> None:
    from tui.calendar.template import TemplateScreen

    with open_plan(data_file) as plan:
        hub = content.add_content(plan, "Hub", TODAY, channel="blog")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TemplateScreen)
        await pilot.press("f7", "backspace")  # select all, delete
        await pilot.press(*"x, video, +2", "enter", *"orkut, photo, 0", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TemplateScreen), "a bad line keeps the editor open"
        assert "line 2: unknown channel 'orkut'" in str(
            app.screen.query_one("#template-error").render())
        await pilot.press(*["backspace"] * len("orkut, photo, 0"), "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, TemplateScreen)
        await pilot.press("o", "enter")
        await pilot.pause()
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        [made] = content.spinoffs_of(plan, hub.id)
    assert (made.channel, made.kind, made.date) == ("x", "video", date(2026, 11, 28))


async def test_help_and_palette_list_the_calendar_keys(app_factory) -> None:
    from tui.shared.help import HelpScreen

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {e.description for e in app.screen.entries}
        for words in ("Previous month", "Next month", "Today", "View", "Add", "Move",
                      "Next status", "Delete", "Skip this day", "Spin-offs", "Log a comment",
                      "Filter", "Spin-off template", "Move a day later"):
            assert words in described, words
        await pilot.press("escape", "q")


async def test_typed_text_is_shown_literally(app_factory, data_file) -> None:
    hostile = "[b]Bold[/b] [@click=app.quit]x[/] \x1b]8;;http://evil\x07link\x1b[31m"
    with open_plan(data_file) as plan:
        content.add_content(plan, hostile, TODAY, notes="[red]note[/red]\x07")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("C")  # colour by pillar: the same text, other colours
        await pilot.pause()
        shown = detail(app)
        assert "[b]Bold[/b] [@click=app.quit]x[/]" in shown and "[red]note[/red]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        cell = str(app.query_one(CalendarGrid).render())
        assert "[b]Bold" in cell and "\x1b" not in cell
        await pilot.press("q")


async def test_move_to_a_typed_date_and_filter_refuses_unknown_values(app_factory,
                                                                       data_file) -> None:
    from tui.calendar.dialogs import DatePrompt, FilterScreen

    with open_plan(data_file) as plan:
        item = content.add_content(plan, "Winter walk", TODAY, channel="blog")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_calendar(pilot)
        await pilot.press("m", "end", "ctrl+u", *"the 30th of february", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt), "a bad date keeps the prompt open"
        assert "not a date" in str(app.screen.query_one(".error").render())
        await pilot.press("end", "ctrl+u", *"next monday", "enter")
        await pilot.pause()
        assert tab.cursor == date(2026, 11, 30) and "Winter walk" in detail(app)
        await pilot.press("f", "tab", *"finished", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        assert "status must be one of" in str(app.screen.query_one(".error").render())
        await pilot.press("end", "ctrl+u", *"dra", "enter")  # a unique prefix is enough
        await pilot.pause()
        assert "filter: status=draft" in header(app)
        await pilot.press("q")

    with open_plan(data_file, write=False) as plan:
        assert content.get_content(plan, item.id).date == date(2026, 11, 30)


async def test_footer_follows_the_day_once_the_cursor_rests(app_factory, plan) -> None:
    """Item keys are dimmed on an empty day and lit on a day with an item, after moving."""
    from storage.calendar import occurrences as content_model
    from storage.dates import today as current

    content_model.add_content(plan, "Footer check", current(), kind="article")
    plan.close()
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause(0.4)
        tab = app.tab_widget("calendar")

        def edit_enabled() -> bool:
            """Whether ``e`` applies, and the footer shows it lit (dimmed when it does not)."""
            enabled = app.screen.active_bindings["e"].enabled
            [key] = [k for k in app.query("FooterKey") if getattr(k, "action", "") == "edit"]
            assert key.has_class("-disabled") is not enabled
            return enabled

        assert edit_enabled()
        await pilot.press("right")  # tomorrow: nothing planned
        await pilot.pause(0.4)
        assert not edit_enabled()
        await pilot.press("left")
        await pilot.pause(0.4)
        assert edit_enabled()
        assert tab is not None
