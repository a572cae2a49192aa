"""The three-way merge of two copies of a plan, rule by rule, on the starter plan's records."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from storage.datafile import STAMP, Paths
from storage.datafile.plan import starter_data
from storage.sync import merge_plans
from storage.sync.conflicts import dismiss_conflicts, open_conflicts, record_conflicts

Data = dict[str, dict[str, dict[str, Any]]]


def plan() -> Data:
    return copy.deepcopy(starter_data(date(2026, 12, 1)))


def test_a_field_changed_on_one_side_only_comes_in() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    ours["tasks"]["1"]["done"] = True
    theirs["tasks"]["2"]["title"] = "Claim the handle everywhere"
    merged = merge_plans(base, ours, theirs)
    assert merged.data["tasks"]["1"]["done"] is True
    assert merged.data["tasks"]["2"]["title"] == "Claim the handle everywhere"
    assert merged.conflicts == ()
    assert (merged.added, merged.changed, merged.removed) == (0, 1, 0)


def test_the_same_record_edited_on_both_sides_in_different_fields_keeps_both_edits() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    ours["tasks"]["3"]["done"] = True
    theirs["tasks"]["3"]["due"] = "2026-12-20"
    merged = merge_plans(base, ours, theirs)
    assert merged.data["tasks"]["3"]["done"] is True
    assert merged.data["tasks"]["3"]["due"] == "2026-12-20"


def test_a_field_both_sides_changed_keeps_the_later_change_and_logs_the_other() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    ours["tasks"]["4"].update(title="Write the about page", **{STAMP: "2026-12-03T10:00:00Z"})
    theirs["tasks"]["4"].update(title="Rewrite the about page", **{STAMP: "2026-12-03T09:00:00Z"})
    for first, second in ((ours, theirs), (theirs, ours)):
        merged = merge_plans(base, first, second)
        assert merged.data["tasks"]["4"]["title"] == "Write the about page"
        assert merged.data["tasks"]["4"][STAMP] == "2026-12-03T10:00:00Z"
        (conflict,) = merged.conflicts
        assert conflict.table == "tasks" and conflict.record == "4" and conflict.field == "title"
        assert conflict.label == "Write the about page"
        assert conflict.other == "Rewrite the about page"
        assert (conflict.kept_at, conflict.other_at) == (
            "2026-12-03T10:00:00Z",
            "2026-12-03T09:00:00Z",
        )


def test_a_change_without_a_stamp_loses_to_a_stamped_one() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    ours["tasks"]["4"]["title"] = "Old file's title"
    theirs["tasks"]["4"].update(title="Stamped title", **{STAMP: "2026-01-01T00:00:00Z"})
    merged = merge_plans(base, ours, theirs)
    assert merged.data["tasks"]["4"]["title"] == "Stamped title"
    assert merged.conflicts[0].other == "Old file's title"
    assert merged.conflicts[0].other_at is None


def test_an_edit_against_a_delete_keeps_the_edited_record() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    del ours["tasks"]["5"]
    theirs["tasks"]["5"]["done"] = True
    for first, second in ((ours, theirs), (theirs, ours)):
        assert merge_plans(base, first, second).data["tasks"]["5"]["done"] is True


def test_a_record_deleted_on_one_side_and_untouched_on_the_other_is_deleted() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    del theirs["tasks"]["6"]
    merged = merge_plans(base, ours, theirs)
    assert "6" not in merged.data["tasks"]
    assert merged.removed == 1


def test_two_new_records_under_the_same_id_are_both_kept_and_references_follow() -> None:
    base = plan()
    base["content"] = {"1": {"title": "Hub article", "parent": None}}
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["content"]["2"] = {"title": "Our new article", "parent": None}
    ours["content"]["3"] = {"title": "Our spin-off", "parent": 2}
    ours["community"] = {"1": {"content_id": 2, "url": "https://example.org/ours"}}
    theirs["content"]["2"] = {"title": "Their new article", "parent": None}
    theirs["content"]["3"] = {"title": "Their spin-off", "parent": 2}
    theirs["community"] = {"1": {"content_id": 2, "url": "https://example.org/theirs"}}
    merged = merge_plans(base, ours, theirs)
    swapped = merge_plans(base, theirs, ours)
    assert merged.data["content"] == swapped.data["content"]
    content = merged.data["content"]
    assert len(content) == 5
    by_title = {doc["title"]: int(rid) for rid, doc in content.items()}
    assert content[str(by_title["Our spin-off"])]["parent"] == by_title["Our new article"]
    assert content[str(by_title["Their spin-off"])]["parent"] == by_title["Their new article"]
    comments = {doc["url"]: doc["content_id"] for doc in merged.data["community"].values()}
    assert comments["https://example.org/ours"] == by_title["Our new article"]
    assert comments["https://example.org/theirs"] == by_title["Their new article"]
    # The fresh ids are above every id of the three versions.
    assert max(by_title.values()) > 3


def test_a_renumbered_id_stays_above_the_floor_of_removed_ids() -> None:
    base = plan()
    base["meta"]["1"]["ids"] = {"tasks": 40}
    ours, theirs = plan(), plan()
    ours["meta"]["1"]["ids"] = {"tasks": 40}
    theirs["meta"]["1"]["ids"] = {"tasks": 50}
    ours["tasks"]["41"] = {"title": "Ours", "phase": 1}
    theirs["tasks"]["41"] = {"title": "Theirs", "phase": 1}
    merged = merge_plans(base, ours, theirs)
    assert merged.data["meta"]["1"]["ids"]["tasks"] == 50
    assert sorted(int(i) for i in merged.data["tasks"] if int(i) > 25) == [41, 51]


def test_the_guide_merges_its_lists_item_by_item() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    guide = base["guide"]["1"]
    first = guide["do"][0]
    ours["guide"]["1"]["do"] = [*guide["do"], "Answer every comment within a day"]
    theirs["guide"]["1"]["do"] = [item for item in guide["do"] if item != first]
    merged = merge_plans(base, ours, theirs).data["guide"]["1"]["do"]
    assert first not in merged
    assert "Answer every comment within a day" in merged
    assert all(item in merged for item in guide["do"][1:])


def test_settings_merge_field_by_field() -> None:
    base = plan()
    ours, theirs = plan(), plan()
    ours["settings"]["1"]["brand_handle"] = "@ours"
    theirs["settings"]["1"]["timezone"] = "America/Montreal"
    merged = merge_plans(base, ours, theirs).data["settings"]["1"]
    assert merged["brand_handle"] == "@ours" and merged["timezone"] == "America/Montreal"


def test_two_independent_plans_keep_everything_and_identical_records_once() -> None:
    ours, theirs = plan(), plan()
    ours["tasks"]["26"] = {"title": "Only here", "phase": 2}
    theirs["tasks"]["26"] = {"title": "Only there", "phase": 2}
    merged = merge_plans(None, ours, theirs)
    titles = [doc["title"] for doc in merged.data["tasks"].values()]
    assert len(titles) == 27
    assert "Only here" in titles and "Only there" in titles


def test_the_conflict_log_keeps_conflicts_until_dismissed(tmp_path: Any) -> None:
    paths = Paths(tmp_path / "plan.json")
    base = plan()
    ours, theirs = plan(), plan()
    ours["tasks"]["4"]["title"] = "A"
    theirs["tasks"]["4"]["title"] = "B"
    conflicts = merge_plans(base, ours, theirs).conflicts
    record_conflicts(paths, conflicts, "sync", "2026-12-04T03:00:00Z")
    (entry,) = open_conflicts(paths)
    assert {entry.kept, entry.other} == {"A", "B"}
    assert entry.source == "sync" and entry.when == "2026-12-04T03:00:00Z"
    assert dismiss_conflicts(paths, [entry.id]) == 1
    assert open_conflicts(paths) == []


def test_a_hub_deleted_on_one_side_stays_when_the_other_made_a_spin_off_of_it() -> None:
    base = plan()
    base["content"] = {"1": {"title": "Hub article", "parent": None}}
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del ours["content"]["1"]
    theirs["content"]["2"] = {"title": "Thread on Mastodon", "parent": 1}
    for first, second in ((ours, theirs), (theirs, ours)):
        content = merge_plans(base, first, second).data["content"]
        assert content["1"]["title"] == "Hub article"
        assert content["2"]["parent"] == 1


def test_content_added_under_a_pillar_the_other_side_renamed_follows_the_new_name() -> None:
    base = plan()
    base["content"] = {}
    pillar_id, pillar = next(iter(base["pillars"].items()))
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs["pillars"][pillar_id]["name"] = "Renamed pillar"
    ours["content"]["1"] = {"title": "New article", "parent": None, "pillar": pillar["name"]}
    for first, second in ((ours, theirs), (theirs, ours)):
        merged = merge_plans(base, first, second).data
        assert merged["content"]["1"]["pillar"] == "Renamed pillar"


def test_two_plans_created_on_different_days_merge_their_meta_without_a_conflict() -> None:
    ours, theirs = plan(), plan()
    ours["meta"]["1"]["created"] = "2026-11-01"
    theirs["meta"]["1"]["created"] = "2026-12-01"
    merged = merge_plans(None, ours, theirs)
    assert merged.data["meta"]["1"]["created"] == "2026-11-01"
    assert merged.conflicts == ()


def test_a_hub_deleted_with_its_spin_offs_known_stays_deleted() -> None:
    base = plan()
    base["content"] = {"1": {"title": "Hub article"}, "2": {"title": "Thread", "parent": 1}}
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del ours["content"]["1"]  # the app keeps the spin-off, showing no hub
    for first, second in ((ours, theirs), (theirs, ours)):
        content = merge_plans(base, first, second).data["content"]
        assert "1" not in content and content["2"]["parent"] == 1


def test_a_damaged_sync_state_file_is_refused_and_left_as_it_is(tmp_path: Any) -> None:
    import pytest

    from storage.datafile import DataFileError

    paths = Paths(tmp_path / "plan.json")
    paths.sync_state.write_text("{not json")
    with pytest.raises(DataFileError, match="damaged"):
        open_conflicts(paths)
    with pytest.raises(DataFileError):
        dismiss_conflicts(paths)
    assert paths.sync_state.read_text() == "{not json"


def test_other_keys_of_the_sync_state_survive_the_conflict_log(tmp_path: Any) -> None:
    from storage.sync.conflicts import read_state, update_state

    paths = Paths(tmp_path / "plan.json")
    update_state(paths, remote="git@example.org:me/plan.git")
    base = plan()
    ours, theirs = plan(), plan()
    ours["tasks"]["7"]["title"] = "A"
    theirs["tasks"]["7"]["title"] = "B"
    record_conflicts(paths, merge_plans(base, ours, theirs).conflicts, "command line", "2026-12-04")
    assert dismiss_conflicts(paths) == 1
    assert read_state(paths) == {"remote": "git@example.org:me/plan.git", "conflicts": []}
