"""Watch words, and which cached mentions match them (the match index), with the check-in's digest.

The watch words live in the data file (table ``watch``). Finding them in 20,000 mentions means
folding every text (case and accents), so it is done once: each record keeps the words it
matched (``matches``), computed when a change stores it (:func:`changing`), and recomputed for
every record in one pass when the watch words change. The mentions file's ``meta`` record keeps
the watch words those matches are for (``watch``) and a random ``stamp`` that every change made
here replaces.

The check-in only needs the unread mentions that match. After each change they are written to a
digest beside the mentions file (``x.mentions.digest.json``) with the stamp, the watch words and
the starred keys they were derived from. :func:`fresh_digest` hands it out only when all three
are still current (the stamp is read from the head of the mentions file, or from memory when
this process made the last change); otherwise the caller reads the whole cache.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import orjson

from storage import datafile as jsonstore
from storage.datafile import Plan
from storage.errors import InputError
from storage.i18n import _
from storage.mentions.matching import Matcher, fold, folded_text
from storage.text import one_line

WORD_MAX = 100
"""Longest watch word."""
DIGEST_VERSION = 1
"""Layout of the digest file."""
DIGEST_ITEMS = 100
"""Newest unread matching mentions kept in the digest (the check-in shows five; more is read
from the cache): three years of unread matches never make the digest as big as the cache."""
HEAD_BYTES = 64 * 1024
"""How much of the mentions file is read to find its stamp."""
_STAMP = re.compile(rb'"stamp":"([0-9a-f]{8,64})"')

Ident = tuple[int, str]
"""(feed id, entry key): what identifies a mention across the cache and the starred copies."""


# -- the watch words -----------------------------------------------------------------------------


def watch_words(plan: Plan) -> list[str]:
    """The watch words, sorted (the order the stored matches are for)."""
    words = [str(doc.get("word", "")) for doc in plan.table("watch").all()]
    return sorted((w for w in words if w), key=fold)


def add_watch(plan: Plan, word: str) -> str:
    """Watch a word (your name, brand or topic); returns it as stored."""
    cleaned = one_line(word, WORD_MAX)
    if not fold(cleaned).strip():
        raise InputError(_("type a word to watch"))
    if any(fold(existing) == fold(cleaned) for existing in watch_words(plan)):
        raise InputError(_("{word!r} is already watched").format(word=cleaned))
    plan.table("watch").insert({"word": cleaned})
    refresh_matches(plan)
    return cleaned


def remove_watch(plan: Plan, word: str) -> str:
    """Stop watching a word (case and accents ignored)."""
    wanted = fold(one_line(word))
    table = plan.table("watch")
    docs = [doc for doc in table.all() if fold(str(doc.get("word", ""))) == wanted]
    if not docs:
        raise InputError(_("{word!r} is not watched").format(word=one_line(word, WORD_MAX)))
    table.remove(doc_ids=[doc.doc_id for doc in docs])
    refresh_matches(plan)
    return str(docs[0].get("word"))


# -- the records and their matches ---------------------------------------------------------------


def records(plan: Plan) -> dict[str, dict[str, Any]]:
    """The mentions cache's records by id (the stored dicts themselves: never change them).

    TinyDB replaces a table's dict on every write rather than changing it, so iterating the
    one returned here is safe while another thread writes.
    """
    storage = plan.mentions_db().storage
    with getattr(storage, "lock", contextlib.nullcontext()):
        data = storage.read() or {}
        table: dict[str, dict[str, Any]] = data.get("mentions", {})
    return table


def ident_of(doc: Mapping[str, Any]) -> Ident:
    """A record's (feed id, key)."""
    return int(doc.get("feed", 0)), str(doc.get("key", ""))


def texts(doc: Mapping[str, Any]) -> tuple[str, str, str]:
    """A record's title, summary and author."""
    return (
        str(doc.get("title") or ""),
        str(doc.get("summary") or ""),
        str(doc.get("author") or ""),
    )


def words_in(matcher: Matcher, doc: Mapping[str, Any]) -> tuple[str, ...]:
    """The watch words found in a record's title, summary or author."""
    if not matcher:
        return ()
    return matcher.words_in_folded(folded_text(*texts(doc)))


def cache_meta(plan: Plan) -> dict[str, Any]:
    """The mentions file's meta record."""
    data = plan.mentions_db().storage.read() or {}
    meta = data.get("meta") or {}
    return dict(next(iter(meta.values()), {}))


def stored_matches_current(plan: Plan, words: list[str]) -> bool:
    """True when every record's ``matches`` were computed for ``words``."""
    return cache_meta(plan).get("watch") == words


def ensure_matches(plan: Plan, words: list[str]) -> bool:
    """Make the stored matches current when this process may write; True when they are."""
    if stored_matches_current(plan, words):
        return True
    if plan.read_only:
        return False
    refresh_matches(plan)
    return True


# -- changing the cache: write, then match, stamp and digest once --------------------------------


class Change:
    """A change to the mentions cache in progress: what its end must match again."""

    def __init__(self, rematch: bool = False) -> None:
        self.rematch = rematch
        """Match every record again (the watch words changed)."""
        self.stored: set[int] = set()
        """Records whose title, summary or author this change wrote."""
        self.unchanged = False
        """The caller wrote nothing: no new stamp, no save, no new digest."""

    def leave_unchanged(self) -> None:
        """Say that nothing was written (a fetch where every feed answered "not modified")."""
        self.unchanged = True

    def match(self, doc_ids: Iterable[int]) -> None:
        """Say that these records' text was written: their watch words are found at the end."""
        self.stored.update(doc_ids)


_OPEN: weakref.WeakKeyDictionary[Plan, Change] = weakref.WeakKeyDictionary()
"""The change each plan's cache is in (only the thread holding its batch can see one)."""
_CHANGED: weakref.WeakKeyDictionary[Plan, str] = weakref.WeakKeyDictionary()
"""Plans whose mentions cache this process changed (the stamp of the last change)."""


def changed_here(plan: Plan) -> bool:
    """True when this process changed the plan's mentions cache (memory may be ahead of disk)."""
    return plan in _CHANGED


@contextlib.contextmanager
def changing(plan: Plan, *, rematch: bool = False) -> Iterator[Change]:
    """Change the mentions cache: the caller writes, then the end matches, stamps and digests.

    Inside, the caller writes records and tells the :class:`Change` it gets which ones it wrote
    text for. At the end, once: their watch words are found (every record's with ``rematch``,
    or when the stored matches are for other words), the cache gets a new stamp, it is saved
    in one go, and the check-in's digest is derived from it. A use inside another is part of
    the outer change.
    """
    with plan.mentions_batch():  # holds the cache's lock: one thread changes it at a time
        outer = _OPEN.get(plan)
        if outer is not None:
            outer.rematch = outer.rematch or rematch
            unchanged = outer.unchanged
            yield outer
            outer.unchanged = unchanged  # a part that wrote nothing says nothing of the whole
            return
        change = _OPEN[plan] = Change(rematch)
        try:
            yield change
            if change.unchanged and not change.rematch and not change.stored:
                return
            words = watch_words(plan)
            _match(plan, words, change)
            stamp = _stamp(plan, words)
        finally:
            del _OPEN[plan]
    _CHANGED[plan] = stamp
    write_digest(plan, stamp, words)


def _match(plan: Plan, words: list[str], change: Change) -> None:
    """Store the watch words of the records the change wrote, or of every record when needed."""
    cached = records(plan)
    if change.rematch or not stored_matches_current(plan, words):
        ids = None  # every record
    else:
        ids = [doc_id for doc_id in sorted(change.stored) if str(doc_id) in cached]
    if not cached or ids == []:
        return
    matcher = Matcher(words)

    def match_one(doc: MutableMapping[str, Any]) -> None:
        doc["matches"] = list(words_in(matcher, doc))

    plan.mentions_table().update(match_one, doc_ids=ids)


def _stamp(plan: Plan, words: list[str]) -> str:
    """Give the cache a new stamp, with the watch words its matches are for; returns it."""
    stamp = os.urandom(8).hex()
    meta = plan.mentions_db().table("meta")
    docs = meta.all()
    fields = {"stamp": stamp, "watch": words}  # the stamp first: it is read from the head
    if docs:
        meta.update(fields, doc_ids=[docs[0].doc_id])
    else:
        meta.insert({"schema": 1, "kind": "mentions", **fields})
    return stamp


def refresh_matches(plan: Plan) -> int:
    """Recompute every record's matches for the current watch words (one pass, one save)."""
    with changing(plan, rematch=True):
        pass
    return len(records(plan))


# -- the digest ----------------------------------------------------------------------------------


def digest_path(plan: Plan) -> Path:
    """``x.mentions.digest.json`` beside ``x.mentions.json`` (named by :class:`Paths`)."""
    return plan.paths.mentions_digest


def starred_idents(plan: Plan) -> list[list[Any]]:
    """The starred copies' (feed, key), sorted, as JSON lists."""
    found = {ident_of(doc) for doc in plan.table("starred").all()}
    return [list(ident) for ident in sorted(found)]


def build_digest(plan: Plan, stamp: str, words: list[str]) -> dict[str, Any]:
    """The digest of the cache in memory: its unread matching records, and which starred are cached.

    Records stored without matches for ``words`` are matched now.
    """
    matcher = Matcher(words)
    use_stored = stored_matches_current(plan, words)
    starred = starred_idents(plan)
    starred_set = {(int(feed), str(key)) for feed, key in starred}
    keys = {key for _feed, key in starred_set}
    cached_starred: list[list[Any]] = []
    items: list[dict[str, Any]] = []
    for doc_id, doc in records(plan).items():
        if keys and str(doc.get("key", "")) in keys and ident_of(doc) in starred_set:
            cached_starred.append(list(ident_of(doc)))
        if doc.get("read"):
            continue
        matches = doc.get("matches") if use_stored else None
        if not isinstance(matches, list):
            matches = list(words_in(matcher, doc))
        if matches:
            items.append({**doc, "matches": matches, "id": int(doc_id)})
    items.sort(key=_newest_first, reverse=True)
    return {
        "version": DIGEST_VERSION,
        "stamp": stamp,
        "watch": words,
        "starred": starred,
        "cached_starred": cached_starred,
        "total": len(items),
        "items": items[:DIGEST_ITEMS],
    }


def _newest_first(item: Mapping[str, Any]) -> tuple[str, int]:
    """The order mentions are listed in (``Mention.sort_date``, then id)."""
    return str(item.get("published") or item.get("first_seen", "")), int(item["id"])


def write_digest(plan: Plan, stamp: str, words: list[str]) -> None:
    """Derive the digest from the cache in memory (at ``stamp``); write it once that is on disk.

    The digest is bound to the mentions file's identity (size, modification time, inode) as
    well as to its stamp, so a file written by other code is never matched with it. It is
    written only while that file is still the one on disk.
    """
    digest = build_digest(plan, stamp, words)
    path = plan.paths.mentions
    where = on_disk(path, stamp)
    mine = changed_here(plan)
    if where is not None:  # already written (not saving in the background): bind it now
        _submit(digest_path(plan), path, digest, where, replace=mine)
        return
    if not mine:
        return  # memory was loaded from a file since replaced: nothing to bind to

    def later() -> list[int] | None:
        with contextlib.suppress(Exception):  # a failed save is reported by the app
            plan.flush()
        return on_disk(path, stamp)

    _submit(digest_path(plan), path, digest, later, replace=True)


def identity(path: Path) -> list[int] | None:
    """(size, modification time in ns, inode) of a file, or None."""
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def on_disk(path: Path, stamp: str) -> list[int] | None:
    """The identity of the mentions file when the file there now carries ``stamp``."""
    before = identity(path)
    if before is None or head_stamp(path) != stamp:
        return None
    return before if identity(path) == before else None


def head_stamp(path: Path) -> str | None:
    """The stamp at the head of a mentions file (None when it has none or cannot be read)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    found = _STAMP.search(head)
    return found.group(1).decode() if found else None


def memory_stamp(plan: Plan) -> str | None:
    """The stamp of the cache as loaded (or last changed) in this process."""
    stamp = cache_meta(plan).get("stamp")
    return stamp if isinstance(stamp, str) else None


def fresh_digest(plan: Plan, words: list[str]) -> dict[str, Any] | None:
    """The digest when it was derived from the cache as it is now, else None."""
    try:
        digest = orjson.loads(digest_path(plan).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(digest, dict) or digest.get("version") != DIGEST_VERSION:
        return None
    if digest.get("watch") != words or digest.get("starred") != starred_idents(plan):
        return None
    stamp = digest.get("stamp")
    if not isinstance(stamp, str) or changed_here(plan):
        return None  # this process changed the cache: memory is the truth
    if digest.get("file") is None or on_disk(plan.paths.mentions, stamp) != digest["file"]:
        return None
    if (
        not isinstance(digest.get("items"), list)
        or not isinstance(digest.get("cached_starred"), list)
        or not isinstance(digest.get("total"), int)
    ):
        return None
    return digest


# -- writing digests off the caller's thread -----------------------------------------------------

Binding = list[int] | None | Callable[[], list[int] | None]
_PENDING: dict[Path, tuple[Path, dict[str, Any], Binding]] = {}
_GUARD = threading.Lock()
_WRITER: threading.Thread | None = None
_LEFTOVER_AGE = 60.0


def _submit(
    path: Path, mentions: Path, digest: dict[str, Any], where: Binding, replace: bool
) -> None:
    """Queue a digest; one derived by a reader never replaces one from a change."""
    global _WRITER
    with _GUARD:
        if replace or path not in _PENDING:
            _PENDING[path] = (mentions, digest, where)
        if _WRITER is None:
            # Not a daemon: a command ends only once its digest is written.
            _WRITER = threading.Thread(target=_drain, name="save mentions digest")
            _WRITER.start()


def _drain() -> None:
    global _WRITER
    while True:
        with _GUARD:
            if not _PENDING:
                _WRITER = None
                return
            path, (mentions, digest, where) = _PENDING.popitem()
        found = where() if callable(where) else where
        if found is not None and on_disk(mentions, digest["stamp"]) == found:
            _write(path, jsonstore.serialize({**digest, "file": found}))


def _write(path: Path, payload: bytes) -> None:
    """Write one digest atomically; a digest that cannot be written is simply not there."""
    with contextlib.suppress(OSError):
        for old in jsonstore.leftover_temps(path):  # from a crash, not from a writer now
            if time.time() - old.stat().st_mtime > _LEFTOVER_AGE:
                old.unlink()
    try:
        jsonstore.atomic_write(path, payload)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()  # never leave an older digest behind a newer cache


def flush_digests() -> None:
    """Wait until every digest handed to the writer is on disk."""
    while True:
        with _GUARD:
            writer = _WRITER
        if writer is None:
            return
        writer.join()
