"""What the Mentions tab lists: view, feed and search, and the listing run behind them.

``MentionFilters`` is a mixin of ``MentionsTab`` (``tui/tabs/mentions.py``), which declares the
bindings and the reactive fields: ``refilter`` asks a thread worker for the mentions of the
current view, feed and search, and the answer comes back as a ``Loaded`` message. Textual
finds ``@on`` handlers only on its own widget classes, never on a plain mixin, so ``Loaded``
(and every other message) is handled on the tab. ``MentionsHost`` declares, for mypy only, what
the Mentions mixins use of the tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

import storage.mentions.inbox as store
from storage.i18n import _
from storage.text import one_line
from tui.mentions.detail import MentionDetail

FILTERS = ("all", "unread", "starred", "matching")
"""The views the `v` key cycles through."""
SEARCH_DELAY = 0.15
"""Seconds of quiet typing before the search runs."""


class Loaded(Message):
    """The mentions of a filter, listed in a thread (``generation`` says for which question)."""

    def __init__(
        self, generation: int, mentions: Sequence[Any], error: str = "", unread: int = 0
    ) -> None:
        super().__init__()
        self.generation = generation
        """Which refilter this answers; older answers are dropped."""
        self.mentions = mentions
        """The mentions, newest first: a lazy listing that builds a mention only when the list
        draws or reads it."""
        self.error = error
        """Why listing failed, or empty."""
        self.unread = unread
        """How many of them are unread (the listing counted them on the records)."""


if TYPE_CHECKING:
    import threading

    from textual.timer import Timer
    from textual.widget import Widget

    from tui.mentions.list_view import MentionList

    class MentionsHost(Widget):
        """What the Mentions mixins use of ``MentionsTab`` and of each other."""

        view: str
        feed: int | None
        search_text: str
        _unread: int
        _feed_names: dict[int, str]
        _words: list[str]
        _generation: int
        _search_timer: Timer | None
        _cache_lock: threading.Lock
        _watch_pending: int
        _feeds_pending: int
        _reveal_id: int | None

        @property
        def plan(self) -> Any: ...
        @property
        def mention_list(self) -> MentionList: ...
        @property
        def _cache_changing(self) -> bool: ...
        def _busy(self) -> bool: ...
        def reload(self) -> None: ...
        def refilter(self) -> None: ...
        def _show_status(self, count: int) -> None: ...

else:
    MentionsHost = object


class MentionFilters(MentionsHost):
    """Loading, filtering and searching the mentions of ``MentionsTab``."""

    def reload(self) -> None:
        """Read feeds, words and mentions from storage and show them."""
        feeds = store.list_feeds(self.plan)
        self._feed_names = {feed.id: feed.name for feed in feeds}
        select = self.query_one("#mentions-feed", Select)
        with self.prevent(Select.Changed):
            select.set_options([(Text(one_line(f.name, 40)), f.id) for f in feeds])
            if self.feed in self._feed_names:
                select.value = self.feed
            else:
                self.feed = None
        self._words = store.watch_words(self.plan)
        self.refilter()

    def refilter(self) -> None:
        """Apply view, feed and search: the query runs in a thread, the newest answer wins.

        Listing 20,000 mentions takes a few hundred milliseconds: off the UI thread, keys and
        typing stay instant, and an answer overtaken by a newer question is dropped.
        """
        self._generation += 1
        filters = {
            "unread": self.view == "unread",
            "starred": self.view == "starred",
            "matching": self.view == "matching",
            "feed": self.feed,
            "search": self.search_text or None,
        }
        self._query(self._generation, filters)

    @work(thread=True, group="mentions-load", exit_on_error=False)
    def _query(self, generation: int, filters: dict[str, Any]) -> None:
        """List the mentions in a thread; the answer comes back as a message.

        The listing filters and sorts the records and counts the unread ones; a mention is
        built only when the list draws it. A search folds the texts not folded ahead yet
        (:meth:`_fold_ahead`): here too, never on the UI thread.
        """
        try:
            with self._cache_lock:
                mentions = store.list_mentions(self.plan, **filters)
        except Exception as error:  # a damaged record must not end the app
            self.post_message(Loaded(generation, [], str(error)))
        else:
            self.post_message(Loaded(generation, mentions, unread=mentions.unread))

    @work(thread=True, exclusive=True, group="mentions-fold", exit_on_error=False)
    def _fold_ahead(self) -> None:
        """Fold every mention's text for searching while the user reads (once per change).

        Folding 20,000 texts (case and accents) takes a few hundred milliseconds: done here
        after the list shows, the first search typed finds them folded.
        """
        worker = get_current_worker()
        try:
            store.warm_search(self.plan, lambda: not worker.is_cancelled)
        except Exception:  # a search folds what is missing itself, and reports the error
            return

    def reveal(self, kind: str, record_id: int) -> None:
        """Put the cursor on a mention (Today's "open"), showing every mention so it is there."""
        if kind != "mention":
            return
        self._reveal_id = record_id
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#mentions-search", Input).value = ""
            self.query_one("#mentions-feed", Select).clear()
        self.search_text = ""
        self.feed = None
        if self.view != "all":
            self.view = "all"  # its watcher lists again
        else:
            self.refilter()
        self.mention_list.focus()

    def _show_status(self, count: int) -> None:
        parts = [
            _(self.view), _("{n} shown").format(n=count), _("{n} unread").format(n=self._unread)
        ]
        if self.search_text:
            parts.append(_("search: {q}").format(q=one_line(self.search_text, 30)))
        self.query_one("#mentions-status", Static).update(Text(" · ".join(parts)))

    def action_search(self) -> None:
        """Type to filter the mentions."""
        self.query_one("#mentions-search", Input).focus()

    def action_clear_search(self) -> None:
        """Back to the list; from the search box or the list, empty the search too."""
        detail = self.query_one(MentionDetail)
        if not detail.has_focus:
            self.query_one("#mentions-search", Input).value = ""
        self.mention_list.focus()

    def action_cycle_filter(self) -> None:
        """All → unread → starred → matching → all."""
        self.view = FILTERS[(FILTERS.index(self.view) + 1) % len(FILTERS)]

    def action_pick_feed(self) -> None:
        """Open the feed filter."""
        select = self.query_one("#mentions-feed", Select)
        select.focus()
        select.expanded = True
