"""The socialplan app: six tabs over one plan file. Kept thin: the tabs do the work."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import os
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from storage.datafile import Plan, Reservation, reserve_plan
from storage.datafile.errors import DataFileError, LockedError
from storage.errors import SocialPlanError
from storage.i18n import LANGUAGES, _, language
from storage.text import strip_controls
from tui.shared.context import AppContext
from tui.shared.footer import Footer
from tui.shared.title_bar import TitleBar

T = TypeVar("T")

WATCH_EVERY = 1.0
"""Seconds between two looks at the plan file for a change made outside the app (a ``stat``):
a task added from a shell shows within two seconds."""


@dataclass(frozen=True)
class TabSpec:
    """A tab: its id, title, and where its widget class lives (imported on first show)."""

    id: str
    title: str
    module: str
    cls: str


TABS = (
    TabSpec("today", _("Today"), "tui.today.tab", "TodayTab"),
    TabSpec("phases", _("Phases"), "tui.phases.tab", "PhasesTab"),
    TabSpec("guide", _("Guide"), "tui.guide.tab", "GuideTab"),
    TabSpec("calendar", _("Calendar"), "tui.calendar.tab", "CalendarTab"),
    TabSpec("mentions", _("Mentions"), "tui.mentions.tab", "MentionsTab"),
    TabSpec("measure", _("Measure"), "tui.measure.tab", "MeasureTab"),
)
"""The six tabs of PRODUCT.md, in order; keys 1-6 reach them."""


class SocialPlanApp(App[int]):
    """socialplan's app over one data file.

    Given an open :class:`Plan` (tests), it starts on it. Given a :class:`Reservation` (the
    ``socialplan`` command), it paints its first frame, then reads the file: a damaged one ends
    the app with :attr:`fatal` set, which ``run_app`` reports.
    """

    TITLE = "socialplan"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    BINDINGS = [
        *(
            Binding(
                str(n), f"show_tab('{spec.id}')", spec.title, id=f"app.tab.{spec.id}", show=False
            )
            for n, spec in enumerate(TABS, start=1)
        ),
        Binding("question_mark", "help", _("Help"), id="app.help"),
        Binding("q", "quit", _("Quit"), id="app.quit"),
        Binding(
            "ctrl+l", "language", _("Language: English / français"), id="app.language", show=False
        ),
        Binding(
            "ctrl+y", "sync", _("Sync with the other machines (git)"), id="app.sync", show=False
        ),
    ]

    plan: Plan
    """The open data file every tab works on (set once it is read)."""

    def __init__(self, plan: Plan | Reservation, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._reservation: Reservation | None = None
        if isinstance(plan, Reservation):
            self._reservation = plan
        else:
            self.plan = plan
        self.fatal: str | None = None
        """Why the data file could not be used (the app then ends with status 2)."""
        self._loaded: set[str] = set()
        self._unreadable_said: str | None = None
        self._read_early = False
        self.sub_title = plan.path.name

    @property
    def plan_open(self) -> bool:
        """Whether the data file has been read (tabs are built only then)."""
        return "plan" in self.__dict__

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar("◆", self.title, self.sub_title)
        with TabbedContent(initial=TABS[0].id):
            for n, spec in enumerate(TABS, start=1):
                yield TabPane(f"{n} {spec.title}", id=spec.id)
        yield Footer()

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.exit)
        if self.plan_open:
            self._start()

    @on(events.Ready)
    def _first_frame_painted(self) -> None:
        """Read the reserved data file now, then collect garbage again (the command starts
        without: see ``tui.cli.run``)."""
        reservation, self._reservation = self._reservation, None
        if reservation is not None and self._today_before_reading(reservation):
            return  # the file is read once Today is drawn (this runs again then)
        if reservation is not None:
            try:
                self.plan = reservation.open()
            except (DataFileError, LockedError) as error:
                self.fatal = str(error)
                self.exit(return_code=2)
            else:
                # Its records live as long as the app: the collector need never walk them again
                # (frozen before it is turned back on, which would walk them all at once).
                gc.freeze()
                self._start()
        gc.enable()

    def _today_before_reading(self, reservation: Reservation) -> bool:
        """Show Today at once when the check-in's view kept today's check-in, and read the file
        once it is drawn: the check-in is on screen a plan's read sooner. Once only; False
        when Today is not the tab shown or no check-in was kept (the file is read now)."""
        if self._read_early or self.active_tab != "today":
            return False
        self._read_early = True
        from storage.checkin_view import current_view, kept_checkin
        from storage.dates import today

        day = today()
        with contextlib.suppress(OSError, ValueError, TypeError):  # a cache: never in the way
            view = current_view(reservation.path, day)
            checkin = kept_checkin(view, day) if view is not None else None
            if checkin is not None:
                spec = TABS[0]
                widget = getattr(importlib.import_module(spec.module), spec.cls)(
                    first=checkin, path=reservation.path, drawn=partial(self._read, reservation)
                )
                self._loaded.add(spec.id)
                self.query_one(f"#{spec.id}", TabPane).mount(widget)
                return True
        return False

    def _read(self, reservation: Reservation) -> None:
        """Read the file now (Today was shown from the check-in's view before)."""
        self._reservation = reservation
        self._first_frame_painted()
        self.refresh_bindings()  # Today's keys apply from now on

    def _start(self) -> None:
        """The file is read: let commands change it meanwhile, save from now on without
        waiting, watch for outside changes, build the tab shown."""
        from storage.sync.files import merge_while_open

        try:
            self.plan.share(merge_while_open(self.plan.paths))
        except LockedError as error:  # another app has it open (a plan given by a test)
            self.fatal = str(error)
            self.exit(return_code=2)
            return
        self.plan.save_in_background(self._save_failed_in_thread)
        self.set_interval(WATCH_EVERY, self._watch_file, name="watch the plan")
        self._load_tab(self.active_tab)
        for message in self.plan.warnings:
            self.notify(strip_controls(message), severity="warning", timeout=10, markup=False)
        self.plan.warnings.clear()

    def on_unmount(self) -> None:
        """Leave nothing pending when the app ends (a failure is reported by ``run_app``), and
        keep the check-in's view of the plan as saved: the next start and the next shell
        check-in read it instead of the whole plan."""
        if self.plan_open:
            try:
                self.plan.flush()
            except OSError:
                return  # memory is ahead of the file: no view of it
            from storage.checkin_view import keep_view
            from storage.dates import today

            with contextlib.suppress(OSError, ValueError, TypeError):  # a cache: never in the way
                keep_view(self.plan, today())

    # -- changes made outside the app ----------------------------------------------------------

    def _watch_file(self) -> None:
        """About every second: has a command (or a save's merge) changed the plan? A ``stat``."""
        if self.plan.outside_change():
            self._take_outside_change()

    @work(thread=True, exclusive=True, group="outside", exit_on_error=False)
    def _take_outside_change(self) -> None:
        try:
            taken = self.plan.take_outside_change()
        except DataFileError as error:
            self.call_from_thread(self._outside_unreadable, strip_controls(str(error)))
            return
        if taken:
            self.call_from_thread(self.show_plan_again)

    def _outside_unreadable(self, said: str) -> None:
        if said != self._unreadable_said:  # once, not every second
            self._unreadable_said = said
            self.notify(said, title=_("Not saved yet"), severity="error", markup=False, timeout=15)

    def show_plan_again(self) -> None:
        """The plan changed under the tabs (a command, a sync): the tab shown reads it again;
        the others do when they are shown."""
        self._unreadable_said = None
        widget = self.tab_widget(self.active_tab)
        if widget is None:
            return
        again = getattr(widget, "plan_changed", None) or getattr(widget, "reload", None)
        if callable(again):
            again()

    def _load_tab(self, tab_id: str) -> Widget | None:
        """Build a tab's widget the first time it is shown (once the file is read)."""
        if not self.plan_open:
            return None  # a key typed ahead: the tab is built when the file is read
        pane = self.query_one(f"#{tab_id}", TabPane)
        if not pane.is_attached:
            return None  # the app is closing
        if tab_id in self._loaded:
            return pane.children[0] if pane.children else None
        spec = next(s for s in TABS if s.id == tab_id)
        self._loaded.add(tab_id)
        widget: Widget = getattr(importlib.import_module(spec.module), spec.cls)()
        pane.mount(widget)
        return widget

    def tab_widget(self, tab_id: str) -> Widget | None:
        """The widget of a tab (built now if it was not yet)."""
        return self._load_tab(tab_id)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self._load_tab(event.pane.id)

    def action_show_tab(self, tab_id: str) -> None:
        """Switch to a tab (keys 1-6)."""
        tabs = self.query_one(TabbedContent)
        tabs.active = tab_id
        self._load_tab(tab_id)
        self.call_after_refresh(self._focus_tab, tab_id)

    def _focus_tab(self, tab_id: str) -> None:
        pane = self.query_one(f"#{tab_id}", TabPane)
        for widget in pane.query("*"):
            if widget.focusable and widget.display:
                widget.focus()
                return

    @property
    def active_tab(self) -> str:
        """The id of the tab shown now."""
        return self.query_one(TabbedContent).active

    # -- help and palette -----------------------------------------------------------------------

    def _bindings_here(self, screen: Screen[Any]) -> list[tuple[str, Binding, Widget | App[Any]]]:
        """(section, binding, node) for the keys that work on the main screen now."""
        found: list[tuple[str, Binding, Widget | App[Any]]] = []
        seen: set[tuple[str, str]] = set()
        tab_title = next((s.title for s in TABS if s.id == self.active_tab), "")
        pane_widget = self._load_tab(self.active_tab)

        def add(section: str, binding: Binding, node: Widget | App[Any]) -> None:
            if not binding.description or (binding.key, section) in seen:
                return
            seen.add((binding.key, section))
            # Textual's own keys come with English descriptions: ours are already translated,
            # and looking a translated text up again leaves it as it is.
            described = replace(binding, description=_(binding.description))
            found.append((section, described, node))

        if pane_widget is not None:
            for binding in _all_bindings(pane_widget):
                add(tab_title, binding, pane_widget)
        for active in screen.active_bindings.values():
            node = active.node
            if node is self or not isinstance(node, Widget) or isinstance(node, Screen):
                continue
            add(tab_title, active.binding, node)
        for binding in _all_bindings(self):
            add(_("App"), binding, self)
        add(_("App"), Binding("ctrl+p", "command_palette", _("Command palette")), self)
        return found

    def action_help(self) -> None:
        """Show every key of the current tab and of the app."""
        from tui.shared.help import HelpEntry, HelpScreen  # not needed for the first frame

        entries = [
            HelpEntry(section, self.get_key_display(binding), binding.description)
            for section, binding, _node in self._bindings_here(self.screen)
        ]
        self.push_screen(HelpScreen(entries))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette reaches every action of the current tab and of the app."""
        for command in super().get_system_commands(screen):  # Textual's own, in English
            yield command._replace(title=_(command.title), help=_(command.help))
        if screen is not self.screen_stack[0]:
            return
        for section, binding, node in self._bindings_here(screen):
            if binding.action in {"command_palette", "quit", "help"}:
                continue
            yield SystemCommand(
                f"{section}: {binding.description}",
                _("key: {key}").format(key=self.get_key_display(binding)),
                partial(node.run_action, binding.action),
            )

    def action_sync(self) -> None:
        """Sync the plan (socialplan sync) without leaving the app: keys wait meanwhile."""
        from storage.sync.git import load_state

        if not load_state(self.plan.paths).get("remote"):
            self.notify(_("Sync is not set up: socialplan sync setup REMOTE (any git URL or "
                          "folder)."), severity="warning", markup=False)  # fmt: skip
            return
        from tui.shared.confirm import Busy

        self.push_screen(Busy(_("Syncing with the other machines…")))
        self._sync_in_thread()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_in_thread(self) -> None:
        from datetime import datetime

        from storage.sync.git import sync

        try:
            self.plan.flush()  # the app's changes on disk first: the sync sends them
            report = sync(self.plan.paths, datetime.now().astimezone())
            self.plan.take_outside_change()  # what came in (a save's merge would keep it too)
        except (SocialPlanError, OSError) as error:
            self.call_from_thread(self._synced, strip_controls(str(error)), False)
            return
        self.call_from_thread(
            self._synced,
            _(
                "Synced. Sent: {a} added, {c} changed, {r} removed. Received: {ra} added, {rc} "
                "changed, {rr} removed."
            ).format(
                a=report.sent[0],
                c=report.sent[1],
                r=report.sent[2],
                ra=report.received[0],
                rc=report.received[1],
                rr=report.received[2],
            ),
            True,
        )

    def _synced(self, said: str, done: bool) -> None:
        """Back on the UI thread: show the synced plan."""
        from tui.shared.confirm import Busy

        if isinstance(self.screen, Busy):
            self.pop_screen()
        if not done:
            self.notify(said, title=_("Not synced"), severity="error", markup=False)
            return
        self.show_plan_again()
        self.notify(said, markup=False)

    def action_language(self) -> None:
        """Switch the plan's language between English and French; it applies at the next start
        (the keys and tab names are made when the app starts)."""
        saved = self.plan.settings().get("language")
        current = saved if saved in LANGUAGES else language()
        new = "en" if current == "fr" else "fr"
        try:
            self.plan.update_settings(language=new)
        except (SocialPlanError, OSError) as error:
            self.notify(
                strip_controls(str(error)), title=_("Not saved"), severity="error", markup=False
            )
            return
        name = "français" if new == "fr" else "English"  # each language by its own name
        self.notify(
            _(
                "The plan's language is now {name}: it applies the next time socialplan starts."
            ).format(name=name),
            markup=False,
        )

    def _save_failed_in_thread(self, error: BaseException) -> None:
        """A background save failed: tell the user (the change is kept and retried)."""
        message = _("{error}. Your change is kept and will be saved with the next one.").format(
            error=strip_controls(str(error))
        )
        with contextlib.suppress(RuntimeError):  # the app may be closing
            self.call_from_thread(
                self.notify,
                message,
                title=_("Not saved yet"),
                severity="error",
                markup=False,
                timeout=15,
            )

    # -- saving safely --------------------------------------------------------------------------

    def attempt(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a storage call; a failure becomes a notification instead of a crash.

        Returns the call's result, or None when it failed (nothing was changed: storage restores
        its state when a save fails).
        """
        try:
            return action(*args, **kwargs)
        except (SocialPlanError, OSError, TypeError, ValueError) as error:
            self.notify(
                strip_controls(str(error)), title=_("Not saved"), severity="error", markup=False
            )
            return None


def _textual_words() -> None:  # pragma: no cover - for extraction only
    """The descriptions of Textual's own keys and palette commands that the help and the
    palette list, so that
    ``make catalog`` gives them a translation (:meth:`SocialPlanApp._bindings_here` looks them
    up by their English text)."""
    _("Theme")
    _("Change the current theme")
    _("Quit the application as soon as possible")
    _("Keys")
    _("Hide the keys and widget help panel")
    _("Show help for the focused widget and a summary of available keys")
    _("Minimize")
    _("Minimize the widget and restore to normal size")
    _("Maximize")
    _("Maximize the focused widget")
    _("Screenshot")
    _("Save an SVG 'screenshot' of the current screen")
    _("Bottom")
    _("Copy selected text")
    _("Cursor down")
    _("Cursor left")
    _("Cursor right")
    _("Cursor up")
    _("Cut selected text")
    _("Delete all to the right")
    _("Delete character left")
    _("Delete character right")
    _("End")
    _("First")
    _("Focus Next")
    _("Focus Previous")
    _("Go to end")
    _("Go to start")
    _("Home")
    _("Last")
    _("Move cursor left")
    _("Move cursor left a word")
    _("Next tab")
    _("Page Down")
    _("Page Left")
    _("Page Right")
    _("Page Up")
    _("Page down")
    _("Page up")
    _("Paste text from the clipboard")
    _("Previous tab")
    _("Scroll Down")
    _("Scroll End")
    _("Scroll Home")
    _("Scroll Left")
    _("Scroll Right")
    _("Scroll Up")
    _("Select")
    _("Select all")
    _("Select line end")
    _("Select line start")
    _("Show menu")
    _("Submit")
    _("Toggle")
    _("Toggle option")
    _("Top")
    _("select word")


def _all_bindings(node: Widget | App[Any]) -> list[Binding]:
    """Every binding a node declares, in declaration order."""
    return [b for group in node._bindings.key_to_bindings.values() for b in group]


def run_app(path: Path, app_class: type[SocialPlanApp] | None = None, **run_options: Any) -> int:
    """Run the app on a data file; a damaged or locked file exits 2 with one line.

    The lock is taken before anything is drawn; the file is read once the first frame is on
    screen. ``app_class`` and ``run_options`` (``headless``, ``size``) serve the start-up
    benchmark and the tests.
    """
    try:
        reservation = reserve_plan(path)
    except (DataFileError, LockedError) as error:
        print(f"socialplan: {error}", file=sys.stderr)
        return 2
    app = (app_class or SocialPlanApp)(reservation)
    try:
        app.run(**run_options)
    finally:
        if not app.plan_open:
            reservation.release()  # never read (ended early) or damaged (released already)
        else:
            try:
                app.plan.close()
            except OSError as error:
                rescue = _rescue(app.plan)
                print(
                    _("socialplan: could not save {file}: {error}; {rescue}").format(
                        file=app.plan.path, error=error, rescue=rescue
                    ),
                    file=sys.stderr,
                )
                return 2
    if app.fatal is not None:
        print(f"socialplan: {app.fatal}", file=sys.stderr)
        return 2
    return app.return_code or 0


def _rescue(plan: Plan) -> str:
    """Write the unsaved plan somewhere else; say where (or that it could not)."""
    import tempfile

    from storage.datafile import atomic_write, serialize

    target = Path(tempfile.gettempdir()) / f"{plan.path.name}.unsaved-{os.getpid()}.json"
    try:
        atomic_write(target, serialize(plan.snapshot()))
    except OSError as error:
        return _("the unsaved changes could not be rescued either ({error})").format(error=error)
    return _("the unsaved plan was written to {target}").format(target=target)


def _satisfies_context(app: SocialPlanApp) -> AppContext:
    """Never called: mypy checks here that widgets' typed view of the app matches the app."""
    return app
