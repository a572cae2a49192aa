"""Turn untrusted feed entries into clean, plain, bounded records.

Every string that came from a feed goes through here before it is stored: HTML becomes plain
text, control characters that could drive a terminal are removed, lengths are capped, dates that
make no sense become ``None`` and only http(s) links survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from storage.text import CONTROL as _UNSAFE
from storage.text import clean_text, one_line

TITLE_MAX = 300
"""Longest title kept, in characters."""
SUMMARY_MAX = 4000
"""Longest summary kept, in characters."""
AUTHOR_MAX = 200
"""Longest author name kept."""
LINK_MAX = 2048
"""Longest link kept; longer ones are dropped."""
KEY_MAX = 512
"""Longest entry id kept as is; longer ones are hashed."""
FIRST_YEAR = 1970
"""Dates before this year are treated as unknown."""

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "title", "noscript"})


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, with line breaks where blocks end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(markup: object, limit: int | None = None) -> str:
    """Plain text from an HTML fragment (tags dropped, entities decoded, blocks on new lines)."""
    if markup is None:
        return ""
    source = str(markup)
    if "<" not in source and "&" not in source:
        return clean_text(source, limit)
    parser = _TextExtractor()
    try:
        parser.feed(source)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # noqa: BLE001 - a broken fragment falls back to its raw text
        text = unescape(re.sub(r"<[^>]*>", " ", source))
    return clean_text(text, limit)


def safe_link(link: object, base: str | None = None) -> str | None:
    """An absolute http(s) link, resolved against ``base``; anything else becomes ``None``."""
    if not link or not isinstance(link, str):
        return None
    raw = _UNSAFE.sub("", link).strip()
    if not raw or any(ch.isspace() for ch in raw):
        raw = raw.replace(" ", "%20")
        if any(ch.isspace() for ch in raw):
            return None
    try:
        absolute = urljoin(base, raw) if base else raw
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if len(absolute) > LINK_MAX:
        return None
    return absolute


def safe_date(value: object, now: datetime | None = None) -> str | None:
    """An ISO datetime (UTC) for a plausible date; unknown, unparsable or absurd dates give None.

    Accepts a ``datetime``, a ``time.struct_time``-like tuple, or an ISO/RFC 3339 string. Years
    before 1970 or more than a year after ``now`` are absurd.
    """
    now = now or datetime.now(UTC)
    moment: datetime | None = None
    try:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str):
            text = value.strip()
            if not text:
                return None
            moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        elif isinstance(value, tuple) and len(value) >= 6:
            year, month, day, hour, minute, second = (int(part) for part in value[:6])
            moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (ValueError, TypeError, OverflowError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    if moment.year < FIRST_YEAR or moment.year > now.year + 1:
        return None
    return moment.replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class RawEntry:
    """One entry as a parser produced it, before any cleaning."""

    id: object = None
    """The entry's id/guid, if any."""
    title: object = None
    """Title, possibly HTML."""
    link: object = None
    """Link, possibly relative."""
    summary: object = None
    """Summary or content, usually HTML."""
    author: object = None
    """Author name."""
    published: object = None
    """A date as the parser gave it (struct_time tuple, datetime or ISO string)."""


@dataclass(frozen=True)
class CleanEntry:
    """One entry ready to store: plain, bounded text and a stable key."""

    key: str
    """The entry id, else its link, else a hash of its text: unique within its feed."""
    title: str
    """Plain one-line title."""
    link: str | None
    """Absolute http(s) link, or None."""
    published: str | None
    """ISO datetime in UTC, or None when unknown."""
    summary: str
    """Plain-text summary."""
    author: str
    """Plain author name ("" when unknown)."""


def clean_entry(raw: RawEntry, base: str | None = None, now: datetime | None = None) -> CleanEntry:
    """Normalise one entry: plain text, safe link, plausible date, a key."""
    title = one_line(html_to_text(raw.title), TITLE_MAX)
    summary = html_to_text(raw.summary, SUMMARY_MAX)
    import hashlib

    link = safe_link(raw.link, base)
    ident = one_line(raw.id) if raw.id is not None else ""
    if len(ident) > KEY_MAX:
        ident = "sha1:" + hashlib.sha1(ident.encode()).hexdigest()
    published = safe_date(raw.published, now)
    if not title:
        title = one_line(summary, 80)
    key = ident or link or "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode()).hexdigest()
    return CleanEntry(
        key=key,
        title=title,
        link=link,
        published=published,
        summary=summary,
        author=one_line(html_to_text(raw.author), AUTHOR_MAX),
    )


def dedupe(entries: Iterable[CleanEntry]) -> list[CleanEntry]:
    """Keep the first entry of each key (its id, or its link when it has none), in feed order.

    Two entries with different ids and the same link (a post and its sponsor note) both stay.
    """
    seen: set[str] = set()
    kept: list[CleanEntry] = []
    for entry in entries:
        if entry.key in seen:
            continue
        seen.add(entry.key)
        kept.append(entry)
    return kept


def clean_entries(
    raws: Iterable[RawEntry], base: str | None = None, now: datetime | None = None
) -> list[CleanEntry]:
    """Clean and de-duplicate a feed's entries."""
    return dedupe(clean_entry(raw, base, now) for raw in raws)
