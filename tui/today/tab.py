"""The Today tab: the morning check-in, every line one key away from being acted on.

It shows :func:`storage.checkin.build_checkin`, the same check-in ``socialplan checkin`` prints:
content due and overdue, the next items of the current phase, new mentions matching the watch
words, open community promises, the guide's mix warning and the age of the last snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from storage import checkin as model
from storage.datafile import Paths
from storage.dates import long_day, today
from storage.i18n import _, ngettext
from storage.text import one_line
from tui.shared.context import app_of, plan_of
from tui.shared.plain import PlainStatic, plain_text

TAB_OF = {"content": "calendar", "promise": "calendar", "task": "phases", "mention": "mentions"}
"""The tab where each kind of line lives."""

ACTIONS_FOR = {
    "open": {"content", "task", "mention", "promise"},
    "done": {"task", "mention"},
    "publish": {"content"},
    "comment": {"content", "promise"},
    "browser": {"content", "task", "mention", "promise"},
}
"""Which kinds of line each action applies to."""


@runtime_checkable
class Reveals(Protocol):
    """A tab that puts itself on a record Today opens (Phases: a task; Mentions: a mention)."""

    def reveal(self, kind: str, record_id: int) -> None:
        """Show the record ``record_id`` of ``kind``; other kinds are ignored."""


@runtime_checkable
class HasDayCursor(Protocol):
    """A tab with a day under its cursor (the Calendar)."""

    cursor: date
    """The day shown."""


@runtime_checkable
class TakesSnapshots(Protocol):
    """A tab with the metrics snapshot entry form (Measure)."""

    def open_snapshot_form(self) -> None:
        """Open the form that adds a snapshot."""


class TodayTab(Container):
    """The daily check-in.

    Tabs are independent packages, so Today knows the others only by what they offer: it
    reaches them through the app (:meth:`AppContext.tab_widget`) and checks them against the
    small protocols above.
    """

    DEFAULT_CSS = """
    TodayTab { height: 1fr; }
    TodayTab #today-heading { text-style: bold; margin-bottom: 1; }
    TodayTab #today-list { height: 1fr; border: none; }
    TodayTab #today-notes { height: auto; margin-top: 1; }
    """

    BINDINGS = [
        Binding("enter,o", "act('open')", _("Open"), id="today.open"),
        Binding("d", "act('done')", _("Mark done"), id="today.done"),
        Binding("p", "act('publish')", _("Publish"), id="today.publish"),
        Binding("c", "act('comment')", _("Log a comment"), id="today.comment"),
        Binding("b", "act('browser')", _("Open link"), id="today.browser"),
        Binding("s", "snapshot", _("Take a snapshot"), id="today.snapshot"),
        Binding("r", "refresh", _("Refresh"), id="today.refresh"),
        Binding(
            "x", "dismiss_conflicts", _("Dismiss sync conflicts"), show=False, id="today.dismiss"
        ),
        Binding("j", "move(1)", _("Down"), show=False, id="today.down"),
        Binding("k", "move(-1)", _("Up"), show=False, id="today.up"),
    ]

    def __init__(
        self,
        first: model.Checkin | None = None,
        path: Path | None = None,
        drawn: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """``first``: the check-in to show at once, kept with the check-in's view of the data
        file at ``path`` (the app then reads the file once the tab is drawn: ``drawn``)."""
        super().__init__(**kwargs)
        self._first = first
        self._path = path
        self._drawn = drawn
        self.checkin: model.Checkin | None = None
        """What is shown."""
        self.lines: dict[str, model.Line] = {}
        """Option id -> the line it shows."""
        self._first_build = True
        """No check-in was built yet (the first keeps the check-in's view for the next start)."""
        self._shown_once = False

    def compose(self) -> ComposeResult:
        yield Static(id="today-heading")
        yield OptionList(id="today-list")
        yield PlainStatic(id="today-notes")

    def on_mount(self) -> None:
        """The first check-in, from the check-in's view of the plan when one matches the file:
        shown before the tab is first drawn, so that its first drawing is the filled tab.

        The list is focused when the tab is shown, not here: focusing a widget shows its tab,
        and a tab key typed ahead at start (5: Mentions) must keep the tab it chose."""
        if self._first is not None:  # kept with the view: the file is read once this is drawn
            self.show_checkin(self._first)
            self._first_build = False
            if self._drawn is not None:
                self.call_after_refresh(self._drawn)
        else:
            self._first_build = not self._show_from_view(today())

    def on_show(self) -> None:
        """Shown first, or again after other tabs ticked things off: build the day afresh."""
        if self.checkin is None or self.checkin.today != today() or self._shown_once:
            self.reload()
        self._shown_once = True
        self.listing.focus()

    @property
    def listing(self) -> OptionList:
        """The list of lines."""
        return self.query_one("#today-list", OptionList)

    def reload(self) -> None:
        """Build the check-in again, in a thread (it reads the mentions cache too)."""
        first, self._first_build = self._first_build, False
        self._build(today(), keep_view=first)

    def _show_from_view(self, day: date) -> bool:
        """Show the check-in built from the view kept beside the plan just read, if it matches
        the file; False when there is none (or it cannot serve).

        The view is a tenth of the plan: reading it and building the check-in take a few
        milliseconds, less than handing the work to a thread that would compete with drawing.
        """
        from storage.checkin_view import current_view, keep_checkin, kept_checkin

        try:
            view = current_view(plan_of(self).path, day)
            if view is None:
                return False
            checkin = kept_checkin(view, day)  # built by an earlier check-in of the same day
            if checkin is None:
                checkin = model.build_checkin(view, day)
                self.run_worker(
                    partial(keep_checkin, view, day, checkin),
                    thread=True,
                    group="today-keep",
                    exit_on_error=False,
                )
        except Exception:  # noqa: BLE001 - a cache is never in the way: the plan is read instead
            return False
        self.show_checkin(checkin)
        return True

    @work(thread=True, exclusive=True, group="today", exit_on_error=False)
    def _build(self, day: date, keep_view: bool = False) -> None:
        plan = plan_of(self)
        checkin = model.build_checkin(plan, day)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_checkin, checkin)
        if keep_view:  # no view served the first build: keep one for the next start
            from storage.checkin_view import keep_view as keep

            keep(plan, day)

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "today" and event.state == WorkerState.ERROR:
            self.notify(
                _("Could not build the check-in: {error}").format(error=event.worker.error),
                severity="error",
                markup=False,
            )

    def show_checkin(self, checkin: model.Checkin) -> None:
        """Show a built check-in, keeping the highlighted line when it is still there."""
        day = checkin.today
        self.checkin = checkin
        listing = self.listing
        previous = self.current()
        keep_id = f"{previous.kind}:{previous.id}" if previous else None
        listing.clear_options()
        self.lines = {}
        options: list[Option | None] = []
        for heading, lines, note in model.sections(checkin):
            if options:
                options.append(None)
            label = f"{heading} ({len(lines)})" if lines else heading
            options.append(Option(Text(label, style="bold"), disabled=True))
            for index, line in enumerate(lines):
                key = f"{line.kind}:{line.id}:{index}"
                self.lines[key] = line
                mark = Text()
                mark.append("! " if line.overdue else "  ", style="bold red")
                mark.append_text(plain_text(model.line_text(line, day), single_line=True))
                options.append(Option(mark, id=key))
            if note:
                options.append(Option(Text("  " + note, style="dim"), disabled=True))
        listing.add_options(options)
        title = Text(long_day(day))
        if checkin.phase:
            title.append(
                "  ·  " + _("Phase {n} · {name}").format(n=checkin.phase, name=checkin.phase_name)
            )
        self.query_one("#today-heading", Static).update(title)
        notes = []
        if checkin.mix_warning:
            notes.append(_("Guide: {warning}").format(warning=checkin.mix_warning))
        notes.append(model.snapshot_phrase(checkin.days_since_snapshot))
        notes += self._sync_conflicts()
        self.query_one("#today-notes", PlainStatic).set_text("\n".join(notes))
        self._highlight(keep_id)

    def _highlight(self, keep: str | None) -> None:
        listing = self.listing
        first = None
        for index in range(listing.option_count):
            option = listing.get_option_at_index(index)
            if option.disabled or option.id is None:
                continue
            if first is None:
                first = index
            if keep and option.id.startswith(keep + ":"):
                listing.highlighted = index
                return
        listing.highlighted = first
        self.refresh_bindings()

    def _sync_conflicts(self) -> list[str]:
        """The fields the last syncs found changed on both machines, until dismissed."""
        paths = plan_of(self).paths if self._path is None else Paths(self._path)
        if not paths.sync_state.exists():
            return []  # never synced: no conflicts, and the sync code need not be imported
        from storage.datafile import DataFileError
        from storage.sync.conflicts import open_conflicts

        try:
            found = [c.to_json() for c in open_conflicts(paths)]
        except DataFileError:
            found = []
        if not found:
            return []
        lines = [ngettext("Sync: {n} field was changed on both machines (x: dismiss):",
                          "Sync: {n} fields were changed on both machines (x: dismiss):",
                          len(found)).format(n=len(found))]  # fmt: skip
        for c in found[:5]:
            lines.append(_("  {label}, {field}: kept {kept!r}, the other copy had {other!r}")
                         .format(label=one_line(str(c.get("label", ""))), field=c.get("field"),
                                 kept=c.get("kept"), other=c.get("other")))  # fmt: skip
        return lines

    def action_dismiss_conflicts(self) -> None:
        """Forget the sync conflicts shown."""
        from storage.sync.git import dismiss_conflicts

        count = dismiss_conflicts(plan_of(self).paths)
        self.notify(
            ngettext("{n} conflict dismissed.", "{n} conflicts dismissed.", count).format(n=count),
            markup=False,
        )
        self.reload()

    def current(self) -> model.Line | None:
        """The highlighted line, if any."""
        try:
            listing = self.listing
        except Exception:  # noqa: BLE001 - before compose
            return None
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return self.lines.get(option.id or "")

    @on(OptionList.OptionHighlighted, "#today-list")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#today-list")
    def _selected(self) -> None:
        self.action_act("open")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do not apply to the highlighted line are shown disabled (every key, in the
        moment the check-in is shown before the file is read)."""
        if not app_of(self).plan_open:
            return None
        if action == "act" and parameters:
            line = self.current()
            if line is None or line.kind not in ACTIONS_FOR.get(str(parameters[0]), set()):
                return None
            if parameters[0] == "browser" and not line.link:
                return None
        return True

    def action_move(self, step: int) -> None:
        """``j``/``k``: next or previous line."""
        if step > 0:
            self.listing.action_cursor_down()
        else:
            self.listing.action_cursor_up()

    def action_refresh(self) -> None:
        """Build the check-in again."""
        self.reload()

    def action_act(self, what: str) -> None:
        """Act on the highlighted line: open, done, publish, comment or browser."""
        line = self.current()
        if line is None or line.kind not in ACTIONS_FOR.get(what, set()):
            self.notify(_("That does not apply to this line."), severity="warning")
            return
        acts: dict[str, Callable[[model.Line], None]] = {
            "open": self._open,
            "done": self._done,
            "publish": self._publish,
            "comment": self._comment,
            "browser": self._browser,
        }
        acts[what](line)

    def _open(self, line: model.Line) -> None:
        tab = TAB_OF[line.kind]
        app_of(self).action_show_tab(tab)
        widget = app_of(self).tab_widget(tab)
        if widget is not None:
            self.call_after_refresh(self._reveal, widget, line)

    def _reveal(self, widget: Widget, line: model.Line, tries: int = 20) -> None:
        """Put the other tab on the line's record, as far as that tab lets us."""
        if not widget.is_mounted:  # a tab shown for the first time sets itself up first
            if tries:
                self.set_timer(0.05, lambda: self._reveal(widget, line, tries - 1))
            return
        if isinstance(widget, Reveals):
            widget.reveal(line.kind, line.id)
        elif line.kind in ("content", "promise") and line.day and isinstance(widget, HasDayCursor):
            widget.cursor = date.fromisoformat(line.day)

    def _done(self, line: model.Line) -> None:
        if line.kind == "task":
            from storage.phases import set_done

            if app_of(self).attempt(set_done, plan_of(self), line.id, True) is not None:
                self.notify(_("Done: {title}").format(title=line.title), markup=False)
        else:
            from storage.mentions import set_read

            app_of(self).attempt(set_read, plan_of(self), line.id, True)
        self.reload()

    def _publish(self, line: model.Line) -> None:
        from storage.calendar import change_occurrence, set_status

        plan = plan_of(self)
        if line.occurrence_of:  # one day of a series: publish that day alone
            key = date.fromisoformat(line.occurrence_of)
            done = app_of(self).attempt(
                change_occurrence, plan, line.id, key, today(), status="published"
            )
        else:
            done = app_of(self).attempt(set_status, plan, line.id, "published", today())
        if done is not None:
            self.notify(_("Published: {title}").format(title=line.title), markup=False)
        self.reload()

    def _comment(self, line: model.Line) -> None:
        from storage.calendar import log_comment
        from tui.shared.form import FieldsForm, FormField

        def check(values: dict[str, str]) -> object:
            return log_comment(
                plan_of(self), today(), values["where"], values["url"], values["note"], line.id
            )

        def saved(result: object | None) -> None:
            if result is not None:
                self.notify(_("Comment logged for {title}").format(title=line.title), markup=False)
                self.reload()

        fields = [
            FormField("where", _("Where (a blog, a forum, a profile)"), "", _("e.g. Ana's blog")),
            FormField("url", _("Link to the comment (optional)"), "", "https://…"),
            FormField("note", _("Note (optional)")),
        ]
        heading = _("A comment elsewhere, for {title}").format(title=line.title)
        self.app.push_screen(FieldsForm(heading, fields, check), saved)

    def _browser(self, line: model.Line) -> None:
        if line.link:
            self.app.open_url(line.link)

    def action_snapshot(self) -> None:
        """Take a metrics snapshot (in the Measure tab's entry form)."""
        app_of(self).action_show_tab("measure")
        widget = app_of(self).tab_widget("measure")
        if isinstance(widget, TakesSnapshots):
            self.call_after_refresh(widget.open_snapshot_form)
