"""The Today tab: each line is one key away from being acted on; the change persists."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import OptionList

from storage.calendar import community
from storage.calendar import occurrences as content
from storage.datafile.plan import open_plan
from storage.phases import tasks
from tui.shared.form import FieldsForm

SIZE = (120, 40)
TODAY = date(2026, 11, 26)


def shown(app) -> list[str]:
    listing = app.screen.query_one("#today-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def settle(pilot) -> None:
    """Let the check-in, built in a thread, reach the screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def highlighted_text(app) -> str:
    listing = app.screen.query_one("#today-list", OptionList)
    return str(listing.get_option_at_index(listing.highlighted).prompt)


async def test_publish_mark_done_and_log_a_comment_by_keys(
    app_factory, plan, data_file, monkeypatch
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    task = tasks.add_task(plan, 1, "Reply to Ana", due=TODAY - timedelta(days=1))
    draft = content.add_content(
        plan, "Why I blog", TODAY, channel="blog", kind="article", status="scheduled", today=TODAY
    )
    plan.close()

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Why I blog" in highlighted_text(app), "the first line is what is due"
        await pilot.press("p")
        await settle(pilot)
        assert "Reply to Ana" in highlighted_text(app), "published: the due task comes first"
        await pilot.press("d")
        await settle(pilot)
        assert not any("Reply to Ana" in line for line in shown(app))
        await pilot.press("end")
        assert "Why I blog" in highlighted_text(app), "the new promise is the last line"
        await pilot.press("c")
        for _ in range(50):
            if isinstance(app.screen, FieldsForm):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, FieldsForm)
        await pilot.press(*"Ana's blog", "enter", *"https://ana.example/post", "enter", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FieldsForm)
        await pilot.press("q")

    with open_plan(data_file, write=False) as again:
        assert content.get_content(again, draft.id).status == "published"
        assert content.get_content(again, draft.id).published_on == TODAY
        assert tasks.get_task(again, task.id).done
        [comment] = community.list_comments(again, draft.id)
        assert comment.where == "Ana's blog" and comment.url == "https://ana.example/post"


async def test_keys_that_do_not_apply_are_refused(app_factory, monkeypatch) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Record a baseline" in highlighted_text(app)
        await pilot.press("p")  # a task cannot be published
        await settle(pilot)
        assert not tasks.get_task(app.plan, tasks.next_tasks(app.plan, 1)[0].id).done
        await pilot.press("enter")
        await settle(pilot)
        assert app.active_tab == "phases"
        await pilot.press("q")


async def test_open_goes_to_the_day_in_the_calendar(app_factory, plan, monkeypatch) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    late = TODAY - timedelta(days=3)
    content.add_content(plan, "Late video", late, channel="youtube", kind="video", today=TODAY)
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Late video" in highlighted_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.active_tab == "calendar"
        calendar = app.screen.query_one("#calendar").children[0]
        assert calendar.cursor == late
        await pilot.press("q")


async def test_open_on_a_task_of_another_phase_shows_that_phase(
    app_factory, plan, monkeypatch
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    tasks.add_task(plan, 4, "Write the comment policy", due=TODAY - timedelta(days=2))
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one("#today-list", OptionList)
        for _ in range(listing.option_count):
            if "Write the comment policy" in highlighted_text(app):
                break
            await pilot.press("j")
        assert "Write the comment policy" in highlighted_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert app.active_tab == "phases"
        heading = app.screen.query_one("#phase-heading")
        for _ in range(50):
            if "Phase 4" in str(heading.render()):
                break
            await pilot.pause(0.02)
        assert "Phase 4 · " in str(heading.render())
        notes = app.screen.query_one("#phases-overview")
        assert "▶ 4 " in str(notes.render())
        await pilot.press("q")


async def test_s_takes_a_snapshot_from_today(app_factory, data_file, monkeypatch) -> None:
    from storage import measure as metrics

    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "No metrics snapshot yet" in str(app.screen.query_one("#today-notes").render())
        await pilot.press("s")
        for _ in range(50):
            if isinstance(app.screen, FieldsForm):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, FieldsForm) and app.active_tab == "measure"
        await pilot.press(*"1500", "enter")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "Last metrics snapshot: today." in str(app.screen.query_one("#today-notes").render())
        await pilot.press("q")
    with open_plan(data_file, write=False) as again:
        [snap] = metrics.list_snapshots(again)
    assert (snap.date, snap.channel, snap.metric, snap.value) == (
        "2026-11-26",
        "blog",
        "visits",
        1500,
    )


async def test_publishing_one_day_of_a_series_publishes_that_day_alone(
    app_factory, plan, data_file, monkeypatch
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    series = content.add_content(
        plan, "Thursday notes", TODAY - timedelta(days=7), kind="short post",
        status="scheduled", rrule="FREQ=WEEKLY;BYDAY=TH", today=TODAY,
    )
    plan.close()

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Thursday notes" in highlighted_text(app)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("q")

    with open_plan(data_file, write=False) as again:
        days = content.content_between(again, TODAY, TODAY + timedelta(days=7))
        statuses = {occ.day: occ.status for occ in days if occ.id == series.id}
        assert statuses == {TODAY: "published", TODAY + timedelta(days=7): "scheduled"}


async def test_open_on_a_mention_puts_the_mentions_tab_on_it(
    app_factory, plan, monkeypatch
) -> None:
    from storage.mentions import inbox as mentions
    from tests.tui.mentions_seed import seed

    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    mentions.add_watch(plan, "lena")
    seed(plan, ["Unrelated news", "More unrelated", "Lena's slow travel post", "Other"])
    plan.close()

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end")
        for _ in range(20):
            if "Lena's slow travel post" in highlighted_text(app):
                break
            await pilot.press("up")
        await pilot.press("o")
        for _ in range(100):
            await pilot.pause(0.02)
            tab = app.tab_widget("mentions")
            current = tab.mention_list.current_item if tab and tab.is_mounted else None
            if current is not None and current.title == "Lena's slow travel post":
                break
        assert app.query_one("TabbedContent").active == "mentions"
        assert current is not None and current.title == "Lena's slow travel post"


async def test_the_footer_dims_the_keys_that_do_not_apply_to_the_line(
    app_factory, plan, monkeypatch
) -> None:
    from tui.shared.footer import Footer

    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    content.add_content(
        plan, "Why I blog", TODAY, channel="blog", kind="article", status="scheduled", today=TODAY
    )
    plan.close()

    def publish_key_enabled(app) -> bool:  # a key that does not apply is shown dimmed
        [key] = [k for k in app.query_one(Footer).query("FooterKey") if k.description == "Publish"]
        return not key.has_class("-disabled")

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Why I blog" in highlighted_text(app)
        assert publish_key_enabled(app)  # content can be published
        await pilot.press("j")  # down to the first task
        await settle(pilot)
        assert "Why I blog" not in highlighted_text(app)
        assert not publish_key_enabled(app)  # a task cannot
        await pilot.press("k")
        await settle(pilot)
        assert publish_key_enabled(app)


async def test_today_reads_the_check_in_view_only_while_it_matches_the_file(
    app_factory, plan, data_file, monkeypatch
) -> None:
    """A view kept by an earlier check-in speeds the first build up; once the plan changed
    after it, Today shows the plan as it is, and shows it the same either way."""
    from storage.checkin_view import open_for_checkin

    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    tasks.add_task(plan, 2, "Claim the Bluesky handle", due=TODAY)
    plan.close()
    open_for_checkin(data_file, TODAY).close()  # a shell's check-in keeps a view of this plan

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from_view = shown(app)
    assert any("Claim the Bluesky handle" in line for line in from_view)

    app = app_factory()
    tasks.add_task(app.plan, 5, "Answer Lena on Mastodon", due=TODAY)  # after the view was kept
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        now = shown(app)
    assert any("Answer Lena on Mastodon" in line for line in now)
    assert any("Claim the Bluesky handle" in line for line in now)


async def test_quitting_keeps_the_check_ins_view_of_the_plan_as_saved(
    app_factory, plan, data_file, monkeypatch
) -> None:
    """The next start (its language) and the next shell check-in read the view, not the plan."""
    from storage.checkin_view import current_view

    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    plan.close()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks.add_task(app.plan, 5, "Thank Ana for her comment", due=TODAY)
        await pilot.press("q")
        await pilot.pause()
    view = current_view(data_file, TODAY)
    assert view is not None
    assert "Thank Ana for her comment" in [d["title"] for _id, d in view.rows("tasks")]


async def test_a_check_in_kept_today_is_on_screen_before_the_file_is_read(
    data_file, monkeypatch
) -> None:
    """Started by the command (the file reserved, read after the first frame): the check-in a
    shell check-in kept this morning is shown at once, the file read once it is drawn, and its
    keys act from then on."""
    from storage.checkin import build_checkin
    from storage.checkin_view import keep_checkin, open_for_checkin
    from storage.datafile.plan import reserve_plan
    from tui.app import SocialPlanApp

    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    with open_plan(data_file) as plan:
        task = tasks.add_task(plan, 2, "Claim the Bluesky handle", due=TODAY)
    view = open_for_checkin(data_file, TODAY)  # a shell's check-in this morning
    keep_checkin(view, TODAY, build_checkin(view, TODAY))
    view.close()

    shown_before_reading: list[list[str]] = []
    read = SocialPlanApp._read

    def reading(app, reservation) -> None:
        shown_before_reading.append(shown(app))
        read(app, reservation)

    monkeypatch.setattr(SocialPlanApp, "_read", reading)
    app = SocialPlanApp(reserve_plan(data_file))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.plan_open
            [before] = shown_before_reading
            assert any("Claim the Bluesky handle" in line for line in before)
            assert shown(app) == before
            assert "Claim the Bluesky handle" in highlighted_text(app)
            await pilot.press("d")
            await settle(pilot)
            assert not any("Claim the Bluesky handle" in line for line in shown(app))
    finally:
        if app.plan_open:
            app.plan.close()
    with open_plan(data_file, write=False) as plan:
        assert tasks.get_task(plan, task.id).done
