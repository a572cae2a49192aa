"""Edit the spin-off template as text: one step a line, ``channel, kind, +days``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from storage import calendar as spinoffs
from storage.errors import SocialPlanError
from storage.i18n import _
from tui.shared.plain import plain_text

if TYPE_CHECKING:
    from storage.datafile import Plan


class TemplateScreen(ModalScreen[bool]):
    """The spin-off template in a text area; ``ctrl+s`` saves it, ``escape`` cancels."""

    DEFAULT_CSS = """
    TemplateScreen { align: center middle; }
    TemplateScreen > Vertical {
        width: 72; height: auto; max-height: 90%; border: thick $accent; background: $surface;
        padding: 0 2;
    }
    TemplateScreen .title { text-style: bold; }
    TemplateScreen TextArea { height: 14; }
    TemplateScreen #template-error { color: $error; height: auto; }
    TemplateScreen .hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="calendar.template.save"),
        Binding("escape", "cancel", _("Cancel"), id="calendar.template.cancel"),
    ]

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        """The plan whose template is edited."""

    def compose(self) -> ComposeResult:
        text = spinoffs.template_text(spinoffs.spinoff_template(self.plan))
        with Vertical():
            yield Label(_("Spin-off template"), classes="title")
            yield Label(
                _("One spin-off a line: channel, kind, days after the hub (x, short post, +1)."),
                classes="hint",
            )
            yield TextArea(text, id="template-text")
            yield Label("", id="template-error", markup=False)
            yield Label(_("ctrl+s: save · escape: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        """Check every line; save and close, or name the line that is wrong."""
        try:
            steps = spinoffs.parse_template(self.plan, self.query_one(TextArea).text)
            spinoffs.save_spinoff_template(self.plan, steps)
        except (SocialPlanError, OSError) as error:
            self.query_one("#template-error", Label).update(plain_text(str(error)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(False)
