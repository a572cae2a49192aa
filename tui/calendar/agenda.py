"""The agenda: the coming weeks as a list, day by day, then the ideas without a date."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from storage.calendar import ContentItem, Occurrence
from storage.dates import short_day
from storage.i18n import _
from storage.text import one_line
from tui.calendar.grid import GridData, item_label


class AgendaList(OptionList):
    """Day headings (not selectable) and one line per occurrence."""

    DEFAULT_CSS = """
    AgendaList { height: 1fr; width: 1fr; border: round $primary-darken-2; }
    AgendaList:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("j", "cursor_down", _("Next item"), show=False, id="calendar.agenda.down"),
        Binding("k", "cursor_up", _("Previous item"), show=False, id="calendar.agenda.up"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[Occurrence | None] = []
        """What each option stands for (None: a heading)."""

    def show(
        self, items: list[Occurrence], ideas: list[ContentItem], data: GridData, title: str
    ) -> None:
        """List occurrences under their day, then the backlog of ideas."""
        before = self.current
        self.border_title = title
        self.clear_options()
        self.rows = []
        options: list[Option] = []
        last: date | None = None
        for occ in items:
            if occ.day != last:
                last = occ.day
                style = "bold magenta" if occ.day == data.today else "bold"
                options.append(Option(Text(short_day(occ.day), style=style), disabled=True))
                self.rows.append(None)
            line = Text("  ", end="")
            line.append_text(item_label(occ, data))
            where = " · ".join(x for x in (occ.item.channel, occ.item.kind, occ.status) if x)
            line.append(f"  ({where})", style="dim")
            options.append(Option(line))
            self.rows.append(occ)
        if not items:
            options.append(Option(_("Nothing planned in these weeks — a: add"), disabled=True))
            self.rows.append(None)
        if ideas:
            options.append(Option(Text(_("Ideas without a date"), style="bold"), disabled=True))
            self.rows.append(None)
            for idea in ideas:
                options.append(Option(Text("  " + one_line(idea.title), style="grey62 italic")))
                self.rows.append(
                    Occurrence(
                        idea,
                        date.min,
                        None,
                        idea.title,
                        idea.time,
                        idea.status,
                        idea.notes,
                        idea.url,
                    )
                )
        self.add_options(options)
        keep = next(
            (
                i
                for i, o in enumerate(self.rows)
                if o and before and o.item.id == before.item.id and o.key == before.key
            ),
            next((i for i, o in enumerate(self.rows) if o is not None), None),
        )
        self.highlighted = keep

    @property
    def current(self) -> Occurrence | None:
        """The highlighted occurrence (an undated idea shows on ``date.min``)."""
        if self.highlighted is None or self.highlighted >= len(self.rows):
            return None
        return self.rows[self.highlighted]
