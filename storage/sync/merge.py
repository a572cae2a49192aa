"""The three-way merge of two versions of a plan file against their last common version.

Pure: no I/O, no clock. The data is the plan file's JSON, ``{table: {"id": record}}``.

Rules, record by record and field by field:

- a field changed on one side only takes that change; changed on both sides to different values,
  the later change wins (each record's ``STAMP``; a record without one is older than any stamped
  change) and the other value becomes a :class:`Conflict`;
- a record deleted on one side and edited on the other is kept (edited); deleted on one side and
  untouched on the other, it is deleted;
- two different records added with the same id on both sides are both kept: one of them (chosen by
  content, so the order of the arguments does not matter) gets a fresh id above every id of the
  three versions, and every field naming it (see :data:`REFERENCES`) follows;
- the single-record tables (settings, guide, spin-off template, meta) merge field by field, the
  guide's lists item by item; meta's floors of removed ids take the highest;
- without a base (two independent plans) nothing is a delete: everything is kept, identical
  records once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from storage.datafile import STAMP
from storage.i18n import _

Data = dict[str, dict[str, dict[str, Any]]]

SINGLE = frozenset({"settings", "guide", "spinoff_template", "meta"})
"""Tables of one record: merged field by field, never renumbered."""

REFERENCES: dict[tuple[str, str], str] = {
    ("content", "parent"): "content",  # a spin-off's hub
    ("community", "content_id"): "content",  # a comment's (or a promise's) post
    ("starred", "feed"): "feeds",  # a starred mention's feed
    ("mentions", "feed"): "feeds",  # a cached mention's feed
}
"""(table, field) → the table whose record id that field holds."""

_LABEL_FIELDS = ("title", "name", "word", "label", "url")


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed: the merged plan keeps ``kept``; ``other`` lost."""

    table: str
    record: str
    label: str
    field: str
    kept: Any
    other: Any
    kept_at: str | None
    other_at: str | None


@dataclass(frozen=True)
class Merged:
    """The merged plan, what could not be decided, and what came in from ``theirs``."""

    data: Data
    conflicts: tuple[Conflict, ...]
    added: int
    changed: int
    removed: int


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def _key(value: Any) -> str:
    """A canonical text of a JSON value (for equality across orders and choosing symmetrically)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _bare(record: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != STAMP}


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return _bare(a) == _bare(b)
    return bool(a == b)


def _stamp(record: Any) -> str | None:
    if isinstance(record, Mapping):
        value = record.get(STAMP)
        return value if isinstance(value, str) else None
    return None


def _later(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def label_of(table: str, record_id: str, record: Mapping[str, Any]) -> str:
    """What a person recognises a record by: its title or name, else its table and id."""
    for name in _LABEL_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return _("{table} #{record}").format(table=table, record=record_id)


# -- ids ------------------------------------------------------------------------------------------


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _floors(*sides: Data | None) -> dict[str, int]:
    merged: dict[str, int] = {}
    for side in sides:
        if not side:
            continue
        doc = (side.get("meta") or {}).get("1") or {}
        ids = doc.get("ids") if isinstance(doc, Mapping) else None
        if isinstance(ids, Mapping):
            for table, value in ids.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    merged[table] = max(merged.get(table, 0), value)
    return merged


def _renumber(base: Data | None, ours: Data, theirs: Data) -> tuple[Data, Data]:
    """Give one of each two different records added under the same id a fresh id, references too.

    Which of the two moves depends on their content only; the one that moves keeps its side's
    references (every field of that side naming it is rewritten).
    """
    floors = _floors(base, ours, theirs)
    moves_ours: dict[str, dict[str, str]] = {}
    moves_theirs: dict[str, dict[str, str]] = {}
    tables = sorted(set(ours) | set(theirs))
    for table in tables:
        if table in SINGLE:
            continue
        mine, yours = ours.get(table) or {}, theirs.get(table) or {}
        old = (base or {}).get(table) or {}
        clashes = [
            rid
            for rid in set(mine) & set(yours)
            if rid not in old and not _same(mine[rid], yours[rid])
        ]
        if not clashes:
            continue
        numbers = [_int(rid) for side in (old, mine, yours) for rid in side]
        top = max([n for n in numbers if n is not None] + [floors.get(table, 0)])
        for rid in sorted(clashes, key=lambda r: (_int(r) is None, _int(r) or 0, r)):
            top += 1
            # The record whose content sorts later moves: the same one whatever the order.
            if _key(_bare(mine[rid])) > _key(_bare(yours[rid])):
                moves_ours.setdefault(table, {})[rid] = str(top)
            else:
                moves_theirs.setdefault(table, {})[rid] = str(top)
    return _apply_moves(ours, moves_ours), _apply_moves(theirs, moves_theirs)


def _apply_moves(side: Data, moves: dict[str, dict[str, str]]) -> Data:
    if not moves:
        return side
    result: Data = {}
    for table, records in side.items():
        renames = moves.get(table, {})
        refs = {
            field: moves.get(target, {})
            for (owner, field), target in REFERENCES.items()
            if owner == table and moves.get(target)
        }
        if not renames and not refs:
            result[table] = records
            continue
        new_records: dict[str, dict[str, Any]] = {}
        for rid, record in records.items():
            if refs and isinstance(record, Mapping):
                record = dict(record)
                for field, mapping in refs.items():
                    value = record.get(field)
                    if _int(value) is not None and str(value) in mapping:
                        record[field] = int(mapping[str(value)])
            new_records[renames.get(rid, rid)] = record
        result[table] = new_records
    return result


# -- values ---------------------------------------------------------------------------------------


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []

    def record(
        self,
        table: str,
        rid: str,
        base: Mapping[str, Any] | None,
        ours: Mapping[str, Any],
        theirs: Mapping[str, Any],
    ) -> dict[str, Any]:
        o_at, t_at = _stamp(ours), _stamp(theirs)
        start = len(self.conflicts)
        merged = self._fields(table, rid, "", base or {}, ours, theirs, o_at, t_at, ours)
        if len(self.conflicts) > start:  # named as the merged record is
            label = label_of(table, rid, merged)
            self.conflicts[start:] = [replace(c, label=label) for c in self.conflicts[start:]]
        at = _later(o_at, t_at)
        merged.pop(STAMP, None)
        if at is not None:
            merged[STAMP] = at
        return merged

    def _fields(
        self,
        table: str,
        rid: str,
        prefix: str,
        base: Mapping[str, Any],
        ours: Mapping[str, Any],
        theirs: Mapping[str, Any],
        o_at: str | None,
        t_at: str | None,
        whole: Mapping[str, Any],
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        keys = (
            list(ours)
            + [k for k in theirs if k not in ours]
            + [k for k in base if k not in ours and k not in theirs]
        )
        for name in keys:
            if name == STAMP and not prefix:
                continue
            value = self._value(
                table,
                rid,
                prefix + name,
                base.get(name, MISSING),
                ours.get(name, MISSING),
                theirs.get(name, MISSING),
                o_at,
                t_at,
                whole,
            )
            if value is not MISSING:
                out[name] = value
        return out

    def _value(
        self,
        table: str,
        rid: str,
        path: str,
        b: Any,
        o: Any,
        t: Any,
        o_at: str | None,
        t_at: str | None,
        whole: Mapping[str, Any],
    ) -> Any:
        if _same(o, t):
            return o
        if _same(o, b):
            return t
        if _same(t, b):
            return o
        # Both changed, differently.
        if isinstance(o, Mapping) and isinstance(t, Mapping):
            if table == "meta" and path == "ids":
                return _max_floors(o, t)
            nested_base = b if isinstance(b, Mapping) else {}
            return self._fields(table, rid, path + ".", nested_base, o, t, o_at, t_at, whole)
        if isinstance(o, list) and isinstance(t, list) and table in SINGLE and table != "meta":
            return _merge_list(b if isinstance(b, list) else [], o, t)
        if table == "meta":
            # The file's own bookkeeping: nothing for a person to decide. The newer schema, the
            # earlier creation date, else a choice by value (the same whatever the order).
            if path == "schema" and _int(o) is not None and _int(t) is not None:
                return max(o, t)
            return t if o is MISSING else o if t is MISSING else min(o, t, key=_key)
        # The later change wins; without stamps (or equal ones), the choice is by value, so that
        # it does not depend on which side is "ours".
        ours_wins = (o_at or "", _key(o)) >= (t_at or "", _key(t))
        kept, other = (o, t) if ours_wins else (t, o)
        kept_at, other_at = (o_at, t_at) if ours_wins else (t_at, o_at)
        self.conflicts.append(
            Conflict(
                table=table,
                record=rid,
                label=label_of(table, rid, whole),
                field=path,
                kept=None if kept is MISSING else kept,
                other=None if other is MISSING else other,
                kept_at=kept_at,
                other_at=other_at,
            )
        )
        return kept


def _max_floors(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for name, value in b.items():
        mine = out.get(name)
        if isinstance(mine, int) and isinstance(value, int):
            out[name] = max(mine, value)
        elif name not in out:
            out[name] = value
    return out


def _merge_list(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Item by item: the union keeping order; an item one side removed and the other kept goes."""
    in_base = {_key(item) for item in base}
    in_ours = {_key(item) for item in ours}
    in_theirs = {_key(item) for item in theirs}
    # Symmetric: the list whose text sorts first gives the order, the other's new items follow.
    first, second = (ours, theirs) if _key(ours) <= _key(theirs) else (theirs, ours)
    out: list[Any] = []
    seen: set[str] = set()
    for item in [*first, *second]:
        key = _key(item)
        if key in seen:
            continue
        seen.add(key)
        if key in in_base and not (key in in_ours and key in in_theirs):
            continue  # removed on one side
        out.append(item)
    return out


# -- whole plans ----------------------------------------------------------------------------------


def merge_plans(base: Data | None, ours: Data, theirs: Data) -> Merged:
    """Merge ``theirs`` into ``ours`` against their last common version ``base`` (None: none)."""
    ours, theirs = _renumber(base, ours, theirs)
    merger = _Merger()
    data: Data = {}
    names = list(ours) + [n for n in theirs if n not in ours]
    if base:
        names += [n for n in base if n not in names]
    for table in names:
        b_table = (base or {}).get(table)
        o_table, t_table = ours.get(table), theirs.get(table)
        if b_table is not None and (o_table is None or t_table is None):
            # A whole table gone on one side is treated as every record deleted there.
            o_table = {} if o_table is None else o_table
            t_table = {} if t_table is None else t_table
        merged_table: dict[str, dict[str, Any]] = {}
        o_table, t_table, b_table = o_table or {}, t_table or {}, b_table or {}
        ids = list(o_table) + [i for i in t_table if i not in o_table]
        ids += [i for i in b_table if i not in o_table and i not in t_table]
        for rid in ids:
            b = b_table.get(rid) if base is not None else None
            o, t = o_table.get(rid), t_table.get(rid)
            if o is None and t is None:
                continue  # deleted on both sides
            if o is None or t is None:
                alive: dict[str, Any] = o if o is not None else t  # type: ignore[assignment]
                if b is None:
                    merged_table[rid] = dict(alive)  # added on one side
                elif _same(alive, b):
                    continue  # deleted on one side, untouched on the other
                else:
                    merged_table[rid] = dict(alive)  # edited against a delete: kept
                continue
            merged_table[rid] = merger.record(table, rid, b, o, t)
        if merged_table or table in ours or table in theirs:
            data[table] = _sorted_ids(merged_table)
    _keep_referenced(data, ours, theirs)
    _follow_renamed_pillars(base, data)
    added, changed, removed = _came_in(ours, data)
    return Merged(data, tuple(merger.conflicts), added, changed, removed)


def _keep_referenced(data: Data, ours: Data, theirs: Data) -> None:
    """Bring back a record one side deleted while the other made a new reference to it (a spin-off
    of a hub deleted elsewhere, a comment on a deleted post). A reference the deleting side had
    too stays as the app leaves it (a spin-off shows no hub), the delete was meant."""
    changed = True
    while changed:
        changed = False
        for (table, field), target in REFERENCES.items():
            targets = data.get(target)
            for record in list((data.get(table) or {}).values()):
                value = record.get(field)
                if _int(value) is None or (targets is not None and str(value) in targets):
                    continue
                for side, other in ((ours, theirs), (theirs, ours)):
                    gone = (side.get(target) or {}).get(str(value))
                    knew = any(  # the side that deleted it knew of this reference: a wanted delete
                        doc.get(field) == value for doc in (other.get(table) or {}).values()
                    )
                    if gone is not None and not knew:
                        data.setdefault(target, {})[str(value)] = dict(gone)
                        targets = data[target]
                        changed = True
                        break
    for table in REFERENCES.values():
        if table in data:
            data[table] = _sorted_ids(data[table])


def _follow_renamed_pillars(base: Data | None, data: Data) -> None:
    """Content names its pillar by name: content that still names a pillar the merge renamed (one
    side renamed it, the other added or edited content under the old name) follows the new name."""
    before = (base or {}).get("pillars") or {}
    after = data.get("pillars") or {}
    names = {str(doc.get("name")) for doc in after.values()}
    renamed = {
        str(old.get("name")): str(after[rid].get("name"))
        for rid, old in before.items()
        if rid in after
        and old.get("name") != after[rid].get("name")
        and old.get("name") not in names
    }
    if not renamed:
        return
    for record in (data.get("content") or {}).values():
        pillar = record.get("pillar")
        if isinstance(pillar, str) and pillar in renamed:
            record["pillar"] = renamed[pillar]


def _sorted_ids(table: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return dict(
        sorted(table.items(), key=lambda kv: (_int(kv[0]) is None, _int(kv[0]) or 0, kv[0]))
    )


def _came_in(ours: Data, merged: Data) -> tuple[int, int, int]:
    added = changed = removed = 0
    for table, records in merged.items():
        if table == "meta":
            continue
        mine = ours.get(table) or {}
        for rid, record in records.items():
            if rid not in mine:
                added += 1
            elif not _same(mine[rid], record):
                changed += 1
        removed += sum(1 for rid in mine if rid not in records)
    for table, mine in ours.items():
        if table != "meta" and table not in merged:
            removed += len(mine)
    return added, changed, removed
