"""Small pieces the Phases tab's panes share: a pane base with undo, a keyed option list and a
text progress bar."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from storage.i18n import _

if TYPE_CHECKING:
    from tui.shared.context import AppContext

RecordT = TypeVar("RecordT")
"""The kind of record a pane deletes and puts back (a task, a channel, an objective)."""


class UndoPane(Vertical, Generic[RecordT]):
    """A pane of the Phases tab: deletions it can put back, and a ``Changed`` message to the tab.

    Subclasses declare their own ``Changed`` (so the tab can tell them apart) and ``reload``.
    """

    class Changed(Message):
        """Something in the pane changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._deleted: list[RecordT] = []

    def _take_back(self) -> RecordT | None:
        """The last deleted record, off the undo list (None, with a warning, if there is none)."""
        if not self._deleted:
            self.notify(_("Nothing to undo."), severity="warning")
            return None
        return self._deleted.pop()

    def reload(self, keep: int | None = None) -> None:
        """Show the records again, keeping ``keep`` highlighted."""
        raise NotImplementedError

    def _changed(self, keep: int | None = None) -> None:
        self.reload(keep)
        self.post_message(self.Changed())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo shows dimmed while there is nothing to put back."""
        if action == "undo" and not self._deleted:
            return None
        return True


def saved(app: AppContext, action: Callable[..., object], *args: Any) -> bool:
    """Run a storage call through ``app.attempt`` (errors become a notification); True if done."""
    return app.attempt(action, *args) is not None


def bar(fraction: float, width: int = 12) -> str:
    """A progress bar drawn with blocks, ``width`` cells wide."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def progress_line(label: str, done: int, total: int, width: int = 12) -> Text:
    """``label  ████░░░░ 3/8``, as Text (label is our own words, shown literally)."""
    fraction = done / total if total else 1.0
    line = Text(label, end="")
    line.append("  ")
    line.append(bar(fraction, width), style="green" if total and done == total else "cyan")
    line.append(f" {done}/{total}")
    return line


class KeyedList(OptionList):
    """An OptionList whose options carry record ids, with ``j``/``k`` beside the arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", _("Down"), show=False, id="phases.down"),
        Binding("k", "cursor_up", _("Up"), show=False, id="phases.up"),
    ]

    @property
    def highlighted_id(self) -> int | None:
        """The record id of the highlighted option, if any."""
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id else None

    def refill(self, options: Iterable[Option], keep: int | None = None) -> None:
        """Replace the options, keeping the highlight on record ``keep`` (or near where it was)."""
        previous = self.highlighted or 0
        self.set_options(options)
        if not self.option_count:
            return
        index = None
        if keep is not None:
            try:
                index = self.get_option_index(str(keep))
            except Exception:  # OptionDoesNotExist: the record is gone
                index = None
        self.highlighted = index if index is not None else min(previous, self.option_count - 1)
