"""Forms of the channel registry: one channel's profile, and the brand handle."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label

from storage.i18n import _
from storage.phases import PROFILE_ITEMS, Channel, profile_label, status_label
from tui.phases.task_form import FORM_CSS
from tui.shared.plain import plain_text


class ChannelForm(ModalScreen[Channel | None]):
    """Edit a channel: name, handle, URL, the profile checklist and whether the audience is there.

    ``tab`` moves between fields, ``space`` ticks a box, ``enter`` in a text field or
    ``ctrl+s`` saves, ``escape`` cancels.
    """

    DEFAULT_CSS = (
        FORM_CSS.format(name="ChannelForm")
        + """
    ChannelForm Checkbox { border: none; padding: 0; height: 1; background: $surface; }
    """
    )

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="phases.channel_form.save"),
        Binding("escape", "cancel", _("Cancel"), id="phases.channel_form.cancel"),
    ]

    def __init__(self, channel: Channel) -> None:
        super().__init__()
        self.channel = channel
        """The channel as it was when the form opened."""

    def compose(self) -> ComposeResult:
        c = self.channel
        with Vertical():
            heading = plain_text(c.name, single_line=True)
            heading.append(f"  ({status_label(c.status)})")
            yield Label(heading, classes="title", markup=False)
            yield Label(_("Name"))
            yield Input(c.name, id="channel-name")
            yield Label(_("Handle"))
            yield Input(c.handle, id="channel-handle", placeholder="@yourname")
            yield Label(_("Profile URL"))
            yield Input(c.url, id="channel-url", placeholder="https://")
            yield Label(_("Profile checklist"))
            for item in PROFILE_ITEMS:
                yield Checkbox(profile_label(item), c.profile.get(item, False), id=f"p-{item}")
            yield Label("")
            yield Checkbox(_("My audience is there (priority)"), c.priority, id="channel-priority")
            yield Label("", id="channel-error", classes="error", markup=False)
            yield Label(_("space: tick · enter or ctrl+s: save · escape: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#channel-handle", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Close with the edited channel (the registry stores it)."""
        name = " ".join(self.query_one("#channel-name", Input).value.split())
        if not name:
            self.query_one("#channel-error", Label).update(_("A channel needs a name."))
            return
        profile = {item: self.query_one(f"#p-{item}", Checkbox).value for item in PROFILE_ITEMS}
        self.dismiss(
            replace(
                self.channel,
                name=name,
                handle=self.query_one("#channel-handle", Input).value.strip(),
                url=self.query_one("#channel-url", Input).value.strip(),
                profile=profile,
                priority=self.query_one("#channel-priority", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text (the brand handle, a new channel's name)."""

    DEFAULT_CSS = FORM_CSS.format(name="TextPrompt")

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="phases.prompt.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        """What is asked (our own words)."""
        self.value = value
        """The text shown at first."""
        self.placeholder = placeholder
        """Shown while the field is empty."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-value")
            yield Label(_("enter: save · escape: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
