"""Spreading and paying back from the Calendar tab: spin-offs, their template, and comments.

``CalendarCommunity`` is a mixin of ``CalendarTab`` (``tui/tabs/calendar.py``), which declares
the bindings: ``o`` plans a hub's spin-offs from the template, ``T`` edits the template, ``c``
logs a comment left elsewhere, which pays an open promise. Changes go on the tab's undo stack.
"""

from __future__ import annotations

from storage import calendar as model
from storage.calendar import community, spinoffs
from storage.i18n import _
from storage.text import one_line
from tui.calendar.dialogs import CommentForm, CommentInput, SpinoffScreen
from tui.calendar.edits import CalendarHost
from tui.calendar.template import TemplateScreen
from tui.shared.context import app_of, plan_of


class CalendarCommunity(CalendarHost):
    """The spin-off and comment actions of ``CalendarTab``."""

    def action_spinoffs(self) -> None:
        """Plan the selected hub piece's spin-offs from the template."""
        occ = self.current
        if occ is None:
            return
        plan = plan_of(self)
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
        plan = plan_of(self)
        made = app_of(self).attempt(spinoffs.plan_spinoffs, plan, hub.id, chosen)
        if made is not None:
            ids = [m.id for m in made]
            self.undo_stack.remember(
                _("spin-offs"), lambda: [model.delete_content(plan, i) for i in ids]
            )
            self.notify(_("Planned {n} spin-offs.").format(n=len(made)))
            self.changed()

    def action_template(self) -> None:
        """Edit the spin-off template (channels, kinds, day offsets)."""

        def saved(changed: bool | None) -> None:
            if changed:
                self.notify(_("Spin-off template saved."))

        self.app.push_screen(TemplateScreen(plan_of(self)), saved)

    def action_comment(self) -> None:
        """Log a comment left elsewhere; it pays the selected post's promise (or the oldest)."""
        plan = plan_of(self)
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
        plan = plan_of(self)
        logged = app_of(self).attempt(community.log_comment, plan, result.day, result.where,
                                     result.url, result.note, target)
        if logged is not None:
            self.undo_stack.remember(
                _("comment"), lambda: community.delete_comment(plan, logged.id)
            )
            promise = model.promise_for(plan, target) if target else None
            if promise is not None and not promise.left:
                self.notify(_("Promise kept."), title=_("Community"))
            else:
                self.notify(_("Comment logged."))
            self.changed()
