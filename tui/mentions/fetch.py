"""The fetch row of the Mentions tab: a progress bar, and the fetch run behind it.

The run sits in a daemon thread watched by a thread worker: a feed that never answers keeps only
that daemon thread busy, so the app answers keys throughout and quits at once.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from storage import mentions as store
from storage.datafile import Plan
from storage.i18n import _
from storage.text import one_line

TICK = 0.1
"""Seconds between looks at whether the app wants the worker to stop."""


class FetchBar(Horizontal):
    """Hidden until a fetch runs; then a progress bar and the feed just done."""

    DEFAULT_CSS = """
    FetchBar { height: 1; display: none; }
    FetchBar.running { display: block; }
    FetchBar > Static { width: 1fr; padding-left: 1; }
    """

    class Progress(Message):
        """A fetch run moved on: ``done`` of ``total`` feeds, the last one named."""

        def __init__(self, done: int, total: int, name: str) -> None:
            super().__init__()
            self.done = done
            """Feeds finished so far."""
            self.total = total
            """Feeds in this run."""
            self.feed_name = name
            """The feed just finished (untrusted)."""

    class Done(Message):
        """A fetch run ended: how many new mentions, and a line per failed feed."""

        def __init__(self, new: int, errors: list[str]) -> None:
            super().__init__()
            self.new = new
            """New mentions stored."""
            self.errors = errors
            """One line per feed that failed (untrusted text inside)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cancel = threading.Event()

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=False)
        yield Static(Text(""))

    @property
    def running(self) -> bool:
        """Whether a fetch is under way."""
        return any(w.group == "mentions-fetch" and w.is_running for w in self.workers)

    def start(self, plan: Plan) -> None:
        """Fetch every feed of ``plan`` in the background; ``Done`` is posted at the end."""
        self.add_class("running")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one(Static).update(Text(_("Fetching…")))
        self._cancel = threading.Event()
        self._fetch(plan, self._cancel)

    @work(thread=True, exclusive=True, group="mentions-fetch", exit_on_error=False)
    def _fetch(self, plan: Plan, cancel: threading.Event) -> None:
        """Run the fetch in a daemon thread and wait for it, giving up when cancelled."""
        worker = get_current_worker()
        reports: list[store.FetchReport] = []
        failures: list[Exception] = []

        def progress(done: int, total: int, name: str) -> None:
            if cancel.is_set():
                return
            try:
                self.post_message(self.Progress(done, total, name))
            except RuntimeError:  # the app has closed its loop: nobody to tell
                cancel.set()

        def run() -> None:
            try:
                reports.append(store.fetch_all(plan, progress=progress, cancel=cancel))
            except Exception as error:  # reported, never fatal
                failures.append(error)

        thread = threading.Thread(target=run, name="socialplan-fetch", daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(TICK)
            if worker.is_cancelled:
                cancel.set()
                return
        if failures:
            self.post_message(self.Done(0, [str(failures[0])]))
        elif reports:
            self.post_message(self.Done(reports[0].new, list(reports[0].errors)))
        else:
            self.post_message(self.Done(0, []))

    def on_unmount(self) -> None:
        self._cancel.set()

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        message.stop()
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        label = _("{done}/{total} feeds · {name}").format(
            done=message.done, total=message.total, name=one_line(message.feed_name, 40)
        )
        self.query_one(Static).update(Text(label))

    @on(Done)
    def _done(self) -> None:
        self.remove_class("running")
