"""Measure tab views: progress against objectives (with the chart) and the snapshot list."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from storage import measure as metrics
from storage.dates import number as format_number
from storage.i18n import _, percent
from storage.phases import metric_label
from tui.measure.chart import MetricChart
from tui.shared.context import app_of, plan_of
from tui.shared.plain import plain_text
from tui.shared.table_fill import fill


def number(value: float | None) -> str:
    """``1,240`` or ``12.5``; ``—`` for nothing."""
    if value is None:
        return "—"
    return format_number(value, 0 if float(value).is_integer() else 1)


def cell(value: float | None) -> Text:
    """A number for a table cell, right-aligned."""
    return Text(number(value), justify="right")


def pace_text(row: metrics.Progress) -> Text:
    """On pace / behind / reached, coloured."""
    if row.target is None:
        return Text(_("no target"), style="dim")
    if row.percent is not None and row.percent >= 100:
        return Text(_("reached"), style="bold green")
    if row.on_pace is True:
        return Text(_("on pace"), style="green")
    if row.on_pace is False:
        return Text(_("behind"), style="bold red")
    return Text(_("no date"), style="dim")


class ProgressView(Vertical):
    """Baseline -> latest -> target per metric; the highlighted metric is charted per channel."""

    DEFAULT_CSS = """
    ProgressView #progress-table { height: auto; max-height: 12; }
    ProgressView #chart-hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("m", "next_metric", _("Chart next metric"), id="measure.chart.next"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[metrics.Progress] = []
        """Progress rows shown, in table order."""
        self.metric: str | None = None
        """Metric in the chart (None: the first one measured)."""

    def compose(self) -> ComposeResult:
        table: DataTable[str | Text] = DataTable(id="progress-table", cursor_type="row")
        table.add_columns(
            _("Objective"),
            _("Metric"),
            _("Baseline"),
            _("Latest"),
            _("Target"),
            _("By"),
            _("Done"),
            _("Pace"),
        )
        yield table
        yield Static(id="progress-empty", classes="muted")
        yield MetricChart(id="chart")
        yield Static(_("m: chart the next metric · a: add a snapshot"), id="chart-hint")

    def reload(self, today: date) -> None:
        """Re-read progress and redraw the chart."""
        plan = plan_of(self)
        self.rows = metrics.progress(plan, today)
        table = self.query_one("#progress-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for row in self.rows:
            share = Text("—" if row.percent is None else percent(row.percent), justify="right")
            table.add_row(
                plain_text(row.text or "—", single_line=True),
                plain_text(row.label, single_line=True),
                cell(row.baseline),
                cell(row.latest),
                cell(row.target),
                row.by or "—",
                share,
                pace_text(row),
            )
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        self.query_one("#progress-empty", Static).update(
            ""
            if self.rows
            else _(
                "No baseline or objectives yet: record them in Phases (2, then b). "
                "Snapshots you add here are charted below."
            )
        )
        self.draw_chart()

    def measured(self) -> dict[str, list[str]]:
        """Metrics measured so far, with their channels."""
        return metrics.metric_channels(metrics.list_snapshots(plan_of(self)))

    def draw_chart(self) -> None:
        """Chart the chosen metric: one line per channel (and the target of the row)."""
        snapshots = metrics.list_snapshots(plan_of(self))
        measured = metrics.metric_channels(snapshots)
        metric = self.metric if self.metric in measured else next(iter(measured), None)
        chart = self.query_one(MetricChart)
        if metric is None:
            chart.show_series(_("No snapshots yet (a: add one)"), {})
            return
        target = next(
            (r.target for r in self.rows if r.metric == metric and r.target is not None), None
        )
        single = next((r for r in self.rows if r.metric == metric), None)
        lines = metrics.chart_lines(
            plan_of(self), metric, total=single is not None and single.channel is None
        )
        chart.show_series(
            _("{metric} over months").format(metric=metric_label(metric)), lines, target
        )

    @on(DataTable.RowHighlighted, "#progress-table")
    def _chart_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.rows):
            metric = self.rows[event.cursor_row].metric
            if metric != self.metric:
                self.metric = metric
                self.draw_chart()

    def action_next_metric(self) -> None:
        """Chart the next measured metric."""
        names = list(self.measured())
        if not names:
            self.notify(_("No snapshots yet: press a to add one."))
            return
        index = names.index(self.metric) + 1 if self.metric in names else 1
        self.metric = names[index % len(names)]
        self.draw_chart()


def _snapshot_row(snap: metrics.Snapshot) -> tuple[tuple[str | Text, ...], str]:
    """A snapshot's cells in the list, and its key."""
    return (
        (
            snap.date,
            plain_text(snap.channel, single_line=True),
            plain_text(metric_label(snap.metric), single_line=True),
            cell(snap.value),
        ),
        str(snap.id),
    )


class SnapshotsView(Vertical):
    """Every snapshot, newest first: edit, delete (asks first), undo.

    Editing is the tab's entry form: the view asks for it with :class:`EditRequested`. After a
    delete or an undo it posts :class:`Changed` so the tab re-reads.
    """

    DEFAULT_CSS = """
    SnapshotsView #snapshot-table { height: 1fr; }
    """

    BINDINGS = [
        Binding("e,enter", "edit", _("Edit"), id="measure.snapshot.edit"),
        Binding("d,delete", "delete", _("Delete"), id="measure.snapshot.delete"),
        Binding("u", "undo", _("Undo delete"), id="measure.snapshot.undo"),
    ]

    class EditRequested(Message):
        """The user asked to edit a snapshot (the tab opens its entry form)."""

        def __init__(self, snapshot: metrics.Snapshot) -> None:
            super().__init__()
            self.snapshot = snapshot
            """The snapshot to edit."""

    class Changed(Message):
        """Snapshots were removed or put back: the tab re-reads."""

        def __init__(self, select: int | None = None) -> None:
            super().__init__()
            self.select = select
            """Snapshot id to put the cursor on (None: keep the cursor where it is)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.snapshots: list[metrics.Snapshot] = []
        """Snapshots in table order."""
        self.deleted: list[metrics.Snapshot] = []
        """Deleted this session, last first out (for undo)."""

    def compose(self) -> ComposeResult:
        table: DataTable[str | Text] = DataTable(id="snapshot-table", cursor_type="row")
        table.add_columns(_("Date"), _("Channel"), _("Metric"), _("Value"))
        yield table

    @property
    def table(self) -> DataTable[str | Text]:
        """The snapshot table."""
        return self.query_one("#snapshot-table", DataTable)

    def reload(self, select: int | None = None) -> None:
        """Re-read the snapshots; put the cursor on ``select`` (a snapshot id) if given."""
        self.snapshots = metrics.list_snapshots(plan_of(self))
        table = self.table
        keep = table.cursor_row
        index = next((i for i, s in enumerate(self.snapshots) if s.id == select), None)
        fill(table, self.snapshots, _snapshot_row, index if index is not None else keep)

    def current(self) -> metrics.Snapshot | None:
        """The highlighted snapshot."""
        row = self.table.cursor_row
        return self.snapshots[row] if 0 <= row < len(self.snapshots) else None

    @on(DataTable.RowSelected, "#snapshot-table")
    def _selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted snapshot in the entry form."""
        snap = self.current()
        if snap is None:
            self.notify(_("No snapshot to edit: press a to add one."))
            return
        self.post_message(self.EditRequested(snap))

    def action_delete(self) -> None:
        """Delete the highlighted snapshot, after asking."""
        snap = self.current()
        if snap is None:
            return
        from tui.shared.confirm import Confirm

        question = _("Delete the snapshot {metric} on {channel} of {day} ({value})?").format(
            metric=snap.metric, channel=snap.channel, day=snap.date, value=number(snap.value)
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            gone = app_of(self).attempt(metrics.delete_snapshot, plan_of(self), snap.id)
            if gone is not None:
                self.deleted.append(gone)
                self.notify(_("Snapshot deleted. u: undo"), markup=False)
                self.post_message(self.Changed())

        self.app.push_screen(Confirm(question, _("Delete")), answered)

    def action_undo(self) -> None:
        """Put the last deleted snapshot back."""
        if not self.deleted:
            self.notify(_("Nothing to undo."))
            return
        snap = self.deleted.pop()
        back = app_of(self).attempt(metrics.restore_snapshot, plan_of(self), snap)
        if back is None:
            self.deleted.append(snap)
            return
        self.notify(_("Snapshot restored."))
        self.post_message(self.Changed(back.id))
