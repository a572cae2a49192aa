"""Phase 1 and 6: the baseline snapshot and the business objectives."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static
from textual.widgets.option_list import Option

from storage import phases as model
from storage.dates import current_day, due_day
from storage.i18n import _
from storage.text import one_line
from tui.phases.baseline_form import BaselineForm, BaselineInput, ObjectiveForm
from tui.phases.pane import KeyedList, UndoPane, saved
from tui.shared.context import app_of, plan_of
from tui.shared.plain import plain_text


class ObjectiveList(KeyedList):
    """One row per objective."""


class BaselinePane(UndoPane[model.Objective]):
    """The recorded baseline, and the objectives the Measure tab compares against."""

    DEFAULT_CSS = """
    BaselinePane .heading { text-style: bold; }
    BaselinePane #baseline-values { height: auto; margin-bottom: 1; padding: 0 1; }
    BaselinePane ObjectiveList { height: 1fr; min-height: 4; }
    BaselinePane #objectives-help { color: $text-muted; }
    """

    BINDINGS = [
        Binding("r", "record", _("Record baseline"), id="phases.baseline.record"),
        Binding("a", "add", _("Add objective"), id="phases.objective.add"),
        Binding("e", "edit", _("Edit objective"), id="phases.objective.edit"),
        Binding("d,delete", "delete", _("Delete objective"), id="phases.objective.delete"),
        Binding("u", "undo", _("Undo delete"), id="phases.objective.undo"),
    ]

    class Changed(Message):
        """The baseline or the objectives changed."""

    @property
    def objective_list(self) -> ObjectiveList:
        """The list of objectives."""
        return self.query_one(ObjectiveList)

    def compose(self) -> ComposeResult:
        yield Static(id="baseline-heading", classes="heading")
        yield Static(id="baseline-values")
        yield Static(_("Business objectives"), classes="heading")
        yield Static(
            _(
                "Goals with a number and a date, e.g. “1,500 newsletter subscribers by June”. "
                "Phase 6 compares against them every month."
            ),
            id="objectives-help",
        )
        yield ObjectiveList(id="objective-list")

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        """Show the baseline and objectives from the plan again."""
        plan = plan_of(self)
        snapshot = model.load_baseline(plan)
        heading = Text(_("Baseline"))
        if snapshot.date:
            heading.append(
                "  " + _("recorded {day}").format(day=due_day(snapshot.date, current_day()))
            )
        else:
            heading.append("  " + _("not recorded yet: press r"), style="italic yellow")
        self.query_one("#baseline-heading", Static).update(heading)
        values = Text()
        for field in model.baseline_fields(plan):
            value = snapshot.value(field.channel, field.metric)
            values.append_text(plain_text(f"{field.label[:32]:<34}", single_line=True))
            values.append((model.format_number(value) or "—") + "\n", style="cyan")
        values.rstrip()
        self.query_one("#baseline-values", Static).update(values)
        keep = keep if keep is not None else self.objective_list.highlighted_id
        objectives = model.list_objectives(plan)
        self.objective_list.refill((Option(self._row(o), id=str(o.id)) for o in objectives), keep)

    @staticmethod
    def _row(objective: model.Objective) -> Text:
        row = plain_text(objective.text, single_line=True)
        parts = []
        if objective.target is not None:
            metric = objective.metric or ""
            start = model.format_number(objective.start)
            goal = f"{model.format_number(objective.target)} {metric}".rstrip()
            parts.append(f"{start} → {goal}" if start else f"→ {goal}")
        if objective.channel:
            parts.append(objective.channel)
        if objective.by:
            parts.append(_("by {day}").format(day=due_day(objective.by, current_day())))
        if parts:
            row.append_text(
                plain_text("  (" + ", ".join(parts) + ")", style="dim", single_line=True)
            )
        return row

    @on(ObjectiveList.OptionSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_record(self) -> None:
        """Enter or correct the baseline snapshot."""
        plan = plan_of(self)

        def done(result: object) -> None:
            if isinstance(result, BaselineInput) and saved(
                app_of(self), model.save_baseline, plan, result.day, result.values
            ):
                self._changed()
                self.notify(_("Baseline saved."))

        form = BaselineForm(model.baseline_fields(plan), model.load_baseline(plan), current_day())
        self.app.push_screen(form, done)

    def _open(self, objective: model.Objective) -> None:
        def done(result: object) -> None:
            if not isinstance(result, model.Objective):
                return
            plan = plan_of(self)
            if result.id:
                saved = app_of(self).attempt(model.save_objective, plan, result)
            else:
                saved = app_of(self).attempt(
                    model.add_objective,
                    plan,
                    result.text,
                    result.metric,
                    result.channel,
                    result.target,
                    result.by,
                    result.start,
                )
            if saved is not None:
                self._changed(saved.id)

        self.app.push_screen(ObjectiveForm(objective, current_day()), done)

    def action_add(self) -> None:
        """Add a business objective."""
        self._open(model.Objective(0, ""))

    def _current(self) -> model.Objective | None:
        objective_id = self.objective_list.highlighted_id
        if objective_id is None:
            self.notify(_("No objective selected: press a to add one."), severity="warning")
            return None
        return app_of(self).attempt(model.get_objective, plan_of(self), objective_id)

    def action_edit(self) -> None:
        """Edit the highlighted objective."""
        objective = self._current()
        if objective is not None:
            self._open(objective)

    def action_delete(self) -> None:
        """Delete the highlighted objective (``u`` puts it back)."""
        objective = self._current()
        if objective and saved(app_of(self), model.delete_objective, plan_of(self), objective.id):
            self._deleted.append(objective)
            self._changed()
            self.notify(
                _("Deleted “{text}”. Press u to undo.").format(text=one_line(objective.text, 60)),
                markup=False,
            )

    def action_undo(self) -> None:
        """Put back the last deleted objective."""
        objective = self._take_back()
        plan = plan_of(self)
        if objective is not None and saved(app_of(self), model.restore_objective, plan, objective):
            self._changed(objective.id)
