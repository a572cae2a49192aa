"""A small yes/no question before anything destructive."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from storage.i18n import _
from tui.shared.plain import plain_text


class Confirm(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes.

    The question may quote untrusted text (a title being deleted): it is shown literally.
    """

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 60; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    Confirm #question { width: 100%; margin-bottom: 1; }
    Confirm Horizontal { height: auto; align-horizontal: right; }
    Confirm Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", _("Yes"), id="confirm.yes"),
        Binding("n", "answer(False)", _("No"), id="confirm.no"),
        Binding("escape", "answer(False)", _("Cancel"), show=False, id="confirm.cancel"),
    ]

    def __init__(self, question: str, yes: str | None = None) -> None:
        super().__init__()
        self.question = question
        """The question, shown as plain text."""
        self.yes_label = yes or _("Yes")
        """Label of the confirming button."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain_text(self.question), id="question", markup=False)
            with Horizontal():
                yield Button(_("No (n)"), id="no")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)


class Busy(ModalScreen[None]):
    """Long work in progress (a sync): says what is happening and keeps keys from changing the
    plan meanwhile; the app takes it away when the work ends."""

    DEFAULT_CSS = """
    Busy { align: center middle; }
    Busy > Vertical {
        width: 50; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    Busy LoadingIndicator { height: 1; }
    """

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what
        """What is being done (shown literally)."""

    def compose(self) -> ComposeResult:
        from textual.widgets import LoadingIndicator

        with Vertical():
            yield Label(plain_text(self.what), markup=False)
            yield LoadingIndicator()
