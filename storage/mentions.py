"""Mentions: the feeds you monitor, your watch words, and what the feeds said.

Feeds, watch words and starred copies live in the data file; fetched mentions live in the
mentions cache beside it (``x.mentions.json``), written once per fetch run. The app and the
command line both read mentions through :func:`list_mentions`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tinydb.table import Document

from storage.database import Plan
from storage.errors import InputError
from storage.feeds.ingest import FetchReport, fetch_all, prune, store_outcomes
from storage.feeds.matching import Matcher, fold, match_spans
from storage.feeds.sanitize import one_line
from storage.i18n import _

__all__ = [
    "Feed",
    "FetchReport",
    "Mention",
    "add_feed",
    "add_watch",
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

NAME_MAX = 120
"""Longest feed name kept."""
WORD_MAX = 100
"""Longest watch word."""
_MENTION_FIELDS = (
    "feed", "key", "title", "link", "published", "summary", "author",
    "first_seen", "last_seen", "in_feed", "read",
)  # fmt: skip


def now_utc() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


# -- feeds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """A monitored feed."""

    id: int
    """Its id in the data file."""
    name: str
    """Shown in lists (cleaned of control characters)."""
    source: str
    """An http(s) URL, or the absolute path of a local file."""
    kind: str = "url"
    """``"url"`` or ``"file"``."""
    tags: tuple[str, ...] = ()
    """Tags (OPML folders)."""
    etag: str | None = None
    """ETag of the last answer."""
    last_modified: str | None = None
    """Last-Modified of the last answer."""
    last_fetch: str | None = None
    """When it was last fetched (local time, ISO), or None."""
    last_error: str | None = None
    """Why the last fetch failed, or None."""
    count: int | None = None
    """Entries in the feed at the last successful fetch."""

    @classmethod
    def from_doc(cls, doc: Document) -> Feed:
        """Build from a stored record."""
        return cls(
            id=doc.doc_id,
            name=str(doc.get("name", "")),
            source=str(doc.get("source", "")),
            kind="file" if doc.get("kind") == "file" else "url",
            tags=tuple(str(t) for t in doc.get("tags") or ()),
            etag=doc.get("etag"),
            last_modified=doc.get("last_modified"),
            last_fetch=doc.get("last_fetch"),
            last_error=doc.get("last_error"),
            count=doc.get("count"),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored record (fields of docs/DEVELOPING.md)."""
        return {
            "name": self.name,
            "source": self.source,
            "kind": self.kind,
            "tags": list(self.tags),
            "etag": self.etag,
            "last_modified": self.last_modified,
            "last_fetch": self.last_fetch,
            "last_error": self.last_error,
            "count": self.count,
        }


def list_feeds(plan: Plan) -> list[Feed]:
    """Every feed, by name."""
    feeds = [Feed.from_doc(doc) for doc in plan.table("feeds").all()]
    return sorted(feeds, key=lambda f: (fold(f.name), f.id))


def get_feed(plan: Plan, feed_id: int) -> Feed:
    """One feed; :class:`InputError` when there is none with that id."""
    doc = plan.table("feeds").get(doc_id=feed_id)
    if not isinstance(doc, Document):
        raise InputError(_("there is no feed {id}").format(id=feed_id))
    return Feed.from_doc(doc)


def _default_name(source: str, kind: str) -> str:
    if kind == "file":
        return Path(source).name
    parts = urlsplit(source)
    return (parts.hostname or source) + (parts.path.rstrip("/") if parts.path != "/" else "")


def check_source(source: str) -> tuple[str, str]:
    """``(source, kind)`` for what the user typed: an http(s) URL or an existing local file.

    Raises:
        InputError: for another URL scheme or a path that is not a readable file.
    """
    from storage.feeds.fetch import is_web_url

    text = one_line(source)
    if not text:
        raise InputError(_("give a feed URL (http or https) or the path of a feed file"))
    if is_web_url(text):
        return text, "url"
    scheme = urlsplit(text).scheme
    if "://" in text or (len(scheme) > 1 and ":" in text and not Path(text).exists()):
        raise InputError(
            _("only http and https feed URLs can be added, not {scheme}:").format(scheme=scheme)
        )
    path = Path(text).expanduser().absolute()
    if not path.is_file():
        raise InputError(
            _("{path} is not a file (give an http(s) URL or a feed file)").format(path=path)
        )
    return str(path), "file"


def add_feed(
    plan: Plan,
    source: str,
    name: str | None = None,
    tags: Iterable[str] = (),
    *,
    allow_files: bool = True,
) -> Feed:
    """Add a feed by URL or local path (paths only when ``allow_files``).

    Raises:
        InputError: bad source, or the feed is already monitored.
    """
    checked, kind = check_source(source)
    if kind == "file" and not allow_files:
        raise InputError(_("only http and https feed URLs can be imported"))
    for feed in list_feeds(plan):
        if feed.source == checked:
            raise InputError(
                _("{source} is already monitored as feed {id} ({name})").format(
                    source=checked, id=feed.id, name=feed.name
                )
            )
    cleaned = one_line(name or "", NAME_MAX) or one_line(_default_name(checked, kind), NAME_MAX)
    tag_list = [t for t in dict.fromkeys(one_line(t, 60) for t in tags) if t]
    feed = Feed(id=0, name=cleaned, source=checked, kind=kind, tags=tuple(tag_list))
    return get_feed(plan, plan.table("feeds").insert(feed.to_doc()))


def rename_feed(plan: Plan, feed_id: int, name: str) -> Feed:
    """Give a feed another name."""
    get_feed(plan, feed_id)
    cleaned = one_line(name, NAME_MAX)
    if not cleaned:
        raise InputError(_("a feed needs a name"))
    plan.table("feeds").update({"name": cleaned}, doc_ids=[feed_id])
    return get_feed(plan, feed_id)


def remove_feed(plan: Plan, feed_id: int) -> Feed:
    """Stop monitoring a feed and drop its cached mentions (starred copies stay)."""
    feed = get_feed(plan, feed_id)
    plan.table("feeds").remove(doc_ids=[feed_id])
    table = plan.mentions_table()
    gone = [doc.doc_id for doc in table.all() if doc.get("feed") == feed_id]
    if gone:
        table.remove(doc_ids=gone)
    return feed


# -- watch words ---------------------------------------------------------------------------------


def watch_words(plan: Plan) -> list[str]:
    """The watch words, sorted."""
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
    return cleaned


def remove_watch(plan: Plan, word: str) -> str:
    """Stop watching a word (case and accents ignored)."""
    wanted = fold(one_line(word))
    table = plan.table("watch")
    docs = [doc for doc in table.all() if fold(str(doc.get("word", ""))) == wanted]
    if not docs:
        raise InputError(_("{word!r} is not watched").format(word=one_line(word, WORD_MAX)))
    table.remove(doc_ids=[doc.doc_id for doc in docs])
    return str(docs[0].get("word"))


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


def _all_mentions(plan: Plan) -> list[Mention]:
    names = {feed.id: feed.name for feed in list_feeds(plan)}
    matcher = Matcher(watch_words(plan))
    starred = _starred_index(plan)
    seen: set[tuple[int, str]] = set()
    result: list[Mention] = []
    for doc in plan.mentions_table().all():
        ident = (int(doc.get("feed", 0)), str(doc.get("key", "")))
        seen.add(ident)
        result.append(_mention(doc.doc_id, doc, names, ident in starred, matcher))
    for ident, copy in starred.items():
        if ident not in seen:
            result.append(_mention(-copy.doc_id, copy, names, True, matcher))
    return result


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
    terms = fold(search or "").split()
    chosen: list[Mention] = []
    for mention in _all_mentions(plan):
        if (unread and mention.read) or (starred and not mention.starred):
            continue
        if (matching and not mention.matches) or (feed is not None and mention.feed != feed):
            continue
        if terms:
            haystack = folded_text(mention.title, mention.summary, mention.author)
            if not all(term in haystack for term in terms):
                continue
        chosen.append(mention)
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
