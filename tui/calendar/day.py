"""The items of the selected day (month and week views): pick one to act on it."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from storage import calendar as model
from storage.calendar import Occurrence
from storage.i18n import _
from tui.calendar.grid import GridData, item_label


class DayList(OptionList):
    """One line per occurrence of the selected day; ``escape`` goes back to the grid."""

    DEFAULT_CSS = """
    DayList { height: 1fr; width: 1fr; border: round $primary-darken-2; }
    DayList:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("j", "cursor_down", _("Next item"), show=False, id="calendar.day.down"),
        Binding("k", "cursor_up", _("Previous item"), show=False, id="calendar.day.up"),
        Binding("escape", "back", _("Back to the days"), id="calendar.day.back"),
    ]

    class Leave(Message):
        """The user is done with the day's items: the days get the focus back."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: list[Occurrence] = []
        """The occurrences listed, in order."""

    def show(self, items: list[Occurrence], data: GridData, title: str) -> None:
        """List a day's occurrences (keeping the highlighted one where possible)."""
        before = self.current
        self.items = items
        self.border_title = title
        self.clear_options()
        if not items:
            self.add_option(Option(_("Nothing planned — a: add"), disabled=True))
            return
        self.add_options(Option(self._line(o, data)) for o in items)
        keep = next((i for i, o in enumerate(items) if before and _same(o, before)), 0)
        self.highlighted = keep

    @staticmethod
    def _line(occ: Occurrence, data: GridData) -> Text:
        line = Text(end="")
        line.append_text(item_label(occ, data))
        where = " · ".join(
            x
            for x in (
                occ.item.channel,
                model.kind_label(occ.item.kind),
                model.status_label(occ.status),
            )
            if x
        )
        line.append(f"  ({where})", style="dim")
        return line

    @property
    def current(self) -> Occurrence | None:
        """The highlighted occurrence."""
        if self.highlighted is None or not self.items or self.highlighted >= len(self.items):
            return None
        return self.items[self.highlighted]

    def action_back(self) -> None:
        """Give the focus back to the days."""
        self.post_message(self.Leave())


def _same(a: Occurrence, b: Occurrence) -> bool:
    return a.item.id == b.item.id and a.key == b.key
