"""The Mentions tab: what people say about you and your field, from the monitored feeds.

The list is a Line-API virtual list (``MentionList``) so 20,000 mentions stay instant; the
detail pane shows the plain-text summary with the watch words highlighted. Fetching runs in a
thread worker (``FetchBar``); the app answers keys throughout and quits at once even while a
feed hangs.
"""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

import storage.mentions as store
from storage.i18n import _
from storage.text import one_line
from tui.screens.mentions_add_feed import AddFeedScreen
from tui.screens.mentions_feeds import FeedRow, FeedsScreen
from tui.screens.mentions_watch import WatchScreen
from tui.widgets.mention_detail import MentionDetail, MentionView, notify_plain
from tui.widgets.mention_fetch import FetchBar
from tui.widgets.mention_list import MentionList, MentionRow

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


class WatchChanged(Message):
    """A watch word was added or removed in the background: the matches are current again."""


class FeedGone(Message):
    """A feed removal finished in the background: list the feeds and mentions again."""


def safe_url(link: str | None) -> str | None:
    """The link when it is an http(s) URL with a host, else None."""
    if not link:
        return None
    lowered = link.strip().lower()
    if not lowered.startswith(("http://", "https://")) or len(lowered.split("/")) < 3:
        return None
    if any(ord(c) < 33 or c in "\x7f" for c in link.strip()):
        return None
    return link.strip()


class MentionsTab(Container):
    """Mentions newest first, filters, search, detail, and the actions on a mention."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "toggle_read", _("Read/unread"), id="mentions.read"),
        Binding("s", "toggle_star", _("Star"), id="mentions.star"),
        Binding("o", "open_link", _("Open link"), id="mentions.open"),
        Binding("slash", "search", _("Search"), id="mentions.search"),
        Binding("v", "cycle_filter", _("View"), id="mentions.view"),
        Binding("e", "pick_feed", _("Filter by feed"), show=False, id="mentions.feed_filter"),
        Binding("f", "fetch", _("Fetch all"), id="mentions.fetch"),
        Binding("R", "mark_all_read", _("Mark all read"), show=False, id="mentions.all_read"),
        Binding("t", "reply_task", _("Reply task"), show=False, id="mentions.task"),
        Binding("i", "content_idea", _("Content idea"), show=False, id="mentions.idea"),
        Binding("c", "commented", _("I commented here"), show=False, id="mentions.commented"),
        Binding("a", "add_feed", _("Add feed"), show=False, id="mentions.add_feed"),
        Binding("F", "feeds", _("Feeds"), id="mentions.feeds"),
        Binding("w", "watch", _("Watch words"), show=False, id="mentions.watch"),
        Binding(
            "escape", "clear_search", _("Back to the list / clear search"), show=False,
            id="mentions.clear",
        ),
    ]

    DEFAULT_CSS = """
    MentionsTab { height: 1fr; }
    MentionsTab #mentions-bar { height: auto; }
    MentionsTab #mentions-feed { width: 30; }
    MentionsTab #mentions-status { width: 1fr; padding: 1 1 0 1; color: $text-muted; }
    MentionsTab #mentions-search { width: 32; }
    MentionsTab #mentions-body { height: 1fr; }
    MentionsTab MentionList { width: 3fr; }
    MentionsTab MentionDetail { width: 2fr; border-left: tall $panel; }
    """

    view: var[str] = var("all")
    """Which mentions show: all, unread, starred or matching."""
    feed: var[int | None] = var(None)
    """Only this feed's mentions, or every feed."""
    search_text: var[str] = var("")
    """Words the titles/summaries must contain (type-to-search)."""

    def __init__(self) -> None:
        super().__init__()
        self._unread = 0
        self._feed_names: dict[int, str] = {}
        self._words: list[str] = []
        self._generation = 0
        self._search_timer: Timer | None = None
        self._cache_lock = threading.Lock()
        """Held while a watch word change re-matches the cache, and by each listing: a
        listing never re-matches the cache a second time beside the change."""
        self._watch_pending = 0
        """Watch word changes not finished yet (their worker is re-matching the cache)."""
        self._feeds_pending = 0
        """Feed removals not finished yet (their worker is rewriting the cache)."""
        self._reveal_id: int | None = None
        """A mention to put the cursor on once the next listing arrives (from Today)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="mentions-bar"):
            yield Select[int](
                [], prompt=_("All feeds"), allow_blank=True, id="mentions-feed"
            )
            yield Static(Text(""), id="mentions-status")
            yield Input(placeholder=_("/ search"), id="mentions-search")
        with Horizontal(id="mentions-body"):
            yield MentionList(empty_text=_("Loading…"), id="mentions-list")
            yield MentionDetail(hint=_("No mention selected."), id="mentions-detail")
        yield FetchBar(id="mentions-fetch")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(MentionList).focus()

    @property
    def plan(self) -> Any:
        """The open plan."""
        return self.app.plan  # type: ignore[attr-defined]

    @property
    def mention_list(self) -> MentionList:
        """The list widget."""
        return self.query_one(MentionList)

    # -- loading and filtering ---------------------------------------------------------------

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

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return
        if message.error:
            notify_plain(self.app, message.error, title=_("Mentions"), severity="error")
        current = self.mention_list.current_item
        keep = self._reveal_id if self._reveal_id is not None else (current.id if current else None)
        self._reveal_id = None
        self._unread = message.unread
        self.mention_list.set_empty_text(_("No mentions."))
        self.mention_list.set_rows(message.mentions, keep_id=keep, to_row=self._row)
        self._show_status(len(message.mentions))
        if not message.mentions:
            self.query_one(MentionDetail).show(None)
        if not message.error:
            self._fold_ahead()

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

    def _row(self, mention: Any) -> MentionRow:
        """What the list shows of a mention (called only for the rows it draws or reads)."""
        return MentionRow(
            id=mention.id,
            feed=mention.feed_name,
            date=(mention.published or "")[:10] or _("unknown"),
            title=mention.title,
            read=mention.read,
            starred=mention.starred,
            matched=bool(mention.matches),
        )

    def _show_status(self, count: int) -> None:
        parts = [
            _(self.view), _("{n} shown").format(n=count), _("{n} unread").format(n=self._unread)
        ]
        if self.search_text:
            parts.append(_("search: {q}").format(q=one_line(self.search_text, 30)))
        self.query_one("#mentions-status", Static).update(Text(" · ".join(parts)))

    def watch_view(self) -> None:
        if self.is_mounted:
            self.refilter()

    @on(Select.Changed, "#mentions-feed")
    def _feed_chosen(self, event: Select.Changed) -> None:
        self.feed = event.value if isinstance(event.value, int) else None
        self.refilter()

    @on(Input.Changed, "#mentions-search")
    def _search_typed(self, event: Input.Changed) -> None:
        """Search as the user types, once typing pauses."""
        self.search_text = event.value.strip()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.refilter)

    @on(Input.Submitted, "#mentions-search")
    def _search_done(self) -> None:
        self.mention_list.focus()

    @on(MentionList.Highlighted)
    def _highlighted(self, event: MentionList.Highlighted) -> None:
        mention = event.item if event.row else None
        self.query_one(MentionDetail).show(self._view_of(mention), self._words)

    def _view_of(self, mention: Any) -> MentionView | None:
        if mention is None:
            return None
        published = mention.published or ""
        return MentionView(
            title=mention.title,
            feed=mention.feed_name,
            date=published[:16].replace("T", " ") if published else _("date unknown"),
            link=mention.link,
            summary=mention.summary,
            author=mention.author,
            read=mention.read,
            starred=mention.starred,
            matches=tuple(mention.matches),
        )

    # -- actions on the list ------------------------------------------------------------------

    def action_search(self) -> None:
        """Type to filter the mentions."""
        self.query_one("#mentions-search", Input).focus()

    def action_clear_search(self) -> None:
        """Back to the list; from the search box or the list, empty the search too."""
        detail = self.query_one(MentionDetail)
        if not detail.has_focus:
            self.query_one("#mentions-search", Input).value = ""
        self.mention_list.focus()

    @on(MentionList.Selected)
    def _read_it(self, event: MentionList.Selected) -> None:
        """Enter on a mention: mark it read and move into the detail pane to scroll it."""
        mention = event.item
        if mention is not None and not mention.read and not self._cache_changing:
            self.app.attempt(store.set_read, self.plan, mention.id, True)  # type: ignore[attr-defined]
            self._changed(mention.id)
        self.query_one(MentionDetail).focus()

    def action_cycle_filter(self) -> None:
        """All → unread → starred → matching → all."""
        self.view = FILTERS[(FILTERS.index(self.view) + 1) % len(FILTERS)]

    def action_pick_feed(self) -> None:
        """Open the feed filter."""
        select = self.query_one("#mentions-feed", Select)
        select.focus()
        select.expanded = True

    def _current(self) -> Any | None:
        mention = self.mention_list.current_item
        if mention is None:
            self.app.notify(_("No mention selected."), severity="warning")
            return None
        return mention

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

    def _changed(self, mention_id: int) -> None:
        """Re-read one mention after a change and redraw it."""
        mention = store.get_mention(self.plan, mention_id)
        if mention is None:  # an unstarred copy of a mention no longer in its feed
            self.refilter()
            return
        index = self.mention_list.rows.index_of(mention_id, self.mention_list.cursor)
        if index is not None:
            old = self.mention_list.items[index]
            self._unread += int(old.read) - int(mention.read)
        self.mention_list.update_item(mention)
        self._show_status(len(self.mention_list.rows))

    def action_toggle_read(self) -> None:
        """Mark the mention read, or unread again."""
        mention = self._current()
        if mention is not None and not self._busy():
            self.app.attempt(store.set_read, self.plan, mention.id, not mention.read)  # type: ignore[attr-defined]
            self._changed(mention.id)

    def action_toggle_star(self) -> None:
        """Star the mention (kept for good), or unstar it."""
        mention = self._current()
        if mention is not None and not self._busy():
            self.app.attempt(store.set_starred, self.plan, mention.id, not mention.starred)  # type: ignore[attr-defined]
            self._changed(mention.id)

    def action_mark_all_read(self) -> None:
        """Mark every mention shown as read (after a yes)."""
        items = self.mention_list.items
        unread_ids = getattr(items, "unread_ids", None)  # the listing knows without building
        ids = unread_ids() if unread_ids else [m.id for m in items if not m.read]
        if not ids:
            self.app.notify(_("Nothing unread here."))
            return
        from tui.screens.confirm import Confirm

        def done(yes: bool | None) -> None:
            if yes and not self._busy():
                self.app.attempt(store.mark_read, self.plan, ids)  # type: ignore[attr-defined]
                self.refilter()

        question = _("Mark {n} mentions as read?").format(n=len(ids))
        self.app.push_screen(Confirm(question), done)

    def action_open_link(self) -> None:
        """Open the mention's link in the browser (http and https only)."""
        mention = self._current()
        if mention is None:
            return
        url = safe_url(mention.link)
        if url is None:
            self.app.notify(_("This mention has no web link to open."), severity="warning")
            return
        self._open_in_browser(url)
        if not mention.read and not self._cache_changing:
            self.app.attempt(store.set_read, self.plan, mention.id, True)  # type: ignore[attr-defined]
            self._changed(mention.id)

    @work(thread=True, group="mentions-browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        """webbrowser can block (it may start a text browser): never on the UI thread."""
        try:
            webbrowser.open(url, new=2)
        except webbrowser.Error as error:
            self.app.call_from_thread(notify_plain, self.app, str(error), severity="error")

    def _from_mention(self, what: str) -> None:
        mention = self._current()
        if mention is None:
            return
        result = self.app.attempt(  # type: ignore[attr-defined]
            getattr(store, what), self.plan, mention.id, today=date.today()
        )
        if result is not None:
            messages = {
                "make_reply_task": _("Reply task added to phase 5: {t}"),
                "make_content_idea": _("Content idea added to the backlog: {t}"),
                "log_commented": _("Logged in the community log: {t}"),
            }
            notify_plain(self.app, messages[what].format(t=one_line(mention.title, 60)))

    def action_reply_task(self) -> None:
        """Make the mention a reply task in phase 5 (with its link)."""
        self._from_mention("make_reply_task")

    def action_content_idea(self) -> None:
        """Make the mention a content idea in the calendar's backlog."""
        self._from_mention("make_content_idea")

    def action_commented(self) -> None:
        """Log "I commented here" in the community log."""
        self._from_mention("log_commented")

    # -- feeds and watch words ----------------------------------------------------------------

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

    @on(FeedGone)
    def _feed_gone(self) -> None:
        self._feeds_pending = max(0, self._feeds_pending - 1)
        self.reload()

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

    @on(WatchChanged)
    def _watch_changed(self) -> None:
        self._watch_pending = max(0, self._watch_pending - 1)
        self.reload()

    # -- fetching ------------------------------------------------------------------------------

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

    @on(FetchBar.Done)
    def _fetch_done(self, message: FetchBar.Done) -> None:
        self.reload()
        summary = _("Fetched: {n} new mentions.").format(n=message.new)
        if message.errors:
            summary += "\n" + "\n".join(one_line(e, 100) for e in message.errors[:5])
        notify_plain(self.app, summary, severity="warning" if message.errors else "information")
