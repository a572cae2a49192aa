"""The Calendar tab: the content calendar as a month grid, a week, or an agenda.

Arrows or ``h/j/k/l`` move by day and week, ``[``/``]`` by month, ``t`` comes back to today and
``v`` switches view; ``f`` filters by channel, status and pillar, ``C`` colours by pillar.
``enter`` goes into the day's items (``escape`` back; ``enter`` on an item edits it). ``a`` adds,
``e`` edits (``E``: this day of a series only), ``m`` moves to a typed date (``H``/``L``: a day
earlier/later), ``s`` advances the status, ``d`` deletes and ``x`` skips one day of a series
(``u`` undoes). ``o`` plans a hub's spin-offs from the template (``T`` edits it), ``c`` logs a
comment that pays an open promise. Only the days shown are read: ``content_between`` over the
visible range; promises and spin-offs are indexed once per change, not per keypress.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import ContentSwitcher, OptionList, Static

from storage import community, spinoffs
from storage import content as model
from storage.dates import current_day
from storage.i18n import _, ngettext
from storage.text import one_line
from tui.screens.calendar_dialogs import (
    CommentForm,
    CommentInput,
    DatePrompt,
    Filters,
    FilterScreen,
    SpinoffScreen,
)
from tui.screens.calendar_form import ContentForm, FormResult
from tui.screens.calendar_template import TemplateScreen
from tui.widgets.calendar_agenda import AgendaList
from tui.widgets.calendar_day import DayList
from tui.widgets.calendar_detail import ItemDetail
from tui.widgets.calendar_grid import (
    PILLAR_COLOURS,
    PROMISE_MARK,
    STATUS_STYLES,
    CalendarGrid,
    GridData,
    month_days,
    week_days,
)

if TYPE_CHECKING:
    from tui.app import SocialPlanApp

VIEWS = ("month", "week", "agenda")
"""The views ``v`` cycles through."""
AGENDA_DAYS = 42
"""Days the agenda lists from the selected day."""
FOOTER_SETTLE = 0.15
"""Seconds the cursor rests before the footer shows which item keys apply."""

ITEM_ACTIONS = {"edit", "edit_day", "move", "shift", "status", "delete", "skip", "spinoffs"}
"""Actions that need a selected item."""


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
        self.undo_stack: list[tuple[str, Callable[[], object]]] = []
        """What ``u`` puts back, newest last: (description, action)."""
        self._cache: tuple[date, date, list[model.Occurrence]] | None = None
        self._owed: dict[int, int] | None = None
        self._binding_state: tuple[bool, bool, bool] | None = None
        self._footer_timer: Timer | None = None
        self._children: dict[int, list[model.ContentItem]] | None = None

    @property
    def sp_app(self) -> SocialPlanApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def today(self) -> date:
        """Today (fixed by ``SOCIALPLAN_TODAY`` in demos and tests)."""
        return current_day()

    def compose(self) -> ComposeResult:
        yield Static("", id="cal-header", markup=False)
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
            plan = self.sp_app.plan
            self._cache = (start, end, model.content_between(plan, start, end))
        return [o for o in self._cache[2] if self.filters.allows(o)]

    def reload(self, fresh: bool = False) -> None:
        """Redraw the view (re-reading the plan only when the range changed or ``fresh``)."""
        if not self.is_mounted or self.cursor == date.min:
            return
        plan = self.sp_app.plan
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
        self._header(len(owed))
        self.show_detail()
        self._bindings_may_change()

    def _pillar_colours(self) -> dict[str, str]:
        names = model.pillar_names(self.sp_app.plan)
        return {n: PILLAR_COLOURS[i % len(PILLAR_COLOURS)] for i, n in enumerate(names)}

    def _idea_allowed(self, item: model.ContentItem) -> bool:
        occ = model.Occurrence(item, date.min, None, item.title, None, item.status)
        return self.filters.allows(occ)

    def _header(self, promises: int) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        label = {"month": _("month"), "week": _("week"), "agenda": _("agenda")}[self.view]
        if self.view == "week":
            start = self.cursor - timedelta(days=self.cursor.weekday())
            text.append(_("Week of {day}").format(day=f"{start:%d %b %Y}"), style="bold")
        else:
            text.append(f"{self.cursor:%B %Y}", style="bold")
        text.append(f"  ·  {label}  ·  ")
        if self.by_pillar:
            for name, colour in self._pillar_colours().items():
                text.append(one_line(name, 24), style=colour)
                text.append(" ")
        else:
            for status in model.STATUSES:
                text.append(status, style=STATUS_STYLES[status])
                text.append(" ")
        if promises:
            text.append(
                " " + ngettext("{mark} {n} open promise", "{mark} {n} open promises",
                               promises).format(mark=PROMISE_MARK, n=promises),
                style="bold red",
            )
        if self.filters.describe():
            text.append("  ·  " + _("filter: ") + one_line(self.filters.describe()),
                        style="reverse")
        self.query_one("#cal-header", Static).update(text)

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
        plan = self.sp_app.plan
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

    # -- changes --------------------------------------------------------------------------------

    def _changed(self, select: date | None = None) -> None:
        if select is not None and select != self.cursor:
            self._cache = self._owed = self._children = None
            self.cursor = select
        else:
            self.reload(fresh=True)

    def _remember(self, what: str, undo: Callable[[], object]) -> None:
        self.undo_stack.append((what, undo))
        del self.undo_stack[:-20]

    def action_add(self) -> None:
        """Add an item on the selected day (the date can be typed differently)."""
        initial = {"date": self.cursor.isoformat(), "kind": "article", "status": "draft"}
        form = ContentForm(self.sp_app.plan, _("New content"), initial, self.today)
        self.app.push_screen(form, self._added)

    def _added(self, result: FormResult | None) -> None:
        if result is None:
            return
        values = dict(result.values)
        title, day = values.pop("title"), values.pop("date")
        item = self.sp_app.attempt(
            model.add_content, self.sp_app.plan, title, day, today=self.today, **values
        )
        if item is not None:
            self.notify(_("Added: {title}").format(title=one_line(item.title)), markup=False)
            self._changed(item.date)

    def _initial(self, occ: model.Occurrence, one_day: bool) -> dict[str, str]:
        item = occ.item
        day = occ.day if one_day else item.date
        return {
            "title": occ.title if one_day else item.title,
            "date": day.isoformat() if day and day != date.min else "",
            "time": (occ.time if one_day else item.time) or "",
            "channel": item.channel or "",
            "kind": item.kind,
            "status": occ.status if one_day else item.status,
            "pillar": item.pillar or "",
            "repeat": item.rrule or "",
            "url": (occ.url if one_day else item.url) or "",
            "notes": occ.notes if one_day else item.notes,
        }

    def action_edit(self) -> None:
        """Edit the selected item (for a series: the whole series)."""
        occ = self.current
        if occ is None:
            return
        heading = _("Edit series") if occ.item.recurring else _("Edit content")
        form = ContentForm(self.sp_app.plan, heading, self._initial(occ, False), self.today)
        self.app.push_screen(form, lambda result: self._edited(occ, result))

    def _edited(self, occ: model.Occurrence, result: FormResult | None) -> None:
        if result is None:
            return
        before = occ.item
        item = self.sp_app.attempt(
            model.update_content, self.sp_app.plan, before.id, today=self.today, **result.values
        )
        if item is not None:
            self._remember(_("edit"), lambda: self._put_back(before))
            self._announce_promise(before, item)
            self._changed(item.date if item.date and not item.recurring else None)

    def _put_back(self, item: model.ContentItem) -> model.ContentItem:
        plan = self.sp_app.plan
        with plan.batch():
            model.delete_content(plan, item.id)
            return model.restore_content(plan, item)

    def action_edit_day(self) -> None:
        """Edit only the selected day of a series."""
        occ = self.current
        if occ is None or occ.key is None:
            return
        form = ContentForm(
            self.sp_app.plan, _("Edit this day only ({day})").format(day=occ.key.isoformat()),
            self._initial(occ, True), self.today, one_day=True,
        )  # fmt: skip
        self.app.push_screen(form, lambda result: self._day_edited(occ, result))

    def _day_edited(self, occ: model.Occurrence, result: FormResult | None) -> None:
        if result is None or occ.key is None:
            return
        values = dict(result.values)
        if values.get("notes") == occ.item.notes:
            del values["notes"]  # unchanged notes stay the series' notes
        before = occ.item
        item = self.sp_app.attempt(
            model.change_occurrence, self.sp_app.plan, before.id, occ.key, **values
        )
        if item is not None:
            self._remember(_("edit"), lambda: self._put_back(before))
            self._changed(values.get("date"))

    def action_move(self) -> None:
        """Give the selected item (or this day of a series) a new date, typed."""
        occ = self.current
        if occ is None:
            return
        what = one_line(occ.title, 50)
        initial = occ.day if occ.day != date.min else None
        prompt = DatePrompt(_("Move {title!r} to").format(title=what), initial, self.today)
        self.app.push_screen(prompt, lambda day: self._move(occ, day))

    def action_shift(self, days: int) -> None:
        """Move the selected item a day earlier or later."""
        occ = self.current
        if occ is not None and occ.day != date.min:
            self._move(occ, occ.day + timedelta(days=days))

    def _move(self, occ: model.Occurrence, day: date | None) -> None:
        if day is None:
            return
        plan = self.sp_app.plan
        before = occ.item
        if occ.key is not None:
            done = self.sp_app.attempt(model.change_occurrence, plan, before.id, occ.key, date=day)
        elif before.recurring:
            done = None
        else:
            done = self.sp_app.attempt(model.move_content, plan, before.id, day)
        if done is not None:
            self._remember(_("move"), lambda: self._put_back(before))
            self._changed(day)

    def action_status(self) -> None:
        """Advance the selected item's status (idea → draft → scheduled → published)."""
        occ = self.current
        if occ is None:
            return
        plan = self.sp_app.plan
        status = model.next_status(occ.status)
        before = occ.item
        if occ.key is not None:
            item = self.sp_app.attempt(model.change_occurrence, plan, before.id, occ.key,
                                       status=status)
        else:
            item = self.sp_app.attempt(model.set_status, plan, before.id, status, today=self.today)
        if item is not None:
            self._remember(_("status"), lambda: self._put_back(before))
            self.notify(_("{title}: {status}").format(title=one_line(occ.title, 50),
                                                       status=status), markup=False)
            self._announce_promise(before, item)
            self._changed()

    def _announce_promise(self, before: model.ContentItem, after: model.ContentItem) -> None:
        if before.status != "published" and after.status == "published":
            promise = model.promise_for(self.sp_app.plan, after.id)
            if promise is not None and promise.left:
                self.notify(
                    _("Published. {mark} Promise opened: leave {n} comments elsewhere "
                      "(c: log one).").format(mark=PROMISE_MARK, n=promise.left),
                    title=_("Community"),
                )

    def action_delete(self) -> None:
        """Delete the selected item (a whole series); ``u`` puts it back."""
        occ = self.current
        if occ is None:
            return
        item = self.sp_app.attempt(model.delete_content, self.sp_app.plan, occ.item.id)
        if item is not None:
            plan = self.sp_app.plan
            self._remember(_("delete"), lambda: model.restore_content(plan, item))
            what = _("series") if item.recurring else _("item")
            self.notify(
                _("Deleted {what} {title!r} — u: undo").format(what=what,
                                                              title=one_line(item.title, 50)),
                markup=False,
            )
            self._changed()

    def action_skip(self) -> None:
        """Leave the selected day of a series out (``u`` brings it back)."""
        occ = self.current
        if occ is None or occ.key is None:
            return
        plan, key, item_id = self.sp_app.plan, occ.key, occ.item.id
        if self.sp_app.attempt(model.skip_occurrence, plan, item_id, key) is not None:
            self._remember(_("skip"), lambda: model.unskip_occurrence(plan, item_id, key))
            self.notify(_("Skipped {day} — u: undo").format(day=key.isoformat()))
            self._changed()

    def action_undo(self) -> None:
        """Undo the last change made in this tab."""
        if not self.undo_stack:
            self.notify(_("Nothing to undo."))
            return
        what, undo = self.undo_stack.pop()
        if self.sp_app.attempt(undo) is not None:
            self.notify(_("Undone: {what}").format(what=what))
            self._changed()

    def action_spinoffs(self) -> None:
        """Plan the selected hub piece's spin-offs from the template."""
        occ = self.current
        if occ is None:
            return
        plan = self.sp_app.plan
        hub = model.hub_of(plan, occ.item) or occ.item  # from a spin-off: its hub's distribution
        steps = spinoffs.spinoff_template(plan)
        if not steps:
            self.notify(_("The spin-off template is empty."), severity="warning")
            return
        taken = {c.channel for c in model.spinoffs_of(plan, hub.id) if c.channel}
        heading = _("Spin-offs of {title!r}").format(title=one_line(hub.title, 50))
        screen = SpinoffScreen(heading, steps, model.channel_keys(plan), taken)
        self.app.push_screen(screen, lambda chosen: self._spun(hub, chosen))

    def _spun(self, hub: model.ContentItem, chosen: list[str] | None) -> None:
        if not chosen:
            return
        plan = self.sp_app.plan
        made = self.sp_app.attempt(spinoffs.plan_spinoffs, plan, hub.id, chosen)
        if made is not None:
            ids = [m.id for m in made]
            self._remember(_("spin-offs"), lambda: [model.delete_content(plan, i) for i in ids])
            self.notify(_("Planned {n} spin-offs.").format(n=len(made)))
            self._changed()

    def action_comment(self) -> None:
        """Log a comment left elsewhere; it pays the selected post's promise (or the oldest)."""
        plan = self.sp_app.plan
        occ = self.current
        promise = model.promise_for(plan, occ.item.id) if occ else None
        if promise is None or not promise.left:
            waiting = model.open_promises(plan)
            promise = waiting[0] if waiting else None
        if promise is not None:
            heading = _("A comment for {title!r} ({left} still owed)").format(
                title=one_line(promise.item.title, 40), left=promise.left)
        else:
            heading = _("A comment (no promise is open)")
        target = promise.item.id if promise else None
        self.app.push_screen(CommentForm(heading, self.today),
                             lambda result: self._commented(target, result))

    def _commented(self, target: int | None, result: CommentInput | None) -> None:
        if result is None:
            return
        plan = self.sp_app.plan
        logged = self.sp_app.attempt(community.log_comment, plan, result.day, result.where,
                                     result.url, result.note, target)
        if logged is not None:
            self._remember(_("comment"), lambda: community.delete_comment(plan, logged.id))
            promise = model.promise_for(plan, target) if target else None
            if promise is not None and not promise.left:
                self.notify(_("Promise kept."), title=_("Community"))
            else:
                self.notify(_("Comment logged."))
            self._changed()

    def action_template(self) -> None:
        """Edit the spin-off template (channels, kinds, day offsets)."""

        def saved(changed: bool | None) -> None:
            if changed:
                self.notify(_("Spin-off template saved."))

        self.app.push_screen(TemplateScreen(self.sp_app.plan), saved)

    def action_filter(self) -> None:
        """Show only one channel, status or pillar."""
        self.app.push_screen(FilterScreen(self.sp_app.plan, self.filters), self._filtered)

    def _filtered(self, filters: Filters | None) -> None:
        if filters is not None:
            self.filters = filters
            self.reload()

    def action_colour(self) -> None:
        """Colour items by pillar, or back by status."""
        self.by_pillar = not self.by_pillar
        self.reload()
