"""The month grid and the week view: days in columns, titles per day, a count when they overflow.

The grid only draws what the tab gives it (the occurrences of the days shown); it never reads the
plan. Titles are untrusted text: they go into ``Text`` objects, never into markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from storage.calendar import Occurrence
from storage.dates import day_month
from storage.i18n import _
from storage.text import one_line

STATUS_STYLES = {
    "idea": Style(color="grey62", italic=True),
    "draft": Style(color="yellow"),
    "scheduled": Style(color="cyan"),
    "published": Style(color="green"),
}
"""Colour of an item by status."""

PILLAR_COLOURS = ("magenta", "cyan", "yellow", "green", "bright_blue", "red", "bright_magenta")
"""Colours given to pillars in the guide's order (colour by pillar)."""

PROMISE_MARK = "⚑"
"""Shown after a published article whose promise to the community is still open."""

WEEKDAYS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


@dataclass
class GridData:
    """Everything the grid draws."""

    days: list[date] = field(default_factory=list)
    """The days shown, Monday first, a multiple of seven."""
    month: int = 0
    """The month being shown (other days are dimmed); 0 in the week view."""
    cursor: date = date.min
    """The selected day."""
    today: date = date.min
    """Today."""
    by_day: dict[date, list[Occurrence]] = field(default_factory=dict)
    """Occurrences per day (already filtered)."""
    promises: dict[int, int] = field(default_factory=dict)
    """Item id -> comments still owed."""
    pillar_colours: dict[str, str] = field(default_factory=dict)
    """Pillar name -> colour, when colouring by pillar (empty: colour by status)."""


def month_days(cursor: date) -> list[date]:
    """The days of the weeks (Monday first) that hold the cursor's month."""
    first = cursor.replace(day=1)
    start = first - timedelta(days=first.weekday())
    next_month = (first + timedelta(days=32)).replace(day=1)
    end = next_month - timedelta(days=1)
    end += timedelta(days=6 - end.weekday())
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def week_days(cursor: date) -> list[date]:
    """The week (Monday to Sunday) of the cursor."""
    start = cursor - timedelta(days=cursor.weekday())
    return [start + timedelta(days=n) for n in range(7)]


def item_style(occ: Occurrence, data: GridData) -> Style:
    """The colour an occurrence is drawn in."""
    if data.pillar_colours:
        colour = data.pillar_colours.get(occ.item.pillar or "")
        return Style(color=colour or "grey62")
    return STATUS_STYLES.get(occ.status, Style())


def item_label(occ: Occurrence, data: GridData, with_time: bool = True) -> Text:
    """One line for an occurrence: promise mark, time, title (untrusted title kept plain)."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    left = data.promises.get(occ.item.id)
    if left:  # first, so that a narrow cell never cuts it off
        text.append(f"{PROMISE_MARK}{left} ", style="bold red")
    if with_time and occ.time:
        text.append(f"{occ.time} ", style="dim")
    text.append(one_line(occ.title), style=item_style(occ, data))
    if occ.item.recurring:
        text.append(" ↻", style="dim")
    return text


class CalendarGrid(Widget, can_focus=True):
    """Seven columns of days with their items; the tab moves the cursor."""

    DEFAULT_CSS = """
    CalendarGrid { height: 1fr; width: 1fr; }
    CalendarGrid:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("enter", "open_day", _("Items of the day"), id="calendar.open_day"),
    ]

    class OpenDay(Message):
        """The user asked to go into the items of the selected day."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.data = GridData()
        """What is drawn."""

    def show(self, data: GridData) -> None:
        """Draw new data."""
        self.data = data
        self.refresh()

    def action_open_day(self) -> None:
        """Ask the tab to focus the day's items."""
        self.post_message(self.OpenDay())

    def render(self) -> Text:
        data = self.data
        if not data.days:
            return Text("")
        weeks = max(1, len(data.days) // 7)
        width = max(self.size.width, 14)
        height = max(self.size.height, 2)
        col = max((width - 6) // 7, 1)
        widths = [col] * 6 + [max(width - 6 - col * 6, 1)]
        per = max((height - 1) // weeks, 2)
        lines: list[Text] = [self._row([Text(d, style="bold") for d in WEEKDAYS], widths)]
        for week in range(weeks):
            days = data.days[week * 7 : week * 7 + 7]
            cells = [self._cell(day, per, widths[i]) for i, day in enumerate(days)]
            for line in range(per):
                lines.append(self._row([cell[line] for cell in cells], widths))
        return Text("\n", end="").join(lines[: max(height, 1)])

    def _cell(self, day: date, per: int, width: int) -> list[Text]:
        data = self.data
        items = data.by_day.get(day, [])
        head_style = Style(bold=True, bgcolor="grey23")
        if data.month and day.month != data.month:
            head_style = Style(dim=True, bgcolor="grey15")
        if day == data.today:
            head_style += Style(color="magenta", underline=True)
        if day == data.cursor:
            head_style = Style(bold=True, reverse=True)
        label = f"{day.day:>2}" if data.month else day_month(day)
        count = f" ({len(items)})" if len(items) > per - 1 else ""
        head = Text(f"{label}{count}", style=head_style, no_wrap=True, end="")
        head.truncate(width, overflow="ellipsis", pad=True)
        head.stylize(head_style)
        room = per - 1
        if not data.month:  # the week view has room: long titles wrap
            wrapped = [line for o in items for line in self._wrap(item_label(o, data), width)]
            if len(wrapped) <= room:
                return [head, *wrapped, *[Text("")] * (room - len(wrapped))]
        shown = items if len(items) <= room else items[: max(room - 1, 0)]
        body = [item_label(o, data) for o in shown]
        if len(items) > len(shown):
            body.append(Text(_("+{n} more").format(n=len(items) - len(shown)), style="dim"))
        body += [Text("")] * (room - len(body))
        return [head, *body]

    def _wrap(self, label: Text, width: int) -> list[Text]:
        label = label.copy()
        label.no_wrap = False
        label.overflow = "fold"
        return list(label.wrap(self.app.console, width))

    @staticmethod
    def _row(cells: list[Text], widths: list[int]) -> Text:
        row = Text(no_wrap=True, end="")
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            piece = cell.copy()
            piece.truncate(width, overflow="ellipsis", pad=True)
            row.append_text(piece)
            if index < 6:
                row.append("│", style="grey37")
        return row
