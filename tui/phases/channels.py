"""The channel registry of phase 2: status, profile checklist and handle consistency."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static
from textual.widgets.option_list import Option

from storage import phases as model
from storage.i18n import _
from storage.text import one_line
from tui.phases.channel_form import ChannelForm, TextPrompt
from tui.phases.pane import KeyedList, UndoPane, saved
from tui.shared.context import app_of, plan_of
from tui.shared.plain import plain_text

_STATUS_STYLE = {"unclaimed": "red", "claimed": "yellow", "complete": "green"}


class ChannelList(KeyedList):
    """One row per channel."""


class ChannelsPane(UndoPane[model.Channel]):
    """Every channel with its status, profile completeness and a flag on differing handles."""

    DEFAULT_CSS = """
    ChannelsPane #channels-heading { text-style: bold; }
    ChannelsPane #channels-help { color: $text-muted; margin-bottom: 1; }
    ChannelsPane ChannelList { height: auto; max-height: 70%; min-height: 5; }
    ChannelsPane #channel-detail {
        height: auto; border-top: solid $primary-darken-2; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("s,space", "status", _("Next status"), id="phases.channel.status"),
        Binding("e", "edit", _("Edit profile"), id="phases.channel.edit"),
        Binding("p", "priority", _("Audience here"), id="phases.channel.priority"),
        Binding("n", "brand", _("Brand handle"), id="phases.channel.brand"),
        Binding("a", "add", _("Add channel"), id="phases.channel.add"),
        Binding("d,delete", "delete", _("Delete"), id="phases.channel.delete"),
        Binding("u", "undo", _("Undo delete"), id="phases.channel.undo"),
    ]

    class Changed(Message):
        """The registry changed."""

    @property
    def channel_list(self) -> ChannelList:
        """The list widget."""
        return self.query_one(ChannelList)

    def compose(self) -> ComposeResult:
        yield Static(id="channels-heading")
        yield Static(
            _(
                "Phase 2: claim your name everywhere your audience is, before a squatter does, "
                "and fill each profile the same way. ★ = your audience is there; ⚠ = handle "
                "differs from your brand handle."
            ),
            id="channels-help",
        )
        yield ChannelList(id="channel-list")
        yield Static(id="channel-detail")

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        """Show the registry from the plan again."""
        plan = plan_of(self)
        brand = model.brand_handle(plan)
        channels = model.list_channels(plan)
        heading = Text(_("Channels · brand handle: "))
        heading.append_text(
            plain_text(brand, single_line=True)
            if brand
            else Text(_("not chosen (press n)"), style="italic yellow")
        )
        self.query_one("#channels-heading", Static).update(heading)
        keep = keep if keep is not None else self.channel_list.highlighted_id
        self.channel_list.refill(
            (Option(self._row(c, brand), id=str(c.id)) for c in channels), keep
        )
        self._show_detail()

    @staticmethod
    def _row(channel: model.Channel, brand: str) -> Text:
        row = Text()
        row.append("★ " if channel.priority else "  ", style="yellow")
        row.append_text(plain_text(f"{channel.name[:16]:<16}", single_line=True))
        status = model.status_label(channel.status)
        row.append(f" {status:<12}", style=_STATUS_STYLE.get(channel.status, ""))
        row.append(f" {channel.profile_done}/{len(model.PROFILE_ITEMS)} ")
        row.append_text(plain_text(channel.handle or "-", single_line=True))
        if model.handle_differs(channel.handle, brand):
            row.append("  ⚠ " + _("differs from brand handle"), style="bold red")
        return row

    def _current(self, warn: bool = True) -> model.Channel | None:
        channel_id = self.channel_list.highlighted_id
        if channel_id is None:
            if warn:
                self.notify(_("No channel selected."), severity="warning")
            return None
        return app_of(self).attempt(model.get_channel, plan_of(self), channel_id)

    def _show_detail(self) -> None:
        detail = self.query_one("#channel-detail", Static)
        channel = self._current(warn=False)
        if channel is None:
            detail.update("")
            return
        text = Text(_("Profile: "), style="bold")
        for item in model.PROFILE_ITEMS:
            ticked = channel.profile.get(item)
            text.append(
                ("☑ " if ticked else "☐ ") + model.profile_label(item) + "   ",
                style="green" if ticked else "",
            )
        text.append("\n" + _("URL: "), style="bold")
        text.append_text(plain_text(channel.url or "-", single_line=True))
        text.append("\n" + _("e: edit handle, URL and profile · s: next status"), style="dim")
        detail.update(text)

    @on(ChannelList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(ChannelList.OptionSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_status(self) -> None:
        """Move the highlighted channel on: not claimed → claimed → complete."""
        channel = self._current()
        if channel and saved(
            app_of(self),
            model.set_status,
            plan_of(self),
            channel.id,
            model.next_status(channel.status),
        ):
            self._changed(channel.id)

    def action_priority(self) -> None:
        """Mark whether the audience is on the highlighted channel."""
        channel = self._current()
        if channel is None:
            return
        from dataclasses import replace

        if saved(
            app_of(self),
            model.save_channel,
            plan_of(self),
            replace(channel, priority=not channel.priority),
        ):
            self._changed(channel.id)

    def action_edit(self) -> None:
        """Edit the highlighted channel's handle, URL and profile checklist."""
        channel = self._current()
        if channel is None:
            return

        def done(result: model.Channel | None) -> None:
            if result is not None:
                saved = app_of(self).attempt(model.save_channel, plan_of(self), result)
                if saved is not None:
                    self._changed(saved.id)

        self.app.push_screen(ChannelForm(channel), done)

    def action_brand(self) -> None:
        """Choose the brand handle that every profile should use."""

        def done(result: str | None) -> None:
            if result is not None:
                app_of(self).attempt(model.set_brand_handle, plan_of(self), result)
                self._changed()

        prompt = TextPrompt(
            _("Your brand handle (the same on every platform)"),
            model.brand_handle(plan_of(self)),
            "@yourname",
        )
        self.app.push_screen(prompt, done)

    def action_add(self) -> None:
        """Add a channel that is not in the list."""

        def done(result: str | None) -> None:
            if result:
                channel = app_of(self).attempt(model.add_channel, plan_of(self), result)
                if channel is not None:
                    self._changed(channel.id)

        self.app.push_screen(TextPrompt(_("Name of the new channel"), "", "Pixelfed"), done)

    def action_delete(self) -> None:
        """Delete the highlighted channel (``u`` puts it back)."""
        channel = self._current()
        if channel and saved(app_of(self), model.delete_channel, plan_of(self), channel.id):
            self._deleted.append(channel)
            self._changed()
            self.notify(
                _("Deleted channel “{name}”. Press u to undo.").format(
                    name=one_line(channel.name, 60)
                ),
                markup=False,
            )

    def action_undo(self) -> None:
        """Put back the last deleted channel."""
        channel = self._take_back()
        plan = plan_of(self)
        if channel is not None and saved(app_of(self), model.restore_channel, plan, channel):
            self._changed(channel.id)
