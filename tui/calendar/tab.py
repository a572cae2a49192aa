"""The Calendar tab: the content calendar as a month grid, a week, or an agenda.

Arrows or ``h/j/k/l`` move by day and week, ``[``/``]`` by month, ``t`` comes back to today and
``v`` switches view; ``f`` filters by channel, status and pillar, ``C`` colours by pillar.
``enter`` goes into the day's items (``escape`` back; ``enter`` on an item edits it). ``a`` adds,
``e`` edits (``E``: this day of a series only), ``m`` moves to a typed date (``H``/``L``: a day
earlier/later), ``s`` advances the status, ``d`` deletes and ``x`` skips one day of a series
(``u`` undoes). ``o`` plans a hub's spin-offs from the template (``T`` edits it), ``c`` logs a
comment that pays an open promise. Only the days shown are read: ``content_between`` over the
visible range; promises and spin-offs are indexed once per change, not per keypress.

The tab owns the bindings and coordinates: each item action opens its dialog, hands the answer
to :class:`~tui.calendar.changes.CalendarChanges` (which changes the plan and remembers how to
take the change back) and shows what it did. The grid, the day list, the agenda, the detail and
the header only show what they are given; the day list and the grid post what the user picked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.reactive import var
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, OptionList

from storage import calendar as model
from storage.dates import current_day, day_month, short_day
from storage.i18n import _
from storage.text import one_line
from tui.calendar.agenda import AgendaList
from tui.calendar.changes import CalendarChanges, Done
from tui.calendar.day import DayList
from tui.calendar.detail import ItemDetail
from tui.calendar.dialogs import (
    CommentForm,
    CommentInput,
    DatePrompt,
    Filters,
    FilterScreen,
    SpinoffScreen,
)
from tui.calendar.form import ContentForm
from tui.calendar.grid import (
    PILLAR_COLOURS,
    CalendarGrid,
    GridData,
    month_days,
    week_days,
)
from tui.calendar.header import CalendarHeader
from tui.calendar.template import TemplateScreen
from tui.shared.context import app_of, plan_of

R = TypeVar("R")

VIEWS = ("month", "week", "agenda")
"""The views ``v`` cycles through."""
AGENDA_DAYS = 42
"""Days the agenda lists from the selected day."""
FOOTER_SETTLE = 0.15
"""Seconds the cursor rests before the footer shows which item keys apply."""

ITEM_ACTIONS = {"edit", "edit_day", "move", "shift", "status", "delete", "skip", "spinoffs"}
"""Actions that need a selected item."""


_MONTH = Binding.Group(_("Month"), compact=True)
"""``[`` and ``]`` under one word in the footer: twelve keys do not fit in 120 columns."""


class CalendarTab(Container):
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
        Binding(
            "left_square_bracket",
            "month(-1)",
            _("Previous month"),
            id="calendar.prev",
            group=_MONTH,
        ),
        Binding(
            "right_square_bracket", "month(1)", _("Next month"), id="calendar.next", group=_MONTH
        ),
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
        self._changes: CalendarChanges | None = None
        self._cache: tuple[date, date, list[model.Occurrence]] | None = None
        self._owed: dict[int, int] | None = None
        self._binding_state: tuple[bool, bool, bool] | None = None
        self._footer_timer: Timer | None = None
        self._children: dict[int, list[model.ContentItem]] | None = None
        self._detail_of: model.Occurrence | None = None

    @property
    def changes(self) -> CalendarChanges:
        """The changes made in this tab, and how ``u`` takes them back."""
        if self._changes is None:
            self._changes = CalendarChanges(plan_of(self))
        return self._changes

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

    def plan_changed(self) -> None:
        """A command or a sync changed the plan: read it again (the app calls this)."""
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
        days = month_days(self.cursor) if self.view == "month" else week_days(self.cursor)
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
            title = _("{start} to {end}").format(
                start=day_month(start), end=day_month(end, year=True)
            )
            self.query_one(AgendaList).show(shown, ideas, data, title)
        else:
            self.query_one(CalendarGrid).show(data)
        day_items = by_day.get(self.cursor, [])
        self.query_one(DayList).show(day_items, data, short_day(self.cursor))
        self.query_one(CalendarHeader).show(
            self.cursor,
            self.view,
            colours if self.by_pillar else None,
            len(owed),
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
        self._detail_of = occ
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
            model.list_comments(plan, occ.item.id) if promise else None,
        )

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # A redraw highlights the day's first item and shows it at once: the message that
        # follows would show it a second time, with a second layout of the screen.
        if self.current is not self._detail_of:
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

    @on(DayList.Leave)
    def _leave_day(self) -> None:
        self.query_one(CalendarGrid).focus()

    def _bindings_may_change(self) -> None:
        """Refresh the footer only when what the keys can do changed (it is rebuilt each time)."""
        occ = self.current
        state = (occ is not None, bool(occ and occ.item.recurring), self.changes.can_undo)
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
        if action == "undo" and not self.changes.can_undo:
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

    # -- changes: a dialog, then CalendarChanges, then what it did ------------------------------

    def _ask(self, dialog: ModalScreen[R | None], then: Callable[[R], object]) -> None:
        """Open ``dialog``; ``then`` gets its answer unless it was cancelled."""

        def answered(answer: R | None) -> None:
            if answer is not None:
                then(answer)

        self.app.push_screen(dialog, answered)

    def _apply(self, change: Callable[..., Done | None], *args: Any) -> None:
        """Make a change (a failure is said, nothing changed), tell what it did, show it."""
        done = app_of(self).attempt(change, *args)
        if done is None:
            return
        for note in done.notes:
            self.notify(note.text, title=note.title or "", markup=False)
        self.changed(done.select)

    def changed(self, select: date | None = None) -> None:
        """Show the plan after a change, on ``select`` when the change moved an item there."""
        if select is not None and select != self.cursor:
            self._cache = self._owed = self._children = None
            self.cursor = select
        else:
            self.reload(fresh=True)

    def _form(
        self, heading: str, occ: model.Occurrence | None, one_day: bool = False
    ) -> ContentForm:
        """The content form, filled from ``occ`` (its item, or only its day of a series)."""
        if occ is None:
            initial = {
                "date": self.cursor.isoformat(),
                "kind": model.kind_label("article"),
                "status": model.status_label("draft"),
            }
        else:
            initial = _initial(occ, one_day)
        return ContentForm(plan_of(self), heading, initial, self.today, one_day=one_day)

    def action_add(self) -> None:
        """Add an item on the selected day (the date can be typed differently)."""
        self._ask(
            self._form(_("New content"), None),
            lambda result: self._apply(self.changes.add, result.values),
        )

    def action_edit(self) -> None:
        """Edit the selected item (for a series: the whole series)."""
        if (occ := self.current) is not None:
            heading = _("Edit series") if occ.item.recurring else _("Edit content")
            self._ask(
                self._form(heading, occ),
                lambda result: self._apply(self.changes.edit, occ, result.values),
            )

    def action_edit_day(self) -> None:
        """Edit only the selected day of a series."""
        if (occ := self.current) is not None and occ.key is not None:
            heading = _("Edit this day only ({day})").format(day=occ.key.isoformat())
            self._ask(
                self._form(heading, occ, one_day=True),
                lambda result: self._apply(self.changes.edit_day, occ, result.values),
            )

    def action_move(self) -> None:
        """Give the selected item (or this day of a series) a new date, typed."""
        if (occ := self.current) is not None:
            heading = _("Move {title!r} to").format(title=one_line(occ.title, 50))
            initial = occ.day if occ.day != date.min else None
            self._ask(
                DatePrompt(heading, initial, self.today),
                lambda day: self._apply(self.changes.move, occ, day),
            )

    def action_shift(self, days: int) -> None:
        """Move the selected item a day earlier or later."""
        if (occ := self.current) is not None and occ.day != date.min:
            self._apply(self.changes.move, occ, occ.day + timedelta(days=days))

    def action_status(self) -> None:
        """Advance the selected item's status (idea → draft → scheduled → published)."""
        if (occ := self.current) is not None:
            self._apply(self.changes.advance_status, occ)

    def action_delete(self) -> None:
        """Delete the selected item (a whole series); ``u`` puts it back."""
        if (occ := self.current) is not None:
            self._apply(self.changes.delete, occ)

    def action_skip(self) -> None:
        """Leave the selected day of a series out (``u`` brings it back)."""
        if (occ := self.current) is not None:
            self._apply(self.changes.skip, occ)

    def action_undo(self) -> None:
        """Undo the last change made in this tab."""
        if not self.changes.can_undo:
            self.notify(_("Nothing to undo."))
        else:
            self._apply(self.changes.undo)

    def action_spinoffs(self) -> None:
        """Plan the selected hub piece's spin-offs from the template."""
        if (occ := self.current) is None:
            return
        steps = model.spinoff_template(plan_of(self))
        if not steps:
            self.notify(_("The spin-off template is empty."), severity="warning")
            return
        hub = self.changes.hub_for(occ)
        heading = _("Spin-offs of {title!r}").format(title=one_line(hub.title, 50))
        dialog = SpinoffScreen(
            heading, steps, model.channel_keys(plan_of(self)), self.changes.channels_taken(hub)
        )
        self._ask(dialog, lambda chosen: self._apply(self.changes.plan_spinoffs, hub, chosen))

    def action_template(self) -> None:
        """Edit the spin-off template (channels, kinds, day offsets)."""

        def closed(saved: bool | None) -> None:
            if saved:
                self.notify(_("Spin-off template saved."))

        self.app.push_screen(TemplateScreen(plan_of(self)), closed)

    def action_comment(self) -> None:
        """Log a comment left elsewhere; it pays the selected post's promise (or the oldest)."""
        promise = self.changes.promise_to_pay(self.current)
        if promise is not None:
            heading = _("A comment for {title!r} ({left} still owed)").format(
                title=one_line(promise.item.title, 40), left=promise.left
            )
        else:
            heading = _("A comment (no promise is open)")
        target = promise.item.id if promise else None

        def log(comment: CommentInput) -> None:
            self._apply(
                self.changes.log_comment,
                target,
                comment.day,
                comment.where,
                comment.url,
                comment.note,
            )

        self._ask(CommentForm(heading, self.today), log)

    # -- what is shown --------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Show only one channel, status or pillar."""
        self._ask(FilterScreen(plan_of(self), self.filters), self._filtered)

    def _filtered(self, filters: Filters) -> None:
        self.filters = filters
        self.reload()

    def action_colour(self) -> None:
        """Colour items by pillar, or back by status."""
        self.by_pillar = not self.by_pillar
        self.reload()


def _initial(occ: model.Occurrence, one_day: bool) -> dict[str, str]:
    """The content form's fields for ``occ``: its item, or only its day of a series."""
    item = occ.item
    day = occ.day if one_day else item.date
    return {
        "title": occ.title if one_day else item.title,
        "date": day.isoformat() if day and day != date.min else "",
        "time": (occ.time if one_day else item.time) or "",
        "channel": item.channel or "",
        "kind": model.kind_label(item.kind),
        "status": model.status_label(occ.status if one_day else item.status),
        "pillar": item.pillar or "",
        "repeat": item.rrule or "",
        "url": (occ.url if one_day else item.url) or "",
        "notes": occ.notes if one_day else item.notes,
    }
