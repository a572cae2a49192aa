"""The Mentions tab's filter bar: which feed, the view and counts, and type-to-search.

``FilterBar`` owns what is listed: the view (all, unread, starred, matching), the feed and the
search words. Whenever one of them changes it posts ``FilterBar.Changed`` with all three, once
(typing waits for a pause); the tab lists again. The keys that change them work anywhere in the
tab, so the tab binds them and calls the methods here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from storage.i18n import _
from storage.text import one_line

VIEWS = ("all", "unread", "starred", "matching")
"""The views the `v` key cycles through."""
SEARCH_DELAY = 0.15
"""Seconds of quiet typing before the search runs."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What the list shows."""

    view: str = "all"
    """One of :data:`VIEWS`."""
    feed: int | None = None
    """Only this feed's mentions, or every feed."""
    search: str = ""
    """Words the titles and summaries must contain, or empty."""


class FilterBar(Horizontal):
    """The feed picker, a status line (view and counts) and the search box."""

    DEFAULT_CSS = """
    FilterBar { height: auto; }
    FilterBar #mentions-feed { width: 30; }
    FilterBar #mentions-status { width: 1fr; padding: 1 1 0 1; color: $text-muted; }
    FilterBar #mentions-search { width: 32; }
    """

    view: var[str] = var("all")
    """Which mentions show: all, unread, starred or matching."""
    feed: var[int | None] = var(None)
    """Only this feed's mentions, or every feed."""
    search_text: var[str] = var("")
    """Words the titles/summaries must contain (type-to-search)."""

    class Changed(Message):
        """The view, the feed or the search changed: list the mentions of ``filters``."""

        def __init__(self, filters: Filters) -> None:
            super().__init__()
            self.filters = filters
            """What to list now."""

    class Done(Message):
        """The user finished with the bar (enter in the search, a feed picked): back to the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Select[int]([], prompt=_("All feeds"), allow_blank=True, id="mentions-feed")
        yield Static(Text(""), id="mentions-status")
        yield Input(placeholder=_("/ search"), id="mentions-search")

    @property
    def filters(self) -> Filters:
        """What the list should show now."""
        return Filters(self.view, self.feed, self.search_text)

    def _post_changed(self) -> None:
        self.post_message(self.Changed(self.filters))

    # -- what the tab asks ------------------------------------------------------------------

    def set_feeds(self, feeds: Sequence[tuple[int, str]]) -> None:
        """Offer these (id, name) feeds; a chosen feed that is gone becomes "all feeds"."""
        select = self.query_one("#mentions-feed", Select)
        ids = {feed_id for feed_id, _name in feeds}
        with self.prevent(Select.Changed):
            select.set_options([(Text(one_line(name, 40)), feed_id) for feed_id, name in feeds])
            if self.feed in ids:
                select.value = self.feed
            else:
                self.feed = None

    def show_counts(self, shown: int, unread: int) -> None:
        """Say the view, how many mentions are listed and unread, and the search."""
        parts = [_(self.view), _("{n} shown").format(n=shown), _("{n} unread").format(n=unread)]
        if self.search_text:
            parts.append(_("search: {q}").format(q=one_line(self.search_text, 30)))
        self.query_one("#mentions-status", Static).update(Text(" · ".join(parts)))

    def cycle_view(self) -> None:
        """All → unread → starred → matching → all."""
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self._post_changed()

    def focus_search(self) -> None:
        """Type to filter the mentions."""
        self.query_one("#mentions-search", Input).focus()

    def clear_search(self) -> None:
        """Empty the search box (the list follows once typing would have paused)."""
        self.query_one("#mentions-search", Input).value = ""

    def pick_feed(self) -> None:
        """Open the feed picker."""
        select = self.query_one("#mentions-feed", Select)
        select.focus()
        select.expanded = True

    def show_everything(self) -> None:
        """Every view, feed and word again, without a message: the caller lists at once."""
        if self._search_timer is not None:
            self._search_timer.stop()
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#mentions-search", Input).value = ""
            self.query_one("#mentions-feed", Select).clear()
        self.search_text = ""
        self.feed = None
        self.view = "all"

    # -- what its widgets say ---------------------------------------------------------------

    @on(Select.Changed, "#mentions-feed")
    def _feed_chosen(self, event: Select.Changed) -> None:
        event.stop()
        self.feed = event.value if isinstance(event.value, int) else None
        self._post_changed()
        self.post_message(self.Done())

    @on(Input.Changed, "#mentions-search")
    def _search_typed(self, event: Input.Changed) -> None:
        """Search as the user types, once typing pauses."""
        event.stop()
        self.search_text = event.value.strip()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._post_changed)

    @on(Input.Submitted, "#mentions-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())
