"""What works: reactions per published content item, and a grid by content kind and channel.

Reactions of an item are what the user entered (comments, shares, likes) plus each mention whose
link or text contains the item's URL. The grid averages them by kind x channel over a period and
names the strongest and the weakest in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from storage.i18n import _

if TYPE_CHECKING:
    from storage.datafile import Plan

REACTION_KINDS = ("comments", "shares", "likes")
"""Reactions the user can enter on a published item."""


@dataclass(frozen=True)
class MentionRef:
    """A mention that points at a content item."""

    id: int
    """Record id in the mentions file."""
    title: str
    """Title (untrusted text)."""
    link: str | None
    """Link of the mention."""


@dataclass(frozen=True)
class ItemReactions:
    """One published content item with its reactions."""

    id: int
    """Content record id."""
    title: str
    """Title of the item."""
    kind: str
    """Content kind (``video``, ``photo``...)."""
    channel: str
    """Channel key ("" when none)."""
    day: str
    """ISO day it was published."""
    url: str | None
    """Where it lives."""
    entered: dict[str, int] = field(default_factory=dict)
    """Reactions entered by the user, by kind."""
    mentions: tuple[MentionRef, ...] = ()
    """Mentions whose link or text contains the item's URL."""

    @property
    def total(self) -> int:
        """Entered reactions plus matching mentions."""
        return sum(self.entered.values()) + len(self.mentions)


@dataclass(frozen=True)
class Cell:
    """Average reactions of one content kind on one channel."""

    kind: str
    """Content kind."""
    channel: str
    """Channel key."""
    items: int
    """How many items were published."""
    average: float
    """Average reactions per item."""


@dataclass(frozen=True)
class Grid:
    """Average reactions by kind x channel over a period, sorted strongest first."""

    cells: tuple[Cell, ...]
    """Every kind x channel that had items, strongest first."""
    kinds: tuple[str, ...]
    """Row order: kinds by their best cell."""
    channels: tuple[str, ...]
    """Column order: channels by their best cell."""
    summary: str
    """The strongest and the weakest, in words."""

    def cell(self, kind: str, channel: str) -> Cell | None:
        """The cell of ``kind`` on ``channel``, if anything was published there."""
        for cell in self.cells:
            if cell.kind == kind and cell.channel == channel:
                return cell
        return None


def url_key(url: str | None) -> str:
    """A URL without scheme, ``www.``, case or trailing slash, for matching."""
    key = (url or "").strip().lower()
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", key)
    key = key.removeprefix("www.")
    return key.rstrip("/")


_URL = re.compile(
    r"(?<![\w.@-])(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?"
    r"([a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#][^\s<>\"'`\])]*)?)"
)
_BOUNDARIES = frozenset("/?#&")
_WITH_SLASH = re.compile(r"\S*/\S*")
"""Words of a text that can hold a URL of an item (one with a path, or with a scheme)."""


def _prefixes(token: str) -> set[str]:
    """The URL and each shorter form of it cut at ``/ ? # &`` (without trailing slashes)."""
    token = token.rstrip(".,;:!")
    found = {token.rstrip("/")}
    found.update(token[:i].rstrip("/") for i, char in enumerate(token) if char in _BOUNDARIES)
    return found


class MentionIndex:
    """Every URL written in the mentions, so an item's URL is looked up rather than searched for.

    A mention points at an item when its link or text contains the item's URL, and the URL ends
    there (``/post-1`` matches ``/post-1#comments`` or ``/post-1/`` but not ``/post-10``). In
    titles and summaries a URL is recognised when it has a scheme or a path (``example.com/post``),
    which every address of a single post has; a bare domain is not taken for one.
    """

    def __init__(self, mentions: Iterable[Mapping[str, Any]]) -> None:
        self._by_url: dict[str, list[MentionRef]] = {}
        for doc in mentions:
            keys: set[str] = set()
            for name in ("link", "title", "summary"):
                text = str(doc.get(name) or "")
                if "/" not in text:
                    continue
                for word in _WITH_SLASH.findall(text.lower()):
                    for match in _URL.finditer(word):
                        keys.update(_prefixes(match.group(1)))
            if not keys:
                continue
            ref = MentionRef(
                int(getattr(doc, "doc_id", doc.get("id", 0)) or 0),
                str(doc.get("title") or ""),
                doc.get("link"),
            )
            for key in keys:
                if key:
                    self._by_url.setdefault(key, []).append(ref)

    def find(self, url: str | None) -> tuple[MentionRef, ...]:
        """Mentions whose link or text contains ``url`` (ignoring scheme, ``www.`` and case)."""
        key = url_key(url)
        return tuple(self._by_url.get(key, ())) if key else ()


def mentions_of(url: str | None, mentions: Iterable[Mapping[str, Any]]) -> tuple[MentionRef, ...]:
    """Mentions whose link, title or summary contains ``url`` (see :class:`MentionIndex`)."""
    return MentionIndex(mentions).find(url)


def _count(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def item_reactions(
    content: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]]
) -> list[ItemReactions]:
    """Every published item with entered reactions and matching mentions, newest first."""
    index = MentionIndex(mentions)
    items = []
    for doc in content:
        if doc.get("status") != "published":
            continue
        entered = doc.get("reactions") or {}
        items.append(
            ItemReactions(
                id=int(getattr(doc, "doc_id", doc.get("id", 0)) or 0),
                title=str(doc.get("title") or ""),
                kind=str(doc.get("kind") or "article"),
                channel=str(doc.get("channel") or ""),
                day=str(doc.get("published_on") or doc.get("date") or "")[:10],
                url=doc.get("url") or None,
                entered={k: _count(entered.get(k)) for k in REACTION_KINDS},
                mentions=index.find(doc.get("url")),
            )
        )
    return sorted(items, key=lambda i: (i.day, i.id), reverse=True)


def kind_plural(kind: str) -> str:
    """``video`` -> ``videos`` (for sentences), in the language in use."""
    return {
        "article": _("articles"), "photo": _("photos"), "video": _("videos"),
        "podcast": _("podcasts"), "short post": _("short posts"), "event": _("events"),
    }.get(kind, kind + "s")  # fmt: skip


def _times(ratio: float) -> str:
    text = (
        f"{ratio:.0f}"
        if ratio >= 10 or ratio.is_integer()
        else f"{ratio:.1f}".rstrip("0").rstrip(".")
    )
    return text + "×"


def describe(cells: list[Cell], names: Mapping[str, str]) -> str:
    """Name the strongest and the weakest cell in one sentence."""
    if not cells:
        return _("Nothing was published in this period.")

    def where(cell: Cell) -> str:
        channel = names.get(cell.channel, cell.channel) or _("no channel")
        return _("{kinds} on {channel}").format(kinds=kind_plural(cell.kind), channel=channel)

    best, worst = cells[0], cells[-1]
    if len(cells) == 1:
        return _("Only {where} were published: {avg:.1f} reactions each on average.").format(
            where=where(best), avg=best.average
        )
    if best.average == worst.average:
        return _("Every kind and channel gets about the same: {avg:.1f} reactions each.").format(
            avg=best.average
        )
    if worst.average == 0:
        return _("{best} get {avg:.1f} reactions each on average; {worst} get none.").format(
            best=where(best), avg=best.average, worst=where(worst)
        )
    return _("{best} get {times} the reactions of {worst}.").format(
        best=where(best), times=_times(best.average / worst.average), worst=where(worst)
    )


def build_grid(
    items: Iterable[ItemReactions],
    start: str | None = None,
    end: str | None = None,
    names: Mapping[str, str] | None = None,
) -> Grid:
    """Average reactions by kind x channel of the items published between ``start`` and ``end``.

    Cells are sorted by average (then by number of items), strongest first; rows and columns
    by their best cell.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for item in items:
        if (start and item.day < start) or (end and item.day > end):
            continue
        groups.setdefault((item.kind, item.channel), []).append(item.total)
    cells = sorted(
        (Cell(kind, channel, len(v), sum(v) / len(v)) for (kind, channel), v in groups.items()),
        key=lambda c: (-c.average, -c.items, c.kind, c.channel),
    )
    kinds = tuple(dict.fromkeys(c.kind for c in cells))
    channels = tuple(dict.fromkeys(c.channel for c in cells))
    sentence = describe(cells, names or {})
    sentence = sentence[:1].upper() + sentence[1:]
    return Grid(tuple(cells), kinds, channels, sentence)


# --- the plan ---------------------------------------------------------------------------------


def _mention_docs(plan: Plan) -> tuple[list[Mapping[str, Any]], str | None]:
    """Cached mentions plus starred copies, each mention once; and why the cache could not be
    read, when it could not (the user's own numbers still show, with that said)."""
    from storage.datafile import DataFileError

    docs: list[Mapping[str, Any]] = []
    problem = None
    try:
        docs.extend(plan.mentions_table().all())
    except (DataFileError, OSError) as error:
        problem = _(
            "The mentions cache could not be read ({why}): reactions count only what you "
            "entered and your starred mentions. Fetch again (Mentions tab, f) to rebuild it."
        ).format(why=getattr(error, "strerror", None) or error)
    docs.extend(plan.table("starred").all())
    seen: set[str] = set()
    unique = []
    for doc in docs:
        key = str(doc.get("key") or doc.get("link") or doc.get("title") or id(doc))
        if key not in seen:
            seen.add(key)
            unique.append(doc)
    return unique, problem


def channel_names(plan: Plan) -> dict[str, str]:
    """Channel key -> display name."""
    return {
        str(doc.get("key")): str(doc.get("name") or doc.get("key"))
        for doc in plan.table("channels").all()
        if doc.get("key")
    }


@dataclass(frozen=True)
class Published:
    """Published items with their reactions, and what kept mentions out, if anything."""

    items: list[ItemReactions]
    """Every published content item, newest first."""
    problem: str | None = None
    """Why the mentions cache could not be counted (None when it was)."""


def published_reactions(plan: Plan) -> Published:
    """Every published content item of the plan with its reactions, newest first."""
    docs, problem = _mention_docs(plan)
    return Published(item_reactions(plan.table("content").all(), docs), problem)


def reactions_grid(plan: Plan, start: date | None, end: date | None) -> Grid:
    """The kind x channel grid over a period (None: unbounded on that side)."""
    return build_grid(
        published_reactions(plan).items,
        start.isoformat() if start else None,
        end.isoformat() if end else None,
        channel_names(plan),
    )


def set_reactions(plan: Plan, content_id: int, **counts: int) -> None:
    """Enter the reactions (comments, shares, likes) a published item got."""
    table = plan.table("content")
    doc = table.get(doc_id=content_id)
    if doc is None:
        return
    current = dict(doc.get("reactions") or {})
    current.update({k: max(int(v), 0) for k, v in counts.items() if k in REACTION_KINDS})
    table.update({"reactions": current}, doc_ids=[content_id])
