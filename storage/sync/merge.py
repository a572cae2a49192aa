"""The three-way merge of two copies of the plan changed apart: record by record, field by field.

``merge_plans(base, ours, theirs)`` takes the plan's data (``{table: {"id": record}}``, as the
file holds it): ``base`` the last version both copies shared (None when two plans never shared
one), ``ours`` and ``theirs`` the two copies now. It is pure: no file, no clock.

The rules, for every record of every table (one-record tables such as ``settings`` and ``guide``
are merged the same way, field by field):

- a field changed on one side only takes that side's value; changed on both sides to different
  values, ours is kept and the other value goes into a :class:`Conflict` (both are shown);
- lists of plain values (the guide's do/don't rules, hashtags, keywords) merge item by item: an
  item added on either side is kept, one removed on one side and untouched on the other goes;
- a record deleted on one side and unchanged on the other is deleted; deleted on one side and
  edited on the other, the edited record is kept (nothing typed is lost);
- records added on both sides under the same id are both kept when they differ: the one whose
  content sorts second takes a new id above every id of the three copies, and every reference to
  it from its own side (a spin-off's hub, a comment's article) follows it. Which one moves does
  not depend on the order of the arguments, so ``merge(b, x, y)`` and ``merge(b, y, x)`` give
  the same records;
- the meta record's floor of removed ids is the higher of the two.

Nothing is ever dropped that one side has and the other did not delete unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

Data = dict[str, dict[str, dict[str, Any]]]

REFERENCES: dict[tuple[str, str], str] = {
    ("content", "parent"): "content",
    ("community", "content_id"): "content",
}
"""(table, field) -> the table whose record id the field holds."""

_NO_RENUMBER = frozenset({"meta", "settings", "guide", "spinoff_template"})
"""One-record tables: both copies' record 1 is the same record, merged field by field."""

_MISSING = object()


@dataclass(frozen=True)
class Conflict:
    """A field both copies changed to different values: ``kept`` is in the merged plan."""

    table: str
    record: str
    """The record's id in the merged data."""
    label: str
    """What a person recognises: its title or name, else the table and id."""
    field: str
    kept: Any
    other: Any
    kept_at: str | None = None
    other_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON form (the sync state file, ``--json`` output)."""
        return {
            "table": self.table, "record": self.record, "label": self.label,
            "field": self.field, "kept": self.kept, "other": self.other,
        }  # fmt: skip


@dataclass(frozen=True)
class Merged:
    """The merged plan and what happened."""

    data: Data
    conflicts: tuple[Conflict, ...] = ()
    added: int = 0
    """Records of ``theirs`` that ``ours`` did not have."""
    changed: int = 0
    """Records of ``ours`` that took something from ``theirs``."""
    removed: int = 0
    """Records of ``ours`` that ``theirs`` deleted."""


@dataclass
class _Tally:
    conflicts: list[Conflict] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0


def _canonical(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _label(table: str, key: str, record: Mapping[str, Any]) -> str:
    for name in ("title", "name", "word", "metric"):
        if isinstance(record.get(name), str) and record[name]:
            return str(record[name])
    return f"{table} {key}"


def _merge_list(base: Any, ours: list[Any], theirs: list[Any]) -> list[Any] | None:
    """Item-by-item merge of lists of plain values (None when the items are not plain)."""
    items = [*(base if isinstance(base, list) else []), *ours, *theirs]
    if not all(isinstance(item, (str, int, float, bool)) for item in items):
        return None
    before = base if isinstance(base, list) else []
    removed = {_canonical(i) for i in before} - (
        {_canonical(i) for i in ours} & {_canonical(i) for i in theirs}
    )
    merged = [i for i in ours if _canonical(i) not in removed]
    seen = {_canonical(i) for i in merged}
    for item in theirs:
        key = _canonical(item)
        if key not in seen and key not in removed:
            merged.append(item)
            seen.add(key)
    return merged


def _merge_record(
    table: str, key: str, base: Mapping[str, Any] | None, ours: Mapping[str, Any],
    theirs: Mapping[str, Any], tally: _Tally,
) -> dict[str, Any]:
    """Field by field; both changed differently: ours kept, the other value logged."""
    merged: dict[str, Any] = {}
    took_theirs = False
    for name in dict.fromkeys([*ours, *theirs]):
        b = base.get(name, _MISSING) if base is not None else _MISSING
        o = ours.get(name, _MISSING)
        t = theirs.get(name, _MISSING)
        if _same(o, t):
            value = o
        elif _same(o, b):
            value, took_theirs = t, True
        elif _same(t, b):
            value = o
        elif isinstance(o, list) and isinstance(t, list) and (
            listed := _merge_list(b, o, t)
        ) is not None:
            value, took_theirs = listed, took_theirs or listed != o
        else:
            value = o if o is not _MISSING else t
            if o is not _MISSING and t is not _MISSING:
                tally.conflicts.append(Conflict(table, key, _label(table, key, ours), name, o, t))
        if value is not _MISSING:
            merged[name] = value
    if took_theirs:
        tally.changed += 1
    return merged


def _same(a: Any, b: Any) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    return _canonical(a) == _canonical(b)


def merge_plans(base: Data | None, ours: Data, theirs: Data) -> Merged:
    """The two copies merged (see the module's description for the rules)."""
    tally = _Tally()
    merged: Data = {}
    moved: dict[tuple[str, str], dict[str, str]] = {}  # (table, side) -> old id -> new id
    top = _highest_id(base, ours, theirs)
    for table in dict.fromkeys([*ours, *theirs]):
        b_rows = (base or {}).get(table, {})
        o_rows = ours.get(table, {})
        t_rows = theirs.get(table, {})
        rows: dict[str, dict[str, Any]] = {}
        for key in sorted(dict.fromkeys([*o_rows, *t_rows, *b_rows]), key=_id_order):
            b = b_rows.get(key)
            o = o_rows.get(key)
            t = t_rows.get(key)
            if o is not None and t is not None:
                if b is None and not _same(o, t) and table not in _NO_RENUMBER:
                    # added on both sides under one id: both kept, the second in order moves
                    first, second, side = (o, t, "theirs") if _canonical(o) <= _canonical(t) \
                        else (t, o, "ours")
                    top += 1
                    rows[key] = dict(first)
                    rows[str(top)] = dict(second)
                    moved.setdefault((table, side), {})[key] = str(top)
                    tally.added += 1
                    continue
                rows[key] = _merge_record(table, key, b, o, t, tally)
            elif o is not None:  # theirs deleted it, or never had it
                if b is not None and _same(o, b):
                    tally.removed += 1  # deleted there, untouched here: it goes
                    continue
                rows[key] = dict(o)  # new here, or edited here (an edit beats a delete)
            elif t is not None:
                if b is not None and _same(t, b):
                    continue  # deleted here, untouched there
                rows[key] = dict(t)
                tally.added += 1
        merged[table] = rows
    _follow_moves(merged, moved, ours, theirs)
    _merge_id_floor(merged, ours, theirs)
    return Merged(merged, tuple(tally.conflicts), tally.added, tally.changed, tally.removed)


def _id_order(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (0, key)


def _highest_id(*copies: Data | None) -> int:
    top = 0
    for data in copies:
        for table, rows in (data or {}).items():
            if table == "meta":
                floors = next(iter(rows.values()), {}).get("ids", {})
                if isinstance(floors, dict):
                    top = max([top, *(v for v in floors.values() if isinstance(v, int))])
            top = max([top, *(int(k) for k in rows if k.isdigit())])
    return top


def _follow_moves(
    merged: Data, moved: dict[tuple[str, str], dict[str, str]], ours: Data, theirs: Data
) -> None:
    """Point every reference made on the moved record's side at its new id.

    Ids are never handed out twice within one copy, so an id added on both sides after ``base``
    can only be referred to by records written on those sides: a record only one side has (or
    whose field only that side set) follows that side's record.
    """
    for (target, side), renamed in moved.items():
        mine, other = (ours, theirs) if side == "ours" else (theirs, ours)
        arrived = set(renamed.values())  # the moved records themselves: from ``mine``
        for (table, name), refers_to in REFERENCES.items():
            if refers_to != target:
                continue
            for key, record in merged.get(table, {}).items():
                old = record.get(name)
                if old is None or str(old) not in renamed:
                    continue
                here = mine.get(table, {}).get(key)
                there = other.get(table, {}).get(key)
                from_mine = (table == target and key in arrived) or (
                    here is not None and _same(here.get(name, _MISSING), old)
                    and (there is None or not _same(there.get(name, _MISSING), old))
                )
                if from_mine:
                    record[name] = int(renamed[str(old)])


def _merge_id_floor(merged: Data, ours: Data, theirs: Data) -> None:
    meta = merged.get("meta")
    if not meta:
        return
    floors: dict[str, int] = {}
    for copy in (ours, theirs):
        record = next(iter(copy.get("meta", {}).values()), {})
        for table, value in (record.get("ids") or {}).items():
            if isinstance(value, int):
                floors[table] = max(floors.get(table, 0), value)
    if floors:
        next(iter(meta.values()))["ids"] = floors
