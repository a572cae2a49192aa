"""The feeds you monitor: the registry in the data file (name, source, tags), with what each
last answered on this machine (``fetchstate``, beside the mentions cache)."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tinydb.table import Document

import storage.mentions.fetchstate as fetchstate
from storage.datafile import Plan
from storage.errors import InputError
from storage.i18n import _
from storage.mentions.matching import fold
from storage.mentions.watch import changing, records
from storage.text import one_line

NAME_MAX = 120
"""Longest feed name kept."""


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
    # What the feed last answered this machine (storage.mentions.fetchstate), not in the plan:
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
    def from_doc(cls, doc: Document, state: fetchstate.State | None = None) -> Feed:
        """Build from a stored record and what the feed last answered (``state``).

        A plan written before the fetch state had its own file kept a feed's last answer in
        the record: it is used until the feed has been fetched again.
        """
        source = str(doc.get("source", ""))
        known = fetchstate.entry(state, doc.doc_id, source) if state is not None else None
        last = doc if known is None else known
        return cls(
            id=doc.doc_id,
            name=str(doc.get("name", "")),
            source=source,
            kind="file" if doc.get("kind") == "file" else "url",
            tags=tuple(str(t) for t in doc.get("tags") or ()),
            etag=last.get("etag"),
            last_modified=last.get("last_modified"),
            last_fetch=last.get("last_fetch"),
            last_error=last.get("last_error"),
            count=last.get("count"),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored record (fields of docs/DEVELOPING.md)."""
        return {
            "name": self.name,
            "source": self.source,
            "kind": self.kind,
            "tags": list(self.tags),
        }

    def to_json(self) -> dict[str, Any]:
        """The command line's JSON record: the stored one and the last answer."""
        return {"id": self.id, **self.to_doc(), **{f: getattr(self, f) for f in fetchstate.FIELDS}}


def monitored(plan: Plan) -> list[Feed]:
    """Every feed, in the order they were added (the order a fetch run takes them in)."""
    state = fetchstate.read(plan.paths.mentions_fetch)
    return [Feed.from_doc(doc, state) for doc in plan.table("feeds").all()]


def list_feeds(plan: Plan) -> list[Feed]:
    """Every feed, by name."""
    return sorted(monitored(plan), key=lambda f: (fold(f.name), f.id))


def get_feed(plan: Plan, feed_id: int) -> Feed:
    """One feed; :class:`InputError` when there is none with that id."""
    doc = plan.table("feeds").get(doc_id=feed_id)
    if not isinstance(doc, Document):
        raise InputError(_("there is no feed {id}").format(id=feed_id))
    return Feed.from_doc(doc, fetchstate.read(plan.paths.mentions_fetch))


def default_name(source: str, kind: str) -> str:
    """The name a feed gets when none is given: its file name, or host and path."""
    if kind == "file":
        return Path(source).name
    parts = urlsplit(source)
    return (parts.hostname or source) + (parts.path.rstrip("/") if parts.path != "/" else "")


def check_source(source: str) -> tuple[str, str]:
    """``(source, kind)`` for what the user typed: an http(s) URL or an existing local file.

    Raises:
        InputError: for another URL scheme or a path that is not a readable file.
    """
    from storage.mentions.network.fetch import is_web_url

    text = one_line(source)
    if not text:
        raise InputError(_("give a feed URL (http or https) or the path of a feed file"))
    if is_web_url(text):
        if any(char.isspace() for char in text):
            raise InputError(_("a URL cannot contain spaces: {url}").format(url=text))
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


def clean_tag(text: str) -> str:
    """A tag as stored: one line, and no ``/`` or ``,`` (OPML's separators of folder paths and of
    categories: a tag holding one would come back from an OPML export as two tags)."""
    return " ".join(one_line(text.replace("/", " ").replace(",", " "), 60).split())


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
    cleaned = one_line(name or "", NAME_MAX) or one_line(default_name(checked, kind), NAME_MAX)
    tag_list = [t for t in dict.fromkeys(clean_tag(t) for t in tags) if t]
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
    gone = [int(doc_id) for doc_id, doc in records(plan).items() if doc.get("feed") == feed_id]
    if gone:
        with changing(plan):
            plan.mentions_table().remove(doc_ids=gone)
    return feed


# -- what a fetch run learnt ---------------------------------------------------------------------


def take_title(plan: Plan, feed_id: int, title: str) -> None:
    """Name a feed still under the name made from its address after the title it gives itself
    (a feed removed while it was being fetched is left alone)."""
    feeds = plan.table("feeds")
    doc = feeds.get(doc_id=feed_id)
    if not isinstance(doc, Document) or not title:
        return
    source, kind = str(doc.get("source", "")), str(doc.get("kind", "url"))
    if doc.get("name") == default_name(source, kind):
        feeds.update({"name": one_line(title, NAME_MAX)}, doc_ids=[feed_id])


def forget_old_answers(plan: Plan) -> None:
    """Remove from the plan's feed records the last answers plans kept before
    ``fetchstate`` (once a fetch has written them there)."""
    stale = [
        doc.doc_id for doc in plan.table("feeds").all() if any(f in doc for f in fetchstate.FIELDS)
    ]
    if stale:

        def strip(doc: MutableMapping[str, Any]) -> None:
            for name in fetchstate.FIELDS:
                doc.pop(name, None)

        plan.table("feeds").update(strip, doc_ids=stale)
