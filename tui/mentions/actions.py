"""What the Mentions tab's keys do to mentions: read, star, mark all read, open, pass on.

``MentionActions`` is a mixin of ``MentionsTab`` (``tui/tabs/mentions.py``), which declares the
bindings. Each action changes the selected mention through ``app.attempt`` and redraws only that
row; while a worker changes the whole cache (watch words, feed removal) the changes wait.
A mention can also become a reply task, a content idea or a line in the community log.
"""

from __future__ import annotations

import webbrowser
from typing import Any

from textual import work

import storage.mentions.inbox as store
from storage.dates import today
from storage.i18n import _
from storage.text import one_line
from tui.mentions.detail import notify_plain
from tui.mentions.filters import MentionsHost
from tui.shared.context import app_of


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


class MentionActions(MentionsHost):
    """The actions of ``MentionsTab`` on the selected mention, or on every mention shown."""

    def _current(self) -> Any | None:
        mention = self.mention_list.current_item
        if mention is None:
            self.app.notify(_("No mention selected."), severity="warning")
            return None
        return mention

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
            app_of(self).attempt(store.set_read, self.plan, mention.id, not mention.read)
            self._changed(mention.id)

    def action_toggle_star(self) -> None:
        """Star the mention (kept for good), or unstar it."""
        mention = self._current()
        if mention is not None and not self._busy():
            app_of(self).attempt(store.set_starred, self.plan, mention.id, not mention.starred)
            self._changed(mention.id)

    def action_mark_all_read(self) -> None:
        """Mark every mention shown as read (after a yes)."""
        items = self.mention_list.items
        unread_ids = getattr(items, "unread_ids", None)  # the listing knows without building
        ids = unread_ids() if unread_ids else [m.id for m in items if not m.read]
        if not ids:
            self.app.notify(_("Nothing unread here."))
            return
        from tui.shared.confirm import Confirm

        def done(yes: bool | None) -> None:
            if yes and not self._busy():
                app_of(self).attempt(store.mark_read, self.plan, ids)
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
            app_of(self).attempt(store.set_read, self.plan, mention.id, True)
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
        result = app_of(self).attempt(
            getattr(store, what), self.plan, mention.id, today=today()
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
