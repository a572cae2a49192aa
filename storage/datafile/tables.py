"""TinyDB's tables over our storage: every change holds the file's lock, copies its table once
and tells the storage which table it changes (so a save reuses the other tables' bytes).

:class:`PlanDB` is the TinyDB that :mod:`storage.datafile.plan` opens on each file.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from storage.datafile.jsonstore import AtomicJSONStorage


class _ById(MutableMapping[int, Any]):
    """A table's stored records (keyed by id strings) seen keyed by int ids, as TinyDB's updaters
    expect: the change is made on one copy of the table instead of two converted ones."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return map(int, self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.raw.clear()


_NO_FLOOR = frozenset({"meta", "mentions"})
"""Tables whose ids may come back: the meta record itself, and the mentions cache (remote data
that nothing refers to by id)."""


T = TypeVar("T")


class PerTable(Generic[T]):
    """What is made from one table of each open plan (an index, an order), made again only
    after that table changed.

    A change never edits a table's dict in place: TinyDB writes a new one (and
    :class:`LockedTable` copies it once per change), so the dict's identity is its version.
    The owner (a plan) is held weakly.
    """

    def __init__(self, make: Callable[[Any], T]) -> None:
        self._make = make
        self._made: weakref.WeakKeyDictionary[Any, tuple[object, T]] = weakref.WeakKeyDictionary()
        self._guard = threading.Lock()

    def get(self, owner: Any, table: Any) -> T:
        """What ``make`` gives for ``table``, the owner's table as it is now."""
        with self._guard:
            found = self._made.get(owner)
        if found is not None and found[0] is table:
            return found[1]
        made = self._make(table)
        with self._guard:
            self._made[owner] = (table, made)
        return made


STAMP = "_at"
"""The field in which every record keeps when it was last added or changed (UTC, ISO seconds), so
that merging two copies of a plan keeps the later change of a field both changed. Records written
before stamps existed have none: a merge treats them as older than any stamped change."""

_NO_STAMP = frozenset({"meta", "mentions"})
"""Tables not stamped: the meta record (merged by its own rules) and the mentions cache (remote
data, never merged)."""


def change_stamp() -> str:
    """Now, as a record's change stamp."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _stamped(fields: Any, at: str) -> Any:
    if isinstance(fields, Mapping):
        return {**fields, STAMP: at}
    if callable(fields):
        change = fields

        def stamping(doc: MutableMapping[str, Any]) -> None:
            change(doc)
            doc[STAMP] = at

        return stamping
    return fields


class LockedTable(Table):
    """A TinyDB table whose every change holds the file's lock (thread-safe read-modify-write)."""

    def _locked(self) -> threading.RLock:
        storage = self._storage
        assert isinstance(storage, AtomicJSONStorage)
        return storage.lock

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        # Every change of TinyDB goes through here and changes this table alone: say so, so that
        # the save reuses the other tables' bytes.
        storage = self._storage
        assert isinstance(storage, AtomicJSONStorage)
        with storage.lock:
            storage.changing(self.name)
            try:
                # TinyDB's own version copies the table twice (converting every id to int and
                # back): 8 ms for each change of the 20,000-record mentions cache. One plain
                # copy keeps what readers rely on: a table's dict is replaced, never changed.
                tables = storage.read() or {}
                table = dict(tables.get(self.name, {}))
                updater(_ById(table))  # type: ignore[arg-type]
                tables[self.name] = table
                storage.write(tables)
                self.clear_cache()
            finally:
                storage.changing(None)

    # Every insert and update stamps the records it writes (see STAMP); a document passed in keeps
    # its own Document class (and so its doc_id), only its fields gain the stamp.

    def _stamps(self) -> bool:
        return self.name not in _NO_STAMP

    def _stamp_doc(self, document: Any, at: str) -> Any:
        if isinstance(document, Document):
            return Document({**document, STAMP: at}, document.doc_id)
        return _stamped(document, at)

    def insert(self, document: Any) -> int:
        if self._stamps():
            document = self._stamp_doc(document, change_stamp())
        with self._locked():
            return super().insert(document)

    def insert_multiple(self, documents: Any) -> list[int]:
        if self._stamps():
            at = change_stamp()
            documents = [self._stamp_doc(document, at) for document in documents]
        with self._locked():
            return super().insert_multiple(documents)

    def update(self, fields: Any, *args: Any, **kwargs: Any) -> list[int]:
        if self._stamps():
            fields = _stamped(fields, change_stamp())
        with self._locked():
            return super().update(fields, *args, **kwargs)

    def update_multiple(self, updates: Any, *args: Any, **kwargs: Any) -> list[int]:
        if self._stamps():
            at = change_stamp()
            updates = [(_stamped(fields, at), cond) for fields, cond in updates]
        with self._locked():
            return super().update_multiple(updates, *args, **kwargs)

    def upsert(self, document: Any, *args: Any, **kwargs: Any) -> list[int]:
        if self._stamps():
            document = self._stamp_doc(document, change_stamp())
        with self._locked():
            return super().upsert(document, *args, **kwargs)

    def remove(self, *args: Any, **kwargs: Any) -> list[int]:
        storage = self._storage
        assert isinstance(storage, AtomicJSONStorage)
        with self._locked(), storage.batch():  # the records and the floor: one save
            removed = super().remove(*args, **kwargs)
            if removed and self.name not in _NO_FLOOR:
                self._raise_floor(max(removed))
            return removed

    # -- ids are never handed out twice -------------------------------------------------------
    #
    # TinyDB gives a new record the highest id in the table plus one, so after a reopen the id of
    # the last record deleted came back: undoing that delete then collided with a newer record,
    # and a spin-off still naming its deleted hub would have found a stranger there. The highest
    # id ever removed from each table is kept in the meta record ("ids"), and new ids start above.

    def _floor(self) -> int:
        tables = self._storage.read() or {}
        doc = (tables.get("meta") or {}).get("1") or {}
        floors = doc.get("ids") if isinstance(doc, dict) else None
        value = floors.get(self.name, 0) if isinstance(floors, dict) else 0
        return value if isinstance(value, int) else 0

    def _raise_floor(self, top: int) -> None:
        storage = self._storage
        assert isinstance(storage, AtomicJSONStorage)
        if self._floor() >= top:
            return
        tables = storage.read() or {}
        meta = dict(tables.get("meta") or {})
        doc = dict(meta.get("1") or {})
        doc["ids"] = {**(doc.get("ids") or {}), self.name: top}
        meta["1"] = doc
        tables["meta"] = meta
        storage.changing("meta")
        try:
            storage.write(tables)
        finally:
            storage.changing(None)

    def _get_next_id(self) -> int:
        parent: Callable[[], int] = super()._get_next_id
        if self._next_id is None and self.name not in _NO_FLOOR:
            floor = self._floor()
            base = parent()  # also remembers base + 1 as the next one
            if base <= floor:
                self._next_id = floor + 2  # type: ignore[assignment]
                return floor + 1
            return base
        return parent()

    def truncate(self) -> None:
        with self._locked():
            super().truncate()

    def all(self) -> list[Document]:
        with self._locked():
            return super().all()


class PlanDB(TinyDB):
    """TinyDB using :class:`LockedTable`."""

    table_class = LockedTable
