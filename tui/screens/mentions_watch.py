"""Watch keywords: your name, your brand, your topics. Mentions containing one are flagged."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from storage.errors import SocialPlanError
from storage.i18n import _
from tui.widgets.mention_list import one_line


class WatchScreen(ModalScreen[None]):
    """Add and remove watch keywords (callbacks do the saving)."""

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
    ) -> None:
        super().__init__()
        self._load = load
        self._add = add
        self._remove = remove
        self._removed: str | None = None
        self.changed = False
        """Whether a word was added or removed (the tab re-matches then)."""

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
        try:
            self._add(word)
        except (SocialPlanError, ValueError) as error:
            self._say(str(error))
            return
        self.changed = True
        event.input.value = ""
        self._say(_("Watching {word!r}.").format(word=one_line(word)))
        self.reload()

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
        self._remove(word)
        self._removed = word
        self.changed = True
        self._say(_("No longer watching {word!r}: u to undo.").format(word=one_line(word)))
        self.reload()

    def action_undo(self) -> None:
        """Watch the last removed word again."""
        if self._removed is None:
            return
        word = self._removed
        self._add(word)
        self._say(_("Watching {word!r} again.").format(word=one_line(word)))
        self._removed = None
        self.changed = True
        self.reload()
        options = self.query_one("#watch-list", OptionList)
        options.highlighted = options.get_option_index(word)

    def action_close(self) -> None:
        """Back to the mentions."""
        self.dismiss(None)
