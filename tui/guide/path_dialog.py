"""Ask for a file path (export or import of the guide as Markdown)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from storage.i18n import _
from tui.shared.plain import plain_text


class GuidePathScreen(ModalScreen[Path | None]):
    """A one-line path prompt; ``enter`` accepts, ``escape`` cancels."""

    DEFAULT_CSS = """
    GuidePathScreen { align: center middle; }
    GuidePathScreen > Vertical {
        width: 76; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    GuidePathScreen .hint { color: $text-muted; margin-top: 1; }
    GuidePathScreen .error { color: $error; }
    """

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="guide.path.cancel")]

    def __init__(self, heading: str, default: str, must_exist: bool = False) -> None:
        super().__init__()
        self.heading = heading
        """What the path is for (our own words)."""
        self.default = default
        """The path offered."""
        self.must_exist = must_exist
        """Refuse a path to a file that does not exist (import)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, markup=False)
            yield Input(self.default, id="guide-path")
            yield Label("", id="guide-path-error", classes="error", markup=False)
            yield Label(_("enter: ok · escape: cancel"), classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        error = self.query_one("#guide-path-error", Label)
        if not text:
            error.update(_("Type a file path."))
            return
        path = Path(text).expanduser()
        if self.must_exist and not path.is_file():
            error.update(plain_text(_("No such file: {path}").format(path=path)))
            return
        if not self.must_exist and not path.parent.is_dir():
            error.update(plain_text(_("No such folder: {path}").format(path=path.parent)))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        """Close without a path."""
        self.dismiss(None)
