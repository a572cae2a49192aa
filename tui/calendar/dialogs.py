"""Small dialogs of the Calendar tab: move to a typed date, log a comment, plan spin-offs,
filter the calendar. Each checks what was typed and keeps itself open with a message when it is
wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from storage import calendar as model
from storage.calendar import SpinoffStep
from storage.dates import parse_date
from storage.errors import SocialPlanError
from storage.i18n import _
from tui.shared.plain import plain_text

if TYPE_CHECKING:
    from storage.datafile import Plan

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 72; height: auto; max-height: 90%; border: thick $accent; background: $surface;
    padding: 0 2;
}}
{name} .title {{ text-style: bold; margin-bottom: 1; }}
{name} Grid {{ grid-size: 2; grid-columns: 12 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto; }}
{name} Grid Label {{ color: $text-muted; }}
{name} .error {{ color: $error; height: auto; }}
{name} .hint {{ color: $text-muted; }}
"""


class _Dialog(ModalScreen[Any]):
    """Shared behaviour: ``enter`` submits, ``escape`` cancels, errors shown in one place."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="calendar.dialog.cancel")]

    def _fail(self, message: str, field: str | None = None) -> None:
        self.query_one(".error", Label).update(plain_text(message))
        if field:
            self.query_one(f"#{field}", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Check and close (each dialog says how)."""

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss(None)


class DatePrompt(_Dialog):
    """Ask for a date, typed as text; dismisses with the date."""

    DEFAULT_CSS = DIALOG_CSS.format(name="DatePrompt")

    def __init__(self, heading: str, initial: date | None, today: date) -> None:
        super().__init__()
        self.heading = heading
        """The question (may quote a title: shown literally)."""
        self.initial = initial.isoformat() if initial else ""
        """The date shown at first."""
        self.today = today
        """The day relative dates start from."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain_text(self.heading), classes="title", markup=False)
            yield Input(
                self.initial, id="prompt-date", placeholder=_("2026-12-01, tomorrow, friday, +3d")
            )
            yield Label("", classes="error", markup=False)
            yield Label(_("enter: move · escape: cancel"), classes="hint")

    def action_submit(self) -> None:
        try:
            day = parse_date(self.query_one("#prompt-date", Input).value, self.today)
        except SocialPlanError as error:
            self._fail(str(error), "prompt-date")
            return
        self.dismiss(day)


@dataclass(frozen=True)
class CommentInput:
    """A comment to log."""

    day: date
    """When it was made."""
    where: str
    """Where."""
    url: str
    """Link."""
    note: str
    """Optional note."""


class CommentForm(_Dialog):
    """Log a comment made elsewhere (it pays one comment of the promise named)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="CommentForm")

    def __init__(self, heading: str, today: date) -> None:
        super().__init__()
        self.heading = heading
        """Which post the comment counts for (shown literally)."""
        self.today = today
        """Default day and base of relative dates."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain_text(self.heading), classes="title", markup=False)
            with Grid():
                yield Label(_("Where"))
                yield Input(
                    id="comment-where", compact=True, placeholder=_("a blog, a forum, a profile")
                )
                yield Label(_("URL"))
                yield Input(id="comment-url", compact=True, placeholder="https://...")
                yield Label(_("Date"))
                yield Input(self.today.isoformat(), id="comment-date", compact=True)
                yield Label(_("Note"))
                yield Input(id="comment-note", compact=True, placeholder=_("optional"))
            yield Label("", classes="error", markup=False)
            yield Label(_("enter: log it · escape: cancel"), classes="hint")

    def action_submit(self) -> None:
        values = {
            n: self.query_one(f"#comment-{n}", Input).value.strip()
            for n in ("where", "url", "date", "note")
        }
        if not values["where"] and not values["url"]:
            self._fail(_("Say where the comment was made (a site name or a URL)."), "comment-where")
            return
        try:
            day = parse_date(values["date"], self.today) if values["date"] else self.today
        except SocialPlanError as error:
            self._fail(str(error), "comment-date")
            return
        self.dismiss(CommentInput(day, values["where"], values["url"], values["note"]))


class SpinoffScreen(_Dialog):
    """Choose the channels to plan spin-offs on; dismisses with the chosen channel keys."""

    DEFAULT_CSS = DIALOG_CSS.format(name="SpinoffScreen") + (
        "SpinoffScreen SelectionList { height: auto; max-height: 16; }"
    )
    BINDINGS = [
        Binding("ctrl+s", "submit", _("Create"), id="calendar.spinoff.create"),
        Binding(
            "enter", "submit", _("Create"), show=False, priority=True, id="calendar.spinoff.enter"
        ),
    ]

    def __init__(
        self, heading: str, steps: list[SpinoffStep], names: dict[str, str], taken: set[str]
    ) -> None:
        super().__init__()
        self.heading = heading
        """Names the hub (shown literally)."""
        self.steps = steps
        """The template's steps."""
        self.names = names
        """Channel key -> name."""
        self.taken = taken
        """Channels that already have a spin-off of this hub."""

    def compose(self) -> ComposeResult:
        choices = [
            Selection(
                plain_text(self._describe(step)), step.channel, step.channel not in self.taken
            )
            for step in self.steps
        ]
        with Vertical():
            yield Label(plain_text(self.heading), classes="title", markup=False)
            yield SelectionList[str](*choices, id="spinoff-channels")
            yield Label("", classes="error", markup=False)
            yield Label(
                _("space: choose · enter: create the spin-offs · escape: cancel"), classes="hint"
            )

    def _describe(self, step: SpinoffStep) -> str:
        name = self.names.get(step.channel, step.channel)
        when = _("same day") if not step.offset_days else _("+{n} days").format(n=step.offset_days)
        done = _(" (already planned)") if step.channel in self.taken else ""
        return f"{name}: {step.kind}, {when}{done}"

    def action_submit(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if not chosen:
            self._fail(_("Choose at least one channel (space)."))
            return
        self.dismiss(chosen)


@dataclass(frozen=True)
class Filters:
    """What the calendar shows: None means every value."""

    channel: str | None = None
    """Only this channel."""
    status: str | None = None
    """Only this status."""
    pillar: str | None = None
    """Only this pillar."""

    def allows(self, occ: model.Occurrence) -> bool:
        """True when an occurrence passes every filter."""
        return (
            (self.channel is None or occ.item.channel == self.channel)
            and (self.status is None or occ.status == self.status)
            and (self.pillar is None or occ.item.pillar == self.pillar)
        )

    def describe(self) -> str:
        """The active filters in words (empty when none)."""
        parts = [
            f"{k}={v}"
            for k, v in (
                ("channel", self.channel),
                ("status", self.status),
                ("pillar", self.pillar),
            )
            if v
        ]
        return ", ".join(parts)


class FilterScreen(_Dialog):
    """Filter by channel, status and pillar (empty: all); dismisses with :class:`Filters`."""

    DEFAULT_CSS = DIALOG_CSS.format(name="FilterScreen")

    def __init__(self, plan: Plan, current: Filters) -> None:
        super().__init__()
        self.plan = plan
        """Where channels and pillars come from."""
        self.current = current
        """The filters in force."""

    def compose(self) -> ComposeResult:
        words = {
            "channel": sorted(model.channel_keys(self.plan)),
            "status": list(model.STATUSES),
            "pillar": model.pillar_names(self.plan),
        }
        with Vertical():
            yield Label(_("Show only"), classes="title")
            with Grid():
                for name in ("channel", "status", "pillar"):
                    yield Label(name.capitalize())
                    yield Input(
                        getattr(self.current, name) or "",
                        id=f"filter-{name}",
                        compact=True,
                        placeholder=_("all"),
                        suggester=SuggestFromList(words[name], case_sensitive=False),
                    )
            yield Label("", classes="error", markup=False)
            yield Label(
                _("enter: apply · empty fields: everything · escape: cancel"), classes="hint"
            )

    def action_submit(self) -> None:
        typed = {
            n: self.query_one(f"#filter-{n}", Input).value.strip()
            for n in ("channel", "status", "pillar")
        }
        try:
            filters = Filters(
                channel=model.check_channel(self.plan, typed["channel"]),
                status=model.check_choice(typed["status"], model.STATUSES, _("status"))
                if typed["status"]
                else None,
                pillar=model.check_pillar(self.plan, typed["pillar"]),
            )
        except SocialPlanError as error:
            self._fail(str(error))
            return
        self.dismiss(filters)
