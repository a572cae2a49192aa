"""The Phases tab: the six phase checklists, the channel registry and the baseline.

The left column shows every section with its progress; ``h``/``l`` (or the arrows) move between
sections, ``c`` jumps to the channels and ``b`` to the baseline and objectives. The right side
is the section's pane, which owns the keys that act on it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.reactive import var
from textual.widgets import ContentSwitcher, Static

from storage import phases as model
from storage.dates import current_day, due_day
from storage.i18n import _
from tui.phases.baseline import BaselinePane
from tui.phases.channels import ChannelsPane
from tui.phases.checklist import ChecklistPane
from tui.phases.pane import bar
from tui.shared.context import app_of, plan_of

CHANNELS = 7
"""Section number of the channel registry."""
BASELINE = 8
"""Section number of the baseline and objectives."""


class PhasesTab(Container):
    """The strategy's spine: one section per phase, plus channels and the baseline."""

    DEFAULT_CSS = """
    PhasesTab { height: 1fr; }
    PhasesTab #phases-nav {
        width: 38; height: 1fr; border-right: solid $primary-darken-2; padding: 0 1;
    }
    PhasesTab #phases-nav-hint { color: $text-muted; margin-top: 1; }
    PhasesTab ContentSwitcher { width: 1fr; height: 1fr; padding: 0 1; }
    PhasesTab ContentSwitcher > * { height: 1fr; }
    """

    BINDINGS = [
        Binding("h,left", "section(-1)", _("Previous section"), show=False, id="phases.prev"),
        Binding("l,right", "section(1)", _("Next section"), show=False, id="phases.next"),
        Binding("c", "jump(7)", _("Channels"), id="phases.channels"),
        Binding("b", "jump(8)", _("Baseline"), id="phases.baseline"),
        Binding("g", "jump(0)", _("Current phase"), show=False, id="phases.current"),
    ]

    section: var[int] = var(1)
    """What the right side shows: phase 1-6, 7 channels, 8 baseline and objectives."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="phases-nav"):
                yield Static(id="phases-overview")
                yield Static(
                    _("h/l or ←/→: section · c: channels · b: baseline"), id="phases-nav-hint"
                )
            with ContentSwitcher(initial="checklist"):
                yield ChecklistPane(id="checklist")
                yield ChannelsPane(id="channels")
                yield BaselinePane(id="baseline")

    def on_mount(self) -> None:
        self.section = model.current_phase(plan_of(self)) or 1
        self._show_section()
        self.refresh_overview()

    def on_show(self) -> None:
        """Other tabs may have ticked tasks off: show the plan as it is now."""
        self.reload()

    def reload(self) -> None:
        """Re-read everything shown."""
        switcher = self.query_one(ContentSwitcher)
        pane = switcher.get_child_by_id(switcher.current) if switcher.current else None
        if isinstance(pane, ChecklistPane | ChannelsPane | BaselinePane):
            pane.reload()
        self.refresh_overview()

    def reveal(self, kind: str, record_id: int) -> None:
        """Show the phase of task ``record_id`` (Today's "open"); other kinds are ignored."""
        if kind != "task":
            return
        task = app_of(self).attempt(model.get_task, plan_of(self), record_id)
        if task is not None:
            self.section = task.phase

    def watch_section(self) -> None:
        if self.is_mounted:
            self._show_section()
            self.refresh_overview()

    def _show_section(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if self.section <= 6:
            pane = self.query_one(ChecklistPane)
            pane.phase = self.section
            switcher.current = "checklist"
            pane.reload()
            pane.task_list.focus()
        elif self.section == CHANNELS:
            switcher.current = "channels"
            self.query_one(ChannelsPane).reload()
            self.query_one(ChannelsPane).channel_list.focus()
        else:
            switcher.current = "baseline"
            self.query_one(BaselinePane).reload()
            self.query_one(BaselinePane).objective_list.focus()

    def refresh_overview(self) -> None:
        """Draw the left column: overall progress, then every section."""
        plan = plan_of(self)
        progress = model.progress(plan)
        text = Text()
        text.append(_("Overall") + "\n", style="bold")
        text.append(bar(progress.fraction, 22), style="green")
        text.append(f" {progress.done}/{progress.total}\n\n")
        for entry in progress.phases:
            info = model.phase_info(entry.phase)
            selected = entry.phase == self.section
            marker = "▶ " if selected else "  "
            style = "reverse" if selected else ""
            name = f"{marker}{entry.phase} {info.name}"
            text.append(f"{name:<30}", style=style)
            if entry.phase == progress.current:
                text.append(" ●", style="bold yellow")
            text.append("\n")
            colour = "green" if entry.total and entry.finished else "cyan"
            text.append("    " + bar(entry.fraction, 18), style=colour)
            text.append(f" {entry.done}/{entry.total}\n")
        channels = model.list_channels(plan)
        claimed = sum(1 for c in channels if c.status != "unclaimed")
        baseline_date = model.load_baseline(plan).date
        sections = (
            (
                CHANNELS,
                _("Channels"),
                _("{n}/{total} claimed").format(n=claimed, total=len(channels)),
            ),
            (
                BASELINE,
                _("Baseline & objectives"),
                _("recorded {day}").format(day=due_day(baseline_date, current_day()))
                if baseline_date
                else _("not recorded yet"),
            ),
        )
        for number, label, detail in sections:
            selected = number == self.section
            text.append("\n")
            text.append(
                f"{'▶ ' if selected else '  '}{label:<28}", style="reverse" if selected else ""
            )
            text.append(f"\n    {detail}\n", style="dim")
        text.append("\n\n" + _("● current phase"), style="dim")
        self.query_one("#phases-overview", Static).update(text)

    @on(ChecklistPane.Changed)
    @on(ChannelsPane.Changed)
    @on(BaselinePane.Changed)
    def _pane_changed(self) -> None:
        self.refresh_overview()

    @on(ChecklistPane.ShowPhase)
    def _pane_moved(self, event: ChecklistPane.ShowPhase) -> None:
        self.set_reactive(PhasesTab.section, event.phase)
        self.refresh_overview()

    def action_section(self, offset: int) -> None:
        """Move to the previous or next section."""
        self.section = (self.section - 1 + offset) % BASELINE + 1

    def action_jump(self, section: int) -> None:
        """Show a section (0: the current phase)."""
        self.section = section or model.current_phase(plan_of(self)) or 1
