"""A list of one-line items of the guide (do, don't, hashtags, keywords), edited in place."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from storage import guide as model
from storage.i18n import _
from storage.text import one_line
from tui.shared.context import app_of, plan_of
from tui.shared.plain import plain_text


class ItemList(OptionList):
    """The items, with ``j``/``k`` beside the arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", _("Down"), show=False, id="guide.items.down"),
        Binding("k", "cursor_up", _("Up"), show=False, id="guide.items.up"),
    ]


class GuideItems(Vertical):
    """One list field of the guide: ``a`` adds, ``e``/``enter`` edits in place, ``d`` deletes
    (``u`` undoes), ``J``/``K`` move. Every change is saved at once."""

    DEFAULT_CSS = """
    GuideItems { height: auto; min-height: 5; }
    GuideItems > .guide-items-title { text-style: bold; }
    GuideItems ItemList { height: auto; max-height: 12; min-height: 3; }
    GuideItems Input { display: none; }
    GuideItems.-editing Input { display: block; }
    """

    BINDINGS = [
        Binding("a", "add", _("Add"), id="guide.items.add"),
        Binding("e", "edit", _("Edit"), id="guide.items.edit"),
        Binding("d,delete", "delete", _("Delete"), id="guide.items.delete"),
        Binding("u", "undo", _("Undo delete"), show=False, id="guide.items.undo"),
        Binding("K,shift+up", "move(-1)", _("Move up"), show=False, id="guide.items.up_item"),
        Binding("J,shift+down", "move(1)", _("Move down"), show=False, id="guide.items.down_item"),
        Binding("escape", "cancel", _("Cancel"), show=False, id="guide.items.cancel"),
    ]

    class Changed(Message):
        """The guide was changed and saved."""

    def __init__(self, field: str, title: str, placeholder: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.field = field
        """The guide field edited: "do", "dont", "hashtags" or "keywords"."""
        self.title = title
        """Heading shown above the list (our own words)."""
        self.placeholder = placeholder
        """Hint shown in the empty input."""
        self._editing: int | None = None
        self._deleted: list[tuple[int, str]] = []

    @property
    def item_list(self) -> ItemList:
        """The list of items."""
        return self.query_one(ItemList)

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="guide-items-title", markup=False)
        yield ItemList()
        yield Input(placeholder=self.placeholder)

    def on_mount(self) -> None:
        self.reload()

    def items(self) -> list[str]:
        """The items as saved."""
        return list(getattr(model.load_guide(plan_of(self)), self.field))

    def reload(self, highlight: int | None = None) -> None:
        """Show the items as saved, keeping the highlight near where it was."""
        items = self.items()
        listing = self.item_list
        previous = listing.highlighted if highlight is None else highlight
        listing.set_options(
            [Option(plain_text(item, single_line=True)) for item in items]
            or [Option(_("(empty: press a to add)"), disabled=True)]
        )
        if items:
            listing.highlighted = max(0, min(previous or 0, len(items) - 1))

    def _save(self, items: list[str], highlight: int | None = None) -> bool:
        saved = app_of(self).attempt(model.update_guide, plan_of(self), **{self.field: items})
        self.reload(highlight)
        if saved is not None:
            self.post_message(self.Changed())
        return saved is not None

    def _current(self) -> int | None:
        index = self.item_list.highlighted
        return index if index is not None and index < len(self.items()) else None

    def _open_input(self, text: str, index: int | None) -> None:
        self._editing = index
        self.add_class("-editing")
        field = self.query_one(Input)
        field.value = text
        field.focus()

    def action_add(self) -> None:
        """Type a new item under the list (``enter`` saves, ``escape`` cancels)."""
        self._open_input("", None)

    def action_edit(self) -> None:
        """Edit the highlighted item in place."""
        index = self._current()
        if index is not None:
            self._open_input(self.items()[index], index)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        items = self.items()
        if not text:
            self.notify(_("An item cannot be empty (escape cancels)."), severity="warning")
            return
        if self._editing is None:
            items.append(text)
            where = len(items) - 1
        else:
            items[self._editing] = text
            where = self._editing
        if self._save(items, where):
            self._close_input()

    def _close_input(self) -> None:
        self._editing = None
        self.remove_class("-editing")
        self.item_list.focus()

    def action_cancel(self) -> None:
        """Stop typing without saving (otherwise escape goes back to the sections)."""
        if not self.has_class("-editing"):
            raise SkipAction()
        self._close_input()

    def action_delete(self) -> None:
        """Delete the highlighted item (``u`` brings it back)."""
        index = self._current()
        if index is None:
            return
        items = self.items()
        removed = items.pop(index)
        if self._save(items, index):
            self._deleted.append((index, removed))
            self.notify(
                _("Deleted “{item}”: press u to undo.").format(item=one_line(removed, 60)),
                markup=False,
            )

    def action_undo(self) -> None:
        """Put the last deleted item back where it was."""
        if not self._deleted:
            self.notify(_("Nothing to undo."))
            return
        index, text = self._deleted.pop()
        items = self.items()
        index = min(index, len(items))
        items.insert(index, text)
        self._save(items, index)

    def action_move(self, delta: int) -> None:
        """Move the highlighted item up or down."""
        index = self._current()
        items = self.items()
        if index is None or not 0 <= index + delta < len(items):
            return
        items.insert(index + delta, items.pop(index))
        self._save(items, index + delta)
