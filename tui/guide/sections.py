"""Free-text sections of the guide: a TextArea with a rendered Markdown preview beside it.

What is typed is saved when the editor loses focus (``escape`` goes back to the sections), after
a short pause in typing, on ``ctrl+s``, and when the app closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from storage import guide as model
from storage.i18n import _
from storage.text import strip_controls
from tui.shared.context import app_of, plan_of
from tui.shared.plain import plain_text

SAVE_AFTER = 2.0
"""Seconds of quiet typing after which the text is saved."""
PREVIEW_AFTER = 0.3
"""Seconds of quiet typing after which the preview is redrawn."""


class MarkdownEditor(Horizontal):
    """A TextArea and the rendered Markdown of what it holds; ``save_to`` stores the text."""

    DEFAULT_CSS = """
    MarkdownEditor { height: 1fr; }
    MarkdownEditor TextArea { width: 1fr; height: 1fr; }
    MarkdownEditor .guide-preview {
        width: 1fr; height: 1fr; border: round $primary-darken-2; padding: 0 1;
    }
    MarkdownEditor.-narrow { layout: vertical; }
    MarkdownEditor.-narrow TextArea, MarkdownEditor.-narrow .guide-preview { width: 100%; }
    """

    NARROW = 80
    """Below this width the preview goes under the editor instead of beside it."""

    BINDINGS = [Binding("ctrl+s", "save", _("Save text"), id="guide.text.save")]

    class Saved(Message):
        """The text was saved."""

    def __init__(self, placeholder: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.placeholder = placeholder
        """Shown in the empty editor."""
        self._save_to: Callable[[str], object] | None = None
        self._saved_text = ""
        self._save_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._area = TextArea(soft_wrap=True, placeholder=placeholder)

    @property
    def text_area(self) -> TextArea:
        """The editor (kept after unmounting, so the last words can still be saved)."""
        return self._area

    def compose(self) -> ComposeResult:
        yield self._area
        with VerticalScroll(classes="guide-preview") as preview:
            preview.border_title = _("Preview")
            yield Markdown(open_links=False)

    def load(self, text: str, save_to: Callable[[str], object]) -> None:
        """Show ``text`` for editing; ``save_to(text)`` will store changes (None on failure)."""
        self.flush()
        self._save_to = save_to
        self._saved_text = strip_controls(text)
        self.text_area.load_text(self._saved_text)
        self._update_preview()

    @property
    def dirty(self) -> bool:
        """Typed but not saved yet."""
        return self._save_to is not None and self.text_area.text != self._saved_text

    def flush(self) -> None:
        """Save what was typed, if anything changed."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.dirty or self._save_to is None:
            return
        text = self.text_area.text
        if app_of(self).attempt(self._save_to, text) is not None:
            self._saved_text = text
            self.post_message(self.Saved())

    def action_save(self) -> None:
        """Save the text now."""
        self.flush()
        self.notify(_("Saved."), timeout=2)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_AFTER, self._update_preview)
        if self.dirty:
            if self._save_timer is not None:
                self._save_timer.stop()
            self._save_timer = self.set_timer(SAVE_AFTER, self.flush)

    def _update_preview(self) -> None:
        self.query_one(Markdown).update(strip_controls(self.text_area.text))

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.NARROW, "-narrow")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.flush()

    def on_unmount(self) -> None:
        self.flush()


class TextSection(Vertical):
    """One free-text field of the guide with its heading and a line that teaches it."""

    DEFAULT_CSS = """
    TextSection { height: 1fr; }
    TextSection .guide-help { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, field: str, title: str, help_text: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.field = field
        """The guide field edited: "purpose", "audience", "voice" or "commenting"."""
        self.title = title
        """Heading (our own words)."""
        self.help_text = help_text
        """What the section is for (our own words)."""

    @property
    def editor(self) -> MarkdownEditor:
        """The text editor with its preview."""
        return self.query_one(MarkdownEditor)

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="guide-heading")
        yield Static(self.help_text, classes="guide-help")
        yield MarkdownEditor(placeholder=_("Markdown text: **bold**, lists with -, links…"))

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the text as saved (unless something typed is waiting to be saved)."""
        if self.editor.dirty:
            return
        plan = plan_of(self)
        text = getattr(model.load_guide(plan), self.field)
        self.editor.load(text, lambda value: model.update_guide(plan, **{self.field: value}))


class ChannelNotesPane(Vertical):
    """Per-channel notes: pick a channel on the left, write its note on the right."""

    DEFAULT_CSS = """
    ChannelNotesPane { height: 1fr; }
    ChannelNotesPane .guide-help { color: $text-muted; margin-bottom: 1; }
    ChannelNotesPane Horizontal { height: 1fr; }
    ChannelNotesPane #channel-keys { width: 24; height: 1fr; }
    """

    BINDINGS = [
        Binding("j", "cursor(1)", _("Next channel"), show=False, id="guide.channels.down"),
        Binding("k", "cursor(-1)", _("Previous channel"), show=False, id="guide.channels.up"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._key: str | None = None

    def compose(self) -> ComposeResult:
        yield Label(_("Channel notes"), classes="guide-heading")
        yield Static(
            _(
                "How the voice changes per channel: shorter and warmer on Facebook, more formal on "
                "LinkedIn… Pick a channel (enter or tab) and write; an empty note is removed."
            ),
            classes="guide-help",
        )
        with Horizontal():
            yield OptionList(id="channel-keys")
            yield MarkdownEditor(placeholder=_("no note for this channel yet"))

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """List the channels (a ✎ marks those with a note) and show the note of the chosen one."""
        plan = plan_of(self)
        notes = model.load_guide(plan).channel_notes
        keys = model.channel_note_keys(plan)
        listing = self.query_one("#channel-keys", OptionList)
        keep = listing.highlighted or 0
        options = []
        for key, label in keys:
            line = plain_text(label, single_line=True)
            line.append(" ✎" if key in notes else "", style="green")
            options.append(Option(line, id=key))
        listing.set_options(options)
        if options:
            listing.highlighted = min(keep, len(options) - 1)
            self._show(keys[listing.highlighted or 0][0])

    @on(OptionList.OptionHighlighted, "#channel-keys")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id != self._key:
            self._show(event.option.id)

    @on(OptionList.OptionSelected, "#channel-keys")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(MarkdownEditor).text_area.focus()

    @on(MarkdownEditor.Saved)
    def _saved(self) -> None:
        self.call_after_refresh(self.reload)

    def _show(self, key: str) -> None:
        editor = self.query_one(MarkdownEditor)
        if key == self._key and not editor.dirty:
            return
        editor.flush()
        self._key = key
        plan = plan_of(self)
        text = model.load_guide(plan).channel_notes.get(key, "")
        editor.load(text, lambda value: model.set_channel_note(plan, key, value))

    def action_cursor(self, delta: int) -> None:
        """Move in the channel list."""
        listing = self.query_one("#channel-keys", OptionList)
        if delta > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()
