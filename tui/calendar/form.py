"""The form that adds or edits a content item (or one day of a series), every field typed.

Dates are typed as text (``2026-12-01``, ``tomorrow``, ``friday``, ``+3d``); channel, kind,
status and pillar complete as you type (→ accepts the suggestion). Every field is checked by the
model's own rules before the form closes; a bad one gets its message and keeps the form open.
``ctrl+g`` shows the guide's editorial rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, TextArea

from storage import calendar as model
from storage.calendar import parse_rule
from storage.dates import parse_date, parse_time
from storage.errors import InputError, SocialPlanError
from storage.i18n import _
from storage.text import strip_controls
from tui.shared.plain import plain_text

if TYPE_CHECKING:
    from storage.datafile import Plan

FULL = ("title", "date", "time", "channel", "kind", "status", "pillar", "repeat", "url")
"""Fields of an item, in form order (notes come last, in a text area)."""
ONE_DAY = ("title", "date", "time", "status", "url")
"""Fields one day of a series can change alone."""

LABELS = {
    "title": _("Title"),
    "date": _("Date"),
    "time": _("Time"),
    "channel": _("Channel"),
    "kind": _("Kind"),
    "status": _("Status"),
    "pillar": _("Pillar"),
    "repeat": _("Repeats"),
    "url": _("URL"),
}
PLACEHOLDERS = {
    "title": _("what it is"),
    "date": _("2026-12-01, tomorrow, friday, +3d; empty: an idea"),
    "time": _("9:30; empty: whole day"),
    "channel": _("blog, x, youtube..."),
    "kind": ", ".join(model.kind_label(k) for k in model.KINDS),
    "status": " → ".join(model.status_label(s) for s in model.STATUSES),
    "pillar": _("a pillar of the guide"),
    "repeat": _("weekly, every tuesday, first monday of the month"),
    "url": _("where it was published"),
}


@dataclass(frozen=True)
class FormResult:
    """Checked values, ready for the model (keys are the model's field names)."""

    values: dict[str, Any]
    """title, date, time, ... as the model takes them."""


class ContentForm(ModalScreen[FormResult | None]):
    """Add or edit an item. ``enter`` or ``ctrl+s`` saves; ``escape`` cancels."""

    DEFAULT_CSS = """
    ContentForm { align: center middle; }
    ContentForm > Vertical {
        width: 84; height: auto; max-height: 95%; border: thick $accent; background: $surface;
        padding: 0 2;
    }
    ContentForm .title { text-style: bold; margin-bottom: 1; }
    ContentForm Grid { grid-size: 2; grid-columns: 10 1fr; grid-rows: 1; grid-gutter: 0 1;
        height: auto; }
    ContentForm Grid Label { color: $text-muted; }
    ContentForm TextArea { height: 5; width: 100%; margin-top: 1; }
    ContentForm #form-error { color: $error; height: auto; }
    ContentForm .hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="calendar.form.save"),
        Binding("escape", "cancel", _("Cancel"), id="calendar.form.cancel"),
        Binding("ctrl+g", "guide_rules", _("Guide rules"), id="calendar.form.guide"),
    ]

    def __init__(
        self,
        plan: Plan,
        heading: str,
        initial: dict[str, str],
        today: date,
        one_day: bool = False,
    ) -> None:
        super().__init__()
        self.plan = plan
        """The plan whose channels and pillars are allowed."""
        self.heading = heading
        """What the form is for (our own words)."""
        self.initial = initial
        """Text shown in each field when it opens."""
        self.today = today
        """The day relative dates start from."""
        self.fields = ONE_DAY if one_day else FULL
        """The fields shown."""

    def compose(self) -> ComposeResult:
        suggestions = {
            "channel": sorted(model.channel_keys(self.plan)),
            "kind": list(model.KINDS),
            "status": list(model.STATUSES),
            "pillar": model.pillar_names(self.plan),
        }
        with Vertical():
            yield Label(plain_text(self.heading), classes="title", markup=False)
            with Grid():
                for name in self.fields:
                    yield Label(LABELS[name])
                    words = suggestions.get(name)
                    yield Input(
                        self.initial.get(name, ""),
                        placeholder=PLACEHOLDERS[name],
                        id=f"form-{name}",
                        compact=True,
                        suggester=SuggestFromList(words, case_sensitive=False) if words else None,
                    )
            yield TextArea(
                strip_controls(self.initial.get("notes", "")), id="form-notes", soft_wrap=True
            )
            yield Label("", id="form-error", markup=False)
            yield Label(
                _("enter/ctrl+s: save · escape: cancel · ctrl+g: guide rules · →: accept"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#form-notes", TextArea).border_title = _("Notes")
        self.query_one("#form-title", Input).focus()

    def _value(self, name: str) -> str:
        return self.query_one(f"#form-{name}", Input).value.strip()

    def _fail(self, name: str, message: str) -> None:
        self.query_one("#form-error", Label).update(plain_text(message))
        self.query_one(f"#form-{name}", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def check(self) -> dict[str, Any] | None:
        """Every field checked by the model's rules; None (and a message) when one is wrong."""
        values: dict[str, Any] = {}
        checks: dict[str, Callable[[str], Any]] = {
            "title": lambda v: " ".join(v.split()) or _raise(_("a content item needs a title")),
            "date": lambda v: parse_date(v, self.today) if v else None,
            "time": lambda v: parse_time(v) if v else None,
            "channel": lambda v: model.check_channel(self.plan, v),
            "kind": lambda v: model.check_choice(v or "article", model.KINDS, _("kind")),
            "status": lambda v: model.check_choice(v or "idea", model.STATUSES, _("status")),
            "pillar": lambda v: model.check_pillar(self.plan, v),
            "repeat": parse_rule,
            "url": lambda v: v or None,
        }
        for name in self.fields:
            try:
                values["rrule" if name == "repeat" else name] = checks[name](self._value(name))
            except SocialPlanError as error:
                self._fail(name, f"{LABELS[name]}: {error}")
                return None
        if values.get("rrule") and values.get("date") is None:
            self._fail("date", _("Date: a repeating item needs a first date"))
            return None
        values["notes"] = self.query_one("#form-notes", TextArea).text.strip()
        return values

    def action_save(self) -> None:
        """Close with the checked values, or say what is wrong."""
        values = self.check()
        if values is not None:
            self.dismiss(FormResult(values))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def action_guide_rules(self) -> None:
        """Show the guide's editorial rules (when the Guide area provides them)."""
        try:
            from tui.shared.rules import GuideRulesScreen
        except ImportError:
            self.notify(_("The guide's rules are not available yet."), severity="warning")
            return
        channel = None
        if "channel" in self.fields:
            try:
                channel = model.check_channel(self.plan, self._value("channel"))
            except SocialPlanError:
                channel = None
        self.app.push_screen(GuideRulesScreen(channel))


def _raise(message: str) -> str:
    raise InputError(message)
