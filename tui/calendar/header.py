"""The Calendar tab's top line: month or week shown, the view, the colour key, promises, filter."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

from storage import calendar as model
from storage.dates import day_month, month_year
from storage.i18n import _, ngettext
from storage.text import one_line
from tui.calendar.grid import PROMISE_MARK, STATUS_STYLES


class CalendarHeader(Static):
    """One line, plain text (pillar names and the filter come from the user)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]

    def show(
        self,
        cursor: date,
        view: str,
        pillar_colours: dict[str, str] | None,
        promises: int,
        filter_text: str,
    ) -> None:
        """Show the period around ``cursor`` and the key to its colours.

        Args:
            cursor: The selected day.
            view: ``month``, ``week`` or ``agenda``.
            pillar_colours: Pillar name -> colour when colouring by pillar, else None (status).
            promises: How many promises are open.
            filter_text: What the filter shows, or "" when everything is shown.
        """
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        label = {"month": _("month"), "week": _("week"), "agenda": _("agenda")}[view]
        if view == "week":
            start = cursor - timedelta(days=cursor.weekday())
            text.append(_("Week of {day}").format(day=day_month(start, year=True)), style="bold")
        else:
            text.append(month_year(cursor), style="bold")
        text.append(f"  ·  {label}  ·  ")
        if pillar_colours is not None:
            for name, colour in pillar_colours.items():
                text.append(one_line(name, 24), style=colour)
                text.append(" ")
        else:
            for status in model.STATUSES:
                text.append(model.status_label(status), style=STATUS_STYLES[status])
                text.append(" ")
        if promises:
            text.append(
                " "
                + ngettext("{mark} {n} open promise", "{mark} {n} open promises", promises).format(
                    mark=PROMISE_MARK, n=promises
                ),
                style="bold red",
            )
        if filter_text:
            text.append("  ·  " + _("filter: ") + one_line(filter_text), style="reverse")
        self.update(text)
