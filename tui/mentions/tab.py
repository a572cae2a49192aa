"""The Mentions tab: what people say about you and your field, from the monitored feeds.

The tab composes three widgets and coordinates them. ``FilterBar`` holds what is listed (view,
feed, search) and posts ``FilterBar.Changed``; the tab then lists the mentions in a thread
worker, the newest question winning. ``MentionReader`` shows them (a Line-API virtual list, so
20,000 mentions stay instant, and the detail pane) and owns the keys that change a mention; it
posts the counts to show, or that the listing is stale. ``FetchBar`` fetches every feed in a
thread worker with its progress; the app answers keys throughout and quits at once even while a
feed hangs. The feeds and watch-word screens own their keys; the slow storage calls they run in
their workers are the tab's, guarded by one ``CacheGate``.

The tab binds the keys that work anywhere in it (search, view, feed, fetch, feeds, watch words):
Textual looks for a key's binding from the focused widget up, and the filter bar is never above
the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.message import Message
from textual.worker import get_current_worker

from storage import mentions as store
from storage.datafile import Plan
from storage.i18n import _
from storage.mentions import Mention
from storage.text import one_line
from tui.mentions.add_feed import AddFeedScreen
from tui.mentions.detail import notify_plain
from tui.mentions.feeds_screen import FeedRow, FeedsScreen
from tui.mentions.fetch import FetchBar
from tui.mentions.filters import FilterBar, Filters
from tui.mentions.gate import CacheGate
from tui.mentions.list_view import MentionList
from tui.mentions.reader import MentionReader
from tui.mentions.watch_screen import WatchScreen
from tui.shared.context import plan_of


class MentionsTab(Container):
    """Mentions newest first, filters, search, detail, and the feeds they come from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", _("Search"), id="mentions.search"),
        Binding("v", "cycle_filter", _("View"), id="mentions.view"),
        Binding("e", "pick_feed", _("Filter by feed"), show=False, id="mentions.feed_filter"),
        Binding("f", "fetch", _("Fetch all"), id="mentions.fetch"),
        Binding("a", "add_feed", _("Add feed"), show=False, id="mentions.add_feed"),
        Binding("F", "feeds", _("Feeds"), id="mentions.feeds"),
        Binding("w", "watch", _("Watch words"), show=False, id="mentions.watch"),
        Binding(
            "escape",
            "clear_search",
            _("Back to the list / clear search"),
            show=False,
            id="mentions.clear",
        ),
    ]

    DEFAULT_CSS = """
    MentionsTab { height: 1fr; }
    """

    class Loaded(Message):
        """The mentions of a filter, listed in a thread (``generation`` says for which question)."""

        def __init__(
            self, generation: int, mentions: Sequence[Mention], error: str = "", unread: int = 0
        ) -> None:
            super().__init__()
            self.generation = generation
            """Which listing this answers; older answers are dropped."""
            self.mentions = mentions
            """The mentions, newest first: a lazy listing that builds a mention only when the
            list draws or reads it."""
            self.error = error
            """Why listing failed, or empty."""
            self.unread = unread
            """How many of them are unread (the listing counted them on the records)."""

    class CacheChanged(Message):
        """A feed removal or a watch word change finished in the background: list again."""

        def __init__(self, feeds: bool) -> None:
            super().__init__()
            self.feeds = feeds
            """True for a feed removal, False for a watch word change."""

    def __init__(self) -> None:
        super().__init__()
        self._gate = CacheGate()
        self._generation = 0
        """Counts the listings asked for; only the answer to the last one is shown."""
        self._has_feeds = False
        """Whether any feed is monitored (fetching needs one)."""
        self._reveal_id: int | None = None
        """A mention to put the cursor on once the next listing arrives (from Today)."""

    def compose(self) -> ComposeResult:
        yield FilterBar(id="mentions-bar")
        yield MentionReader(self._gate, id="mentions-body")
        yield FetchBar(id="mentions-fetch")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(MentionReader).focus_list()

    @property
    def plan(self) -> Plan:
        """The open plan."""
        return plan_of(self)

    @property
    def mention_list(self) -> MentionList:
        """The list of mentions (Today's tests look at its cursor)."""
        return self.query_one(MentionList)

    # -- listing ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read feeds, words and mentions from storage and show them."""
        feeds = store.list_feeds(self.plan)
        self._has_feeds = bool(feeds)
        self.query_one(FilterBar).set_feeds([(feed.id, feed.name) for feed in feeds])
        self.query_one(MentionReader).words = store.watch_words(self.plan)
        self.refilter()

    def refilter(self) -> None:
        """List the mentions of the filter bar's filters in a thread; the newest answer wins.

        Listing 20,000 mentions takes a few hundred milliseconds: off the UI thread, keys and
        typing stay instant, and an answer overtaken by a newer question is dropped.
        """
        self._generation += 1
        self._query(self._generation, self.query_one(FilterBar).filters)

    @work(thread=True, group="mentions-load", exit_on_error=False)
    def _query(self, generation: int, filters: Filters) -> None:
        """List the mentions in a thread; the answer comes back as a message.

        The listing filters and sorts the records and counts the unread ones; a mention is
        built only when the list draws it. A search folds the texts not folded ahead yet
        (:meth:`_fold_ahead`): here too, never on the UI thread.
        """
        try:
            with self._gate.lock:
                mentions = store.list_mentions(
                    self.plan,
                    unread=filters.view == "unread",
                    starred=filters.view == "starred",
                    matching=filters.view == "matching",
                    feed=filters.feed,
                    search=filters.search or None,
                )
        except Exception as error:  # a damaged record must not end the app
            self.post_message(self.Loaded(generation, [], str(error)))
        else:
            self.post_message(self.Loaded(generation, mentions, unread=mentions.unread))

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
        self.query_one(FilterBar).show_everything()
        self.refilter()
        self.query_one(MentionReader).focus_list()

    # -- what the widgets and workers report --------------------------------------------------

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return
        if message.error:
            notify_plain(self.app, message.error, title=_("Mentions"), severity="error")
        reader = self.query_one(MentionReader)
        current = reader.current
        keep = self._reveal_id if self._reveal_id is not None else (current.id if current else None)
        self._reveal_id = None
        reader.show(message.mentions, message.unread, keep)
        self.query_one(FilterBar).show_counts(len(message.mentions), message.unread)
        if not message.error:
            self._fold_ahead()

    @on(FilterBar.Changed)
    def _filters_changed(self) -> None:
        self.refilter()

    @on(FilterBar.Done)
    def _filters_done(self) -> None:
        self.query_one(MentionReader).focus_list()

    @on(MentionReader.Changed)
    def _counts_changed(self, message: MentionReader.Changed) -> None:
        self.query_one(FilterBar).show_counts(message.shown, message.unread)

    @on(MentionReader.Stale)
    def _listing_stale(self) -> None:
        self.refilter()

    @on(CacheChanged)
    def _cache_changed(self, message: CacheChanged) -> None:
        if message.feeds:
            self._gate.removal_done()
        else:
            self._gate.watch_done()
        self.reload()

    @on(FetchBar.Done)
    def _fetch_done(self, message: FetchBar.Done) -> None:
        self.reload()
        summary = _("Fetched: {n} new mentions.").format(n=message.new)
        if message.errors:
            summary += "\n" + "\n".join(one_line(e, 100) for e in message.errors[:5])
        notify_plain(self.app, summary, severity="warning" if message.errors else "information")

    # -- the keys that work anywhere in the tab -----------------------------------------------

    def action_search(self) -> None:
        """Type to filter the mentions."""
        self.query_one(FilterBar).focus_search()

    def action_clear_search(self) -> None:
        """Back to the list; from the search box or the list, empty the search too."""
        reader = self.query_one(MentionReader)
        if not reader.reading:
            self.query_one(FilterBar).clear_search()
        reader.focus_list()

    def action_cycle_filter(self) -> None:
        """All → unread → starred → matching → all."""
        self.query_one(FilterBar).cycle_view()

    def action_pick_feed(self) -> None:
        """Open the feed filter."""
        self.query_one(FilterBar).pick_feed()

    def action_fetch(self) -> None:
        """Fetch every feed in the background."""
        bar = self.query_one(FetchBar)
        if bar.running:
            self.app.notify(_("A fetch is already running."))
            return
        if not self._has_feeds:
            self.app.notify(_("No feeds yet: press a to add one (F lists them)."))
            return
        bar.start(self.plan)

    # -- feeds and watch words: the screens own their keys, the tab does the slow saving -------

    def action_add_feed(self) -> None:
        """Add a feed, or a listening feed built from a word or a handle."""

        self.app.push_screen(AddFeedScreen(self._add_feed), self._reload_if)

    def action_feeds(self) -> None:
        """The feeds: last fetch, items, errors; add, rename, remove."""
        screen = FeedsScreen(
            self._feed_rows,
            self._add_feed,
            lambda feed_id, name: store.rename_feed(self.plan, feed_id, name),
            self._remove_feed,
            self._gate.removal_started,
        )
        self.app.push_screen(screen, self._reload_if)

    def action_watch(self) -> None:
        """Watch keywords: your name, your brand, your topics."""
        screen = WatchScreen(
            lambda: store.watch_words(self.plan),
            lambda word: self._change_watch(store.add_watch, word),
            lambda word: self._change_watch(store.remove_watch, word),
            self._gate.watch_started,
        )
        self.app.push_screen(screen, self._reload_if)

    def _reload_if(self, changed: bool | None) -> None:
        """A screen closed: show what it changed."""
        if changed:
            self.reload()

    def _add_feed(self, source: str, name: str) -> object:
        return store.add_feed(self.plan, source, name=name or None)

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

    def _remove_feed(self, feed_id: int) -> object:
        """Remove a feed and its cached mentions; runs in the feeds screen's worker thread.

        Dropping its mentions rewrites the whole cache: listings wait for it (the lock), then
        the feeds and mentions are shown again.
        """
        try:
            with self._gate.lock:
                return store.remove_feed(self.plan, feed_id)
        finally:
            self.post_message(self.CacheChanged(feeds=True))

    def _change_watch(self, change: Callable[[Plan, str], object], word: str) -> object:
        """Add or remove a watch word; runs in the watch screen's worker thread.

        Re-matching 20,000 mentions takes a second or two: listings wait for it (the lock),
        then the list is shown again with the new matches.
        """
        try:
            with self._gate.lock:
                return change(self.plan, word)
        finally:
            self.post_message(self.CacheChanged(feeds=False))
