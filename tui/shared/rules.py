"""The guide's rules one key away: do and don't, voice, per-channel notes, promo ceiling.

Other tabs open it while writing (``self.app.push_screen(GuideRulesScreen())``, or with a
channel key to put that channel's note first); ``escape`` closes it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from storage import guide as model
from storage.i18n import _, percent
from tui.shared.context import plan_of
from tui.shared.plain import plain_text


def rules_text(guide: model.Guide, pillars: list[model.Pillar], channel: str | None = None) -> Text:
    """The rules panel's content as plain Text (the user's words are never read as markup)."""
    text = Text()

    def heading(title: str) -> None:
        text.append(("\n" if text else "") + title + "\n", style="bold")

    if channel and guide.channel_notes.get(channel):
        heading(_("On {channel}").format(channel=channel))
        text.append_text(plain_text(guide.channel_notes[channel]))
        text.append("\n")
    heading(_("Do"))
    for rule in guide.do or (_("(none)"),):
        text.append("  ✓ ", style="green")
        text.append_text(plain_text(rule, single_line=True))
        text.append("\n")
    heading(_("Don't"))
    for rule in guide.dont or (_("(none)"),):
        text.append("  ✗ ", style="red")
        text.append_text(plain_text(rule, single_line=True))
        text.append("\n")
    heading(_("Self-promotion"))
    promo = [p.name for p in pillars if p.promotional]
    text.append(
        _("At most {share} of published items may be promotional").format(
            share=percent(guide.promo_ceiling)
        )
    )
    if promo:
        text.append(_(" (pillars: "))
        text.append_text(plain_text(", ".join(promo), single_line=True))
        text.append(")")
    text.append(".\n")
    if guide.voice:
        heading(_("Voice and tone"))
        text.append_text(plain_text(guide.voice))
        text.append("\n")
    if guide.hashtags:
        heading(_("Hashtags"))
        text.append_text(plain_text(" ".join(guide.hashtags), single_line=True))
        text.append("\n")
    return text


class GuideRulesScreen(ModalScreen[None]):
    """A panel with the guide's rules, voice and promo ceiling, to write with the guide in view."""

    DEFAULT_CSS = """
    GuideRulesScreen { align: right middle; }
    GuideRulesScreen > VerticalScroll {
        width: 64; height: 100%; border: thick $accent; background: $surface; padding: 0 1;
    }
    GuideRulesScreen #guide-rules-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "dismiss", _("Close"), id="guide.rules_panel.close"),
        Binding("j,down", "scroll_down", _("Down"), show=False, id="guide.rules_panel.down"),
        Binding("k,up", "scroll_up", _("Up"), show=False, id="guide.rules_panel.up"),
    ]

    def __init__(self, channel: str | None = None) -> None:
        super().__init__()
        self.channel = channel
        """A channel key whose note is shown first, if any."""

    def compose(self) -> ComposeResult:
        plan = plan_of(self)
        with VerticalScroll() as scroll:
            scroll.border_title = _("Editorial guide")
            yield Static(
                rules_text(model.load_guide(plan), model.list_pillars(plan), self.channel),
                id="guide-rules-text",
            )
            yield Static(_("escape: close"), id="guide-rules-hint")

    def action_scroll_down(self) -> None:
        """Scroll the panel down."""
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        """Scroll the panel up."""
        self.query_one(VerticalScroll).scroll_up()
