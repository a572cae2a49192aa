"""The pillars of the guide: a table edited in place, with the sum of the targets."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Static

from storage import guide as model
from storage.i18n import _, percent
from storage.text import one_line
from tui.shared.confirm import Confirm
from tui.shared.context import app_of, plan_of
from tui.shared.plain import plain_text

TARGET_STEP = 5
"""Percent added or taken by ``+`` and ``-``."""


class PillarTable(DataTable[Text]):
    """The pillars, one row each, with ``j``/``k`` beside the arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", _("Down"), show=False, id="guide.pillars.down"),
        Binding("k", "cursor_up", _("Up"), show=False, id="guide.pillars.up"),
    ]


class PillarsPane(Vertical):
    """Pillars with their target share: ``a`` adds, ``e``/``enter`` edits in the row under the
    table, ``+``/``-`` change the target, ``p`` marks promotional, ``d`` deletes."""

    DEFAULT_CSS = """
    PillarsPane { height: 1fr; }
    PillarsPane .guide-help { color: $text-muted; margin-bottom: 1; }
    PillarsPane PillarTable { height: auto; max-height: 16; overflow-x: hidden; }
    PillarsPane #pillar-detail { color: $text-muted; height: auto; }
    PillarsPane #pillar-sum { margin-top: 1; }
    PillarsPane #pillar-sum.-off { color: $warning; text-style: bold; }
    PillarsPane #pillar-form { height: auto; display: none; margin-top: 1; }
    PillarsPane.-editing #pillar-form { display: block; }
    PillarsPane #pillar-form Input { width: 1fr; }
    PillarsPane #pillar-form #pillar-target { width: 12; }
    PillarsPane #pillar-form #pillar-description { width: 2fr; }
    """

    BINDINGS = [
        Binding("a", "add", _("Add pillar"), id="guide.pillars.add"),
        Binding("e", "edit", _("Edit pillar"), id="guide.pillars.edit"),
        Binding(
            "plus,equals_sign", f"target({TARGET_STEP})", _("Target +5"), id="guide.pillars.more"
        ),
        Binding(
            "minus", f"target({-TARGET_STEP})", _("Target -5"), show=False, id="guide.pillars.less"
        ),
        Binding("p", "promotional", _("Promotional"), id="guide.pillars.promo"),
        Binding("d,delete", "delete", _("Delete pillar"), id="guide.pillars.delete"),
        Binding("u", "undo", _("Undo delete"), show=False, id="guide.pillars.undo"),
        Binding("K,shift+up", "move(-1)", _("Move up"), show=False, id="guide.pillars.up_item"),
        Binding(
            "J,shift+down", "move(1)", _("Move down"), show=False, id="guide.pillars.down_item"
        ),
        Binding("escape", "cancel", _("Cancel"), show=False, id="guide.pillars.cancel"),
    ]

    class Changed(Message):
        """The pillars were changed and saved."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._editing: int | None = None
        self._deleted: list[model.Pillar] = []

    @property
    def table(self) -> PillarTable:
        """The table of pillars."""
        return self.query_one(PillarTable)

    def compose(self) -> ComposeResult:
        yield Label(_("Pillars"), classes="guide-heading")
        yield Static(
            _(
                "The themes you publish on, and the share of published content each should "
                "have. Promotional pillars count against the self-promotion ceiling."
            ),
            classes="guide-help",
        )
        yield PillarTable(cursor_type="row", zebra_stripes=True)
        yield Static(id="pillar-detail")
        yield Static(id="pillar-sum")
        with Horizontal(id="pillar-form"):
            yield Input(placeholder=_("name"), id="pillar-name")
            yield Input(placeholder=_("target %"), id="pillar-target")
            yield Input(placeholder=_("one-line description"), id="pillar-description")
        yield Static(
            _("a add · e edit · +/- target · p promotional · d delete · u undo · J/K move"),
            classes="guide-help",
        )

    def on_mount(self) -> None:
        table = self.table
        table.add_column(_("Pillar"), key="name")
        table.add_column(_("Target"), key="target")
        table.add_column(_("Promo"), key="promo")
        table.add_column(_("Description"), key="description")
        self.reload()

    def pillars(self) -> list[model.Pillar]:
        """The pillars as saved."""
        return model.list_pillars(plan_of(self))

    def reload(self, keep: int | None = None) -> None:
        """Show the pillars as saved, keeping the cursor on pillar ``keep`` or where it was."""
        table = self.table
        row = table.cursor_row
        pillars = self.pillars()
        table.clear()
        for pillar in pillars:
            table.add_row(
                plain_text(pillar.name, single_line=True),
                Text(percent(pillar.target), justify="right"),
                Text(_("yes") if pillar.promotional else "", style="bold magenta"),
                plain_text(pillar.description, single_line=True),
                key=str(pillar.id),
            )
        if keep is not None:
            row = next((i for i, p in enumerate(pillars) if p.id == keep), row)
        if pillars:
            table.move_cursor(row=max(0, min(row, len(pillars) - 1)))
        self._show_detail()
        total = model.target_total(pillars)
        warning = model.target_warning(pillars)
        summary = self.query_one("#pillar-sum", Static)
        summary.set_class(warning is not None, "-off")
        summary.update(
            Text(f"⚠ {warning}" if warning else _("Sum of targets: {total}% ✓").format(total=total))
        )

    def current(self) -> model.Pillar | None:
        """The pillar under the cursor."""
        pillars = self.pillars()
        row = self.table.cursor_row
        return pillars[row] if pillars and 0 <= row < len(pillars) else None

    def _changed(self, keep: int | None = None) -> None:
        self.reload(keep)
        self.post_message(self.Changed())

    # -- editing in place -----------------------------------------------------------------------

    def _open_form(self, pillar: model.Pillar | None) -> None:
        self._editing = pillar.id if pillar else None
        self.add_class("-editing")
        self.query_one("#pillar-name", Input).value = pillar.name if pillar else ""
        self.query_one("#pillar-target", Input).value = str(pillar.target) if pillar else ""
        self.query_one("#pillar-description", Input).value = pillar.description if pillar else ""
        self.query_one("#pillar-name", Input).focus()

    def _close_form(self) -> None:
        self._editing = None
        self.remove_class("-editing")
        self.table.focus()

    def action_add(self) -> None:
        """Type a new pillar in the row under the table (``tab`` between fields, ``enter``)."""
        self._open_form(None)

    def action_edit(self) -> None:
        """Edit the pillar under the cursor in the row under the table."""
        pillar = self.current()
        if pillar is not None:
            self._open_form(pillar)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        pillar = self.current()
        detail = self.query_one("#pillar-detail", Static)
        if pillar is None or not pillar.description:
            detail.update("")
            return
        line = Text()
        line.append_text(plain_text(pillar.name, single_line=True))
        line.stylize("bold")
        line.append(": ")
        line.append_text(plain_text(pillar.description, single_line=True))
        detail.update(line)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_cancel(self) -> None:
        """Close the form without saving (otherwise escape goes back to the sections)."""
        if not self.has_class("-editing"):
            raise SkipAction()
        self._close_form()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#pillar-name", Input).value
        target = self.query_one("#pillar-target", Input).value.strip() or "0"
        description = self.query_one("#pillar-description", Input).value
        plan = plan_of(self)
        if self._editing is None:
            saved = app_of(self).attempt(model.add_pillar, plan, name, description, target)
        else:
            saved = app_of(self).attempt(
                model.update_pillar,
                plan,
                self._editing,
                name=name,
                target=target,
                description=description,
            )
        if saved is not None:
            self._close_form()
            self._changed(saved.id)

    # -- quick changes --------------------------------------------------------------------------

    def action_target(self, delta: int) -> None:
        """Raise or lower the target of the pillar under the cursor."""
        pillar = self.current()
        if pillar is None:
            return
        target = max(0, min(100, pillar.target + delta))
        if app_of(self).attempt(model.update_pillar, plan_of(self), pillar.id, target=target):
            self._changed(pillar.id)

    def action_promotional(self) -> None:
        """Mark or unmark the pillar under the cursor as promotional."""
        pillar = self.current()
        if pillar is None:
            return
        if app_of(self).attempt(
            model.update_pillar, plan_of(self), pillar.id, promotional=not pillar.promotional
        ):
            self._changed(pillar.id)

    def action_move(self, delta: int) -> None:
        """Move the pillar under the cursor up or down."""
        pillar = self.current()
        if pillar is not None:
            app_of(self).attempt(model.move_pillar, plan_of(self), pillar.id, delta)
            self._changed(pillar.id)

    def action_delete(self) -> None:
        """Delete the pillar under the cursor, after asking (``u`` brings it back)."""
        pillar = self.current()
        if pillar is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            removed = app_of(self).attempt(model.delete_pillar, plan_of(self), pillar.id)
            if removed is not None:
                self._deleted.append(removed)
                self._changed()
                self.notify(
                    _("Deleted the pillar “{name}”: press u to undo.").format(
                        name=one_line(removed.name, 40)
                    ),
                    markup=False,
                )

        self.app.push_screen(
            Confirm(
                _("Delete the pillar “{name}”? Content keeps its pillar name.").format(
                    name=one_line(pillar.name, 40)
                ),
                yes=_("Delete"),
            ),
            answered,
        )

    def action_undo(self) -> None:
        """Bring back the last deleted pillar."""
        if not self._deleted:
            self.notify(_("Nothing to undo."))
            return
        restored = app_of(self).attempt(model.restore_pillar, plan_of(self), self._deleted.pop())
        if restored is not None:
            self._changed(restored.id)
