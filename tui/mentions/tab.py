"""The Mentions tab: what people say about you and your field, from the monitored feeds.

The list is a Line-API virtual list (``MentionList``) so 20,000 mentions stay instant; the
detail pane shows the plain-text summary with the watch words highlighted. Fetching runs in a
thread worker (``FetchBar``); the app answers keys throughout and quits at once even while a
feed hangs.

The tab declares the bindings, the layout, its state and the message handlers; its actions live
in mixins under ``tui/widgets/``: ``MentionFilters`` (listing, view, feed, search),
``MentionActions`` (read, star, open, pass on) and ``MentionFeeds`` (feeds, watch words,
fetching). Textual finds ``@on`` handlers only on widget classes, so every one stays here.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Input, Select, Static

import storage.mentions.inbox as store
from storage.i18n import _
from storage.text import one_line
from tui.mentions.actions import MentionActions
from tui.mentions.detail import MentionDetail, MentionView, notify_plain
from tui.mentions.feeds import FeedGone, MentionFeeds, WatchChanged
from tui.mentions.fetch import FetchBar
from tui.mentions.filters import SEARCH_DELAY, Loaded, MentionFilters
from tui.mentions.list_view import MentionList, MentionRow
from tui.shared.context import app_of, plan_of


class MentionsTab(MentionFilters, MentionActions, MentionFeeds, Container):
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
        return plan_of(self)

    @property
    def mention_list(self) -> MentionList:
        """The list widget."""
        return self.query_one(MentionList)

    # -- what the widgets and workers report ----------------------------------------------------

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

    @on(MentionList.Selected)
    def _read_it(self, event: MentionList.Selected) -> None:
        """Enter on a mention: mark it read and move into the detail pane to scroll it."""
        mention = event.item
        if mention is not None and not mention.read and not self._cache_changing:
            app_of(self).attempt(store.set_read, self.plan, mention.id, True)
            self._changed(mention.id)
        self.query_one(MentionDetail).focus()

    @on(FeedGone)
    def _feed_gone(self) -> None:
        self._feeds_pending = max(0, self._feeds_pending - 1)
        self.reload()

    @on(WatchChanged)
    def _watch_changed(self) -> None:
        self._watch_pending = max(0, self._watch_pending - 1)
        self.reload()

    @on(FetchBar.Done)
    def _fetch_done(self, message: FetchBar.Done) -> None:
        self.reload()
        summary = _("Fetched: {n} new mentions.").format(n=message.new)
        if message.errors:
            summary += "\n" + "\n".join(one_line(e, 100) for e in message.errors[:5])
        notify_plain(self.app, summary, severity="warning" if message.errors else "information")
