"""The mentions list and the detail pane beside it, with every key that acts on a mention.

``MentionReader`` owns the list (``MentionList``) and the detail pane (``MentionDetail``): the
pane follows the list's cursor, enter reads the mention and moves into the pane to scroll it.
Its keys (read, star, open, reply task, content idea, "I commented", mark all read) work while
either has the focus. Each change goes through ``app.attempt`` and redraws only that row; the
reader then posts ``Changed`` with the counts to show, or ``Stale`` when the listing must be
asked again. While a worker rewrites the whole cache (``CacheGate``) the changes wait.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message

from storage import mentions as store
from storage.dates import today
from storage.i18n import _
from storage.mentions import Mention
from storage.text import one_line
from tui.mentions.detail import MentionDetail, MentionView, notify_plain
from tui.mentions.gate import CacheGate
from tui.mentions.list_view import MentionList, MentionRow
from tui.shared.confirm import Confirm
from tui.shared.context import app_of, plan_of

FromMention = Callable[..., object]
"""A storage call that makes something of a mention: ``(plan, mention_id, today=...)``."""


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


def row_of(mention: Mention) -> MentionRow:
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


def view_of(mention: Mention | None) -> MentionView | None:
    """What the detail pane shows of a mention."""
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


class MentionReader(Horizontal):
    """The list of mentions and the detail of the highlighted one, and the keys that change it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "toggle_read", _("Read/unread"), id="mentions.read"),
        Binding("s", "toggle_star", _("Star"), id="mentions.star"),
        Binding("o", "open_link", _("Open link"), id="mentions.open"),
        Binding("R", "mark_all_read", _("Mark all read"), show=False, id="mentions.all_read"),
        Binding("t", "reply_task", _("Reply task"), show=False, id="mentions.task"),
        Binding("i", "content_idea", _("Content idea"), show=False, id="mentions.idea"),
        Binding("c", "commented", _("I commented here"), show=False, id="mentions.commented"),
    ]

    DEFAULT_CSS = """
    MentionReader { height: 1fr; }
    MentionReader MentionList { width: 3fr; }
    MentionReader MentionDetail { width: 2fr; border-left: tall $panel; }
    """

    class Changed(Message):
        """A mention was read, unread or starred: the counts to show now."""

        def __init__(self, shown: int, unread: int) -> None:
            super().__init__()
            self.shown = shown
            """Mentions listed."""
            self.unread = unread
            """How many of them are unread."""

    class Stale(Message):
        """The listing no longer says what is stored (a mention left it, all were read): list again."""

    def __init__(self, gate: CacheGate, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._gate = gate
        self.words: list[str] = []
        """The watch words the detail pane highlights."""
        self.unread = 0
        """How many of the mentions listed are unread."""

    def compose(self) -> ComposeResult:
        yield MentionList(empty_text=_("Loading…"), id="mentions-list")
        yield MentionDetail(hint=_("No mention selected."), id="mentions-detail")

    @property
    def mention_list(self) -> MentionList:
        """The list widget."""
        return self.query_one(MentionList)

    @property
    def current(self) -> Mention | None:
        """The highlighted mention, or None when the list is empty."""
        mention: Mention | None = self.mention_list.current_item
        return mention

    @property
    def reading(self) -> bool:
        """Whether the detail pane has the keys (the user is scrolling a mention)."""
        return self.query_one(MentionDetail).has_focus

    def focus_list(self) -> None:
        """Give the keys to the list."""
        self.mention_list.focus()

    def show(self, mentions: Sequence[Mention], unread: int, keep_id: int | None) -> None:
        """List these mentions (``unread`` of them unread), the cursor on ``keep_id`` if there."""
        self.unread = unread
        listing = self.mention_list
        listing.set_empty_text(_("No mentions."))
        listing.set_rows(mentions, keep_id=keep_id, to_row=row_of)
        if not mentions:
            self.query_one(MentionDetail).show(None)

    # -- what the list says -----------------------------------------------------------------

    @on(MentionList.Highlighted)
    def _highlighted(self, event: MentionList.Highlighted) -> None:
        mention = event.item if event.row else None
        self.query_one(MentionDetail).show(view_of(mention), self.words)

    @on(MentionList.Selected)
    def _read_it(self, event: MentionList.Selected) -> None:
        """Enter on a mention: mark it read and move into the detail pane to scroll it."""
        mention = event.item
        if mention is not None and not mention.read and not self._gate.changing:
            app_of(self).attempt(store.set_read, plan_of(self), mention.id, True)
            self._changed(mention.id)
        self.query_one(MentionDetail).focus()

    # -- changing one mention ---------------------------------------------------------------

    def _selected(self) -> Mention | None:
        """The highlighted mention, or None (and says so)."""
        mention = self.current
        if mention is None:
            self.app.notify(_("No mention selected."), severity="warning")
        return mention

    def _busy(self) -> bool:
        """True (and says so) while a worker is still changing the whole cache.

        Marking read or starring meanwhile would wait on the UI thread for that change (or
        re-match the whole cache there).
        """
        reason = self._gate.wait_reason
        if reason:
            self.app.notify(reason)
        return bool(reason)

    def _changed(self, mention_id: int) -> None:
        """Re-read one mention after a change, redraw it and post the counts."""
        mention = store.get_mention(plan_of(self), mention_id)
        if mention is None:  # an unstarred copy of a mention no longer in its feed
            self.post_message(self.Stale())
            return
        listing = self.mention_list
        index = listing.rows.index_of(mention_id, listing.cursor)
        if index is not None:
            old = listing.items[index]
            self.unread += int(old.read) - int(mention.read)
        listing.update_item(mention)
        self.post_message(self.Changed(len(listing.rows), self.unread))

    def action_toggle_read(self) -> None:
        """Mark the mention read, or unread again."""
        mention = self._selected()
        if mention is not None and not self._busy():
            app_of(self).attempt(store.set_read, plan_of(self), mention.id, not mention.read)
            self._changed(mention.id)

    def action_toggle_star(self) -> None:
        """Star the mention (kept for good), or unstar it."""
        mention = self._selected()
        if mention is not None and not self._busy():
            app_of(self).attempt(store.set_starred, plan_of(self), mention.id, not mention.starred)
            self._changed(mention.id)

    def action_mark_all_read(self) -> None:
        """Mark every mention shown as read (after a yes)."""
        items: Any = self.mention_list.items
        unread_ids = getattr(items, "unread_ids", None)  # the listing knows without building
        ids: list[int] = unread_ids() if unread_ids else [m.id for m in items if not m.read]
        if not ids:
            self.app.notify(_("Nothing unread here."))
            return

        def done(yes: bool | None) -> None:
            if yes and not self._busy():
                app_of(self).attempt(store.mark_read, plan_of(self), ids)
                self.post_message(self.Stale())

        question = _("Mark {n} mentions as read?").format(n=len(ids))
        self.app.push_screen(Confirm(question), done)

    def action_open_link(self) -> None:
        """Open the mention's link in the browser (http and https only)."""
        mention = self._selected()
        if mention is None:
            return
        url = safe_url(mention.link)
        if url is None:
            self.app.notify(_("This mention has no web link to open."), severity="warning")
            return
        self._open_in_browser(url)
        if not mention.read and not self._gate.changing:
            app_of(self).attempt(store.set_read, plan_of(self), mention.id, True)
            self._changed(mention.id)

    @work(thread=True, group="mentions-browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        """webbrowser can block (it may start a text browser): never on the UI thread."""
        try:
            webbrowser.open(url, new=2)
        except webbrowser.Error as error:
            self.app.call_from_thread(notify_plain, self.app, str(error), severity="error")

    # -- passing a mention on ---------------------------------------------------------------

    def _make(self, make: FromMention, said: str) -> None:
        """Make something of the mention with ``make``; ``said`` names it in the notification."""
        mention = self._selected()
        if mention is None:
            return
        day: date = today()
        if app_of(self).attempt(make, plan_of(self), mention.id, today=day) is not None:
            notify_plain(self.app, said.format(t=one_line(mention.title, 60)))

    def action_reply_task(self) -> None:
        """Make the mention a reply task in phase 5 (with its link)."""
        self._make(store.make_reply_task, _("Reply task added to phase 5: {t}"))

    def action_content_idea(self) -> None:
        """Make the mention a content idea in the calendar's backlog."""
        self._make(store.make_content_idea, _("Content idea added to the backlog: {t}"))

    def action_commented(self) -> None:
        """Log "I commented here" in the community log."""
        self._make(store.log_commented, _("Logged in the community log: {t}"))
