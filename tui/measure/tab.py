"""The Measure tab: phase 6, look back and adjust.

Four views, one key each: ``g`` progress against the baseline and objectives with a chart per
metric, ``s`` the snapshots (edit, delete, undo), ``w`` what works (reactions by kind x channel)
and ``v`` the monthly review. ``a`` adds a snapshot from any view, with a form that remembers
the last channel and metric.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import var
from textual.widgets import ContentSwitcher, DataTable, OptionList, Static

from storage import measure as metrics
from storage.dates import parse_date, today
from storage.i18n import _
from tui.measure.reactions import ReactionsView, ReviewView
from tui.measure.views import ProgressView, SnapshotsView
from tui.shared.context import plan_of

VIEWS = (
    ("progress", "g", _("Progress")),
    ("snapshots", "s", _("Snapshots")),
    ("reactions", "w", _("What works")),
    ("review", "v", _("Monthly review")),
)
"""(id, key, title) of each view, in order."""


class MeasureTab(Container):
    """Snapshots, progress, charts, reactions and the monthly review.

    The tab coordinates its views: they post messages (a snapshot to edit, snapshots or
    reactions changed) and the tab opens the entry form or re-reads what is shown. The day
    measured against is :func:`storage.dates.today` (``$SOCIALPLAN_TODAY`` pins it for tests).
    """

    DEFAULT_CSS = """
    MeasureTab { height: 1fr; }
    MeasureTab #measure-views { height: 1; margin-bottom: 1; }
    MeasureTab ContentSwitcher { height: 1fr; }
    MeasureTab ContentSwitcher > * { height: 1fr; }
    """

    BINDINGS = [
        Binding("a", "add_snapshot", _("Add snapshot"), id="measure.add"),
        *(
            Binding(key, f"view('{view}')", title, id=f"measure.view.{view}")
            for view, key, title in VIEWS
        ),
        Binding(
            "l,right_square_bracket", "cycle(1)", _("Next view"), show=False, id="measure.next"
        ),
        Binding(
            "h,left_square_bracket", "cycle(-1)", _("Previous view"), show=False, id="measure.prev"
        ),
        Binding("j", "cursor(1)", _("Down"), show=False, id="measure.down"),
        Binding("k", "cursor(-1)", _("Up"), show=False, id="measure.up"),
    ]

    view: var[str] = var("progress")
    """The view shown."""

    def compose(self) -> ComposeResult:
        yield Static(id="measure-views")
        with ContentSwitcher(initial="progress"):
            yield ProgressView(id="progress")
            yield SnapshotsView(id="snapshots")
            yield ReactionsView(id="reactions")
            yield ReviewView(id="review")

    def on_show(self) -> None:
        """Shown first, or again after other tabs changed content and channels: re-read."""
        self._show_view()

    def reload(self, select: int | None = None) -> None:
        """Re-read what the current view shows."""
        day = today()
        if self.view == "progress":
            self.query_one(ProgressView).reload(day)
        elif self.view == "snapshots":
            self.query_one(SnapshotsView).reload(select)
        elif self.view == "reactions":
            self.query_one(ReactionsView).reload(day)
        else:
            self.query_one(ReviewView).reload(day)

    def watch_view(self) -> None:
        if self.is_mounted:
            self._show_view()

    def _show_view(self) -> None:
        line = Text()
        for view, key, title in VIEWS:
            style = "bold reverse" if view == self.view else "dim"
            line.append(f" {key} {title} ", style=style)
            line.append(" ")
        line.append(_("  a: add snapshot"), style="dim")
        self.query_one("#measure-views", Static).update(line)
        self.query_one(ContentSwitcher).current = self.view
        self.reload()
        pane = self.query_one(f"#{self.view}")
        for widget in pane.query("DataTable, OptionList"):
            if widget.focusable:
                widget.focus()
                break

    def action_view(self, view: str) -> None:
        """Show one of the views."""
        self.view = view

    def action_cycle(self, step: int) -> None:
        """Show the next or previous view."""
        ids = [v for v, _k, _t in VIEWS]
        self.view = ids[(ids.index(self.view) + step) % len(ids)]

    def action_cursor(self, step: int) -> None:
        """``j``/``k``: move in the focused list."""
        focused = self.screen.focused
        if isinstance(focused, DataTable | OptionList):
            if step > 0:
                focused.action_cursor_down()
            else:
                focused.action_cursor_up()

    # -- snapshot entry -------------------------------------------------------------------------

    def open_snapshot_form(self, snapshot: metrics.Snapshot | None = None) -> None:
        """Add a snapshot (remembering the last channel and metric) or edit ``snapshot``."""
        from tui.shared.form import FieldsForm, FormField

        plan = plan_of(self)
        existing = metrics.list_snapshots(plan)
        last = max(existing, key=lambda s: s.id, default=None)
        channels = sorted(
            {str(d.get("key")) for d in plan.table("channels").all() if d.get("key")}
            | {s.channel for s in existing}
        )
        names = sorted(set(metrics.STANDARD_METRICS) | {s.metric for s in existing})
        day = today()
        if snapshot is None:
            values = (
                day.isoformat(),
                last.channel if last else "blog",
                last.metric if last else "visits",
                "",
            )
        else:
            values = (snapshot.date, snapshot.channel, snapshot.metric, str(snapshot.value))
        fields = [
            FormField("date", _("Date (2026-11-01, today, yesterday, -1w)"), values[0]),
            FormField("channel", _("Channel"), values[1], _("blog, youtube, x…"), channels),
            FormField(
                "metric",
                _("Metric (followers, subscribers, visits… or your own)"),
                values[2],
                "",
                names,
            ),
            FormField("value", _("Value"), values[3], _("a number, e.g. 1240")),
        ]

        def check(typed: dict[str, str]) -> metrics.Snapshot:
            when = parse_date(typed["date"], day).isoformat()
            if snapshot is None:
                return metrics.add_snapshot(
                    plan, when, typed["channel"], typed["metric"], typed["value"]
                )
            return metrics.update_snapshot(
                plan, snapshot.id, when, typed["channel"], typed["metric"], typed["value"]
            )

        def saved(result: metrics.Snapshot | None) -> None:
            if result is not None:
                self.notify(
                    _("Saved: {metric} on {channel}, {value}").format(
                        metric=result.metric, channel=result.channel, value=result.value
                    ),
                    markup=False,
                )
                self.reload(result.id)

        heading = _("New snapshot") if snapshot is None else _("Edit snapshot")
        self.app.push_screen(FieldsForm(heading, fields, check, focus="value"), saved)

    def action_add_snapshot(self) -> None:
        """Add a metric snapshot."""
        self.open_snapshot_form()

    @on(SnapshotsView.EditRequested)
    def _edit_snapshot(self, event: SnapshotsView.EditRequested) -> None:
        event.stop()
        self.open_snapshot_form(event.snapshot)

    @on(SnapshotsView.Changed)
    def _snapshots_changed(self, event: SnapshotsView.Changed) -> None:
        event.stop()
        self.reload(event.select)

    @on(ReactionsView.Changed)
    def _reactions_changed(self, event: ReactionsView.Changed) -> None:
        event.stop()
        self.reload()
