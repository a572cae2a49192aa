"""The Calendar's changes and their undo, without a running app: what ``u`` puts back.

Each test makes a change the way a Calendar key does, checks what the blogger is told and which
day is shown, then takes it back and checks the plan is as it was.
"""

from __future__ import annotations

from datetime import date

import pytest

from storage import calendar as model
from storage.errors import InputError
from tui.calendar.changes import CalendarChanges, Done

TODAY = date(2026, 11, 26)


@pytest.fixture
def changes(plan) -> CalendarChanges:
    return CalendarChanges(plan, today=lambda: TODAY)


def _said(done: Done | None) -> list[str]:
    assert done is not None
    return [note.text for note in done.notes]


def _only(plan, title: str) -> model.ContentItem:
    [item] = [i for i in model.list_content(plan) if i.title == title]
    return item


def _occurrence(plan, item: model.ContentItem, day: date) -> model.Occurrence:
    [occ] = [o for o in model.content_between(plan, day, day) if o.item.id == item.id]
    return occ


def test_add_shows_the_new_day_and_u_takes_it_away(plan, changes) -> None:
    done = changes.add({"title": "Why I walk", "date": date(2026, 12, 4), "kind": "article"})
    assert done.select == date(2026, 12, 4)
    assert _said(done) == ["Added: Why I walk"]
    assert [i.title for i in model.list_content(plan)] == ["Why I walk"]
    assert _said(changes.undo()) == ["Undone: add"]
    assert model.list_content(plan) == []
    assert not changes.can_undo


def test_edit_then_undo_gives_the_item_back_as_it_was(plan, changes) -> None:
    item = model.add_content(plan, "Draft title", TODAY, channel="blog", notes="keep me")
    done = changes.edit(_occurrence(plan, item, TODAY),
                        {"title": "Final title", "date": date(2026, 12, 1)})
    assert done.select == date(2026, 12, 1)
    assert model.list_content(plan)[0].title == "Final title"
    changes.undo()
    assert model.list_content(plan) == [item]


def test_moving_one_day_of_a_series_moves_only_that_day(plan, changes) -> None:
    series = model.add_content(plan, "Weekly links", TODAY, rrule="FREQ=WEEKLY", today=TODAY)
    week_two = date(2026, 12, 3)
    done = changes.move(_occurrence(plan, series, week_two), date(2026, 12, 5))
    assert done is not None and done.select == date(2026, 12, 5)
    shown = model.content_between(plan, week_two, date(2026, 12, 10))
    assert [o.day for o in shown] == [date(2026, 12, 5), date(2026, 12, 10)]
    changes.undo()
    shown = model.content_between(plan, week_two, date(2026, 12, 10))
    assert [o.day for o in shown] == [week_two, date(2026, 12, 10)]


def test_a_whole_series_is_not_moved_and_nothing_is_remembered(plan, changes) -> None:
    series = model.add_content(plan, "Weekly links", TODAY, rrule="FREQ=WEEKLY", today=TODAY)
    whole = model.Occurrence(series, TODAY, None, series.title, None, series.status)
    assert changes.move(whole, date(2026, 12, 5)) is None
    assert not changes.can_undo
    assert _only(plan, "Weekly links").date == TODAY


def test_publishing_says_a_promise_was_opened_and_undo_closes_it(plan, changes) -> None:
    post = model.add_content(plan, "Why I walk", TODAY, status="scheduled", today=TODAY)
    done = changes.advance_status(_occurrence(plan, post, TODAY))
    assert _said(done)[0] == "Why I walk: published"
    assert "Promise opened: leave 2 comments" in _said(done)[1]
    assert done.notes[1].title == "Community"
    assert [p.item.id for p in model.open_promises(plan)] == [post.id]
    changes.undo()
    assert _only(plan, "Why I walk").status == "scheduled"
    assert model.open_promises(plan) == []


def test_delete_then_undo_keeps_the_id_so_spinoffs_find_their_hub(plan, changes) -> None:
    hub = model.add_content(plan, "Hub", TODAY)
    done = changes.plan_spinoffs(hub, ["x", "flickr"])
    assert _said(done) == ["Planned 2 spin-offs."]
    done = changes.delete(_occurrence(plan, hub, TODAY))
    assert _said(done) == ["Deleted item 'Hub' — u: undo"]
    changes.undo()
    assert _only(plan, "Hub").id == hub.id
    assert len(model.spinoffs_of(plan, hub.id)) == 2
    changes.undo()  # the spin-offs themselves
    assert model.spinoffs_of(plan, hub.id) == []
    assert [i.title for i in model.list_content(plan)] == ["Hub"]


def test_skip_then_undo_brings_the_day_back(plan, changes) -> None:
    series = model.add_content(plan, "Weekly links", TODAY, rrule="FREQ=WEEKLY", today=TODAY)
    week_two = date(2026, 12, 3)
    assert _said(changes.skip(_occurrence(plan, series, week_two))) == [
        "Skipped 2026-12-03 — u: undo"
    ]
    assert model.content_between(plan, week_two, week_two) == []
    changes.undo()
    assert [o.day for o in model.content_between(plan, week_two, week_two)] == [week_two]


def test_the_last_comment_owed_says_the_promise_is_kept(plan, changes) -> None:
    post = model.add_content(plan, "Why I walk", TODAY, status="published", today=TODAY)
    promise = changes.promise_to_pay(None)
    assert promise is not None and promise.item.id == post.id
    first = changes.log_comment(post.id, TODAY, "Anna's blog", "https://anna.example", "")
    assert _said(first) == ["Comment logged."]
    second = changes.log_comment(post.id, TODAY, "a forum", "", "long answer")
    assert _said(second) == ["Promise kept."]
    changes.undo()
    assert model.promise_for(plan, post.id).left == 1  # type: ignore[union-attr]


def test_a_failed_change_is_not_remembered(plan, changes) -> None:
    item = model.add_content(plan, "Gone elsewhere", TODAY)
    occ = _occurrence(plan, item, TODAY)
    model.delete_content(plan, item.id)  # deleted from another tab meanwhile
    with pytest.raises(InputError):
        changes.move(occ, date(2026, 12, 1))
    assert not changes.can_undo


def test_an_undo_that_fails_can_be_tried_again(plan, changes) -> None:
    changes.add({"title": "Added here", "date": TODAY})
    added = _only(plan, "Added here")
    model.delete_content(plan, added.id)  # and deleted from elsewhere before u
    with pytest.raises(InputError):
        changes.undo()
    assert changes.can_undo  # still there: nothing was taken back
    model.restore_content(plan, added)
    assert _said(changes.undo()) == ["Undone: add"]
    assert model.list_content(plan) == []


def test_only_the_last_changes_can_be_taken_back(plan) -> None:
    changes = CalendarChanges(plan, today=lambda: TODAY, depth=3)
    for n in range(5):
        changes.add({"title": f"Post {n}", "date": TODAY})
    while changes.can_undo:
        changes.undo()
    assert [i.title for i in model.list_content(plan)] == ["Post 0", "Post 1"]
    assert changes.undo() is None
