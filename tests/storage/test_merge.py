"""The three-way merge of two copies of the plan: what a blogger who edited on two machines
expects to find afterwards."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

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


def test_the_same_field_changed_on_both_sides_keeps_ours_and_logs_both_values() -> None:
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    ours["content"]["1"]["title"] = "Why I still blog"
    theirs["content"]["1"]["title"] = "Why I blog, ten years on"
    theirs["content"]["1"]["status"] = "draft"  # another field: no conflict, it comes in
    merged = merge_plans(b, ours, theirs)
    assert merged.data["content"]["1"]["title"] == "Why I still blog"
    assert merged.data["content"]["1"]["status"] == "draft"
    (conflict,) = merged.conflicts
    assert (conflict.table, conflict.record, conflict.field) == ("content", "1", "title")
    assert (conflict.kept, conflict.other) == ("Why I still blog", "Why I blog, ten years on")
    assert conflict.label == "Why I still blog"


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


# -- properties ----------------------------------------------------------------------------------

TITLES = st.text(alphabet="abcdéf ", min_size=1, max_size=6)


@st.composite
def edits(draw: Any, start: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``start`` after a few adds, edits and deletes (ids never reused)."""
    data = copy.deepcopy(start)
    content = data["content"]
    for _ in range(draw(st.integers(0, 5))):
        action = draw(st.sampled_from(["add", "spin", "edit", "delete", "comment"]))
        keys = sorted(content, key=int)
        if action == "add" or not keys:
            content[next_id(data, "content")] = {"title": draw(TITLES), "parent": None}
        elif action == "spin":
            hub = draw(st.sampled_from(keys))
            content[next_id(data, "content")] = {"title": draw(TITLES), "parent": int(hub)}
        elif action == "edit":
            content[draw(st.sampled_from(keys))]["title"] = draw(TITLES)
        elif action == "comment":
            post = draw(st.sampled_from(keys))
            data["community"][next_id(data, "community")] = {"content_id": int(post)}
        else:
            del content[draw(st.sampled_from(keys))]
    return data


def small_base() -> dict[str, Any]:
    return {"meta": {"1": {"schema": 1}}, "content": {"1": {"title": "hub", "parent": None}},
            "community": {}}  # fmt: skip


@given(st.data())
def test_merging_with_an_unchanged_copy_gives_the_changed_one(data: Any) -> None:
    b = small_base()
    x = data.draw(edits(b))
    assert merge_plans(b, x, b).data == x
    assert merge_plans(b, b, x).data == x


@given(st.data())
def test_both_orders_give_the_same_records_and_references_stay_whole(data: Any) -> None:
    b = small_base()
    x, y = data.draw(edits(b)), data.draw(edits(b))
    one, two = merge_plans(b, x, y), merge_plans(b, y, x)
    if not one.conflicts:
        assert one.data == two.data
    for merged in (one, two):
        content = merged.data["content"]
        for doc in content.values():  # a spin-off's hub is one of the merged records
            hub = doc.get("parent")
            assert hub is None or str(hub) in content or _deleted_somewhere(hub, x, y)
        for comment in merged.data["community"].values():
            post = comment["content_id"]
            assert str(post) in content or _deleted_somewhere(post, x, y)


@given(st.data())
def test_nothing_one_side_added_is_dropped(data: Any) -> None:
    b = small_base()
    x, y = data.draw(edits(b)), data.draw(edits(b))
    merged = merge_plans(b, x, y).data["content"]
    titles = [doc["title"] for doc in merged.values()]
    for side in (x, y):
        for key, doc in side["content"].items():
            if key not in b["content"]:
                assert doc["title"] in titles


def _deleted_somewhere(record_id: int, *sides: dict[str, Any]) -> bool:
    return any(str(record_id) not in side["content"] for side in sides)
