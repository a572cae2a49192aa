"""Watch keywords: your name, your brand, your topics. Mentions containing one are flagged.

Adding or removing a word re-matches every cached mention (a second or two for 20,000), so the
changes run one after another in a thread worker, in the order they were asked for; keys are
answered meanwhile and the word list is shown again as each change lands.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from typing import ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from storage.errors import SocialPlanError
from storage.i18n import _
from storage.text import one_line
from tui.shared.footer import Footer

Change = Literal["add", "remove", "undo"]
"""What a queued change does."""


class ChangeDone(Message):
    """A queued change finished (in the worker): say how it went and show the words again."""

    def __init__(self, change: Change, word: str, error: str = "") -> None:
        super().__init__()
        self.change = change
        """What was done."""
        self.word = word
        """The word it was done to."""
        self.error = error
        """Why it was refused, or empty."""


class WatchScreen(ModalScreen[bool]):
    """Add and remove watch keywords (callbacks do the saving, in a worker thread).

    It closes with whether a word was added or removed (a change still queued then tells its
    caller itself, through the ``add``/``remove`` callbacks).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="mentions.watch.close"),
        Binding("delete,x", "remove", "Remove word", id="mentions.watch.remove"),
        Binding("u", "undo", "Undo remove", id="mentions.watch.undo"),
        Binding("a", "focus_input", "Add word", id="mentions.watch.add"),
        Binding("j", "down", "Down", show=False, id="mentions.watch.down"),
        Binding("k", "up", "Up", show=False, id="mentions.watch.up"),
    ]
    DEFAULT_CSS = """
    WatchScreen { align: center middle; }
    WatchScreen > Vertical {
        width: 64; height: 70%; border: thick $primary; background: $surface; padding: 0 1;
    }
    WatchScreen OptionList { height: 1fr; }
    WatchScreen #watch-message { height: auto; color: $text-muted; }
    """

    def __init__(
        self,
        load: Callable[[], Sequence[str]],
        add: Callable[[str], object],
        remove: Callable[[str], object],
        started: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self._load = load
        self._add = add
        self._remove = remove
        self._started = started
        """Told (on the UI thread) each time a change is queued."""
        self._removed: str | None = None
        self._queue: deque[tuple[Change, str]] = deque()
        self._queue_lock = threading.Lock()
        self._draining = False
        self.changed = False
        """Whether a word was added or removed: what the screen closes with."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Watch keywords (case and accents ignored)"), style="bold"))
            yield Input(placeholder=_("a word or phrase, then enter"), id="watch-input")
            yield OptionList(id="watch-list")
            yield Static(Text(""), id="watch-message")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#watch-input", Input).focus()

    def reload(self) -> None:
        """Show the words as stored now."""
        options = self.query_one("#watch-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        # Option prompts as Text: a str prompt would be parsed as markup.
        options.add_options([Option(Text(one_line(word)), id=word) for word in self._load()])
        if highlighted is not None and options.option_count:
            options.highlighted = min(highlighted, options.option_count - 1)

    def _say(self, message: str) -> None:
        self.query_one("#watch-message", Static).update(Text(message))

    @on(Input.Submitted, "#watch-input")
    def _add_word(self, event: Input.Submitted) -> None:
        word = event.value.strip()
        if not word:
            self._say(_("Type a word first."))
            return
        event.input.value = ""
        self._submit("add", word)

    def action_focus_input(self) -> None:
        """Type a new word."""
        self.query_one("#watch-input", Input).focus()

    def action_down(self) -> None:
        """Next word."""
        self.query_one("#watch-list", OptionList).action_cursor_down()

    def action_up(self) -> None:
        """Previous word."""
        self.query_one("#watch-list", OptionList).action_cursor_up()

    def action_remove(self) -> None:
        """Stop watching the highlighted word (u brings it back)."""
        options = self.query_one("#watch-list", OptionList)
        if options.highlighted is None:
            self._say(_("Highlight a word in the list first (tab, then j/k)."))
            return
        word = options.get_option_at_index(options.highlighted).id
        if word is None:
            return
        self._removed = word
        self._submit("remove", word)

    def action_undo(self) -> None:
        """Watch the last removed word again."""
        if self._removed is None:
            return
        word = self._removed
        self._removed = None
        self._submit("undo", word)

    # -- the changes, one after another in a thread -------------------------------------------

    def _submit(self, change: Change, word: str) -> None:
        """Queue a change; start the worker unless it is already running."""
        self._say(_("Updating the matches for {word!r}…").format(word=one_line(word)))
        if self._started is not None:
            self._started()
        with self._queue_lock:
            self._queue.append((change, word))
            start = not self._draining
            self._draining = True
        if start:
            self._drain()

    @work(thread=True, group="mentions-watch", exit_on_error=False)
    def _drain(self) -> None:
        """Apply the queued changes in order (each re-matches the cache: slow, so here).

        The loop runs to the end even if the screen closes meanwhile: what was asked is done.
        """
        while True:
            with self._queue_lock:
                if not self._queue:
                    self._draining = False
                    return
                change, word = self._queue.popleft()
            error = ""
            try:
                (self._remove if change == "remove" else self._add)(word)
            except (SocialPlanError, ValueError) as problem:
                error = str(problem)
            except Exception as problem:  # never leave the queue stuck
                error = str(problem) or type(problem).__name__
            self.post_message(ChangeDone(change, word, error))

    @on(ChangeDone)
    def _change_done(self, message: ChangeDone) -> None:
        if message.error:
            self._say(message.error)
            return
        self.changed = True
        shown = one_line(message.word)
        said = {
            "add": _("Watching {word!r}."),
            "remove": _("No longer watching {word!r}: u to undo."),
            "undo": _("Watching {word!r} again."),
        }
        self._say(said[message.change].format(word=shown))
        self.reload()
        if message.change == "undo":
            options = self.query_one("#watch-list", OptionList)
            options.highlighted = options.get_option_index(message.word)

    def action_close(self) -> None:
        """Back to the mentions, saying whether a word changed."""
        self.dismiss(self.changed)
