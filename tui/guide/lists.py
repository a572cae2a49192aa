"""The list sections of the guide: do/don't rules with the self-promotion ceiling, and the
hashtags and keywords."""

from __future__ import annotations

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from storage import guide as model
from storage.i18n import _, percent
from tui.guide.items import GuideItems
from tui.shared.context import app_of, plan_of


class RulesPane(VerticalScroll):
    """Do and don't rules, and the ceiling on self-promotion (``c`` changes it)."""

    DEFAULT_CSS = """
    RulesPane { height: 1fr; }
    RulesPane .guide-help { color: $text-muted; margin-bottom: 1; }
    RulesPane #ceiling { text-style: bold; margin-bottom: 1; }
    RulesPane #ceiling-input { display: none; width: 30; }
    RulesPane.-editing #ceiling-input { display: block; }
    RulesPane GuideItems { margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("c", "ceiling", _("Promo ceiling"), id="guide.rules.ceiling"),
        Binding("escape", "cancel", _("Cancel"), show=False, id="guide.rules.cancel"),
    ]

    def compose(self) -> ComposeResult:
        yield Label(_("Rules"), classes="guide-heading")
        yield Static(
            _(
                "What everyone who speaks for you does and never does. Add value, really discuss, "
                "don't only talk about yourself. tab moves between the lists."
            ),
            classes="guide-help",
        )
        yield Static(id="ceiling")
        yield Input(id="ceiling-input", placeholder=_("percent, 0-100"))
        yield GuideItems("do", _("Do"), _("a rule to follow"), id="rules-do")
        yield GuideItems("dont", _("Don't"), _("something never to do"), id="rules-dont")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the rules as saved."""
        guide = model.load_guide(plan_of(self))
        self.query_one("#ceiling", Static).update(
            _(
                "Self-promotion ceiling: at most {share} of published items may be promotional "
                "(c to change)."
            ).format(share=percent(guide.promo_ceiling))
        )
        for items in self.query(GuideItems):
            items.reload()

    def action_ceiling(self) -> None:
        """Type a new ceiling (``enter`` saves, ``escape`` cancels)."""
        self.add_class("-editing")
        field = self.query_one("#ceiling-input", Input)
        field.value = str(model.load_guide(plan_of(self)).promo_ceiling)
        field.focus()

    def action_cancel(self) -> None:
        """Close the ceiling field (otherwise escape goes back to the sections)."""
        if not self.has_class("-editing"):
            raise SkipAction()
        self.remove_class("-editing")
        self.query_one("#rules-do", GuideItems).item_list.focus()

    @on(Input.Submitted, "#ceiling-input")
    def _ceiling_typed(self, event: Input.Submitted) -> None:
        event.stop()
        saved = app_of(self).attempt(model.update_guide, plan_of(self), promo_ceiling=event.value)
        if saved is not None:
            self.remove_class("-editing")
            self.reload()
            self.query_one("#rules-do", GuideItems).item_list.focus()


class TagsPane(VerticalScroll):
    """Hashtags and keywords to use."""

    DEFAULT_CSS = """
    TagsPane { height: 1fr; }
    TagsPane .guide-help { color: $text-muted; margin-bottom: 1; }
    TagsPane GuideItems { margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Label(_("Hashtags and keywords"), classes="guide-heading")
        yield Static(
            _(
                "The tags and words you use consistently, so readers and search find you. "
                "tab moves between the lists."
            ),
            classes="guide-help",
        )
        yield GuideItems("hashtags", _("Hashtags"), _("#hashtag"), id="tags-hashtags")
        yield GuideItems("keywords", _("Keywords"), _("a keyword"), id="tags-keywords")

    def reload(self) -> None:
        """Show the lists as saved."""
        for items in self.query(GuideItems):
            items.reload()
