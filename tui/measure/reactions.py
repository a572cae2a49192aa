"""Measure tab views: what works (reactions by kind x channel) and the monthly review checklist."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from storage.calendar import kind_label
from storage.dates import current_day, month_year, number
from storage.i18n import _
from storage.measure import reactions, review
from tui.shared.context import app_of, plan_of
from tui.shared.plain import PlainStatic, plain_text
from tui.shared.table_fill import fill

PERIODS: tuple[tuple[int | None, str], ...] = (
    (90, _("last 90 days")),
    (365, _("last 12 months")),
    (None, _("all time")),
    (30, _("last 30 days")),
)
"""Periods the grid cycles through with ``t`` (days back, label)."""


class ReactionsView(Vertical):
    """The kind x channel grid over a period, then the items published in it with their
    reactions.

    When reactions are entered or the period changes it posts :class:`Changed`: the tab
    re-reads its figures for the day it measures against.
    """

    DEFAULT_CSS = """
    ReactionsView #grid-summary { text-style: bold; margin-bottom: 1; }
    ReactionsView #grid-table { height: auto; max-height: 9; }
    ReactionsView #items-table { height: 1fr; margin-top: 1; }
    ReactionsView #item-mentions { height: auto; max-height: 6; color: $text-muted; }
    """

    BINDINGS = [
        Binding("t", "period", _("Period"), id="measure.reactions.period"),
        Binding("e,enter", "enter_reactions", _("Enter reactions"), id="measure.reactions.enter"),
    ]

    class Changed(Message):
        """Reactions were entered, or another period was chosen: the figures are re-read."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.period = 0
        """Index into :data:`PERIODS`."""
        self.items: list[reactions.ItemReactions] = []
        """Published items in table order."""

    def compose(self) -> ComposeResult:
        yield Static(id="grid-period", classes="muted")
        yield PlainStatic(id="grid-summary")
        yield DataTable(id="grid-table", cursor_type="none", zebra_stripes=True)
        items: DataTable[str | Text] = DataTable(id="items-table", cursor_type="row")
        items.add_columns(
            _("Published"),
            _("Title"),
            _("Kind"),
            _("Channel"),
            _("Comments"),
            _("Shares"),
            _("Likes"),
            _("Mentions"),
            _("Total"),
        )
        yield items
        yield PlainStatic(id="item-mentions")

    def reload(self, today: date) -> None:
        """Re-read reactions (in a thread: every mention is looked at) and redraw."""
        days, label = PERIODS[self.period]
        self.query_one("#grid-period", Static).update(
            _("Average reactions per item, {period} (t: change period)").format(period=label)
        )
        start = today - timedelta(days=days) if days else None
        self._compute(start, today)

    @work(thread=True, exclusive=True, group="measure-reactions", exit_on_error=False)
    def _compute(self, start: date | None, today: date) -> None:
        plan = plan_of(self)
        names = reactions.channel_names(plan)
        first = start.isoformat() if start else None
        last = today.isoformat()
        published = reactions.published_reactions(plan)
        items = published.items
        grid = reactions.build_grid(items, first, last, names)
        # The list below the grid follows its period too (three years are ~2,000 items).
        shown = [i for i in items if not ((first and i.day < first) or i.day > last)]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, shown, grid, names, published.problem)

    def _show(
        self,
        items: list[reactions.ItemReactions],
        grid: reactions.Grid,
        names: dict[str, str],
        problem: str | None = None,
    ) -> None:
        """Draw a computed grid and item list (and say so when mentions could not be counted)."""
        self.items = items
        summary = f"{grid.summary}\n{problem}" if problem else grid.summary
        self.query_one("#grid-summary", PlainStatic).set_text(summary)
        table = self.query_one("#grid-table", DataTable)
        table.clear(columns=True)
        table.add_column(_("kind \\ channel"))
        for channel in grid.channels:
            table.add_column(plain_text(names.get(channel, channel) or "—", single_line=True))
        for kind in grid.kinds:
            cells: list[str | Text] = [plain_text(kind_label(kind), single_line=True)]
            for channel in grid.channels:
                cell = grid.cell(kind, channel)
                cells.append(f"{number(cell.average, 1)} ({cell.items})" if cell else "·")
            table.add_row(*cells)
        self._fill_items(names)

    def _fill_items(self, names: dict[str, str]) -> None:
        table = self.query_one("#items-table", DataTable)

        def row(item: reactions.ItemReactions) -> tuple[tuple[str | Text, ...], None]:
            channel = names.get(item.channel, item.channel) or "—"
            return (
                (
                    item.day or "—",
                    plain_text(item.title or "—", single_line=True),
                    plain_text(kind_label(item.kind), single_line=True),
                    plain_text(channel, single_line=True),
                    str(item.entered.get("comments", 0)),
                    str(item.entered.get("shares", 0)),
                    str(item.entered.get("likes", 0)),
                    str(len(item.mentions)),
                    Text(str(item.total), style="bold"),
                ),
                None,
            )

        fill(table, self.items, row, table.cursor_row)
        self._show_mentions()

    def current(self) -> reactions.ItemReactions | None:
        """The highlighted published item."""
        row = self.query_one("#items-table", DataTable).cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "measure-reactions" and event.state == WorkerState.ERROR:
            self.notify(
                _("Could not read reactions: {error}").format(error=event.worker.error),
                severity="error",
                markup=False,
            )

    @on(DataTable.RowHighlighted, "#items-table")
    def _show_mentions(self) -> None:
        item = self.current()
        detail = self.query_one("#item-mentions", PlainStatic)
        if item is None:
            detail.set_text(_("Nothing published yet: reactions appear once items are published."))
        elif not item.mentions:
            detail.set_text(_("No mention links to this item."))
        else:
            lines = [_("Mentions of this item:")]
            lines += [f"  • {m.title or '—'}  {m.link or ''}" for m in item.mentions[:4]]
            if len(item.mentions) > 4:
                lines.append(_("  …and {n} more").format(n=len(item.mentions) - 4))
            detail.set_text("\n".join(lines))

    def action_period(self) -> None:
        """Show the grid over the next period."""
        self.period = (self.period + 1) % len(PERIODS)
        self.post_message(self.Changed())

    @on(DataTable.RowSelected, "#items-table")
    def _selected(self) -> None:
        self.action_enter_reactions()

    def action_enter_reactions(self) -> None:
        """Enter the comments, shares and likes the highlighted item got."""
        item = self.current()
        if item is None:
            self.notify(_("No published item to enter reactions for."))
            return
        from tui.shared.form import FieldsForm, FormField

        def check(values: dict[str, str]) -> dict[str, int]:
            counts = {}
            for name in reactions.REACTION_KINDS:
                text = values[name].strip() or "0"
                if not text.isdigit():
                    raise ValueError(
                        _("{name}: not a whole number: {text!r}").format(name=name, text=text[:20])
                    )
                counts[name] = int(text)
            reactions.set_reactions(plan_of(self), item.id, **counts)
            return counts

        fields = [
            FormField(name, label, str(item.entered.get(name, 0)))
            for name, label in zip(
                reactions.REACTION_KINDS, (_("Comments"), _("Shares"), _("Likes")), strict=True
            )
        ]

        def done(result: dict[str, int] | None) -> None:
            if result is not None:
                self.post_message(self.Changed())

        self.app.push_screen(
            FieldsForm(_("Reactions to {title}").format(title=item.title), fields, check), done
        )


class ReviewView(Vertical):
    """This month's review checklist, generated from the data, ticked off with space."""

    DEFAULT_CSS = """
    ReviewView #review-heading { text-style: bold; margin-bottom: 1; }
    ReviewView #review-list { height: 1fr; }
    """

    BINDINGS = [
        Binding("space,x", "tick", _("Tick"), id="measure.review.tick"),
        Binding("n", "generate", _("Update from the data"), id="measure.review.generate"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[review.ReviewItem] = []
        """Checklist items in list order."""
        self.today = current_day()
        """The day the checklist is for."""

    def compose(self) -> ComposeResult:
        yield Static(id="review-heading")
        yield OptionList(id="review-list")

    def reload(self, today: date, generate: bool = False) -> None:
        """Show this month's checklist; make it from the data when there is none yet."""
        plan = plan_of(self)
        self.today = today
        month = today.strftime("%Y-%m")
        items = review.list_review(plan, month)
        if (generate or not items) and not plan.read_only:
            items = app_of(self).attempt(review.generate_review, plan, today) or items
        self.items = items
        self.query_one("#review-heading", Static).update(
            _("Review of {month} · {progress} · space: tick · n: update from the data").format(
                month=month_year(today), progress=review.review_phrase(items)
            )
        )
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        for item in items:
            box = Text("[x] " if item.done else "[ ] ", style="green" if item.done else "")
            box.append_text(plain_text(item.title, style="dim" if item.done else ""))
            listing.add_option(Option(box, id=str(item.id)))
        if items:
            listing.highlighted = min(keep or 0, len(items) - 1)

    def action_tick(self) -> None:
        """Tick or untick the highlighted item."""
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.items):
            return
        item = self.items[index]
        app_of(self).attempt(review.set_review_done, plan_of(self), item.id, not item.done)
        self.reload(self.today)

    def action_generate(self) -> None:
        """Add what the data says now (ticked items stay ticked)."""
        before = len(self.items)
        self.reload(self.today, generate=True)
        added = len(self.items) - before
        self.notify(
            _("{n} new review items.").format(n=added) if added else _("Nothing new to review.")
        )

    @on(OptionList.OptionSelected, "#review-list")
    def _selected(self) -> None:
        self.action_tick()
