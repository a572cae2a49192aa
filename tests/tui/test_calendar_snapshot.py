"""What the Calendar tab looks like: the month grid and the agenda, on a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from storage.calendar import community, spinoffs
from storage.calendar import occurrences as content
from storage.datafile.plan import open_plan

TODAY = date(2026, 11, 26)


@pytest.fixture
def seeded(data_file, monkeypatch: pytest.MonkeyPatch) -> None:
    """A month of content: a series with a skipped day, a hub with spin-offs, a promise."""
    monkeypatch.setenv("SOCIALPLAN_TODAY", TODAY.isoformat())
    with open_plan(data_file, today=TODAY) as plan:
        post = content.add_content(plan, "Packing light for the Alps", date(2026, 11, 23),
                                   channel="blog")
        content.set_status(plan, post.id, "published", today=date(2026, 11, 23))
        community.log_comment(plan, date(2026, 11, 24), "Outdoor forum", "", content_id=post.id)
        hub = content.add_content(plan, "Crossing the Alps on foot", TODAY, channel="blog",
                                  status="scheduled", time="08:00")
        spinoffs.plan_spinoffs(plan, hub.id, ["flickr", "youtube", "x"])
        tips = content.add_content(plan, "Tuesday tip", date(2026, 11, 3), channel="mastodon",
                                   kind="short post", rrule="every tuesday", time="12:30")
        content.skip_occurrence(plan, tips.id, date(2026, 11, 17))
        content.add_content(plan, "Meet-up at the café", date(2026, 12, 12), kind="event",
                            channel="facebook", status="scheduled", time="18:30")
        content.add_content(plan, "Gear I stopped carrying")


def test_month_view(seeded, app_factory, snap_compare) -> None:
    app = app_factory()

    async def show(pilot) -> None:
        app.sub_title = "socialplan.json"  # the temporary path differs on every run
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=show)


def test_agenda_view(seeded, app_factory, snap_compare) -> None:
    app = app_factory()

    async def show(pilot) -> None:
        app.sub_title = "socialplan.json"
        await pilot.press("4", "v", "v", "left_square_bracket")
        await pilot.pause(0.4)  # the footer settles once the cursor rests

    assert snap_compare(app, terminal_size=(120, 40), run_before=show)
