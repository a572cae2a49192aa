"""A small form of one-line fields, checked before it closes (metric snapshots, reactions, comments).

The caller gives the fields and a ``check`` function that turns the typed values into a result
or raises a ``SocialPlanError``/``ValueError`` whose message is shown under the fields: bad
input never closes the form and never loses what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from storage.errors import SocialPlanError
from storage.i18n import _
from tui.shared.plain import plain_text


@dataclass(frozen=True)
class FormField:
    """One line of the form."""

    name: str
    """Key of the value in what ``check`` receives."""
    label: str
    """What the field asks (our own words)."""
    value: str = ""
    """Shown when the form opens."""
    placeholder: str = ""
    """Hint shown while empty."""
    suggestions: Sequence[str] = field(default_factory=tuple)
    """Completions offered as the user types (accepted with →)."""


class FieldsForm(ModalScreen[Any]):
    """Ask for a few values; ``enter`` moves on and saves on the last field, ``escape`` cancels."""

    DEFAULT_CSS = """
    FieldsForm { align: center middle; }
    FieldsForm > Vertical {
        width: 72; height: auto; max-height: 90%; border: thick $accent; background: $surface;
        padding: 1 2;
    }
    FieldsForm .heading { text-style: bold; }
    FieldsForm Label { margin-top: 1; }
    FieldsForm #form-error { color: $error; }
    FieldsForm .hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="measure.form.save"),
        Binding("escape", "cancel", _("Cancel"), id="measure.form.cancel"),
    ]

    def __init__(
        self,
        heading: str,
        fields: Sequence[FormField],
        check: Callable[[dict[str, str]], Any],
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        """Title of the form (may quote user text: shown plain)."""
        self.fields = tuple(fields)
        """The fields, in order."""
        self.check = check
        """Turns the values into the result, or raises with a message."""
        self.first = focus or self.fields[0].name
        """Field focused when the form opens."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain_text(self.heading), classes="heading", markup=False)
            for spec in self.fields:
                yield Label(spec.label, markup=False)
                yield Input(
                    spec.value,
                    placeholder=spec.placeholder,
                    id=f"field-{spec.name}",
                    suggester=SuggestFromList(spec.suggestions, case_sensitive=False)
                    if spec.suggestions
                    else None,
                    select_on_focus=True,
                )
            yield Label("", id="form-error", markup=False)
            yield Label(
                _("enter: next field, then save · ctrl+s: save · escape: cancel"), classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.first}", Input).focus()

    def values(self) -> dict[str, str]:
        """What is typed now, by field name."""
        return {
            spec.name: self.query_one(f"#field-{spec.name}", Input).value for spec in self.fields
        }

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        event.stop()
        names = [spec.name for spec in self.fields]
        current = (event.input.id or "").removeprefix("field-")
        index = names.index(current) if current in names else len(names) - 1
        if index < len(names) - 1:
            self.query_one(f"#field-{names[index + 1]}", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        """Check the values; close with the result, or say what is wrong."""
        try:
            result = self.check(self.values())
        except (SocialPlanError, ValueError, OSError, TypeError) as error:
            self.query_one("#form-error", Label).update(plain_text(str(error)))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
