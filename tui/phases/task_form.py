"""The form that adds or edits a checklist task: title, due date (as typed), notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from storage.dates import current_day, parse_date
from storage.errors import DateError, InputError
from storage.i18n import _
from storage.phases import check_phase
from storage.text import strip_controls
from tui.shared.plain import plain_text

FORM_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; height: auto; max-height: 90%; border: thick $accent; background: $surface;
    padding: 1 2;
}}
{name} Label {{ margin-top: 1; }}
{name} .title {{ text-style: bold; margin-top: 0; }}
{name} .error {{ color: $error; }}
{name} .hint {{ color: $text-muted; margin-top: 1; }}
"""


@dataclass(frozen=True)
class TaskInput:
    """What the form returns."""

    title: str
    """The task's title."""
    notes: str
    """Details."""
    due: date | None
    """Parsed due date."""
    phase: int
    """The phase it belongs to."""


class TaskForm(ModalScreen[TaskInput | None]):
    """Add or edit a task. ``enter`` in a one-line field or ``ctrl+s`` saves; ``escape`` cancels."""

    DEFAULT_CSS = FORM_CSS.format(name="TaskForm") + "TaskForm TextArea { height: 8; }"

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="phases.task_form.save"),
        Binding("escape", "cancel", _("Cancel"), id="phases.task_form.cancel"),
    ]

    def __init__(
        self,
        heading: str,
        phase: int,
        title: str = "",
        notes: str = "",
        due: date | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        """What the form is for (our own words)."""
        self.initial = (title, notes, due.isoformat() if due else "")
        """Values shown when it opens."""
        self.today = today or current_day()
        """The day relative dates (tomorrow, +3d) start from."""
        self.phase = phase
        """The phase shown at first."""

    def compose(self) -> ComposeResult:
        title, notes, due = self.initial
        with Vertical():
            yield Label(self.heading, classes="title", markup=False)
            yield Label(_("Title"))
            yield Input(title, id="task-title", placeholder=_("what to do"))
            yield Label(_("Due (optional: 2026-12-01, tomorrow, friday, +3d)"))
            yield Input(due, id="task-due", placeholder=_("no due date"))
            yield Label(_("Phase (1-6)"))
            yield Input(str(self.phase), id="task-phase", max_length=1)
            yield Label(_("Notes"))
            yield TextArea(strip_controls(notes), id="task-notes", soft_wrap=True)
            yield Label("", id="task-error", classes="error", markup=False)
            yield Label(_("enter or ctrl+s: save · escape: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#task-title", Input).focus()

    def _error(self, message: str) -> None:
        self.query_one("#task-error", Label).update(plain_text(message))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Check the fields; close with the values, or say what is wrong."""
        title = " ".join(self.query_one("#task-title", Input).value.split())
        if not title:
            self._error(_("A task needs a title."))
            self.query_one("#task-title", Input).focus()
            return
        typed = self.query_one("#task-due", Input).value.strip()
        due = None
        if typed:
            try:
                due = parse_date(typed, self.today)
            except DateError as error:
                self._error(str(error))
                self.query_one("#task-due", Input).focus()
                return
        try:
            phase = check_phase(self.query_one("#task-phase", Input).value)
        except InputError as error:
            self._error(str(error))
            self.query_one("#task-phase", Input).focus()
            return
        notes = self.query_one("#task-notes", TextArea).text.strip()
        self.dismiss(TaskInput(title, notes, due, phase))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
