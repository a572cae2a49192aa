"""The Calendar tab: the content calendar as a month grid, a week, or an agenda.

Arrows or ``h/j/k/l`` move by day and week, ``[``/``]`` by month, ``t`` comes back to today and
``v`` switches view; ``f`` filters by channel, status and pillar, ``C`` colours by pillar.
``enter`` goes into the day's items (``escape`` back; ``enter`` on an item edits it). ``a`` adds,
``e`` edits (``E``: this day of a series only), ``m`` moves to a typed date (``H``/``L``: a day
earlier/later), ``s`` advances the status, ``d`` deletes and ``x`` skips one day of a series
(``u`` undoes). ``o`` plans a hub's spin-offs from the template (``T`` edits it), ``c`` logs a
comment that pays an open promise. Only the days shown are read: ``content_between`` over the
visible range; promises and spin-offs are indexed once per change, not per keypress.

This module keeps the tab: its bindings, what it shows and the glue. The actions that change
items live in two mixins, ``tui.calendar.edits`` (add, edit, move, status, delete, skip,
undo) and ``tui.calendar.community`` (spin-offs, their template, comments); the top line
is ``tui.calendar.header``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import ContentSwitcher, OptionList

from storage import calendar as community
from storage import calendar as model
from storage.dates import current_day
from storage.i18n import _
from tui.calendar.agenda import AgendaList
from tui.calendar.community import CalendarCommunity
from tui.calendar.day import DayList
from tui.calendar.detail import ItemDetail
from tui.calendar.dialogs import Filters, FilterScreen
from tui.calendar.edits import CalendarEdits, UndoStack
from tui.calendar.grid import (
    PILLAR_COLOURS,
    CalendarGrid,
    GridData,
    month_days,
    week_days,
)
from tui.calendar.header import CalendarHeader
from tui.shared.context import plan_of

if TYPE_CHECKING:
    pass

VIEWS = ("month", "week", "agenda")
"""The views ``v`` cycles through."""
AGENDA_DAYS = 42
"""Days the agenda lists from the selected day."""
FOOTER_SETTLE = 0.15
"""Seconds the cursor rests before the footer shows which item keys apply."""

ITEM_ACTIONS = {"edit", "edit_day", "move", "shift", "status", "delete", "skip", "spinoffs"}
"""Actions that need a selected item."""


class CalendarTab(CalendarEdits, CalendarCommunity, Container):
    """Plan content: month, week and agenda views over the visible range only."""

    DEFAULT_CSS = """
    CalendarTab { height: 1fr; }
    CalendarTab #cal-header { height: 1; }
    CalendarTab ContentSwitcher { height: 1fr; }
    CalendarTab #cal-bottom { height: 10; }
    CalendarTab.agenda #cal-bottom { height: 12; }
    CalendarTab.agenda DayList { display: none; }
    """

    BINDINGS = [
        Binding("left,h", "step(-1)", _("Previous day"), show=False, id="calendar.left"),
        Binding("right,l", "step(1)", _("Next day"), show=False, id="calendar.right"),
        Binding("up,k", "step(-7)", _("Previous week"), show=False, id="calendar.up"),
        Binding("down,j", "step(7)", _("Next week"), show=False, id="calendar.down"),
        Binding("left_square_bracket", "month(-1)", _("Previous month"), id="calendar.prev"),
        Binding("right_square_bracket", "month(1)", _("Next month"), id="calendar.next"),
        Binding("t", "today", _("Today"), id="calendar.today"),
        Binding("v", "cycle_view", _("View"), id="calendar.view"),
        Binding("a", "add", _("Add"), id="calendar.add"),
        Binding("e", "edit", _("Edit"), id="calendar.edit"),
        Binding("E", "edit_day", _("Edit this day only"), show=False, id="calendar.edit_day"),
        Binding("m", "move", _("Move"), id="calendar.move"),
        Binding("H", "shift(-1)", _("Move a day earlier"), show=False, id="calendar.earlier"),
        Binding("L", "shift(1)", _("Move a day later"), show=False, id="calendar.later"),
        Binding("s", "status", _("Next status"), id="calendar.status"),
        Binding("d", "delete", _("Delete"), id="calendar.delete"),
        Binding("x", "skip", _("Skip this day"), show=False, id="calendar.skip"),
        Binding("u", "undo", _("Undo"), show=False, id="calendar.undo"),
        Binding("o", "spinoffs", _("Spin-offs"), id="calendar.spinoffs"),
        Binding("c", "comment", _("Log a comment"), id="calendar.comment"),
        Binding("f", "filter", _("Filter"), id="calendar.filter"),
        Binding("T", "template", _("Spin-off template"), show=False, id="calendar.template"),
        Binding("C", "colour", _("Colour by pillar/status"), show=False, id="calendar.colour"),
    ]

    cursor: var[date] = var(date.min)
    """The selected day."""
    view: var[str] = var("month")
    """The view shown: month, week or agenda."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.filters = Filters()
        """What is shown (channel, status, pillar)."""
        self.by_pillar = False
        """Colour items by pillar instead of by status."""
        self.undo_stack = UndoStack()
        """What ``u`` puts back (the last 20 changes made in this tab)."""
        self._cache: tuple[date, date, list[model.Occurrence]] | None = None
        self._owed: dict[int, int] | None = None
        self._binding_state: tuple[bool, bool, bool] | None = None
        self._footer_timer: Timer | None = None
        self._children: dict[int, list[model.ContentItem]] | None = None


    @property
    def today(self) -> date:
        """Today (fixed by ``SOCIALPLAN_TODAY`` in demos and tests)."""
        return current_day()

    def compose(self) -> ComposeResult:
        yield CalendarHeader(id="cal-header")
        with ContentSwitcher(initial="cal-grid"):
            yield CalendarGrid(id="cal-grid")
            yield AgendaList(id="cal-agenda")
        with Horizontal(id="cal-bottom"):
            yield DayList(id="cal-day")
            yield ItemDetail(id="cal-detail")

    def on_mount(self) -> None:
        self.cursor = self.today
        self.query_one(CalendarGrid).focus()

    def on_show(self) -> None:
        """Other tabs may have changed the plan: show it as it is now."""
        self.reload(fresh=True)

    def watch_cursor(self) -> None:
        if self.is_mounted:
            self.reload()

    def watch_view(self, view: str) -> None:
        if not self.is_mounted:
            return
        self.set_class(view == "agenda", "agenda")
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "cal-agenda" if view == "agenda" else "cal-grid"
        self.reload()
        (self.query_one(AgendaList) if view == "agenda" else self.query_one(CalendarGrid)).focus()

    # -- reading what is shown ------------------------------------------------------------------

    def visible_range(self) -> tuple[date, date]:
        """The first and last day the current view shows."""
        if self.view == "agenda":
            return self.cursor, self.cursor + timedelta(days=AGENDA_DAYS - 1)
        days = month_days(self.cursor) if self.view == "month" else week_days(self.cursor)
        return days[0], days[-1]

    def _occurrences(self, start: date, end: date, fresh: bool) -> list[model.Occurrence]:
        if fresh or self._cache is None or self._cache[:2] != (start, end):
            plan = plan_of(self)
            self._cache = (start, end, model.content_between(plan, start, end))
        return [o for o in self._cache[2] if self.filters.allows(o)]

    def reload(self, fresh: bool = False) -> None:
        """Redraw the view (re-reading the plan only when the range changed or ``fresh``)."""
        if not self.is_mounted or self.cursor == date.min:
            return
        plan = plan_of(self)
        start, end = self.visible_range()
        shown = self._occurrences(start, end, fresh)
        by_day: dict[date, list[model.Occurrence]] = {}
        for occ in shown:
            by_day.setdefault(occ.day, []).append(occ)
        if fresh or self._owed is None or self._children is None:
            self._owed = {p.item.id: p.left for p in model.open_promises(plan)}
            self._children = model.spinoff_index(plan)
        owed = self._owed
        colours = self._pillar_colours() if self.by_pillar else {}
        days = (
            month_days(self.cursor) if self.view == "month" else week_days(self.cursor)
        )
        data = GridData(
            days=days,
            month=self.cursor.month if self.view == "month" else 0,
            cursor=self.cursor,
            today=self.today,
            by_day=by_day,
            promises=owed,
            pillar_colours=colours,
        )
        if self.view == "agenda":
            ideas = [i for i in model.backlog(plan) if self._idea_allowed(i)]
            title = _("{start} to {end}").format(start=f"{start:%d %b}", end=f"{end:%d %b %Y}")
            self.query_one(AgendaList).show(shown, ideas, data, title)
        else:
            self.query_one(CalendarGrid).show(data)
        day_items = by_day.get(self.cursor, [])
        self.query_one(DayList).show(day_items, data, f"{self.cursor:%a %d %b %Y}")
        self.query_one(CalendarHeader).show(
            self.cursor, self.view, colours if self.by_pillar else None, len(owed),
            self.filters.describe(),
        )
        self.show_detail()
        self._bindings_may_change()

    def _pillar_colours(self) -> dict[str, str]:
        names = model.pillar_names(plan_of(self))
        return {n: PILLAR_COLOURS[i % len(PILLAR_COLOURS)] for i, n in enumerate(names)}

    def _idea_allowed(self, item: model.ContentItem) -> bool:
        occ = model.Occurrence(item, date.min, None, item.title, None, item.status)
        return self.filters.allows(occ)

    @property
    def current(self) -> model.Occurrence | None:
        """The occurrence the item actions apply to."""
        if self.view == "agenda":
            return self.query_one(AgendaList).current
        return self.query_one(DayList).current

    def show_detail(self) -> None:
        """Show the selected item with its promise, hub and spin-offs."""
        occ = self.current
        detail = self.query_one(ItemDetail)
        if occ is None:
            detail.show(None)
            return
        plan = plan_of(self)
        promise = model.promise_for(plan, occ.item.id)
        detail.show(
            occ,
            promise,
            model.hub_of(plan, occ.item),
            (self._children or {}).get(occ.item.id, []),
            community.list_comments(plan, occ.item.id) if promise else None,
        )

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_detail()
        self._bindings_may_change()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """``enter`` on an item edits it."""
        event.stop()
        self.action_edit()

    @on(CalendarGrid.OpenDay)
    def _open_day(self) -> None:
        if self.query_one(DayList).items:
            self.query_one(DayList).focus()

    def _bindings_may_change(self) -> None:
        """Refresh the footer only when what the keys can do changed (it is rebuilt each time)."""
        occ = self.current
        state = (occ is not None, bool(occ and occ.item.recurring), bool(self.undo_stack))
        if state != self._binding_state:
            first = self._binding_state is None
            self._binding_state = state
            if first:
                self.refresh_bindings()
                return
            # Rebuilding the footer costs more than drawing a month: while the cursor keeps
            # moving (a held key, months paged through) it is rebuilt once, when it rests.
            # Keys are checked when pressed, so they always act on the day shown.
            if self._footer_timer is not None:
                self._footer_timer.stop()
            self._footer_timer = self.set_timer(FOOTER_SETTLE, self.refresh_bindings)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Item actions are dimmed when no item is selected; skipping needs a series."""
        if action in ITEM_ACTIONS or action == "edit_day":
            occ = self.current
            if occ is None:
                return None
            if action in {"skip", "edit_day"} and not occ.item.recurring:
                return None
        if action == "undo" and not self.undo_stack:
            return None
        return True

    # -- navigation -----------------------------------------------------------------------------

    def action_step(self, days: int) -> None:
        """Move the selected day."""
        self.cursor += timedelta(days=days)

    def action_month(self, months: int) -> None:
        """Show the previous or next month."""
        self.cursor = self.cursor + relativedelta(months=months)

    def action_today(self) -> None:
        """Come back to today."""
        self.cursor = self.today

    def action_cycle_view(self) -> None:
        """Month, then week, then agenda."""
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]

    # -- changes (the item actions: CalendarEdits, CalendarCommunity) ----------------------------

    def changed(self, select: date | None = None) -> None:
        """Show the plan after a change, on ``select`` when the change moved an item there."""
        if select is not None and select != self.cursor:
            self._cache = self._owed = self._children = None
            self.cursor = select
        else:
            self.reload(fresh=True)

    def action_filter(self) -> None:
        """Show only one channel, status or pillar."""
        self.app.push_screen(FilterScreen(plan_of(self), self.filters), self._filtered)

    def _filtered(self, filters: Filters | None) -> None:
        if filters is not None:
            self.filters = filters
            self.reload()

    def action_colour(self) -> None:
        """Colour items by pillar, or back by status."""
        self.by_pillar = not self.by_pillar
        self.reload()
