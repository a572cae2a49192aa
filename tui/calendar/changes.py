"""The Calendar's changes to the plan, and how each is taken back: a plain object, no widget.

:class:`CalendarChanges` applies what the Calendar's keys ask for (add, edit, edit one day of a
series, move, next status, delete, skip a day, plan spin-offs, log a comment) and remembers, for
each change, how to put the plan back as it was; :meth:`CalendarChanges.undo` takes the newest
change back. Each method returns a :class:`Done` (the day to show and what to tell the user) or
``None`` when there was nothing to do. Storage errors propagate unchanged: the tab runs each call
through ``app.attempt``, so a failed change is neither applied nor remembered.

The tab keeps the dialogs and the view; this object keeps the rules, so they are unit-tested
without a running app (``tests/tui/test_calendar_changes.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from storage import calendar as model
from storage.dates import current_day
from storage.i18n import _
from storage.text import one_line
from tui.calendar.grid import PROMISE_MARK

if TYPE_CHECKING:
    from storage.datafile import Plan

UNDO_DEPTH = 20
"""Changes ``u`` can take back, newest first."""


class Note(NamedTuple):
    """One thing to tell the user after a change."""

    text: str
    """The message (plain text, never markup)."""
    title: str | None = None
    """The notification's title, if any."""


@dataclass(frozen=True)
class Done:
    """What a change did, for the tab to show."""

    select: date | None = None
    """The day to show after the change (``None``: stay on the day shown)."""
    notes: tuple[Note, ...] = ()
    """What to tell the user, in order."""


@dataclass(frozen=True)
class Step:
    """One change ``u`` can take back."""

    what: str
    """What the change was, as the user reads it ("move", "delete"...)."""
    undo: Callable[[], object]
    """Puts the plan back as it was before the change."""


class CalendarChanges:
    """Apply the Calendar's changes to ``plan`` and take them back, newest first."""

    def __init__(
        self, plan: Plan, today: Callable[[], date] = current_day, depth: int = UNDO_DEPTH
    ) -> None:
        self.plan = plan
        """The plan changed."""
        self.today = today
        """Today (``SOCIALPLAN_TODAY`` in demos and tests)."""
        self.depth = depth
        """How many changes ``u`` can take back."""
        self.steps: list[Step] = []
        """The changes that can be taken back, newest last."""

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to take back."""
        return bool(self.steps)

    def _remember(self, what: str, undo: Callable[[], object]) -> None:
        self.steps.append(Step(what, undo))
        del self.steps[: -self.depth]

    def _put_back(self, item: model.ContentItem) -> Callable[[], object]:
        """An undo that restores ``item`` exactly as it is now (its id, its days, its skips)."""
        plan = self.plan

        def undo() -> model.ContentItem:
            with plan.batch():
                model.delete_content(plan, item.id)
                return model.restore_content(plan, item)

        return undo

    # -- items ----------------------------------------------------------------------------------

    def add(self, values: dict[str, Any]) -> Done:
        """Add an item from the form's ``values`` (title, date and the other fields)."""
        fields = dict(values)
        title, day = fields.pop("title"), fields.pop("date")
        item = model.add_content(self.plan, title, day, today=self.today(), **fields)
        plan, item_id = self.plan, item.id
        self._remember(_("add"), lambda: model.delete_content(plan, item_id))
        return Done(item.date, (Note(_("Added: {title}").format(title=one_line(item.title))),))

    def edit(self, occ: model.Occurrence, values: dict[str, Any]) -> Done:
        """Change the item of ``occ`` (for a series: the whole series)."""
        before = occ.item
        item = model.update_content(self.plan, before.id, today=self.today(), **values)
        self._remember(_("edit"), self._put_back(before))
        select = item.date if item.date and not item.recurring else None
        return Done(select, self._promise_opened(before, item))

    def edit_day(self, occ: model.Occurrence, values: dict[str, Any]) -> Done | None:
        """Change only the day ``occ`` of a series; notes left as they were stay the series'."""
        if occ.key is None:
            return None
        fields = dict(values)
        if fields.get("notes") == occ.item.notes:
            del fields["notes"]
        before = occ.item
        model.change_occurrence(self.plan, before.id, occ.key, **fields)
        self._remember(_("edit"), self._put_back(before))
        return Done(fields.get("date"))

    def move(self, occ: model.Occurrence, day: date) -> Done | None:
        """Give ``occ`` a new date (one day of a series moves alone; a whole series does not)."""
        before = occ.item
        if occ.key is not None:
            model.change_occurrence(self.plan, before.id, occ.key, date=day)
        elif before.recurring:
            return None
        else:
            model.move_content(self.plan, before.id, day)
        self._remember(_("move"), self._put_back(before))
        return Done(day)

    def advance_status(self, occ: model.Occurrence) -> Done:
        """idea → draft → scheduled → published, for the item or this day of a series."""
        status = model.next_status(occ.status)
        before = occ.item
        if occ.key is not None:
            item = model.change_occurrence(self.plan, before.id, occ.key, status=status)
        else:
            item = model.set_status(self.plan, before.id, status, today=self.today())
        self._remember(_("status"), self._put_back(before))
        said = Note(
            _("{title}: {status}").format(
                title=one_line(occ.title, 50), status=model.status_label(status)
            )
        )
        return Done(None, (said, *self._promise_opened(before, item)))

    def delete(self, occ: model.Occurrence) -> Done:
        """Delete the item of ``occ`` (a whole series)."""
        plan = self.plan
        item = model.delete_content(plan, occ.item.id)
        self._remember(_("delete"), lambda: model.restore_content(plan, item))
        what = _("series") if item.recurring else _("item")
        said = _("Deleted {what} {title!r} — u: undo").format(
            what=what, title=one_line(item.title, 50)
        )
        return Done(None, (Note(said),))

    def skip(self, occ: model.Occurrence) -> Done | None:
        """Leave the day ``occ`` out of its series."""
        if occ.key is None:
            return None
        plan, key, item_id = self.plan, occ.key, occ.item.id
        model.skip_occurrence(plan, item_id, key)
        self._remember(_("skip"), lambda: model.unskip_occurrence(plan, item_id, key))
        return Done(None, (Note(_("Skipped {day} — u: undo").format(day=key.isoformat())),))

    def _promise_opened(
        self, before: model.ContentItem, after: model.ContentItem
    ) -> tuple[Note, ...]:
        """A note when publishing ``after`` opened a promise of comments to leave elsewhere."""
        if before.status == "published" or after.status != "published":
            return ()
        promise = model.promise_for(self.plan, after.id)
        if promise is None or not promise.left:
            return ()
        text = _(
            "Published. {mark} Promise opened: leave {n} comments elsewhere (c: log one)."
        ).format(mark=PROMISE_MARK, n=promise.left)
        return (Note(text, _("Community")),)

    # -- spreading and paying back --------------------------------------------------------------

    def hub_for(self, occ: model.Occurrence) -> model.ContentItem:
        """The piece whose spin-offs ``o`` plans: the item itself, or a spin-off's hub."""
        return model.hub_of(self.plan, occ.item) or occ.item

    def channels_taken(self, hub: model.ContentItem) -> set[str]:
        """The channels ``hub`` already has a spin-off on."""
        return {c.channel for c in model.spinoffs_of(self.plan, hub.id) if c.channel}

    def plan_spinoffs(self, hub: model.ContentItem, chosen: list[str]) -> Done | None:
        """Plan the template's spin-offs of ``hub`` on the ``chosen`` channels."""
        if not chosen:
            return None
        plan = self.plan
        made = model.plan_spinoffs(plan, hub.id, chosen)
        ids = [m.id for m in made]
        self._remember(_("spin-offs"), lambda: [model.delete_content(plan, i) for i in ids])
        return Done(None, (Note(_("Planned {n} spin-offs.").format(n=len(made))),))

    def promise_to_pay(self, occ: model.Occurrence | None) -> model.Promise | None:
        """The promise a comment pays: the selected post's if it is open, else the oldest open."""
        promise = model.promise_for(self.plan, occ.item.id) if occ else None
        if promise is None or not promise.left:
            waiting = model.open_promises(self.plan)
            promise = waiting[0] if waiting else None
        return promise

    def log_comment(self, target: int | None, day: date, where: str, url: str, note: str) -> Done:
        """Log a comment left elsewhere; it pays one comment of ``target``'s promise."""
        plan = self.plan
        logged = model.log_comment(plan, day, where, url, note, target)
        self._remember(_("comment"), lambda: model.delete_comment(plan, logged.id))
        promise = model.promise_for(plan, target) if target else None
        if promise is not None and not promise.left:
            return Done(None, (Note(_("Promise kept."), _("Community")),))
        return Done(None, (Note(_("Comment logged.")),))

    # -- taking back ----------------------------------------------------------------------------

    def undo(self) -> Done | None:
        """Take the newest change back (``None``: nothing to take back).

        The change is forgotten only once it was taken back: when putting it back fails, ``u``
        can try again.
        """
        if not self.steps:
            return None
        step = self.steps[-1]
        step.undo()
        self.steps.pop()
        return Done(None, (Note(_("Undone: {what}").format(what=step.what)),))
