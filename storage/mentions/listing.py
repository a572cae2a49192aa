"""Listing mentions without building them: filter and sort the stored records, build on reading.

Three years of a blog's mentions are 20,000 records, and a screen shows forty. A listing
(:class:`MentionResults`) therefore keeps ``(sort date, id, record)`` entries, filtered and
sorted on the raw records, and builds an item only when it is read (then keeps it). The order of
the whole cache is sorted once per version of the cache (every write replaces TinyDB's table
dict, so the dict's identity is the version) and shared by every listing of that version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from storage.datafile import PerTable, Plan
from storage.lazyseq import MadeOnRead
from storage.mentions.matching import folded_text
from storage.mentions.watch import records, texts

Entry = tuple[Any, int, Mapping[str, Any]]
"""``(sort date, id, record)``: sorting entries in reverse lists them newest first.

The sort date is what ``Mention.sort_date`` gives (published, else first seen); ids are unique,
so two entries never compare their records.
"""


class Item(Protocol):
    """What a listing needs of the items it builds."""

    @property
    def id(self) -> int:
        """The mention's id."""

    @property
    def read(self) -> bool:
        """Marked read."""


M = TypeVar("M", bound=Item)


def entry_of(doc_id: int, doc: Mapping[str, Any]) -> Entry:
    """A record's entry (its sort date is ``Mention.sort_date``)."""
    return (doc.get("published") or str(doc.get("first_seen", "")), doc_id, doc)


class _Sorted:
    """The whole cache newest first, for one version of it."""

    def __init__(self, table: dict[str, dict[str, Any]]) -> None:
        entries = [entry_of(int(key), doc) for key, doc in table.items()]
        entries.sort(reverse=True)
        self.entries = entries
        """Every record's entry, newest first (never changed: listings share it)."""
        self._unread: int | None = None
        self._haystacks: list[str] | None = None

    @property
    def unread(self) -> int:
        """How many records are unread (counted once per version)."""
        if self._unread is None:
            self._unread = sum(1 for entry in self.entries if not entry[2].get("read"))
        return self._unread

    def haystacks(self) -> list[str]:
        """Each entry's folded searchable text, in order (folded once per version of the cache)."""
        self.fold_ahead()
        assert self._haystacks is not None  # fold_ahead always finishes when not stopped
        return self._haystacks

    def fold_ahead(self, keep_going: Callable[[], bool] = lambda: True) -> bool:
        """Fold every entry's text unless already done; False when ``keep_going`` stopped it.

        Texts already folded are taken from the fold cache. Folding goes by batches: a search
        beside a worker folding ahead waits for one batch at most, and folds nothing twice.
        """
        if self._haystacks is not None:
            return True
        entries = self.entries
        found: list[str] = []
        for start in range(0, len(entries), FOLD_BATCH):
            if not keep_going():
                return False
            with _FOLDING:
                found.extend(folded_text(*texts(e[2])) for e in entries[start : start + FOLD_BATCH])
        self._haystacks = found
        return True


FOLD_BATCH = 500
"""Texts folded per hold of the folding lock (a few milliseconds)."""
_FOLDING = threading.Lock()
"""Held while a batch of texts is folded: two threads never fold the same texts at once."""
_SORTED: PerTable[_Sorted] = PerTable(_Sorted)


def sorted_cache(plan: Plan) -> _Sorted:
    """The cached mentions newest first, sorted again only after the cache changed."""
    return _SORTED.get(plan, records(plan))


class MentionResults(MadeOnRead[M]):
    """A listing that behaves as a list of mentions but builds each one when it is read.

    Reading item ``i`` builds it from its record (as the record is at that moment) and keeps it;
    slicing gives a plain list. Items can be replaced (``results[i] = changed``) after a
    change to one mention; :attr:`unread` follows. Nothing here reads the plan: a listing stays
    readable after the plan is closed.
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        build: Callable[[int, Mapping[str, Any]], M],
        unread: int,
    ) -> None:
        super().__init__()
        self._entries = entries
        self._build = build
        self._positions: dict[int, int] | None = None
        self.unread = unread
        """How many of the listed mentions are unread."""

    def __len__(self) -> int:
        return len(self._entries)

    def _make(self, index: int) -> M:
        _date, doc_id, doc = self._entries[index]
        return self._build(doc_id, doc)

    def __setitem__(self, index: int, item: M) -> None:
        """Put a changed mention (the same id) in place of the one at ``index``.

        :attr:`unread` moves by the difference from the item replaced: read that item before
        changing its record (the tab always has: it is the highlighted one).
        """
        if index < 0:
            index += len(self._entries)
        old = self[index]
        if old.id != item.id:
            raise ValueError("a listed mention can only be replaced by itself, changed")
        self.unread += int(old.read) - int(item.read)
        self._made[index] = item

    def __repr__(self) -> str:
        return f"MentionResults({len(self._entries)} mentions, {len(self._made)} built)"

    @property
    def built(self) -> int:
        """How many items have been built so far."""
        return len(self._made)

    def ids(self) -> list[int]:
        """Every listed mention's id, in order (nothing is built)."""
        return [entry[1] for entry in self._entries]

    def index_of(self, mention_id: int, hint: int = 0) -> int | None:
        """Where the mention with this id is listed (``hint`` is tried first), or None."""
        entries = self._entries
        if 0 <= hint < len(entries) and entries[hint][1] == mention_id:
            return hint
        if self._positions is None:
            self._positions = {entry[1]: index for index, entry in enumerate(entries)}
        return self._positions.get(mention_id)

    def unread_ids(self) -> list[int]:
        """The ids of the listed mentions unread now (nothing is built).

        A cached record is the stored one, changed in place by marking it read; a starred copy
        is a copy, so a replaced item says how it is now.
        """
        built = self._made
        return [
            entry[1]
            for index, entry in enumerate(self._entries)
            if not (built[index].read if entry[1] < 0 and index in built else entry[2].get("read"))
        ]
