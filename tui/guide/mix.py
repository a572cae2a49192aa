"""The mix check: share of content per pillar, last 30 days and next 30, against the targets."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from storage import guide as model
from storage.dates import current_day, day_month
from storage.guide import MIN_ITEMS, TOLERANCE, MixReport, MixRow, MixWindow
from storage.i18n import _, percent
from tui.shared.context import plan_of
from tui.shared.plain import plain_text


def _cell(row: MixRow | None, window: MixWindow) -> Text:
    if row is None or window.total == 0:
        return Text("–", style="dim", justify="right")
    text = Text(f"{percent(row.share, 1):>6} ({row.count})", justify="right")
    if row.off_target:
        text.stylize("bold yellow")
        text.append(" ▲" if row.target is not None and row.share > row.target else " ▼")
    return text


def mix_table(report: MixReport) -> Table:
    """The mix as a table: one row per pillar, one column per window."""
    table = Table(expand=False, box=None, padding=(0, 2), header_style="bold")
    table.add_column(_("Pillar"))
    table.add_column(_("Target"), justify="right")
    for window in report.windows:
        table.add_column(
            f"{window.label}\n{day_month(window.start)} – {day_month(window.end)}\n"
            + _("{n} items").format(n=window.total),
            justify="right",
        )
    names: list[str] = []
    for window in report.windows:
        names += [r.name for r in window.rows if r.name not in names]
    for name in names:
        past, ahead = (w.row(name) for w in report.windows)
        sample = past or ahead
        assert sample is not None
        label = plain_text(name, single_line=True)
        if sample.promotional:
            label.append(" $", style="magenta")
        if not sample.known:
            label.stylize("dim italic")
        target = Text(percent(sample.target) if sample.target is not None else "–", justify="right")
        table.add_row(label, target, _cell(past, report.published), _cell(ahead, report.planned))
    promo = [
        Text(_("Promotional"), style="bold magenta"),
        Text(_("≤ {n}%").format(n=report.published.ceiling), justify="right"),
    ]
    for window in report.windows:
        if window.total == 0:
            promo.append(Text("–", style="dim", justify="right"))
            continue
        cell = Text(f"{window.promo_share:5.1f}% ({window.promotional})", justify="right")
        if window.over_ceiling:
            cell.stylize("bold red")
            cell.append(" ▲")
        promo.append(cell)
    table.add_row(*promo)
    return table


class MixPane(VerticalScroll):
    """The mix check of the Guide tab (recomputed each time it is shown)."""

    DEFAULT_CSS = """
    MixPane { height: 1fr; }
    MixPane .guide-help { color: $text-muted; margin-bottom: 1; }
    MixPane #mix-warning { color: $warning; text-style: bold; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Label(_("Mix check"), classes="guide-heading")
        yield Static(
            _(
                "The actual share of content per pillar against its target: published items of "
                "the last 30 days and items planned for the next 30. ▲/▼ mark a pillar more than "
                "{tolerance} points off target; $ marks a promotional pillar."
            ).format(tolerance=TOLERANCE),
            classes="guide-help",
        )
        yield Static(id="mix-table")
        yield Static(id="mix-warning")

    def on_mount(self) -> None:
        self.reload()

    def reload(self, today: date | None = None) -> None:
        """Recompute the mix from the calendar as it is now."""
        today = today or current_day()
        plan = plan_of(self)
        report = model.mix_report(plan, today)
        parts: list[Text | Table] = []
        if report.content_count == 0:
            parts.append(
                Text(
                    _(
                        "The calendar has no content yet: plan some on the Calendar tab "
                        "(4) and the mix shows here.\n"
                    ),
                    style="italic",
                )
            )
        if report.pillar_count == 0:
            parts.append(
                Text(
                    _("The guide has no pillars yet: add some in the Pillars section."),
                    style="italic",
                )
            )
        parts.append(mix_table(report))
        self.query_one("#mix-table", Static).update(Group(*parts))
        warning = model.mix_warning(plan, today)
        if warning is None and any(0 < w.total < MIN_ITEMS for w in report.windows):
            warning = _("Fewer than {n} items in a window: too few to judge the mix.").format(
                n=MIN_ITEMS
            )
        self.query_one("#mix-warning", Static).update(plain_text(warning or ""))
