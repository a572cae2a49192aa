"""What the Mentions tab monitors: feeds, watch words, and fetching them all.

``MentionFeeds`` is a mixin of ``MentionsTab`` (``tui/tabs/mentions.py``), which declares the
bindings and handles the messages posted here (``FeedGone``, ``WatchChanged``,
``FetchBar.Done``). Removing a feed or changing a watch word rewrites the whole mentions cache
in a screen's worker thread: listings wait on the tab's cache lock, and the actions that change
a mention wait until it is done (``_busy``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message

import storage.mentions.inbox as store
from storage.i18n import _
from tui.mentions.add_feed import AddFeedScreen
from tui.mentions.feeds_screen import FeedRow, FeedsScreen
from tui.mentions.fetch import FetchBar
from tui.mentions.filters import MentionsHost
from tui.mentions.watch_screen import WatchScreen


class WatchChanged(Message):
    """A watch word was added or removed in the background: the matches are current again."""


class FeedGone(Message):
    """A feed removal finished in the background: list the feeds and mentions again."""


class MentionFeeds(MentionsHost):
    """The feed, watch word and fetch actions of ``MentionsTab``."""

    @property
    def _cache_changing(self) -> bool:
        """A worker is re-matching (watch words) or rewriting (feed removal) the cache."""
        return bool(self._watch_pending or self._feeds_pending)

    def _busy(self) -> bool:
        """True (and says so) while a worker is still changing the whole cache.

        Marking read or starring meanwhile would wait on the UI thread for that change (or
        re-match the whole cache there).
        """
        if self._watch_pending:
            self.app.notify(_("Still applying the watch words: try again in a moment."))
            return True
        if self._feeds_pending:
            self.app.notify(_("Still removing a feed: try again in a moment."))
            return True
        return False

    def _add_feed(self, source: str, name: str) -> object:
        return store.add_feed(self.plan, source, name=name or None)

    def action_add_feed(self) -> None:
        """Add a feed, or a listening feed built from a word or a handle."""

        def done(added: bool | None) -> None:
            if added:
                self.reload()

        self.app.push_screen(AddFeedScreen(self._add_feed), done)

    def _feed_rows(self) -> list[FeedRow]:
        return [
            FeedRow(
                id=f.id,
                name=f.name,
                source=f.source,
                last_fetch=(f.last_fetch or "")[:16].replace("T", " "),
                count=f.count,
                last_error=f.last_error or "",
            )
            for f in store.list_feeds(self.plan)
        ]

    def action_feeds(self) -> None:
        """The feeds: last fetch, items, errors; add, rename, remove."""
        screen = FeedsScreen(
            self._feed_rows,
            self._add_feed,
            lambda feed_id, name: store.rename_feed(self.plan, feed_id, name),
            self._remove_feed,
            self._removal_started,
        )
        self.app.push_screen(screen, lambda _result: self.reload())

    def _removal_started(self) -> None:
        """The feeds screen handed a removal to its worker (UI thread): actions wait for it."""
        self._feeds_pending += 1

    def _remove_feed(self, feed_id: int) -> object:
        """Remove a feed and its cached mentions; runs in the feeds screen's worker thread.

        Dropping its mentions rewrites the whole cache: listings wait for it (the lock), then
        the feeds and mentions are shown again.
        """
        try:
            with self._cache_lock:
                return store.remove_feed(self.plan, feed_id)
        finally:
            self.post_message(FeedGone())

    def action_watch(self) -> None:
        """Watch keywords: your name, your brand, your topics."""
        screen = WatchScreen(
            lambda: store.watch_words(self.plan),
            lambda word: self._change_watch(store.add_watch, word),
            lambda word: self._change_watch(store.remove_watch, word),
            self._watch_started,
        )
        self.app.push_screen(screen, lambda _result: self.reload())

    def _watch_started(self) -> None:
        """The screen queued a change (UI thread): actions on mentions wait for it."""
        self._watch_pending += 1

    def _change_watch(self, change: Callable[[Any, str], object], word: str) -> object:
        """Add or remove a watch word; runs in the screen's worker thread.

        Re-matching 20,000 mentions takes a second or two: listings wait for it (the lock),
        then the list is shown again with the new matches.
        """
        try:
            with self._cache_lock:
                return change(self.plan, word)
        finally:
            self.post_message(WatchChanged())

    def action_fetch(self) -> None:
        """Fetch every feed in the background."""
        bar = self.query_one(FetchBar)
        if bar.running:
            self.app.notify(_("A fetch is already running."))
            return
        if not self._feed_names:
            self.app.notify(_("No feeds yet: press a to add one (F lists them)."))
            return
        bar.start(self.plan)
