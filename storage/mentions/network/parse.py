"""Parse a downloaded body (RSS, Atom, RDF or JSON Feed 1/1.1) into cleaned entries.

feedparser only ever gets an ``io.BytesIO`` with the final URL and content type: given a string
it would fetch URLs itself (no timeout, no size limit) or open local paths found in it.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from storage.mentions.network.guard import UnsafeFeedError, check_prolog
from storage.mentions.network.sanitize import (
    TITLE_MAX,
    CleanEntry,
    RawEntry,
    clean_entries,
    safe_link,
)
from storage.text import one_line

MAX_ENTRIES = 1000
"""Entries kept from one feed (the first ones, as the feed orders them)."""


class FeedParseError(ValueError):
    """The body is not a feed we can read (message says why)."""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and its cleaned, de-duplicated entries."""

    title: str
    """The feed's own title (plain, may be empty)."""
    link: str | None
    """The feed's home page, if it gives a safe one."""
    entries: list[CleanEntry]
    """Entries in feed order."""


def _looks_like_json(body: bytes, content_type: str) -> bool:
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" in content_type.lower() or head.startswith(b"{")


def parse_feed(
    body: bytes, url: str = "", content_type: str = "", now: datetime | None = None
) -> ParsedFeed:
    """Parse ``body`` fetched from ``url`` (the final URL after redirects).

    Raises:
        FeedParseError: when the body is unsafe or holds no feed.
    """
    if not body.strip():
        raise FeedParseError("the feed is empty")
    if _looks_like_json(body, content_type):
        return parse_json_feed(body, url, now)
    try:
        check_prolog(body)
    except UnsafeFeedError as error:
        raise FeedParseError(str(error)) from error
    return _parse_xml(body, url, content_type, now)


def _date_of(entry: Any) -> Any:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return tuple(value)
    return None


def _summary_of(entry: Any) -> Any:
    content = entry.get("content")
    summary = entry.get("summary")
    if summary:
        return summary
    if content:
        return content[0].get("value")
    return None


_TUNING = threading.Lock()


SAX_DRIVER = "storage.mentions.network.sax"
"""The XML reader feedparser is told to prefer: expat, handing over text in runs (see there)."""


def load_feedparser() -> None:
    """Import feedparser, made to remember the base URIs it works out (once per process).

    For every element it opens, feedparser works out the element's base URI from its parent's
    (``xml:base``) with ``urllib.parse.urljoin``: about ten thousand joins for the bench's 36
    feeds, nearly all of the same two strings, and a fifth of feedparser's time. That join is a
    pure function of its two strings (and of feedparser's constant list of safe schemes), so
    remembering its answers changes no result (tests/storage/test_feeds_parse.py holds that on
    every feed of the shared corpus) and saves the repeats. feedparser is also told to read XML
    with :data:`SAX_DRIVER`, the standard library's expat handing over text in runs.
    """
    import feedparser
    import feedparser.api
    import feedparser.mixin

    with _TUNING:
        join = getattr(feedparser.mixin, "make_safe_absolute_uri", None)
        if callable(join) and not hasattr(join, "cache_info"):
            feedparser.mixin.make_safe_absolute_uri = functools.lru_cache(maxsize=1024)(join)
        readers = getattr(feedparser.api, "PREFERRED_XML_PARSERS", None)
        if isinstance(readers, list) and SAX_DRIVER not in readers:
            readers.insert(0, SAX_DRIVER)


def _parse_xml(body: bytes, url: str, content_type: str, now: datetime | None) -> ParsedFeed:
    import feedparser

    load_feedparser()

    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    # We keep plain text only (sanitize.html_to_text): feedparser need not clean or rebase HTML.
    result = feedparser.parse(
        io.BytesIO(body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not result.get("version") and not result.entries:
        reason = result.get("bozo_exception")
        detail = f": {one_line(reason, 120)}" if reason else ""
        raise FeedParseError(f"not an RSS, Atom or JSON feed{detail}")
    base = url or None
    raws = [
        RawEntry(
            id=entry.get("id"),
            title=entry.get("title"),
            link=entry.get("link"),
            summary=_summary_of(entry),
            author=entry.get("author"),
            published=_date_of(entry),
        )
        for entry in result.entries[:MAX_ENTRIES]
    ]
    feed = result.get("feed", {})
    return ParsedFeed(
        title=one_line(feed.get("title"), TITLE_MAX),
        link=safe_link(feed.get("link"), base),
        entries=clean_entries(raws, base, now),
    )


def _json_author(item: dict[str, Any], feed: dict[str, Any]) -> Any:
    for source in (item, feed):
        authors = source.get("authors")
        if isinstance(authors, list) and authors and isinstance(authors[0], dict):
            return authors[0].get("name")
        author = source.get("author")
        if isinstance(author, dict):
            return author.get("name")
    return None


_JSON_FEED_VERSION = re.compile(r"https?://jsonfeed\.org/version/1(?:\.1)?/?", re.IGNORECASE)
"""Versions 1 and 1.1; feeds in the wild often declare them with ``http://``."""


def parse_json_feed(body: bytes, url: str = "", now: datetime | None = None) -> ParsedFeed:
    """Map a JSON Feed (version 1 or 1.1) to the same records as RSS and Atom."""
    try:
        feed = orjson.loads(body.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise FeedParseError(f"not valid JSON: {one_line(error, 120)}") from error
    version = feed.get("version") if isinstance(feed, dict) else None
    if not isinstance(version, str) or not _JSON_FEED_VERSION.fullmatch(version.strip()):
        raise FeedParseError("JSON that is not a JSON Feed (version 1 or 1.1)")
    items = feed.get("items")
    if not isinstance(items, list):
        raise FeedParseError("JSON Feed without an items list")
    base = url or (feed.get("feed_url") if isinstance(feed.get("feed_url"), str) else None)
    raws: list[RawEntry] = []
    for item in items[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        summary = item.get("summary") or item.get("content_html") or item.get("content_text")
        raws.append(
            RawEntry(
                id=item.get("id") if isinstance(item.get("id"), (str, int)) else None,
                title=item.get("title"),
                link=item.get("url") or item.get("external_url"),
                summary=summary if isinstance(summary, str) else None,
                author=_json_author(item, feed),
                published=item.get("date_published") or item.get("date_modified"),
            )
        )
    return ParsedFeed(
        title=one_line(feed.get("title") if isinstance(feed.get("title"), str) else "", TITLE_MAX),
        link=safe_link(feed.get("home_page_url"), base),
        entries=clean_entries(raws, base, now),
    )
