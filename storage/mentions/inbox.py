"""Reading mentions, starring them and making something of one (a task, an idea, a comment).

The app and the command line read mentions through :func:`list_mentions` (lazily: a mention is
built when it is read); the check-in reads the unread matching ones through
:func:`matching_new`, from the digest when it is current.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tinydb.table import Document

from storage.datafile import Plan
from storage.dates import current_day
from storage.errors import InputError
from storage.exports import lazy_exports
from storage.i18n import _
from storage.mentions.feeds import add_feed, list_feeds, remove_feed
from storage.mentions.listing import Entry, MentionResults, entry_of, sorted_cache
from storage.mentions.matching import Matcher, fold, folded_text
from storage.mentions.watch import (
    add_watch,
    changed_here,
    changing,
    ensure_matches,
    fresh_digest,
    ident_of,
    memory_stamp,
    records,
    texts,
    watch_words,
    words_in,
    write_digest,
)
from storage.text import one_line

# Not used here: tests outside storage/ (tests/tui, tests/cli, tests/storage/test_checkin.py)
# still reach add_feed, add_watch, remove_feed and store_outcomes (and list_feeds, watch_words)
# through this module. They belong to ``storage.mentions``: drop them here once those tests
# import that.
__getattr__ = lazy_exports(__name__, {"store_outcomes": "storage.mentions.ingest"})

__all__ = [
    "Mention",
    "get_mention",
    "list_mentions",
    "log_commented",
    "make_content_idea",
    "make_reply_task",
    "mark_read",
    "matching_new",
    "set_read",
    "set_starred",
    "warm_search",
    # kept for the tests above
    "add_feed",
    "add_watch",
    "remove_feed",
]

_MENTION_FIELDS = (
    "feed", "key", "title", "link", "published", "summary", "author",
    "first_seen", "last_seen", "in_feed", "read",
)  # fmt: skip


# -- mentions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One entry of a monitored feed, as the app and the command line show it."""

    id: int
    """Its id in the mentions cache; negative for a starred copy no longer cached."""
    feed: int
    """The feed's id."""
    feed_name: str
    """The feed's name (or the name it had when starred)."""
    key: str
    """Entry id or link, unique within the feed."""
    title: str
    """Plain one-line title."""
    link: str | None
    """http(s) link, or None."""
    published: str | None
    """ISO datetime (UTC), or None when unknown."""
    summary: str
    """Plain-text summary."""
    author: str
    """Author ("" when unknown)."""
    first_seen: str
    """When a fetch first brought it (UTC ISO)."""
    last_seen: str
    """When a fetch last saw it in its feed."""
    in_feed: bool
    """Still in its feed at the last fetch."""
    read: bool
    """Marked read."""
    starred: bool = False
    """Starred: a copy is kept in the data file for good."""
    matches: tuple[str, ...] = field(default=())
    """Watch words found in the title, summary or author."""

    @property
    def sort_date(self) -> str:
        """What "newest first" sorts on: the published date, else when it was first seen."""
        return self.published or self.first_seen

    def to_json(self) -> dict[str, Any]:
        """The command line's JSON record."""
        return {
            "id": self.id,
            "feed": self.feed_name,
            "feed_id": self.feed,
            "title": self.title,
            "link": self.link,
            "published": self.published,
            "summary": self.summary,
            "author": self.author,
            "read": self.read,
            "starred": self.starred,
            "matches": list(self.matches),
        }


def _mention(
    doc_id: int,
    doc: Mapping[str, Any],
    names: dict[int, str],
    starred: bool,
    matches: tuple[str, ...],
) -> Mention:
    """A Mention from a stored record (every field set, without the frozen ``__init__``).

    Listing 20,000 mentions builds 20,000 of them: filling ``__dict__`` directly is ten times
    quicker than the dataclass's frozen ``__init__`` and gives an equal object.
    """
    feed_id = int(doc.get("feed", 0))
    mention: Mention = object.__new__(Mention)
    mention.__dict__.update(
        id=doc_id,
        feed=feed_id,
        feed_name=names.get(feed_id) or str(doc.get("feed_name") or "?"),
        key=str(doc.get("key", "")),
        title=str(doc.get("title") or ""),
        link=doc.get("link"),
        published=doc.get("published"),
        summary=str(doc.get("summary") or ""),
        author=str(doc.get("author") or ""),
        first_seen=str(doc.get("first_seen", "")),
        last_seen=str(doc.get("last_seen", "")),
        in_feed=bool(doc.get("in_feed", False)),
        read=bool(doc.get("read", False)),
        starred=starred,
        matches=matches,
    )
    return mention


class _Matches:
    """A record's watch words: stored with it when current, else found now."""

    def __init__(self, plan: Plan, words: list[str], stored: bool | None = None) -> None:
        self.matcher = Matcher(words)
        self.stored = ensure_matches(plan, words) if stored is None else stored

    def __call__(self, doc_id: int, doc: Mapping[str, Any]) -> tuple[str, ...]:
        found = doc.get("matches") if self.stored and doc_id > 0 else None
        if isinstance(found, list):
            return tuple(found)
        return words_in(self.matcher, doc)


def _starred_index(plan: Plan) -> dict[tuple[int, str], Document]:
    return {ident_of(d): d for d in plan.table("starred").all()}


def list_mentions(
    plan: Plan,
    *,
    unread: bool = False,
    starred: bool = False,
    matching: bool = False,
    feed: int | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> MentionResults[Mention]:
    """Mentions newest first, filtered (every filter given must hold).

    The answer behaves as a list of :class:`Mention`, but only the records are filtered and
    sorted here: a mention is built when it is read (a screen reads the forty it shows). It also
    knows how many are unread and where an id is, without building any.
    """
    names = {f.id: f.name for f in list_feeds(plan)}
    matches_of = _Matches(plan, watch_words(plan))
    index = _starred_index(plan)
    stars = frozenset(index)
    keys = {key for _feed, key in stars}
    order = sorted_cache(plan)
    terms = fold(search or "").split()

    def is_starred(doc_id: int, doc: Mapping[str, Any]) -> bool:
        if doc_id < 0:
            return True
        return bool(keys) and str(doc.get("key", "")) in keys and ident_of(doc) in stars

    def build(doc_id: int, doc: Mapping[str, Any]) -> Mention:
        return _mention(doc_id, doc, names, is_starred(doc_id, doc), matches_of(doc_id, doc))

    def wanted(doc_id: int, doc: Mapping[str, Any]) -> bool:
        """Every filter but the search holds."""
        if (unread and doc.get("read")) or (starred and not is_starred(doc_id, doc)):
            return False
        if feed is not None and int(doc.get("feed", 0)) != feed:
            return False
        return not matching or bool(matches_of(doc_id, doc))

    def found(haystack: str) -> bool:
        return all(term in haystack for term in terms)

    chosen: Sequence[Entry] = order.entries  # shared, never changed
    if terms:
        haystacks = order.haystacks()
        chosen = [entry for entry, hay in zip(chosen, haystacks, strict=True) if found(hay)]
    if unread or starred or matching or feed is not None:
        chosen = [entry for entry in chosen if wanted(entry[1], entry[2])]
    if chosen is order.entries:
        count = order.unread
    else:
        count = sum(1 for entry in chosen if not entry[2].get("read"))
    if keys:  # starred copies whose mention is no longer cached are listed too
        cached = {ident_of(e[2]) for e in order.entries if str(e[2].get("key", "")) in keys}
        extras = [
            entry_of(-copy.doc_id, copy)
            for ident, copy in index.items()
            if ident not in cached
            and wanted(-copy.doc_id, copy)
            and (not terms or found(folded_text(*texts(copy))))
        ]
        if extras:
            chosen = sorted([*chosen, *extras], reverse=True)
            count += sum(1 for entry in extras if not entry[2].get("read"))
    if limit is not None:
        cut = chosen[:limit]
        if len(cut) < len(chosen):
            chosen, count = cut, sum(1 for entry in cut if not entry[2].get("read"))
    return MentionResults(chosen, build, count)


def warm_search(plan: Plan, keep_going: Callable[[], bool] = lambda: True) -> bool:
    """Fold every cached mention's text now, so that typing a search folds none (a worker's job).

    Returns False when ``keep_going`` stopped it early.
    """
    return sorted_cache(plan).fold_ahead(keep_going)


def get_mention(plan: Plan, mention_id: int) -> Mention | None:
    """One mention by id, or None."""
    names = {feed.id: feed.name for feed in list_feeds(plan)}
    if mention_id < 0:
        copy = plan.table("starred").get(doc_id=-mention_id)
        if not isinstance(copy, Document):
            return None
        return _mention(mention_id, copy, names, True, words_in(Matcher(watch_words(plan)), copy))
    doc = records(plan).get(str(mention_id))
    if doc is None:
        return None
    matches = _Matches(plan, watch_words(plan))(mention_id, doc)
    return _mention(mention_id, doc, names, ident_of(doc) in _starred_index(plan), matches)


def _require(plan: Plan, mention_id: int) -> Mention:
    mention = get_mention(plan, mention_id)
    if mention is None:
        raise InputError(_("there is no mention {id}").format(id=mention_id))
    return mention


def matching_new(plan: Plan, limit: int) -> tuple[list[Mention], int]:
    """Unread mentions that match a watch word, newest first: the first ``limit`` and the total.

    Read from the digest when it is current (the check-in then never loads the whole cache).
    """
    words = watch_words(plan)
    if not words:
        return [], 0
    digest = None if changed_here(plan) else fresh_digest(plan, words)
    if digest is not None:
        try:
            answer = _from_digest(plan, digest, words, limit)
        except (KeyError, TypeError, ValueError):  # a damaged digest: read the cache
            answer = None
        if answer is not None:
            return answer
    found = list_mentions(plan, unread=True, matching=True)
    if not changed_here(plan):
        _save_digest(plan, words)
    return found[:limit], len(found)


def _from_digest(
    plan: Plan, digest: dict[str, Any], words: list[str], limit: int
) -> tuple[list[Mention], int] | None:
    """The answer from the digest, or None when it keeps fewer mentions than asked for."""
    items = digest["items"]
    if limit > len(items) and digest["total"] > len(items):
        return None
    names = {f.id: f.name for f in list_feeds(plan)}
    starred = _starred_index(plan)
    found = [
        _mention(
            int(item["id"]),
            item,
            names,
            ident_of(item) in starred,
            tuple(str(word) for word in item.get("matches") or ()),
        )
        for item in items
    ]
    total = int(digest["total"])
    cached = {(int(feed), str(key)) for feed, key in digest["cached_starred"]}
    matcher = Matcher(words)
    for ident, copy in starred.items():
        if ident in cached or copy.get("read"):
            continue
        matches = words_in(matcher, copy)
        if matches:
            found.append(_mention(-copy.doc_id, copy, names, True, matches))
            total += 1
    found.sort(key=lambda m: (m.sort_date, m.id), reverse=True)
    return found[:limit], total


def _save_digest(plan: Plan, words: list[str]) -> None:
    """Write the digest of the cache in memory (stamping the cache first when it has no stamp)."""
    stamp = memory_stamp(plan)
    if stamp is not None:
        write_digest(plan, stamp, words)
    elif not plan.read_only:
        with changing(plan):
            pass


def mark_read(plan: Plan, mention_ids: Iterable[int], read: bool = True) -> int:
    """Mark several mentions read (or unread) in one save per file; returns how many."""
    ids = list(dict.fromkeys(mention_ids))
    cached = [i for i in ids if i > 0]
    copies = [-i for i in ids if i < 0]
    if cached:
        table = plan.mentions_table()
        docs = [d for d in (table.get(doc_id=i) for i in cached) if isinstance(d, Document)]
        with changing(plan):
            table.update({"read": read}, doc_ids=[d.doc_id for d in docs])
        starred = _starred_index(plan)
        for doc in docs:
            copy = starred.get(ident_of(doc))
            if copy is not None:
                copies.append(copy.doc_id)
    if copies:
        plan.table("starred").update({"read": read}, doc_ids=copies)
    return len(ids)


def set_read(plan: Plan, mention_id: int, read: bool) -> Mention:
    """Mark one mention read or unread."""
    _require(plan, mention_id)
    mark_read(plan, [mention_id], read)
    return _require(plan, mention_id)


def set_starred(plan: Plan, mention_id: int, starred: bool) -> Mention | None:
    """Star a mention (a full copy goes to the data file) or unstar it.

    Unstarring a mention that is no longer cached drops it; then None is returned.
    """
    mention = _require(plan, mention_id)
    index = _starred_index(plan)
    copy = index.get((mention.feed, mention.key))
    if starred and copy is None:
        doc = plan.mentions_table().get(doc_id=mention_id)
        record: dict[str, Any] = {n: doc.get(n) for n in _MENTION_FIELDS} if doc else {}
        record["feed_name"] = mention.feed_name
        plan.table("starred").insert(record)
    elif not starred and copy is not None:
        plan.table("starred").remove(doc_ids=[copy.doc_id])
    else:
        return get_mention(plan, mention_id)
    if mention_id > 0:  # the digest keeps which starred mentions are cached
        _save_digest(plan, watch_words(plan))
    return get_mention(plan, mention_id)


# -- from a mention to the plan ------------------------------------------------------------------


def make_reply_task(plan: Plan, mention_id: int, today: date | None = None) -> Any:
    """A phase-5 task "Reply: <title>" with the mention's link; returns the task."""
    from storage.phases import add_task

    mention = _require(plan, mention_id)
    title = one_line(_("Reply: {title}").format(title=mention.title or mention.feed_name), 200)
    notes = _("From {feed}").format(feed=mention.feed_name)
    return add_task(plan, 5, title, notes=notes, link=mention.link, source="mention", today=today)


def make_content_idea(plan: Plan, mention_id: int, today: date | None = None) -> Any:
    """A backlog idea (no date, status "idea") inspired by the mention; returns the item."""
    from storage.calendar import add_content

    mention = _require(plan, mention_id)
    notes = _("Inspired by {title} ({feed})").format(title=mention.title, feed=mention.feed_name)
    title = one_line(mention.title or _("Idea from {feed}").format(feed=mention.feed_name), 200)
    return add_content(plan, title, None, status="idea", notes=notes, url=mention.link, today=today)


def log_commented(plan: Plan, mention_id: int, today: date | None = None) -> Any:
    """Log "I commented here" in the community log (it pays an open promise); returns it."""
    from storage.calendar import log_comment

    mention = _require(plan, mention_id)
    where = (urlsplit(mention.link).hostname if mention.link else None) or mention.feed_name
    note = one_line(mention.title, 200)
    return log_comment(plan, today or current_day(), where, mention.link or "", note=note)
