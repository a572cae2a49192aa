"""One phase of the Phases tab: what the phase is about, its progress and its checklist."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static
from textual.widgets.option_list import Option

from storage import phases as model
from storage.dates import current_day, due_day
from storage.i18n import _
from storage.text import one_line
from tui.phases.pane import KeyedList, UndoPane, progress_line, saved
from tui.phases.task_form import TaskForm, TaskInput
from tui.shared.context import app_of, plan_of
from tui.shared.plain import plain_text


class TaskList(KeyedList):
    """The checklist of one phase."""


class ChecklistPane(UndoPane[model.Task]):
    """Description, progress and checklist of the selected phase, with every task action."""

    DEFAULT_CSS = """
    ChecklistPane #phase-heading { text-style: bold; }
    ChecklistPane #phase-description { color: $text-muted; margin-bottom: 1; }
    ChecklistPane TaskList { height: auto; max-height: 70%; min-height: 5; }
    ChecklistPane #task-notes {
        height: auto; max-height: 9; border-top: solid $primary-darken-2; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("a", "add", _("Add task"), id="phases.task.add"),
        Binding("e", "edit", _("Edit"), id="phases.task.edit"),
        Binding("space", "toggle_done", _("Done/undone"), id="phases.task.toggle"),
        Binding("d,delete", "delete", _("Delete"), id="phases.task.delete"),
        Binding("u", "undo", _("Undo delete"), id="phases.task.undo"),
        Binding("K,shift+up", "move(-1)", _("Move up"), show=False, id="phases.task.up"),
        Binding("J,shift+down", "move(1)", _("Move down"), show=False, id="phases.task.down"),
        Binding("v", "hide_done", _("Hide/show done"), id="phases.task.hide_done"),
    ]

    phase: var[int] = var(1)
    """The phase shown (1-6)."""
    hide_done: var[bool] = var(False)
    """Leave done tasks out of the list."""

    class Changed(Message):
        """The checklist changed (progress may have moved)."""

    class ShowPhase(Message):
        """The pane now shows another phase (the tab follows)."""

        def __init__(self, phase: int) -> None:
            super().__init__()
            self.phase = phase
            """The phase shown."""

    def compose(self) -> ComposeResult:
        yield Static(id="phase-heading")
        yield Static(id="phase-description")
        yield TaskList(id="task-list")
        yield Static(id="task-notes")

    def on_mount(self) -> None:
        self.reload()

    def watch_phase(self) -> None:
        if self.is_mounted:
            self.reload()

    def watch_hide_done(self) -> None:
        if self.is_mounted:
            self.reload()

    @property
    def task_list(self) -> TaskList:
        """The checklist widget."""
        return self.query_one(TaskList)

    def reload(self, keep: int | None = None) -> None:
        """Show the phase from the plan again (highlight on ``keep`` or where it was)."""
        plan = plan_of(self)
        info = model.phase_info(self.phase)
        all_tasks = model.list_tasks(plan)
        progress = model.progress_of(all_tasks)
        entry = progress.phases[self.phase - 1]
        label = _("Phase {n} · {name}").format(n=info.number, name=info.name)
        heading = progress_line(label, entry.done, entry.total, width=20)
        if progress.current == self.phase:
            heading.append("  " + _("← current phase"), style="bold yellow")
        if self.hide_done:
            heading.append("  " + _("(done hidden)"), style="dim")
        self.query_one("#phase-heading", Static).update(heading)
        self.query_one("#phase-description", Static).update(Text(info.description))
        today = current_day()
        shown = [t for t in all_tasks if t.phase == self.phase and not (self.hide_done and t.done)]
        keep = keep if keep is not None else self.task_list.highlighted_id
        self.task_list.refill((Option(self._row(t, today), id=str(t.id)) for t in shown), keep)
        self._show_notes()

    @staticmethod
    def _row(task: model.Task, today: date) -> Text:
        row = Text("☑ " if task.done else "☐ ", style="green" if task.done else "")
        row.append_text(plain_text(task.title, style="dim" if task.done else "", single_line=True))
        if task.due is not None:
            late = task.is_overdue(today)
            word = _("overdue") if late else _("due")
            style = "bold red" if late else ("yellow" if task.due == today else "cyan")
            row.append(
                f"  {word} {due_day(task.due, today)}", style=style if not task.done else "dim"
            )
        return row

    def _show_notes(self) -> None:
        notes = self.query_one("#task-notes", Static)
        task_id = self.task_list.highlighted_id
        task = next(
            (t for t in model.list_tasks(plan_of(self), self.phase) if t.id == task_id), None
        )
        if task is None:
            empty = (
                _("Nothing here: press a to add a task.")
                if not self.hide_done
                else _("Nothing left to do in this phase (done tasks are hidden: v shows them).")
            )
            notes.update(Text(empty, style="dim"))
            return
        shown = plain_text(task.notes) if task.notes else Text(_("(no notes)"), style="dim")
        if task.link:
            shown.append("\n" + _("Link: "), style="bold")
            shown.append_text(plain_text(task.link, single_line=True))
        notes.update(shown)

    @on(TaskList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_notes()

    @on(TaskList.OptionSelected)
    def _selected(self) -> None:
        self.action_edit()

    def _follow(self, task: model.Task) -> None:
        """Show the phase a task was saved in, with the task highlighted."""
        if task.phase != self.phase:
            self.post_message(self.ShowPhase(task.phase))
            self.phase = task.phase
        self._changed(task.id)

    # -- actions --------------------------------------------------------------------------------

    def action_add(self) -> None:
        """Add a task to the phase shown."""
        phase = self.phase

        def done(result: TaskInput | None) -> None:
            if result is None:
                return
            task = app_of(self).attempt(
                model.add_task,
                plan_of(self),
                result.phase,
                result.title,
                notes=result.notes,
                due=result.due,
            )
            if task is not None:
                self._follow(task)

        self.app.push_screen(TaskForm(_("New task"), phase), done)

    def _highlighted_task(self) -> model.Task | None:
        task_id = self.task_list.highlighted_id
        if task_id is None:
            self.notify(_("No task selected."), severity="warning")
            return None
        return app_of(self).attempt(model.get_task, plan_of(self), task_id)

    def action_edit(self) -> None:
        """Edit the highlighted task."""
        task = self._highlighted_task()
        if task is None:
            return

        def done(result: TaskInput | None) -> None:
            if result is None:
                return
            edited = app_of(self).attempt(
                model.update_task,
                plan_of(self),
                task.id,
                result.title,
                result.notes,
                result.due,
                result.phase,
            )
            if edited is not None:
                self._follow(edited)

        form = TaskForm(_("Edit task"), task.phase, task.title, task.notes, task.due)
        self.app.push_screen(form, done)

    def action_toggle_done(self) -> None:
        """Tick the highlighted task off, or back on."""
        task = self._highlighted_task()
        if task is not None and saved(
            app_of(self), model.set_done, plan_of(self), task.id, not task.done
        ):
            self._changed(task.id)

    def action_delete(self) -> None:
        """Delete the highlighted task (``u`` puts it back)."""
        task = self._highlighted_task()
        if task is None:
            return
        if saved(app_of(self), model.delete_task, plan_of(self), task.id):
            self._deleted.append(task)
            self._changed()
            message = _("Deleted “{title}”. Press u to undo.").format(
                title=one_line(task.title, 60)
            )
            self.notify(message, markup=False)

    def action_undo(self) -> None:
        """Put back the last deleted task."""
        task = self._take_back()
        if task is not None and saved(app_of(self), model.restore_task, plan_of(self), task):
            self._follow(task)
            self.notify(
                _("Restored “{title}”.").format(title=one_line(task.title, 60)), markup=False
            )

    def action_move(self, offset: int) -> None:
        """Move the highlighted task up or down in its phase."""
        task = self._highlighted_task()
        if task is not None and saved(
            app_of(self), model.move_task, plan_of(self), task.id, offset, self.hide_done
        ):
            self._changed(task.id)

    def action_hide_done(self) -> None:
        """Hide or show done tasks."""
        self.hide_done = not self.hide_done
