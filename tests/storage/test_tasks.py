"""The phase checklists: starter plan, editing, order and the progress rules."""

from __future__ import annotations

from datetime import date

import pytest

from storage.dates import parse_date
from storage.errors import DateError, InputError
from storage.phases import tasks

TODAY = date(2026, 11, 26)  # a Thursday


def test_starter_plan_teaches_every_phase(plan) -> None:
    all_tasks = tasks.list_tasks(plan)
    for number in tasks.PHASES:
        assert tasks.list_tasks(plan, number), f"phase {number} has no starter items"
        assert len(tasks.phase_info(number).description) > 100
    titles = " ".join(t.title.lower() for t in all_tasks)
    for words in ("baseline", "comment feed", "name", "brand", "claim your handle",
                  "editorial line", "spin-offs", "two comments", "contest", "meet-up",
                  "baseline and your objectives"):
        assert words in titles
    feeds = next(t for t in all_tasks if "follow your field" in t.title)
    for example in ("/tags/TAG.rss", "reddit.com/search.rss?q=", "hnrss.org/newest?q=",
                    "Google Alerts", "feeds/videos.xml?channel_id="):
        assert example in feeds.notes


def test_add_goes_to_the_end_of_its_phase(plan) -> None:
    before = tasks.list_tasks(plan, 3)
    task = tasks.add_task(plan, 3, "  Interview a reader  ", due=date(2026, 12, 1), today=TODAY)
    after = tasks.list_tasks(plan, 3)
    assert after[-1] == task
    assert len(after) == len(before) + 1
    assert task.title == "Interview a reader"
    assert task.due == date(2026, 12, 1)
    assert task.created == TODAY
    assert task.source == "user"


@pytest.mark.parametrize("phase", [0, 7, "x", "", -1])
def test_a_bad_phase_is_refused_and_nothing_is_written(plan, phase) -> None:
    count = len(tasks.list_tasks(plan))
    with pytest.raises(InputError, match="phase must be a number from 1 to 6"):
        tasks.add_task(plan, phase, "Something")  # type: ignore[arg-type]
    assert len(tasks.list_tasks(plan)) == count


def test_an_empty_title_is_refused(plan) -> None:
    with pytest.raises(InputError, match="title"):
        tasks.add_task(plan, 1, "   ")
    with pytest.raises(InputError, match="title"):
        tasks.add_task(plan, 1, "\x1b[31m\x07")


def test_titles_are_stored_without_control_characters(plan) -> None:
    task = tasks.add_task(plan, 1, "\x1b[31mRed\x1b[0m  title\nwith a break\x07")
    assert task.title == "Red title with a break"


def test_edit_done_and_json(plan) -> None:
    task = tasks.add_task(plan, 2, "Claim Pixelfed")
    tasks.update_task(plan, task.id, "Claim Pixelfed handle", "before a squatter", TODAY)
    done = tasks.set_done(plan, task.id, True)
    assert done.done and done.notes == "before a squatter" and done.due == TODAY
    assert done.to_json() == {
        "id": task.id, "phase": 2, "title": "Claim Pixelfed handle",
        "notes": "before a squatter", "done": True, "due": "2026-11-26",
        "position": done.position,
    }
    with pytest.raises(InputError, match="no task 9999"):
        tasks.set_done(plan, 9999, True)


def test_editing_the_phase_moves_the_task_to_the_end_of_that_phase(plan) -> None:
    task = tasks.list_tasks(plan, 1)[0]
    moved = tasks.update_task(plan, task.id, task.title, task.notes, None, phase=6)
    assert tasks.list_tasks(plan, 6)[-1] == moved and moved.phase == 6
    assert [t.position for t in tasks.list_tasks(plan, 1)] == list(range(6))
    with pytest.raises(InputError):
        tasks.update_task(plan, task.id, task.title, "", None, phase=9)
    assert tasks.get_task(plan, task.id) == moved


def test_reorder_stays_inside_the_phase_and_at_the_edges(plan) -> None:
    first, second = tasks.list_tasks(plan, 4)[:2]
    tasks.move_task(plan, second.id, -1)
    assert [t.id for t in tasks.list_tasks(plan, 4)][:2] == [second.id, first.id]
    tasks.move_task(plan, second.id, -1)  # already first: nothing moves
    assert tasks.list_tasks(plan, 4)[0].id == second.id
    last = tasks.list_tasks(plan, 4)[-1]
    tasks.move_task(plan, last.id, +5)
    assert tasks.list_tasks(plan, 4)[-1].id == last.id
    assert [t.position for t in tasks.list_tasks(plan, 4)] == list(range(len(tasks.list_tasks(plan, 4))))
    assert all(t.phase == 3 for t in tasks.list_tasks(plan, 3))


def test_with_done_hidden_a_move_passes_the_next_undone_task(plan) -> None:
    a, b, c, d = tasks.list_tasks(plan, 5)[:4]
    tasks.set_done(plan, b.id, True)
    tasks.set_done(plan, c.id, True)
    tasks.move_task(plan, a.id, +1, skip_done=True)
    assert [t.id for t in tasks.list_tasks(plan, 5)][:4] == [b.id, c.id, d.id, a.id]
    tasks.move_task(plan, a.id, -1, skip_done=True)
    assert [t.id for t in tasks.list_tasks(plan, 5)][:4] == [b.id, c.id, a.id, d.id]


def test_delete_then_restore_puts_it_back_in_place(plan) -> None:
    before = tasks.list_tasks(plan, 5)
    order = [t.id for t in before]
    removed = tasks.delete_task(plan, order[1])
    assert [t.id for t in tasks.list_tasks(plan, 5)] == order[:1] + order[2:]
    assert [t.position for t in tasks.list_tasks(plan, 5)] == list(range(len(order) - 1))
    tasks.restore_task(plan, removed)
    assert tasks.list_tasks(plan, 5) == before
    assert tasks.get_task(plan, order[1]).title == removed.title


def test_progress_rules(plan) -> None:
    progress = tasks.progress(plan)
    assert progress.current == 1 == tasks.current_phase(plan)
    assert progress.done == 0 and progress.total == len(tasks.list_tasks(plan))
    for task in tasks.list_tasks(plan, 1):
        tasks.set_done(plan, task.id, True)
    progress = tasks.progress(plan)
    assert progress.phases[0].finished and progress.phases[0].fraction == 1.0
    assert progress.current == 2
    assert tasks.next_tasks(plan, 2) == tasks.list_tasks(plan, 2)[:2]
    # an emptied phase does not block the plan
    for task in tasks.list_tasks(plan, 2):
        tasks.delete_task(plan, task.id)
    assert tasks.current_phase(plan) == 3
    assert tasks.progress(plan).phases[1].total == 0
    for task in tasks.list_tasks(plan):
        tasks.set_done(plan, task.id, True)
    assert tasks.current_phase(plan) is None
    assert tasks.progress(plan).fraction == 1.0
    # an unfinished later item makes that phase current again
    tasks.add_task(plan, 6, "Quarterly review")
    assert tasks.current_phase(plan) == 6


def test_progress_of_counts_per_phase() -> None:
    items = [
        tasks.Task(1, 1, "a", done=True), tasks.Task(2, 1, "b"),
        tasks.Task(3, 3, "c", done=True),
    ]
    progress = tasks.progress_of(items)
    assert [(p.done, p.total) for p in progress.phases] == [(1, 2), (0, 0), (1, 1), (0, 0), (0, 0), (0, 0)]
    assert progress.current == 1
    assert (progress.done, progress.total) == (2, 3)


def test_due_tasks_are_today_or_overdue_and_undone(plan) -> None:
    late = tasks.add_task(plan, 2, "Late", due=date(2026, 11, 20))
    now = tasks.add_task(plan, 1, "Now", due=TODAY)
    tasks.add_task(plan, 1, "Later", due=date(2026, 12, 20))
    done = tasks.add_task(plan, 1, "Done", due=date(2026, 11, 1))
    tasks.set_done(plan, done.id, True)
    assert [t.id for t in tasks.due_tasks(plan, TODAY)] == [late.id, now.id]
    assert tasks.get_task(plan, late.id).is_overdue(TODAY)
    assert not tasks.get_task(plan, now.id).is_overdue(TODAY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("thursday", TODAY),
        ("+3d", date(2026, 11, 29)),
        ("2026-12-01", date(2026, 12, 1)),
        ("1 Dec 2026", date(2026, 12, 1)),
    ],
)
def test_due_dates_as_typed(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["someday", "31/31/2026", "+3x", ""])
def test_a_bad_due_date_gets_a_message(typed: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(typed, TODAY)
    assert str(error.value)


def test_undoing_a_delete_after_a_reopen_and_an_add_puts_the_task_back(data_file) -> None:
    """Found by the plan state machine: the deleted task's id was handed out again."""
    from storage.datafile.plan import open_plan
    from storage.phases import tasks as t

    plan = open_plan(data_file)
    last = t.add_task(plan, 1, "Last one added")
    plan.close()
    plan = open_plan(data_file)  # the next morning
    try:
        gone = t.delete_task(plan, last.id)
        newer = t.add_task(plan, 1, "Added after the delete")
        assert newer.id != gone.id
        t.restore_task(plan, gone)  # undo
        titles = [task.title for task in t.list_tasks(plan, 1)]
        assert "Last one added" in titles and "Added after the delete" in titles
    finally:
        plan.close()
    again = open_plan(data_file)
    try:
        assert t.add_task(again, 1, "Later").id not in (gone.id, newer.id)
    finally:
        again.close()
