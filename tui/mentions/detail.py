"""The detail pane of one mention: title, feed, date, link and the plain-text summary.

Every string here came from the internet. It is turned into ``rich.text.Text`` from the plain
string (never markup) with control characters removed, and the watch keywords are highlighted by
``Text.stylize`` on character spans, so nothing in the data can style, link or act.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from storage.i18n import _
from storage.mentions import match_spans
from storage.text import one_line, strip_controls

MATCH_STYLE = "bold reverse"
"""How matched watch words look in the detail pane."""


def notify_plain(app: App[object], message: str, **options: object) -> None:
    """``app.notify`` for text that quotes untrusted data: no markup, no control characters.

    ``markup=False`` alone is not enough: a notification shows escape characters as they are.
    """
    app.notify(strip_controls(message), markup=False, **options)  # type: ignore[arg-type]


def highlighted(text: str, words: Iterable[str], base: str = "") -> Text:
    """``Text`` of a plain string with the watch words stylized; never parsed as markup.

    The spans come from storage's matcher, so what is highlighted is what flagged the mention.
    """
    plain = strip_controls(text)
    result = Text(plain, style=base, no_wrap=False)
    for start, end in match_spans(plain, words):
        result.stylize(MATCH_STYLE, start, end)
    return result


@dataclass(frozen=True, slots=True)
class MentionView:
    """What the detail pane shows (built by the reader from a stored mention)."""

    title: str
    """Title (untrusted)."""
    feed: str
    """Feed name (untrusted)."""
    date: str
    """Date and time as shown, or ``unknown``."""
    link: str | None
    """The http(s) link, or None."""
    summary: str
    """Plain-text summary (untrusted)."""
    author: str = ""
    """Author, when the feed gives one (untrusted)."""
    read: bool = False
    """Whether it was read."""
    starred: bool = False
    """Whether it is starred."""
    matches: tuple[str, ...] = ()
    """The watch words it contains."""


class MentionDetail(VerticalScroll):
    """Scrollable pane with one mention; ``show(None)`` shows a hint instead."""

    DEFAULT_CSS = """
    MentionDetail {
        height: 1fr;
        padding: 0 1;
        background: $surface;
        & > #mention-title { text-style: bold; margin-bottom: 1; }
        & > #mention-meta { color: $text-muted; margin-bottom: 1; }
    }
    """

    def __init__(self, *, hint: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self._hint = hint

    def compose(self) -> ComposeResult:
        yield Static(Text(strip_controls(self._hint)), id="mention-title")
        yield Static(Text(""), id="mention-meta")
        yield Static(Text(""), id="mention-summary")

    def show(self, view: MentionView | None, words: Iterable[str] = ()) -> None:
        """Show a mention with ``words`` highlighted, or the hint when ``view`` is None."""
        words = list(words)
        title = self.query_one("#mention-title", Static)
        meta = self.query_one("#mention-meta", Static)
        summary = self.query_one("#mention-summary", Static)
        if view is None:
            title.update(Text(strip_controls(self._hint)))
            meta.update(Text(""))
            summary.update(Text(""))
            return
        title.update(highlighted(view.title, words))
        parts = [one_line(view.feed), view.date]
        if view.author:
            parts.append(one_line(view.author))
        marks = ("★ " if view.starred else "") + (_("read") if view.read else _("unread"))
        meta_text = Text(" · ".join(part for part in parts if part) + "  " + marks)
        meta_text.append("\n")
        meta_text.append(one_line(view.link) if view.link else _("(no link)"))
        if view.matches:
            meta_text.append("\n" + _("matches: "))
            meta_text.append(", ".join(one_line(word) for word in view.matches), MATCH_STYLE)
        meta.update(meta_text)
        summary.update(highlighted(view.summary, words))
        self.scroll_home(animate=False)
