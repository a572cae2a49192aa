"""The baseline snapshot and the business objectives."""

from __future__ import annotations

from datetime import date

import pytest

from storage.errors import InputError
from storage.phases import baseline, channels


def test_form_fields_follow_the_channels_that_matter(plan) -> None:
    keys = [(f.channel, f.metric) for f in baseline.baseline_fields(plan)]
    assert keys[:3] == [("blog", "visits"), ("blog", "subscribers"), ("blog", "comments_per_post")]
    assert ("mastodon", "followers") not in keys
    mastodon = next(c for c in channels.list_channels(plan) if c.key == "mastodon")
    channels.set_status(plan, mastodon.id, "claimed")
    fields = baseline.baseline_fields(plan)
    assert ("mastodon", "followers") in [(f.channel, f.metric) for f in fields]
    assert "Mastodon followers" in [f.label for f in fields]
    youtube = next(c for c in channels.list_channels(plan) if c.key == "youtube")
    channels.set_status(plan, youtube.id, "claimed")
    assert ("youtube", "subscribers") in [(f.channel, f.metric) for f in baseline.baseline_fields(plan)]


def test_numbers_recorded_elsewhere_keep_a_field_so_saving_keeps_them(plan) -> None:
    baseline.save_baseline(plan, date(2026, 1, 1), {("tiktok", "likes"): 40.0})
    fields = baseline.baseline_fields(plan)
    assert ("tiktok", "likes") in [(f.channel, f.metric) for f in fields]
    assert "TikTok likes" in [f.label for f in fields]


def test_saving_replaces_the_snapshot(plan) -> None:
    assert baseline.load_baseline(plan).date is None
    day = date(2026, 11, 1)
    baseline.save_baseline(plan, day, {("blog", "visits"): 1200.0, ("x", "followers"): 80.0})
    again = baseline.save_baseline(
        plan, date(2026, 11, 2), {("blog", "visits"): 1300.0, ("x", "followers"): None}
    )
    assert again.date == date(2026, 11, 2)
    assert again.values == {("blog", "visits"): 1300.0}
    with pytest.raises(InputError):
        baseline.save_baseline(plan, day, {("blog", "visits"): None})
    assert baseline.load_baseline(plan).value("blog", "visits") == 1300.0


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1,500", 1500.0), ("1 500", 1500.0), ("2.5", 2.5), ("3k", 3000.0), ("", None), ("0", 0.0)],
)
def test_numbers_as_typed(typed, value) -> None:
    assert baseline.parse_number(typed) == value


@pytest.mark.parametrize("typed", ["lots", "-4", "1,5,0", "nan", "inf"])
def test_bad_numbers_get_a_message(typed) -> None:
    with pytest.raises(InputError, match="number"):
        baseline.parse_number(typed)


def test_objectives(plan) -> None:
    later = baseline.add_objective(plan, "Be known for bread recipes")
    soon = baseline.add_objective(
        plan, "1,500 newsletter subscribers by June", metric="subscribers", channel="blog",
        target=1500, by=date(2027, 6, 30), start=400,
    )
    assert [o.id for o in baseline.list_objectives(plan)] == [soon.id, later.id]
    assert soon.target == 1500 and soon.channel == "blog"
    with pytest.raises(InputError):
        baseline.add_objective(plan, "  ")
    with pytest.raises(InputError, match="unknown channel 'Myspace'"):
        baseline.add_objective(plan, "Be big on Myspace", channel="Myspace")
    assert baseline.add_objective(plan, "Grow on X", channel=" x/twitter ").channel == "x"
    removed = baseline.delete_objective(plan, later.id)
    assert baseline.restore_objective(plan, removed) == later
    assert baseline.format_number(1500.0) == "1500" and baseline.format_number(2.5) == "2.5"
