"""The three-way merge of two copies of the plan, on the starter plan: what a blogger who edited
on two machines expects to find afterwards (the rules one by one are in test_merge.py)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from storage.datafile.plan import starter_data
from storage.sync import merge_plans

DAY = date(2026, 11, 26)


def base() -> dict[str, Any]:
    data = starter_data(DAY)
    data.setdefault("content", {})
    data.setdefault("community", {})
    data["content"]["1"] = {"title": "Why I blog", "status": "published", "kind": "article",
                            "date": "2026-11-01", "parent": None}  # fmt: skip
    return data


def next_id(data: dict[str, Any], table: str) -> str:
    return str(max([0, *(int(k) for k in data.get(table, {}))]) + 1)


def test_a_copy_merged_with_an_unchanged_one_is_that_copy() -> None:
    b = base()
    ours = copy.deepcopy(b)
    ours["tasks"]["1"]["done"] = True
    ours["content"]["2"] = {"title": "Night trains", "status": "draft", "kind": "article"}
    assert merge_plans(b, ours, b).data == ours
    assert merge_plans(b, b, ours).data == ours


def test_additions_on_both_sides_are_all_kept_and_spin_offs_keep_their_hub() -> None:
    b = base()
    laptop, desktop = copy.deepcopy(b), copy.deepcopy(b)
    laptop["content"]["2"] = {"title": "Train journal", "status": "draft", "kind": "article",
                              "parent": None}  # fmt: skip
    laptop["content"]["3"] = {"title": "Train photos", "kind": "photo", "parent": 2}
    desktop["content"]["2"] = {"title": "Alps packing list", "status": "published",
                               "kind": "article", "parent": None}  # fmt: skip
    desktop["content"]["3"] = {"title": "Alps short post", "kind": "short post", "parent": 2}
    desktop["community"]["1"] = {"where": "Ana's blog", "content_id": 2}
    for ours, theirs in ((laptop, desktop), (desktop, laptop)):
        merged = merge_plans(b, ours, theirs)
        content = merged.data["content"]
        by_title = {doc["title"]: (key, doc) for key, doc in content.items()}
        assert set(by_title) == {"Why I blog", "Train journal", "Train photos",
                                 "Alps packing list", "Alps short post"}  # fmt: skip
        assert by_title["Train photos"][1]["parent"] == int(by_title["Train journal"][0])
        assert by_title["Alps short post"][1]["parent"] == int(by_title["Alps packing list"][0])
        comment = merged.data["community"]["1"]
        assert comment["content_id"] == int(by_title["Alps packing list"][0])
        assert merged.conflicts == ()
    assert merge_plans(b, laptop, desktop).data == merge_plans(b, desktop, laptop).data


def test_the_same_field_changed_on_both_sides_keeps_the_later_and_logs_both_values() -> None:
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    ours["content"]["1"].update(title="Why I still blog", _at="2026-11-26T10:00:00Z")
    theirs["content"]["1"].update(title="Why I blog, ten years on", status="draft",
                                  _at="2026-11-26T09:00:00Z")  # fmt: skip
    merged = merge_plans(b, ours, theirs)
    assert merged.data["content"]["1"]["title"] == "Why I still blog"  # the later change
    assert merged.data["content"]["1"]["status"] == "draft"  # another field: it comes in
    (conflict,) = merged.conflicts
    assert (conflict.table, conflict.record, conflict.field) == ("content", "1", "title")
    assert (conflict.kept, conflict.other) == ("Why I still blog", "Why I blog, ten years on")


def test_an_edit_against_a_delete_keeps_the_edit_and_an_untouched_delete_goes() -> None:
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    del ours["content"]["1"]
    theirs["content"]["1"]["title"] = "Why I blog (updated)"
    del theirs["tasks"]["2"]
    for merged in (merge_plans(b, ours, theirs), merge_plans(b, theirs, ours)):
        assert merged.data["content"]["1"]["title"] == "Why I blog (updated)"
        assert "2" not in merged.data["tasks"]


def test_the_guides_lists_and_the_settings_merge_item_by_item() -> None:
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    ours["guide"]["1"]["hashtags"] = [*b["guide"]["1"]["hashtags"], "#trains"]
    theirs["guide"]["1"]["hashtags"] = [*b["guide"]["1"]["hashtags"][1:], "#alps"]
    ours["settings"]["1"]["brand_handle"] = "lenawrites"
    theirs["settings"]["1"]["comments_per_post"] = 3
    merged = merge_plans(b, ours, theirs).data
    assert merged["guide"]["1"]["hashtags"] == [*b["guide"]["1"]["hashtags"][1:], "#trains",
                                                "#alps"]  # fmt: skip
    assert merged["settings"]["1"]["brand_handle"] == "lenawrites"
    assert merged["settings"]["1"]["comments_per_post"] == 3


def test_two_plans_that_never_shared_a_version_keep_everything_once() -> None:
    laptop = base()
    desktop = copy.deepcopy(laptop)
    desktop["tasks"][next_id(desktop, "tasks")] = {"phase": 5, "title": "Plan a meet-up",
                                                   "done": False}  # fmt: skip
    merged = merge_plans(None, laptop, desktop).data
    assert len(merged["tasks"]) == len(laptop["tasks"]) + 1
    assert merged["content"] == laptop["content"]


def test_the_floor_of_removed_ids_is_the_higher_one() -> None:
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    ours["meta"]["1"]["ids"] = {"tasks": 40, "content": 3}
    theirs["meta"]["1"]["ids"] = {"tasks": 12, "content": 9}
    merged = merge_plans(b, ours, theirs).data
    assert merged["meta"]["1"]["ids"] == {"tasks": 40, "content": 9}


