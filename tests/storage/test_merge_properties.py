"""Properties of the three-way merge over random edits of the starter plan."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from storage.datafile import STAMP
from storage.datafile.plan import starter_data
from storage.sync import merge_plans
from storage.sync.merge import REFERENCES

Data = dict[str, dict[str, dict[str, Any]]]

BASE: Data = starter_data(date(2026, 12, 1))
BASE = {**BASE, "content": {"1": {"title": "Hub", "parent": None, "pillar": None}}}

titles = st.text(alphabet="abcdéf ", min_size=1, max_size=8)
stamps = st.one_of(st.none(), st.sampled_from(["2026-12-02T10:00:00Z", "2026-12-03T10:00:00Z"]))
edit = st.one_of(
    st.tuples(st.just("retitle"), st.integers(1, 25), titles, stamps),
    st.tuples(st.just("done"), st.integers(1, 25), st.booleans(), stamps),
    st.tuples(st.just("delete"), st.integers(1, 25), st.none(), st.none()),
    st.tuples(st.just("add_task"), st.integers(26, 28), titles, stamps),
    st.tuples(st.just("add_spinoff"), st.integers(2, 4), titles, stamps),
    st.tuples(st.just("add_comment"), st.integers(1, 3), titles, stamps),
    st.tuples(st.just("delete_content"), st.integers(1, 9), st.none(), st.none()),
)


def apply(edits: list[tuple[str, int, Any, str | None]]) -> Data:
    data = copy.deepcopy(BASE)
    for kind, rid, value, at in edits:
        key = str(rid)
        extra = {STAMP: at} if at else {}
        if kind == "retitle" and key in data["tasks"]:
            data["tasks"][key].update(title=value, **extra)
        elif kind == "done" and key in data["tasks"]:
            data["tasks"][key].update(done=value, **extra)
        elif kind == "delete":
            data["tasks"].pop(key, None)
        elif kind == "add_task":
            data["tasks"][key] = {"title": value, "phase": 1, "done": False, **extra}
        elif kind == "add_spinoff":
            # A new hub and its spin-off, the spin-off naming the hub by id.
            hub = str(rid * 2)
            data["content"][hub] = {"title": value, "parent": None, **extra}
            data["content"][str(rid * 2 + 1)] = {"title": value + "'", "parent": rid * 2, **extra}
        elif kind == "add_comment" and data["content"]:
            target = sorted(data["content"], key=int)[-1]
            data.setdefault("community", {})[key] = {"content_id": int(target), "url": value}
        elif kind == "delete_content":
            # As the app deletes: the spin-offs and comments stay, naming an id that is gone.
            data["content"].pop(key, None)
    return data


def bare(data: Data) -> Data:
    return {
        t: {i: {k: v for k, v in r.items() if k != STAMP} for i, r in rs.items()}
        for t, rs in data.items()
    }


sides = st.lists(edit, max_size=6).map(apply)


@given(sides)
def test_merging_an_unchanged_side_gives_the_other(x: Data) -> None:
    assert bare(merge_plans(BASE, x, BASE).data) == bare(x)
    assert bare(merge_plans(BASE, BASE, x).data) == bare(x)


def dangling(data: Data) -> set[tuple[str, int]]:
    """The references naming a record that is not there (the app leaves a deleted hub's spin-offs)."""
    found = set()
    for (table, field), target in REFERENCES.items():
        for record in (data.get(table) or {}).values():
            value = record.get(field)
            if isinstance(value, int) and str(value) not in (data.get(target) or {}):
                found.add((target, value))
    return found


def references_resolve(merged: Data, *sides: Data) -> bool:
    """Every reference of the merge names a record, or named nothing on some side already."""
    return dangling(merged) <= set().union(*(dangling(side) for side in sides))


@given(sides, sides)
def test_both_orders_give_the_same_records_and_nothing_alive_is_dropped(x: Data, y: Data) -> None:
    one, two = merge_plans(BASE, x, y), merge_plans(BASE, y, x)
    assert bare(one.data) == bare(two.data)
    merged = bare(one.data)
    for side in (x, y):
        for table, records in bare(side).items():
            kept = list(merged.get(table, {}).values())
            for rid, record in records.items():
                untouched_elsewhere = all(
                    rid in other.get(table, {}) or rid not in BASE.get(table, {})
                    for other in (x, y)
                )
                if untouched_elsewhere and table != "meta":
                    # Alive here, not deleted there: some record of the merge carries it (its
                    # fields may have merged with the other side's, its id may be new).
                    assert any(set(record) <= set(doc) for doc in kept), (table, rid)
    assert references_resolve(one.data, x, y)


@given(sides, sides)
def test_two_independent_plans_keep_every_record(x: Data, y: Data) -> None:
    merged = merge_plans(None, x, y).data
    refs = {field for (_table, field) in REFERENCES}

    def shapes(data: Data, table: str) -> set[str]:
        records = bare(data).get(table, {}).values()
        return {repr(sorted((k, v) for k, v in r.items() if k not in refs)) for r in records}

    for table in ("tasks", "content", "community"):
        assert shapes(x, table) | shapes(y, table) <= shapes(merged, table)
    assert references_resolve(merged, x, y)
