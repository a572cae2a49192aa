"""Content items: adding, checking input, occurrences in a range, spin-offs, undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storage.calendar import occurrences as content
from storage.calendar import spinoffs
from storage.errors import InputError, SocialPlanError

TODAY = date(2026, 11, 26)  # a Thursday


def test_add_checks_and_normalises_what_was_typed(plan) -> None:
    item = content.add_content(
        plan, "  Winter   walks ", TODAY, time="9", channel="Blog", kind="art", status="sch"
    )
    assert item.title == "Winter walks"
    assert (item.date, item.time, item.channel) == (TODAY, "09:00", "blog")
    assert (item.kind, item.status) == ("article", "scheduled")
    assert content.get_content(plan, item.id) == item


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("channel", "myspace", "unknown channel"),
        ("kind", "poem", "kind must be one of"),
        ("status", "done", "status must be one of"),
        ("time", "25:00", "not a time"),
        ("pillar", "Gardening", "unknown pillar"),
        ("rrule", "every blue moon", "not a repeat rule"),
    ],
)
def test_bad_values_are_refused_with_their_name(plan, field, value, words) -> None:
    with pytest.raises(SocialPlanError, match=words):
        content.add_content(plan, "Post", TODAY, **{field: value})
    assert content.list_content(plan) == []


def test_an_undated_item_is_an_idea_in_the_backlog(plan) -> None:
    idea = content.add_content(plan, "Someday: a podcast", kind="podcast")
    dated = content.add_content(plan, "Dated", TODAY)
    assert idea.status == "idea" and dated.status == "draft"
    assert content.backlog(plan) == [idea]
    assert [o.item for o in content.content_between(plan, date.min, date.max)] == [dated]


def test_content_between_shows_only_the_range_in_order(plan) -> None:
    late = content.add_content(plan, "Late", TODAY, time="18:00")
    early = content.add_content(plan, "Early", TODAY, time="08:00")
    content.add_content(plan, "Next month", TODAY + timedelta(days=30))
    content.add_content(plan, "Last month", TODAY - timedelta(days=30))
    shown = content.content_between(plan, TODAY, TODAY + timedelta(days=6))
    assert [o.title for o in shown] == ["Early", "Late"]
    assert [o.item for o in shown] == [early, late]


def test_series_shows_every_occurrence_in_range_only(plan) -> None:
    weekly = content.add_content(plan, "Tuesday tips", date(2026, 1, 6), rrule="every tuesday")
    shown = content.content_between(plan, date(2026, 12, 1), date(2026, 12, 31))
    assert [o.day for o in shown] == [date(2026, 12, d) for d in (1, 8, 15, 22, 29)]
    assert all(o.item == weekly and o.key == o.day for o in shown)
    assert content.content_between(plan, date(2025, 12, 1), date(2025, 12, 31)) == []


def test_one_occurrence_is_skipped_or_changed_alone(plan) -> None:
    series = content.add_content(
        plan, "Monthly roundup", date(2026, 1, 5), rrule="first monday of the month"
    )
    content.skip_occurrence(plan, series.id, date(2026, 2, 2))
    content.change_occurrence(
        plan, series.id, date(2026, 3, 2), title="Spring roundup", date=date(2026, 3, 4)
    )
    content.change_occurrence(plan, series.id, date(2026, 4, 6), status="published")
    shown = content.content_between(plan, date(2026, 1, 1), date(2026, 4, 30))
    assert [(o.day, o.title, o.status) for o in shown] == [
        (date(2026, 1, 5), "Monthly roundup", "draft"),
        (date(2026, 3, 4), "Spring roundup", "draft"),
        (date(2026, 4, 6), "Monthly roundup", "published"),
    ]
    # a day moved into a range from outside it is still found
    moved = content.content_between(plan, date(2026, 3, 3), date(2026, 3, 5))
    assert [o.key for o in moved] == [date(2026, 3, 2)]
    with pytest.raises(InputError, match="does not fall on"):
        content.skip_occurrence(plan, series.id, date(2026, 2, 3))
    content.unskip_occurrence(plan, series.id, date(2026, 2, 2))
    assert len(content.content_between(plan, date(2026, 2, 1), date(2026, 2, 28))) == 1


def test_due_content_is_dated_up_to_today_and_not_published(plan) -> None:
    overdue = content.add_content(plan, "Overdue", TODAY - timedelta(days=3))
    content.add_content(plan, "Done", TODAY - timedelta(days=1), status="published")
    content.add_content(plan, "Tomorrow", TODAY + timedelta(days=1))
    content.add_content(plan, "Backlog idea")
    series = content.add_content(plan, "Thursday thread", date(2026, 1, 1), rrule="every thursday")
    due = content.due_content(plan, TODAY)
    assert [(o.item.id, o.day) for o in due] == [
        (overdue.id, TODAY - timedelta(days=3)),
        (series.id, TODAY),
    ]


def test_status_published_records_the_day_and_moves_back(plan) -> None:
    item = content.add_content(plan, "Post", TODAY)
    published = content.set_status(plan, item.id, "published", today=TODAY)
    assert published.published_on == TODAY
    again = content.set_status(plan, item.id, "published", today=TODAY + timedelta(days=5))
    assert again.published_on == TODAY
    assert content.set_status(plan, item.id, "draft").published_on is None
    assert content.next_status("idea") == "draft"
    assert content.next_status("published") == "published"


def test_move_and_delete_with_undo(plan) -> None:
    hub = content.add_content(plan, "Hub", TODAY)
    child = content.add_content(plan, "Child", TODAY, parent=hub.id)
    moved = content.move_content(plan, hub.id, TODAY + timedelta(days=1))
    assert moved.date == TODAY + timedelta(days=1)
    removed = content.delete_content(plan, hub.id)
    assert content.hub_of(plan, child) is None
    with pytest.raises(InputError):
        content.get_content(plan, hub.id)
    restored = content.restore_content(plan, removed)
    assert restored == moved
    assert content.hub_of(plan, child) == restored


def test_spinoffs_follow_the_editable_template(plan) -> None:
    steps = spinoffs.spinoff_template(plan)
    assert [s.channel for s in steps][:2] == ["flickr", "instagram"]
    assert {"youtube", "facebook", "x", "mastodon", "linkedin"} <= {s.channel for s in steps}
    hub = content.add_content(plan, "Alps trip", TODAY, channel="blog", kind="article")
    made = spinoffs.plan_spinoffs(plan, hub.id, ["flickr", "youtube", "x"])
    assert [(s.channel, s.kind, s.date) for s in made] == [
        ("flickr", "photo", TODAY),
        ("youtube", "video", TODAY + timedelta(days=1)),
        ("x", "short post", TODAY + timedelta(days=1)),
    ]
    assert all(s.parent == hub.id and s.status == "idea" for s in made)
    assert content.spinoffs_of(plan, hub.id) == made
    assert content.hub_of(plan, made[0]) == hub
    # planning again adds only the channels not yet covered
    more = spinoffs.plan_spinoffs(plan, hub.id)
    assert {s.channel for s in more} == {s.channel for s in steps} - {"flickr", "youtube", "x"}
    spinoffs.save_spinoff_template(plan, [spinoffs.SpinoffStep("Mastodon", "video", 5)])
    assert spinoffs.spinoff_template(plan) == [spinoffs.SpinoffStep("mastodon", "video", 5)]
    with pytest.raises(InputError, match="unknown channel"):
        spinoffs.save_spinoff_template(plan, [spinoffs.SpinoffStep("orkut", "photo", 0)])


def test_pillars_come_from_the_guide(plan) -> None:
    plan.table("pillars").insert({"name": "Travel", "position": 0})
    item = content.add_content(plan, "Post", TODAY, pillar="travel")
    assert item.pillar == "Travel"


def test_json_form_has_the_contract_fields(plan) -> None:
    item = content.add_content(plan, "Post", TODAY, channel="x", kind="short post")
    data = item.to_json()
    for key in ("id", "title", "date", "channel", "pillar", "kind", "status", "url", "parent"):
        assert key in data
    assert data["date"] == TODAY.isoformat()


def test_the_template_is_edited_as_text_and_bad_lines_are_named(plan) -> None:
    text = spinoffs.template_text(spinoffs.spinoff_template(plan))
    assert text.splitlines()[0] == "flickr, photo, +0"
    steps = spinoffs.parse_template(plan, "# mine\nYouTube, vid, +2\n\nx, short post, -1\n")
    assert steps == [spinoffs.SpinoffStep("youtube", "video", 2),
                     spinoffs.SpinoffStep("x", "short post", -1)]
    with pytest.raises(InputError, match="line 2: unknown channel 'orkut'"):
        spinoffs.parse_template(plan, "x, photo, 0\norkut, photo, 1")
    with pytest.raises(InputError, match="line 1: write it as"):
        spinoffs.parse_template(plan, "x photo tomorrow")


def test_a_month_reads_only_the_items_it_shows(plan, monkeypatch) -> None:
    """Years of content: a month's view builds only that month's items, and a daily series
    begun years ago is expanded over the month only."""
    start = date(2022, 1, 1)
    docs = []
    for n in range(3000):
        item = content.ContentItem(id=0, title=f"Post {n}", date=start + timedelta(days=n // 2))
        docs.append(item.to_doc())
    plan.table("content").insert_multiple(docs)
    content.add_content(plan, "Daily note", date(2020, 1, 1), rrule="daily")
    built: list[int] = []
    original = content.ContentItem.from_doc.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(
        content.ContentItem,
        "from_doc",
        classmethod(lambda cls, doc, doc_id=None: built.append(doc_id) or original(cls, doc, doc_id)),
    )
    expanded: list[tuple[date, date]] = []
    real = content.occurrences
    monkeypatch.setattr(content, "occurrences",
                        lambda rule, first, a, b: expanded.append((a, b)) or real(rule, first, a, b))
    shown = content.content_between(plan, date(2023, 3, 1), date(2023, 3, 31))
    assert len([o for o in shown if o.title.startswith("Post")]) == 62
    assert len([o for o in shown if o.title == "Daily note"]) == 31
    assert len(built) == 63, "only the month's items (and the series) are built"
    assert expanded == [(date(2023, 3, 1), date(2023, 3, 31))]


def test_a_month_read_again_shows_every_change_since(plan) -> None:
    """The month is read from an index by date kept between readings: an item added, moved,
    edited, deleted or skipped since the last reading shows as it is now."""
    month = (date(2026, 12, 1), date(2026, 12, 31))

    def titles() -> list[tuple[date, str]]:
        return [(o.day, o.title) for o in content.content_between(plan, *month)]

    post = content.add_content(plan, "Post", date(2026, 12, 3))
    weekly = content.add_content(plan, "Tips", date(2026, 1, 6), rrule="every tuesday")
    assert (date(2026, 12, 3), "Post") in titles()
    added = content.add_content(plan, "Added", date(2026, 12, 24))
    assert (date(2026, 12, 24), "Added") in titles()
    content.move_content(plan, post.id, date(2027, 1, 5))
    assert (date(2026, 12, 3), "Post") not in titles()
    content.update_content(plan, added.id, title="Renamed")
    assert (date(2026, 12, 24), "Renamed") in titles()
    content.delete_content(plan, added.id)
    content.skip_occurrence(plan, weekly.id, date(2026, 12, 8))
    assert titles() == [(date(2026, 12, d), "Tips") for d in (1, 15, 22, 29)]


def test_spinoff_index_groups_every_hubs_children(plan) -> None:
    hub = content.add_content(plan, "Hub", TODAY)
    other = content.add_content(plan, "Other hub", TODAY)
    made = spinoffs.plan_spinoffs(plan, hub.id, ["x", "flickr"])
    index = content.spinoff_index(plan)
    assert index == {hub.id: content.spinoffs_of(plan, hub.id)}
    assert sorted(i.id for i in index[hub.id]) == sorted(m.id for m in made)
    assert other.id not in index
