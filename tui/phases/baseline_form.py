"""Forms of phase 1 and 6: the baseline snapshot and one business objective."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from storage.dates import parse_date
from storage.errors import DateError, InputError
from storage.i18n import _
from storage.phases import (
    Baseline,
    BaselineField,
    Objective,
    format_number,
    parse_number,
    resolve_channel,
)
from tui.phases.task_form import FORM_CSS
from tui.shared.context import plan_of
from tui.shared.plain import plain_text

_CSS = """
{name} > VerticalScroll {{
    width: 76; height: auto; max-height: 90%; border: thick $accent; background: $surface;
    padding: 1 2;
}}
{name} Horizontal {{ height: auto; }}
{name} Horizontal > Label {{ width: 34; margin-top: 1; }}
{name} Horizontal > Input {{ width: 1fr; }}
"""


@dataclass(frozen=True)
class BaselineInput:
    """What the baseline form returns."""

    day: date
    """When the snapshot was taken."""
    values: dict[tuple[str, str], float | None]
    """(channel, metric) -> number (None: left empty)."""


class _Form(ModalScreen[object]):
    """Shared behaviour: enter in a field or ctrl+s saves, escape cancels, errors shown."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="phases.form.save"),
        Binding("escape", "cancel", _("Cancel"), id="phases.form.cancel"),
    ]

    def _error(self, message: str, field: str | None = None) -> None:
        self.query_one("#form-error", Label).update(plain_text(message))
        if field:
            self.query_one(f"#{field}", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Check and return the values (subclasses)."""

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def _date(self, field: str, today: date) -> date | None:
        typed = self.query_one(f"#{field}", Input).value.strip()
        return parse_date(typed, today) if typed else None

    def _number(self, field: str) -> float | None:
        return parse_number(self.query_one(f"#{field}", Input).value)


class BaselineForm(_Form):
    """The baseline snapshot: a date and one number per field (empty ones are left out)."""

    DEFAULT_CSS = FORM_CSS.format(name="BaselineForm") + _CSS.format(name="BaselineForm")

    def __init__(self, fields: list[BaselineField], current: Baseline, today: date) -> None:
        super().__init__()
        self.fields = fields
        """The numbers asked for."""
        self.current = current
        """The snapshot recorded so far (its values are shown)."""
        self.today = today
        """Default date, and the base for relative dates."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(_("Baseline: where you stand today"), classes="title")
            with Horizontal():
                yield Label(_("Date"))
                yield Input((self.current.date or self.today).isoformat(), id="baseline-date")
            for index, field in enumerate(self.fields):
                with Horizontal():
                    yield Label(plain_text(field.label, single_line=True), markup=False)
                    value = format_number(self.current.value(field.channel, field.metric))
                    yield Input(value, id=f"baseline-{index}", placeholder=_("unknown"))
            yield Label("", id="form-error", classes="error", markup=False)
            yield Label(
                _("tab: next field · enter or ctrl+s: save · escape: cancel"), classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#baseline-0" if self.fields else "#baseline-date", Input).focus()

    def action_save(self) -> None:
        """Close with the typed snapshot, or say which field is wrong."""
        try:
            day = self._date("baseline-date", self.today) or self.today
        except DateError as error:
            self._error(str(error), "baseline-date")
            return
        values: dict[tuple[str, str], float | None] = {}
        for index, field in enumerate(self.fields):
            try:
                values[(field.channel, field.metric)] = self._number(f"baseline-{index}")
            except InputError as error:
                self._error(f"{field.label}: {error}", f"baseline-{index}")
                return
        if all(v is None for v in values.values()):
            self._error(_("Enter at least one number."), "baseline-0")
            return
        self.dismiss(BaselineInput(day, values))


class ObjectiveForm(_Form):
    """One business objective: the goal in words, and optionally what measures it."""

    DEFAULT_CSS = FORM_CSS.format(name="ObjectiveForm") + _CSS.format(name="ObjectiveForm")

    def __init__(self, objective: Objective, today: date) -> None:
        super().__init__()
        self.objective = objective
        """The objective edited (id 0: a new one)."""
        self.today = today
        """The base for relative dates."""

    def compose(self) -> ComposeResult:
        o = self.objective
        rows = (
            ("objective-text", _("Goal"), o.text, _("1,500 newsletter subscribers by June")),
            ("objective-metric", _("Metric (optional)"), o.metric or "", "subscribers"),
            ("objective-channel", _("Channel (optional)"), o.channel or "", "blog"),
            ("objective-start", _("Number today (optional)"), format_number(o.start), "400"),
            ("objective-target", _("Target (optional)"), format_number(o.target), "1500"),
            (
                "objective-by",
                _("By (optional date)"),
                o.by.isoformat() if o.by else "",
                "2027-06-30",
            ),
        )
        with VerticalScroll():
            yield Label(_("Business objective"), classes="title")
            for field_id, label, value, placeholder in rows:
                with Horizontal():
                    yield Label(label)
                    yield Input(value, id=field_id, placeholder=placeholder)
            yield Label("", id="form-error", classes="error", markup=False)
            yield Label(
                _("tab: next field · enter or ctrl+s: save · escape: cancel"), classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#objective-text", Input).focus()

    def action_save(self) -> None:
        """Close with the objective, or say which field is wrong."""
        text = " ".join(self.query_one("#objective-text", Input).value.split())
        if not text:
            self._error(_("Describe the goal."), "objective-text")
            return
        numbers: dict[str, float | None] = {}
        for name in ("start", "target"):
            try:
                numbers[name] = self._number(f"objective-{name}")
            except InputError as error:
                self._error(str(error), f"objective-{name}")
                return
        try:
            by = self._date("objective-by", self.today)
        except DateError as error:
            self._error(str(error), "objective-by")
            return
        typed = self.query_one("#objective-channel", Input).value.strip()
        try:
            channel = resolve_channel(plan_of(self), typed) if typed else None
        except InputError as error:
            self._error(str(error), "objective-channel")
            return
        self.dismiss(
            Objective(
                self.objective.id,
                text,
                self.query_one("#objective-metric", Input).value.strip() or None,
                channel,
                numbers["target"],
                by,
                numbers["start"],
            )
        )
