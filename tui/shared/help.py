"""``?``: every key that works here, for the current tab and the whole app."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.i18n import _


@dataclass(frozen=True)
class HelpEntry:
    """One line of the help screen."""

    section: str
    """Where the key works (the tab's name, or the app)."""
    key: str
    """The key as shown (``ctrl+p``, ``space``)."""
    description: str
    """What it does."""


class HelpScreen(ModalScreen[None]):
    """The keys of the current tab and of the app, grouped."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-height: 90%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", _("Close"), id="help.close"),
        Binding("j,down", "scroll_down", _("Down"), show=False, id="help.down"),
        Binding("k,up", "scroll_up", _("Up"), show=False, id="help.up"),
    ]

    def __init__(self, entries: list[HelpEntry]) -> None:
        super().__init__()
        self.entries = entries
        """What to list, in order."""

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column(width=18, style="bold cyan")
        table.add_column(ratio=1)
        section = None
        for entry in self.entries:
            if entry.section != section:
                section = entry.section
                if table.row_count:
                    table.add_row("", "")
                table.add_row(Text(section, style="bold underline"), "")
            table.add_row(Text(entry.key, style="bold"), Text(entry.description))
        with VerticalScroll():
            yield Static(Text(_("Keys (escape closes)"), style="bold"))
            yield Static(table)

    def action_scroll_down(self) -> None:
        """Scroll the list."""
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        """Scroll the list."""
        self.query_one(VerticalScroll).scroll_up()
