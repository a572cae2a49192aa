"""OPML import and export, with folders kept as tags.

Import reads only http(s) feed URLs (an OPML file never adds a local path). Entities a file
declares are never expanded nor read: its DOCTYPE is cut out and the outlines that use them are
left out (said in the report); the rest comes in. Export writes OPML 2.0 that newsboat (``newsboat -i``) and
listparser read: a feed sits in the folder of its first tag and lists all its tags in
``category``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from storage.datafile import Plan, export_file
from storage.errors import InputError
from storage.i18n import _
from storage.mentions.feeds import add_feed, clean_tag, list_feeds
from storage.mentions.network.fetch import DEFAULT_MAX_BYTES, is_web_url
from storage.mentions.network.guard import UnsafeFeedError, check_prolog
from storage.text import one_line

_FEED_TYPES = frozenset({"rss", "atom", "feed", "rdf", "json"})

_UNEXPANDED = "\ue000"
"""Stands for an entity the file declared itself: never expanded, its outline is left out."""

_ENTITY_REF = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^;\s<>&]*;")


def _without_dtd(data: bytes) -> str:
    """The document with its DOCTYPE (and the entities it declares) cut out, and every
    reference to those entities replaced by a marker, so that nothing is expanded or read.

    Raises:
        InputError: when the text cannot be decoded or the DOCTYPE does not end.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            _("not a valid OPML file: it declares entities and is not UTF-8")
        ) from None
    start = text.upper().find("<!DOCTYPE")
    if start < 0:
        raise InputError(_("not a valid OPML file: entities declared outside a DOCTYPE"))
    index, quote, depth = start + 9, "", 0
    while index < len(text):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif text.startswith("<!--", index):
            end = text.find("-->", index + 4)
            index = len(text) if end < 0 else end + 2
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == ">" and depth <= 0:
            break
        index += 1
    else:
        raise InputError(_("not a valid OPML file: its DOCTYPE never ends"))
    rest = _ENTITY_REF.sub(_UNEXPANDED, text[index + 1 :])
    return text[:start] + rest


@dataclass(frozen=True)
class OpmlFeed:
    """One feed read from an OPML file."""

    name: str
    """Its title (cleaned)."""
    url: str
    """Its http(s) feed URL."""
    tags: tuple[str, ...] = ()
    """Folders it sat in, then its categories."""


@dataclass(frozen=True)
class OpmlRead:
    """The feeds of an OPML file and the outlines that were left out."""

    feeds: list[OpmlFeed]
    """Feeds in file order."""
    skipped: list[str] = field(default_factory=list)
    """One line per outline left out, saying why."""


def _attr(element: ET.Element, name: str) -> str:
    wanted = name.lower()
    for key, value in element.attrib.items():
        if key.lower() == wanted:
            return value
    return ""


def _categories(value: str) -> list[str]:
    tags: list[str] = []
    for part in value.split(","):
        for piece in part.strip().strip("/").split("/"):
            if piece.strip():
                tags.append(piece.strip())
    return tags


def read_opml(data: bytes) -> OpmlRead:
    """Parse OPML bytes.

    Raises:
        InputError: when the file is unsafe, too big or not OPML.
    """
    if len(data) > DEFAULT_MAX_BYTES:
        raise InputError(_("the OPML file is larger than 10 MB"))
    try:
        try:
            check_prolog(data)
            root = ET.fromstring(data)
        except UnsafeFeedError:
            # Entities declared by the file: parse without them, leave out what uses them.
            cleaned = _without_dtd(data)
            check_prolog(cleaned.encode("utf-8"))
            root = ET.fromstring(cleaned)
    except UnsafeFeedError as error:
        raise InputError(str(error)) from error
    except ET.ParseError as error:
        raise InputError(_("not a valid OPML file: {error}").format(error=error)) from error
    if root.tag.lower() != "opml" or root.find("body") is None:
        raise InputError(_("not an OPML file (no <opml> with a <body>)"))
    feeds: list[OpmlFeed] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def walk(element: ET.Element, folders: tuple[str, ...]) -> None:
        for outline in element.findall("outline"):
            name = one_line(_attr(outline, "title") or _attr(outline, "text"), 120)
            url = _attr(outline, "xmlUrl").strip()
            if not url and _attr(outline, "type").lower() in _FEED_TYPES:
                url = _attr(outline, "url").strip()
            if any(_UNEXPANDED in value for value in outline.attrib.values()):
                skipped.append(
                    _("{name}: uses an entity the file declares (never expanded)").format(
                        name=name.replace(_UNEXPANDED, "?") or "?"
                    )
                )
                continue
            if not url:
                walk(outline, (*folders, name) if name else folders)
                continue
            if not is_web_url(url):
                skipped.append(
                    _("{name}: not an http(s) feed URL ({url})").format(
                        name=name or "?", url=one_line(url, 80)
                    )
                )
                continue
            if url in seen:
                continue
            seen.add(url)
            tags = dict.fromkeys([*folders, *_categories(_attr(outline, "category"))])
            cleaned = (clean_tag(t) for t in tags)
            feeds.append(
                OpmlFeed(name=name, url=url, tags=tuple(t for t in dict.fromkeys(cleaned) if t))
            )

    body = root.find("body")
    assert body is not None
    walk(body, ())
    return OpmlRead(feeds=feeds, skipped=skipped)


def write_opml(feeds: list[tuple[str, str, tuple[str, ...]]], title: str = "socialplan") -> bytes:
    """OPML 2.0 for ``(name, url, tags)`` triples: untagged feeds first, then one folder per tag."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    loose: list[tuple[str, str, tuple[str, ...]]] = [f for f in feeds if not f[2]]
    for name, url, tags in loose + [f for f in feeds if f[2]]:
        parent = body
        if tags:
            if tags[0] not in folders:
                folders[tags[0]] = ET.SubElement(body, "outline", text=tags[0], title=tags[0])
            parent = folders[tags[0]]
        attrs = {"type": "rss", "text": name or url, "title": name or url, "xmlUrl": url}
        if tags:
            attrs["category"] = ",".join("/" + tag.replace(",", " ") for tag in tags)
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root)
    result: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return result + b"\n"


@dataclass(frozen=True)
class ImportReport:
    """What an OPML import did."""

    added: int
    """Feeds added."""
    existing: int
    """Feeds already monitored (left as they were)."""
    skipped: list[str]
    """Outlines left out, with the reason."""


def import_opml(plan: Plan, path: str | Path) -> ImportReport:
    """Add the feeds of an OPML file (one save); feeds already monitored are left alone."""
    target = Path(path).expanduser()
    try:
        with open(target, "rb") as handle:
            data = handle.read(DEFAULT_MAX_BYTES + 1)
    except OSError as error:
        raise InputError(f"{target}: {error.strerror or error}") from error
    read = read_opml(data)
    known = {feed.source for feed in list_feeds(plan)}
    added = existing = 0
    with plan.batch():
        for feed in read.feeds:
            if feed.url in known:
                existing += 1
                continue
            add_feed(plan, feed.url, name=feed.name or None, tags=feed.tags, allow_files=False)
            known.add(feed.url)
            added += 1
    return ImportReport(added=added, existing=existing, skipped=read.skipped)


def export_opml(plan: Plan, path: str | Path) -> tuple[int, int]:
    """Write the URL feeds to an OPML file; returns (written, local files left out)."""
    feeds = list_feeds(plan)
    web = [(f.name, f.source, f.tags) for f in feeds if f.kind == "url"]
    export_file(path, write_opml(web))
    return len(web), len(feeds) - len(web)
