"""The Guide tab: the editorial line (phase 3), held to the calendar and shared as Markdown.

The left column lists the sections (``j``/``k``, ``enter`` or ``l`` to work in one, ``escape``
to come back); the right side is the section, which owns the keys that edit it. ``x`` exports
the guide as Markdown, ``i`` imports one, ``r`` shows the rules panel the calendar uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from storage import guide as model
from storage.dates import current_day
from storage.errors import SocialPlanError
from storage.i18n import _, percent
from tui.guide.items import GuideItems
from tui.guide.lists import RulesPane, TagsPane
from tui.guide.mix import MixPane
from tui.guide.path_dialog import GuidePathScreen
from tui.guide.pillars import PillarsPane
from tui.guide.sections import ChannelNotesPane, MarkdownEditor, TextSection
from tui.shared.confirm import Confirm
from tui.shared.context import plan_of
from tui.shared.rules import GuideRulesScreen

DEFAULT_EXPORT = "editorial-guide.md"
"""File name offered for an export, in the current folder."""


@runtime_checkable
class Section(Protocol):
    """A section pane: it shows the guide as saved when asked."""

    def reload(self) -> None:
        """Show what is saved now."""


def _sections() -> list[tuple[str, str]]:
    """(id, title) of every section, in guide order."""
    return [
        ("purpose", _("Purpose")),
        ("audience", _("Audience")),
        ("pillars", _("Pillars")),
        ("voice", _("Voice and tone")),
        ("channels", _("Channel notes")),
        ("rules", _("Do and don't")),
        ("commenting", _("Commenting")),
        ("tags", _("Hashtags, keywords")),
        ("mix", _("Mix check")),
    ]


class SectionList(OptionList):
    """The guide's sections, with ``j``/``k`` beside the arrows and ``l`` to open one."""

    BINDINGS = [
        Binding("j", "cursor_down", _("Down"), show=False, id="guide.nav.down"),
        Binding("k", "cursor_up", _("Up"), show=False, id="guide.nav.up"),
        Binding("l,right", "select", _("Open section"), show=False, id="guide.nav.open"),
    ]


class GuideTab(Container):
    """Pillars, voice, rules, commenting and hashtags, and the mix check against the calendar."""

    DEFAULT_CSS = """
    GuideTab { height: 1fr; }
    GuideTab #guide-nav { width: 30; height: 1fr; border-right: solid $primary-darken-2; }
    GuideTab SectionList { height: auto; border: none; }
    GuideTab #guide-status { padding: 1 1 0 1; color: $warning; }
    GuideTab #guide-hint { padding: 1 1 0 1; color: $text-muted; }
    GuideTab ContentSwitcher { width: 1fr; height: 1fr; padding: 0 1; }
    GuideTab ContentSwitcher > * { height: 1fr; }
    GuideTab .guide-heading { text-style: bold; color: $accent; }
    """

    BINDINGS = [
        Binding("escape", "sections", _("Sections"), id="guide.sections"),
        Binding("x", "export", _("Export .md"), id="guide.export"),
        Binding("i", "import", _("Import .md"), id="guide.import"),
        Binding("r", "rules_panel", _("Rules panel"), id="guide.rules_panel"),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="guide-nav"):
                yield SectionList(id="guide-sections")
                yield Static(id="guide-status")
                yield Static(
                    _(
                        "j/k  choose a section\nenter  work in it\nescape  back here\n"
                        "x / i  export / import .md\nr  rules panel"
                    ),
                    id="guide-hint",
                )
            with ContentSwitcher(initial="purpose"):
                yield TextSection(
                    "purpose",
                    _("Purpose"),
                    _("Why you are on social media, and what you want it to achieve."),
                    id="purpose",
                )
                yield TextSection(
                    "audience",
                    _("Audience"),
                    _("Who the blog talks to, and what they need from you."),
                    id="audience",
                )
                yield PillarsPane(id="pillars")
                yield TextSection(
                    "voice",
                    _("Voice and tone"),
                    _("How you sound everywhere: a few adjectives, each with an example."),
                    id="voice",
                )
                yield ChannelNotesPane(id="channels")
                yield RulesPane(id="rules")
                yield TextSection(
                    "commenting",
                    _("Commenting and reacting"),
                    _("Response time, how to answer criticism, when not to answer at all."),
                    id="commenting",
                )
                yield TagsPane(id="tags")
                yield MixPane(id="mix")

    def on_mount(self) -> None:
        self.refresh_nav()
        sections = self.query_one(SectionList)
        sections.highlighted = 0
        sections.focus()

    def on_show(self) -> None:
        """The calendar may have changed: recompute the mix and the warnings."""
        self.refresh_nav()
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "mix":
            self.query_one(MixPane).reload()

    def plan_changed(self) -> None:
        """A command or a sync changed the plan: the list and the section shown read it again."""
        self.on_show()
        switcher = self.query_one(ContentSwitcher)
        pane = switcher.get_child_by_id(switcher.current) if switcher.current else None
        if isinstance(pane, Section) and switcher.current != "mix":
            pane.reload()

    # -- navigation -----------------------------------------------------------------------------

    def refresh_nav(self) -> None:
        """Redraw the section list with its markers and the warnings under it."""
        plan = plan_of(self)
        pillars = model.list_pillars(plan)
        target_warning = model.target_warning(pillars)
        mix_warning = model.mix_warning(plan, current_day())
        listing = self.query_one(SectionList)
        keep = listing.highlighted
        options = []
        for section_id, title in _sections():
            line = Text(title)
            if section_id == "pillars":
                line.append(
                    "  " + percent(model.target_total(pillars)),
                    style="bold yellow" if target_warning else "green",
                )
            if section_id == "mix" and mix_warning:
                line.append("  ⚠", style="bold yellow")
            options.append(Option(line, id=section_id))
        listing.set_options(options)
        if keep is not None:
            listing.highlighted = keep
        status = Text()
        for warning in (target_warning, mix_warning):
            if warning:
                status.append(f"⚠ {warning}\n")
        self.query_one("#guide-status", Static).update(status)

    @on(OptionList.OptionHighlighted, "#guide-sections")
    def _section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        switcher = self.query_one(ContentSwitcher)
        if event.option.id and switcher.current != event.option.id:
            self._flush_editors()
            switcher.current = event.option.id
            pane = switcher.get_child_by_id(event.option.id)
            if isinstance(pane, Section):
                pane.reload()

    @on(OptionList.OptionSelected, "#guide-sections")
    def _section_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_section()

    def focus_section(self) -> None:
        """Put the focus in the section shown."""
        switcher = self.query_one(ContentSwitcher)
        pane = switcher.get_child_by_id(switcher.current) if switcher.current else None
        if pane is None:
            return
        target: Widget | None = next(
            (w for w in pane.query("*") if w.focusable and w.display and w.visible), None
        )
        if target is not None:
            target.focus()

    def action_sections(self) -> None:
        """Go back to the list of sections (what was typed is saved)."""
        self._flush_editors()
        self.query_one(SectionList).focus()

    def _flush_editors(self) -> None:
        for editor in self.query(MarkdownEditor):
            editor.flush()

    @on(PillarsPane.Changed)
    @on(GuideItems.Changed)
    @on(MarkdownEditor.Saved)
    def _guide_changed(self) -> None:
        self.refresh_nav()

    # -- Markdown and rules ---------------------------------------------------------------------

    def action_rules_panel(self) -> None:
        """Show the rules panel (the one the calendar's editing screens open)."""
        self._flush_editors()
        self.app.push_screen(GuideRulesScreen())

    def action_export(self) -> None:
        """Write the guide as one Markdown document."""
        self._flush_editors()

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._export(path)

        self.app.push_screen(
            GuidePathScreen(
                _("Export the guide as Markdown to:"), str(Path.cwd() / DEFAULT_EXPORT)
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="guide-file", exit_on_error=False)
    def _export(self, path: Path) -> None:
        try:
            model.export_guide(plan_of(self), path)
        except OSError as error:
            self.app.call_from_thread(
                self.notify,
                _("Cannot write {file}: {why}").format(file=path, why=error.strerror or error),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(
            self.notify, _("Wrote the guide to {file}").format(file=path), markup=False
        )

    def action_import(self) -> None:
        """Replace the guide with a Markdown document (after asking)."""
        self._flush_editors()

        def confirmed(path: Path, yes: bool | None) -> None:
            if yes:
                self._import(path)

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.push_screen(
                    Confirm(
                        _("Replace the whole guide and its pillars with {file}?").format(file=path),
                        yes=_("Replace"),
                    ),
                    lambda yes: confirmed(path, yes),
                )

        self.app.push_screen(
            GuidePathScreen(
                _("Import the guide from the Markdown file:"),
                str(Path.cwd() / DEFAULT_EXPORT),
                must_exist=True,
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="guide-file", exit_on_error=False)
    def _import(self, path: Path) -> None:
        try:
            model.import_guide(plan_of(self), path)
        except (SocialPlanError, OSError) as error:
            self.app.call_from_thread(
                self.notify,
                _("{file}: {error}. Nothing was changed.").format(file=path, error=error),
                title=_("Not imported"),
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.app.call_from_thread(self._imported, path)

    def _imported(self, path: Path) -> None:
        for pane in self.query_one(ContentSwitcher).children:
            if isinstance(pane, Section):
                pane.reload()
        self.refresh_nav()
        self.notify(_("Imported the guide from {file}").format(file=path), markup=False)
