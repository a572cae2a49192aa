"""The monitored feeds: last fetch, item count and last error; add, rename, remove.

Removing a feed drops its cached mentions, which rewrites the whole mentions cache (20,000
mentions after three years): it runs in a thread worker, the screen says it is working, and
the list of feeds is shown again when it is done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from storage.errors import SocialPlanError
from storage.i18n import _
from storage.text import one_line, strip_controls
from tui.mentions.add_feed import AddFeedScreen
from tui.shared.footer import Footer


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One feed as the list shows it."""

    id: int
    """Id of the feed record."""
    name: str
    """Name (untrusted when it came from OPML or a feed)."""
    source: str
    """URL or path."""
    last_fetch: str
    """When it was last fetched, or empty."""
    count: int | None
    """Items it held at the last fetch (None before the first)."""
    last_error: str
    """The last fetch's error, or empty."""


class FeedRemoved(Message):
    """A feed removal finished in the worker (``error`` says why it failed, else empty)."""

    def __init__(self, feed_id: int, name: str, error: str = "") -> None:
        super().__init__()
        self.feed_id = feed_id
        """The feed asked for."""
        self.name = name
        """Its name, as listed."""
        self.error = error
        """Why it was not removed, or empty."""


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with it, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="mentions.prompt.cancel"),
    ]
    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 60; height: auto; padding: 1 2; border: thick $primary; background: $surface;
    }
    """

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self._question = question
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._question))
            yield Input(value=self._value, id="prompt-input")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class FeedsScreen(ModalScreen[bool]):
    """The list of feeds, with the actions that change them (callbacks do the saving).

    It closes with whether a feed was added, renamed or removed (a removal still running then
    tells its caller itself, through the ``remove`` callback).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="mentions.feeds.close"),
        Binding("a", "add", "Add feed", id="mentions.feeds.add"),
        Binding("n,f2", "rename", "Rename", id="mentions.feeds.rename"),
        Binding("delete,x", "remove", "Remove", id="mentions.feeds.remove"),
        Binding("j", "down", "Down", show=False, id="mentions.feeds.down"),
        Binding("k", "up", "Up", show=False, id="mentions.feeds.up"),
    ]
    DEFAULT_CSS = """
    FeedsScreen { align: center middle; }
    FeedsScreen > Vertical {
        width: 96%; height: 80%; border: thick $primary; background: $surface; padding: 0 1;
    }
    FeedsScreen DataTable { height: 1fr; }
    FeedsScreen #feeds-error { color: $text-error; height: auto; }
    FeedsScreen #feeds-error.working { color: $text-muted; }
    """

    def __init__(
        self,
        load: Callable[[], Sequence[FeedRow]],
        add: Callable[[str, str], object],
        rename: Callable[[int, str], object],
        remove: Callable[[int], object],
        started: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self._load = load
        self._add = add
        self._rename = rename
        self._remove = remove
        """Removes a feed and its mentions: called in a worker thread."""
        self._started = started
        """Told (on the UI thread) when a removal is handed to the worker."""
        self._removing: set[int] = set()
        """Feeds being removed now."""
        self._feeds: list[FeedRow] = []
        self.changed = False
        """Whether a feed was added, renamed or removed: what the screen closes with."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Feeds"), style="bold"))
            yield DataTable(cursor_type="row", zebra_stripes=True, id="feeds-table")
            yield Static(Text(""), id="feeds-error")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Name"), _("Source"), _("Last fetch"), _("Items"), _("Last error"))
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Show the feeds as stored now."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self._feeds = list(self._load())
        for feed in self._feeds:
            # Text cells: DataTable parses str cells containing "[" as markup.
            table.add_row(
                Text(one_line(feed.name)[:60]),
                Text(one_line(feed.source)[:60]),
                Text(feed.last_fetch or _("never")),
                Text("" if feed.count is None else str(feed.count), justify="right"),
                Text(one_line(feed.last_error)[:80], style="red" if feed.last_error else ""),
                key=str(feed.id),
            )
        if not self._feeds:
            self._say(_("No feeds yet: press a to add one."))
        if self._feeds:
            table.move_cursor(row=min(row, len(self._feeds) - 1))

    @property
    def current(self) -> FeedRow | None:
        """The feed under the cursor."""
        row = self.query_one(DataTable).cursor_row
        return self._feeds[row] if 0 <= row < len(self._feeds) else None

    def _say(self, message: str, working: bool = False) -> None:
        """Show an error (or, ``working``, what is being done) under the list."""
        line = self.query_one("#feeds-error", Static)
        line.set_class(working, "working")
        line.update(Text(strip_controls(message)))

    def action_down(self) -> None:
        """Next feed."""
        self.query_one(DataTable).action_cursor_down()

    def action_up(self) -> None:
        """Previous feed."""
        self.query_one(DataTable).action_cursor_up()

    def action_close(self) -> None:
        """Back to the mentions, saying whether a feed changed."""
        self.dismiss(self.changed)

    def action_add(self) -> None:
        """Open the add-feed form."""

        def done(added: bool | None) -> None:
            if added:
                self.changed = True
                self.reload()

        self.app.push_screen(AddFeedScreen(self._add), done)

    def action_rename(self) -> None:
        """Give the feed under the cursor a new name."""
        feed = self.current
        if feed is None:
            return

        def done(name: str | None) -> None:
            if name is None:
                return
            try:
                self._rename(feed.id, name)
            except (SocialPlanError, ValueError) as error:
                self._say(str(error))
                return
            self.changed = True
            self._say("")
            self.reload()

        self.app.push_screen(PromptScreen(_("New name:"), strip_controls(feed.name)), done)

    def action_remove(self) -> None:
        """Remove the feed under the cursor (after a yes); the work runs in a thread."""
        feed = self.current
        if feed is None:
            return
        if feed.id in self._removing:
            name = one_line(feed.name)[:60]
            self._say(_("{name} is being removed…").format(name=name), working=True)
            return
        from tui.shared.confirm import Confirm

        def done(yes: bool | None) -> None:
            if not yes or feed.id in self._removing:
                return
            self._removing.add(feed.id)
            if self._started is not None:
                self._started()
            name = one_line(feed.name)[:60]
            self._say(_("Removing {name} and its mentions…").format(name=name), working=True)
            self._remove_in_thread(feed.id, feed.name)

        question = _("Remove the feed {name}? Its unstarred mentions go with it.").format(
            name=one_line(feed.name)[:60]
        )
        self.app.push_screen(Confirm(question), done)

    @work(thread=True, group="mentions-feeds", exit_on_error=False)
    def _remove_in_thread(self, feed_id: int, name: str) -> None:
        """Remove the feed (its mentions are dropped from the whole cache: slow, so here).

        It runs to the end even if the screen closes meanwhile: what was confirmed is done.
        """
        error = ""
        try:
            self._remove(feed_id)
        except (SocialPlanError, ValueError) as problem:
            error = str(problem)
        except Exception as problem:  # a failed save must not leave the screen waiting
            error = str(problem) or type(problem).__name__
        self.post_message(FeedRemoved(feed_id, name, error))

    @on(FeedRemoved)
    def _removed(self, message: FeedRemoved) -> None:
        self._removing.discard(message.feed_id)
        if message.error:
            self._say(message.error)
        else:
            self.changed = True
            name = one_line(message.name)[:60]
            self._say(_("Removed {name}.").format(name=name), working=True)
        self.reload()
