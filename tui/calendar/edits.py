"""Changing the Calendar tab's items: add, edit, move, status, delete, skip, and ``u`` to undo.

``CalendarEdits`` is a mixin of ``CalendarTab`` (``tui/tabs/calendar.py``), which declares the
bindings: each action opens its dialog, applies the result through ``app.attempt`` and
remembers how to put the item back on the tab's ``UndoStack``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storage import calendar as model
from storage.i18n import _
from storage.text import one_line
from tui.calendar.dialogs import DatePrompt
from tui.calendar.form import ContentForm, FormResult
from tui.calendar.grid import PROMISE_MARK
from tui.shared.context import app_of, plan_of

UNDO_DEPTH = 20
"""Changes ``u`` can take back, newest first."""


class UndoStack:
    """What ``u`` puts back, newest last: (description, action) pairs, the oldest dropped."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.steps: list[tuple[str, Callable[[], object]]] = []
        """(description, action), newest last."""
        self.depth = depth
        """How many steps are kept."""

    def __bool__(self) -> bool:
        return bool(self.steps)

    def remember(self, what: str, undo: Callable[[], object]) -> None:
        """Keep ``undo`` (described as ``what``) as the step ``u`` takes back next."""
        self.steps.append((what, undo))
        del self.steps[: -self.depth]

    def pop(self) -> tuple[str, Callable[[], object]]:
        """Take the newest step off the stack."""
        return self.steps.pop()


if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.app import SocialPlanApp

    class CalendarHost(Widget):
        """What the Calendar mixins use of ``CalendarTab``."""

        cursor: date
        undo_stack: UndoStack

        @property
        def sp_app(self) -> SocialPlanApp: ...
        @property
        def today(self) -> date: ...
        @property
        def current(self) -> model.Occurrence | None: ...
        def changed(self, select: date | None = None) -> None: ...

else:
    CalendarHost = object


class CalendarEdits(CalendarHost):
    """The item actions of ``CalendarTab`` that change the plan, and their undo."""

    def action_add(self) -> None:
        """Add an item on the selected day (the date can be typed differently)."""
        initial = {"date": self.cursor.isoformat(), "kind": "article", "status": "draft"}
        form = ContentForm(plan_of(self), _("New content"), initial, self.today)
        self.app.push_screen(form, self._added)

    def _added(self, result: FormResult | None) -> None:
        if result is None:
            return
        values = dict(result.values)
        title, day = values.pop("title"), values.pop("date")
        item = app_of(self).attempt(
            model.add_content, plan_of(self), title, day, today=self.today, **values
        )
        if item is not None:
            self.notify(_("Added: {title}").format(title=one_line(item.title)), markup=False)
            self.changed(item.date)

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
        form = ContentForm(plan_of(self), heading, self._initial(occ, False), self.today)
        self.app.push_screen(form, lambda result: self._edited(occ, result))

    def _edited(self, occ: model.Occurrence, result: FormResult | None) -> None:
        if result is None:
            return
        before = occ.item
        item = app_of(self).attempt(
            model.update_content, plan_of(self), before.id, today=self.today, **result.values
        )
        if item is not None:
            self.undo_stack.remember(_("edit"), lambda: self._put_back(before))
            self._announce_promise(before, item)
            self.changed(item.date if item.date and not item.recurring else None)

    def _put_back(self, item: model.ContentItem) -> model.ContentItem:
        plan = plan_of(self)
        with plan.batch():
            model.delete_content(plan, item.id)
            return model.restore_content(plan, item)

    def action_edit_day(self) -> None:
        """Edit only the selected day of a series."""
        occ = self.current
        if occ is None or occ.key is None:
            return
        form = ContentForm(
            plan_of(self), _("Edit this day only ({day})").format(day=occ.key.isoformat()),
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
        item = app_of(self).attempt(
            model.change_occurrence, plan_of(self), before.id, occ.key, **values
        )
        if item is not None:
            self.undo_stack.remember(_("edit"), lambda: self._put_back(before))
            self.changed(values.get("date"))

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
        plan = plan_of(self)
        before = occ.item
        if occ.key is not None:
            done = app_of(self).attempt(model.change_occurrence, plan, before.id, occ.key, date=day)
        elif before.recurring:
            done = None
        else:
            done = app_of(self).attempt(model.move_content, plan, before.id, day)
        if done is not None:
            self.undo_stack.remember(_("move"), lambda: self._put_back(before))
            self.changed(day)

    def action_status(self) -> None:
        """Advance the selected item's status (idea → draft → scheduled → published)."""
        occ = self.current
        if occ is None:
            return
        plan = plan_of(self)
        status = model.next_status(occ.status)
        before = occ.item
        if occ.key is not None:
            item = app_of(self).attempt(model.change_occurrence, plan, before.id, occ.key,
                                       status=status)
        else:
            item = app_of(self).attempt(model.set_status, plan, before.id, status, today=self.today)
        if item is not None:
            self.undo_stack.remember(_("status"), lambda: self._put_back(before))
            self.notify(_("{title}: {status}").format(title=one_line(occ.title, 50),
                                                       status=status), markup=False)
            self._announce_promise(before, item)
            self.changed()

    def _announce_promise(self, before: model.ContentItem, after: model.ContentItem) -> None:
        if before.status != "published" and after.status == "published":
            promise = model.promise_for(plan_of(self), after.id)
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
        item = app_of(self).attempt(model.delete_content, plan_of(self), occ.item.id)
        if item is not None:
            plan = plan_of(self)
            self.undo_stack.remember(_("delete"), lambda: model.restore_content(plan, item))
            what = _("series") if item.recurring else _("item")
            self.notify(
                _("Deleted {what} {title!r} — u: undo").format(what=what,
                                                              title=one_line(item.title, 50)),
                markup=False,
            )
            self.changed()

    def action_skip(self) -> None:
        """Leave the selected day of a series out (``u`` brings it back)."""
        occ = self.current
        if occ is None or occ.key is None:
            return
        plan, key, item_id = plan_of(self), occ.key, occ.item.id
        if app_of(self).attempt(model.skip_occurrence, plan, item_id, key) is not None:
            self.undo_stack.remember(_("skip"), lambda: model.unskip_occurrence(plan, item_id, key))
            self.notify(_("Skipped {day} — u: undo").format(day=key.isoformat()))
            self.changed()

    def action_undo(self) -> None:
        """Undo the last change made in this tab."""
        if not self.undo_stack:
            self.notify(_("Nothing to undo."))
            return
        what, undo = self.undo_stack.pop()
        if app_of(self).attempt(undo) is not None:
            self.notify(_("Undone: {what}").format(what=what))
            self.changed()
