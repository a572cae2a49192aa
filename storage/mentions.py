"""Mentions: the feeds you monitor, your watch words, and what the feeds said.

Feeds, watch words and starred copies live in the data file; fetched mentions live in the
mentions cache beside it (``x.mentions.json``), written once per fetch run. The app and the
command line both read mentions through :func:`list_mentions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tinydb.table import Document

from storage.database import Plan
from storage.errors import InputError
from storage.feeds.ingest import FetchReport, fetch_all, prune, store_outcomes
from storage.feeds.matching import Matcher, fold, match_spans
from storage.feeds.registry import (
    Feed,
    add_feed,
    add_watch,
    check_source,
    get_feed,
    list_feeds,
    remove_feed,
    remove_watch,
    rename_feed,
    watch_words,
)
from storage.feeds.sanitize import one_line
from storage.i18n import _

__all__ = [
    "Feed",
    "FetchReport",
    "Mention",
    "add_feed",
    "add_watch",
    "check_source",
    "fetch_all",
    "get_feed",
    "get_mention",
    "list_feeds",
    "list_mentions",
    "log_commented",
    "make_content_idea",
    "make_reply_task",
    "mark_read",
    "prune",
    "store_outcomes",
    "match_spans",
    "matching_new",
    "remove_feed",
    "remove_watch",
    "rename_feed",
    "set_read",
    "set_starred",
    "watch_words",
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


_FOLDED: dict[tuple[str, str, str], tuple[str, int, tuple[str, ...]]] = {}
"""Per title+summary+author: folded text, and the words it matched for the matcher with that id.

Listing 20,000 mentions again (a filter changed, a letter typed) then costs lookups only."""
_FOLDED_MAX = 100_000


def folded_text(title: str, summary: str, author: str) -> str:
    """A mention's searchable text, folded (case and accents removed), cached."""
    return _fold_entry(title, summary, author)[0]


def _fold_entry(title: str, summary: str, author: str) -> tuple[str, int, tuple[str, ...]]:
    ident = (title, summary, author)
    found = _FOLDED.get(ident)
    if found is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        found = _FOLDED[ident] = (fold(f"{title}\n{summary}\n{author}"), 0, ())
    return found


def _matches(matcher: Matcher, title: str, summary: str, author: str) -> tuple[str, ...]:
    if not matcher:
        return ()
    folded, matcher_id, words = _fold_entry(title, summary, author)
    if matcher_id != matcher.ident:
        words = matcher.words_in_folded(folded)
        _FOLDED[(title, summary, author)] = (folded, matcher.ident, words)
    return words


def _mention(
    doc_id: int, doc: dict[str, Any], names: dict[int, str], starred: bool, matcher: Matcher
) -> Mention:
    feed_id = int(doc.get("feed", 0))
    title, summary, author = (str(doc.get(k) or "") for k in ("title", "summary", "author"))
    return Mention(
        id=doc_id,
        feed=feed_id,
        feed_name=names.get(feed_id) or str(doc.get("feed_name") or "?"),
        key=str(doc.get("key", "")),
        title=title,
        link=doc.get("link"),
        published=doc.get("published"),
        summary=summary,
        author=author,
        first_seen=str(doc.get("first_seen", "")),
        last_seen=str(doc.get("last_seen", "")),
        in_feed=bool(doc.get("in_feed", False)),
        read=bool(doc.get("read", False)),
        starred=starred,
        matches=_matches(matcher, title, summary, author),
    )


def _starred_index(plan: Plan) -> dict[tuple[int, str], Document]:
    return {(int(d.get("feed", 0)), str(d.get("key", ""))): d for d in plan.table("starred").all()}


def _records(
    plan: Plan, starred: dict[tuple[int, str], Document]
) -> Iterator[tuple[int, Document, bool]]:
    """``(id, record, starred)`` of every cached mention, then of starred copies not cached."""
    seen: set[tuple[int, str]] = set()
    for doc in plan.mentions_table().all():
        ident = (int(doc.get("feed", 0)), str(doc.get("key", "")))
        seen.add(ident)
        yield doc.doc_id, doc, ident in starred
    for ident, copy in starred.items():
        if ident not in seen:
            yield -copy.doc_id, copy, True


def list_mentions(
    plan: Plan,
    *,
    unread: bool = False,
    starred: bool = False,
    matching: bool = False,
    feed: int | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[Mention]:
    """Mentions newest first, filtered (every filter given must hold)."""
    names = {f.id: f.name for f in list_feeds(plan)}
    matcher = Matcher(watch_words(plan))
    terms = fold(search or "").split()
    chosen: list[Mention] = []
    for doc_id, doc, is_starred in _records(plan, _starred_index(plan)):
        if (unread and doc.get("read")) or (starred and not is_starred):
            continue
        if feed is not None and int(doc.get("feed", 0)) != feed:
            continue
        if matching or terms:
            title, summary, author = (str(doc.get(k) or "") for k in ("title", "summary", "author"))
            if matching and not _matches(matcher, title, summary, author):
                continue
            haystack = folded_text(title, summary, author)
            if not all(term in haystack for term in terms):
                continue
        chosen.append(_mention(doc_id, doc, names, is_starred, matcher))
    chosen.sort(key=lambda m: (m.sort_date, m.id), reverse=True)
    return chosen[:limit] if limit is not None else chosen


def get_mention(plan: Plan, mention_id: int) -> Mention | None:
    """One mention by id, or None."""
    names = {feed.id: feed.name for feed in list_feeds(plan)}
    matcher = Matcher(watch_words(plan))
    starred = _starred_index(plan)
    if mention_id < 0:
        copy = plan.table("starred").get(doc_id=-mention_id)
        if not isinstance(copy, Document):
            return None
        return _mention(mention_id, copy, names, True, matcher)
    doc = plan.mentions_table().get(doc_id=mention_id)
    if not isinstance(doc, Document):
        return None
    ident = (int(doc.get("feed", 0)), str(doc.get("key", "")))
    return _mention(mention_id, doc, names, ident in starred, matcher)


def _require(plan: Plan, mention_id: int) -> Mention:
    mention = get_mention(plan, mention_id)
    if mention is None:
        raise InputError(_("there is no mention {id}").format(id=mention_id))
    return mention


def matching_new(plan: Plan, limit: int) -> tuple[list[Mention], int]:
    """Unread mentions that match a watch word, newest first: the first ``limit`` and the total."""
    found = list_mentions(plan, unread=True, matching=True)
    return found[:limit], len(found)


def mark_read(plan: Plan, mention_ids: Iterable[int], read: bool = True) -> int:
    """Mark several mentions read (or unread) in one save per file; returns how many."""
    ids = list(dict.fromkeys(mention_ids))
    cached = [i for i in ids if i > 0]
    copies = [-i for i in ids if i < 0]
    if cached:
        table = plan.mentions_table()
        docs = [d for d in (table.get(doc_id=i) for i in cached) if isinstance(d, Document)]
        with plan.mentions_batch():
            table.update({"read": read}, doc_ids=[d.doc_id for d in docs])
        starred = _starred_index(plan)
        for doc in docs:
            copy = starred.get((int(doc.get("feed", 0)), str(doc.get("key", ""))))
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
    return get_mention(plan, mention_id)


# -- from a mention to the plan ------------------------------------------------------------------


def make_reply_task(plan: Plan, mention_id: int, today: date | None = None) -> Any:
    """A phase-5 task "Reply: <title>" with the mention's link; returns the task."""
    from storage.tasks import add_task

    mention = _require(plan, mention_id)
    title = one_line(_("Reply: {title}").format(title=mention.title or mention.feed_name), 200)
    notes = _("From {feed}").format(feed=mention.feed_name)
    return add_task(plan, 5, title, notes=notes, link=mention.link, source="mention", today=today)


def make_content_idea(plan: Plan, mention_id: int, today: date | None = None) -> Any:
    """A backlog idea (no date, status "idea") inspired by the mention; returns the item."""
    from storage.content import add_content

    mention = _require(plan, mention_id)
    notes = _("Inspired by {title} ({feed})").format(title=mention.title, feed=mention.feed_name)
    title = one_line(mention.title or _("Idea from {feed}").format(feed=mention.feed_name), 200)
    return add_content(plan, title, None, status="idea", notes=notes, url=mention.link, today=today)


def log_commented(plan: Plan, mention_id: int, today: date | None = None) -> Any:
    """Log "I commented here" in the community log (it pays an open promise); returns it."""
    from storage.community import log_comment

    mention = _require(plan, mention_id)
    where = (urlsplit(mention.link).hostname if mention.link else None) or mention.feed_name
    note = one_line(mention.title, 200)
    return log_comment(plan, today or date.today(), where, mention.link or "", note=note)
