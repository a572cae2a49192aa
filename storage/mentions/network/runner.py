"""Fetch and parse many feeds in parallel, with progress and cooperative cancellation.

Each feed runs in its own daemon thread (at most ``workers`` at once), so a feed that hangs can
neither block the others nor keep the process alive at exit. The runner itself only waits in
short steps: it notices a cancel request or a feed past its deadline within a tenth of a second.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from storage.mentions.network import DEFAULT_DEADLINE, DEFAULT_WORKERS
from storage.mentions.network.fetch import (
    DEFAULT_MAX_BYTES,
    Download,
    FetchError,
    fetch_url,
    read_file,
)

if TYPE_CHECKING:  # the parser and its pool load with the first body to parse, not before:
    # a run where every feed answers "not modified" needs neither
    from storage.mentions.network.parse import ParsedFeed

PARSE_ALLOWANCE = 30.0
"""Seconds a downloaded body may take to parse before the feed is given up."""
_TICK = 0.1

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, feed_name)`` after each feed, from the runner's thread."""


@dataclass(frozen=True)
class FeedJob:
    """One feed to fetch."""

    feed_id: int
    """The feed's id in the data file."""
    name: str
    """Shown in progress and errors."""
    source: str
    """URL or local path."""
    kind: str = "url"
    """``"url"`` or ``"file"`` (a path the user added)."""
    etag: str | None = None
    """ETag from the last fetch."""
    last_modified: str | None = None
    """Last-Modified from the last fetch."""


@dataclass(frozen=True)
class FeedOutcome:
    """What happened to one feed."""

    job: FeedJob
    """The feed."""
    parsed: ParsedFeed | None = None
    """Entries, when the feed was fetched and parsed."""
    not_modified: bool = False
    """True when the server answered 304 (nothing parsed, entries unchanged)."""
    error: str | None = None
    """Why the feed failed, for the user."""
    etag: str | None = None
    """ETag to keep."""
    last_modified: str | None = None
    """Last-Modified to keep."""

    @property
    def ok(self) -> bool:
        """True unless the feed failed."""
        return self.error is None


def _parse(download: Download, now: datetime | None, should_stop: Callable[[], bool]) -> ParsedFeed:
    """Parse a body (in the pool when it is up); a body that is no feed is a :class:`FetchError`."""
    from storage.mentions.network import pool
    from storage.mentions.network.parse import FeedParseError

    try:
        return pool.parse(download.body, download.url, download.content_type, now, should_stop)
    except FeedParseError as error:
        raise FetchError(str(error)) from error


def _warm_up() -> None:
    from storage.mentions.network import pool

    pool.warm_up()


def _several(jobs: Sequence[FeedJob]) -> bool:
    return len(jobs) > 1 and any(job.kind == "url" for job in jobs)


def expect_bodies(jobs: Sequence[FeedJob]) -> None:
    """Start the parse pool now when a feed asked without validators will bring a body.

    Called before any thread of the run exists, the command line can then fork its workers at
    once (see ``pool``); otherwise the pool starts with the first body to parse.
    """
    if _several(jobs) and any(
        job.kind == "url" and not (job.etag or job.last_modified) for job in jobs
    ):
        _warm_up()


def fetch_one(
    job: FeedJob,
    *,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    should_stop: Callable[[], bool] = lambda: False,
    now: datetime | None = None,
    downloaded: Callable[[], None] = lambda: None,
    body_to_parse: Callable[[], None] = lambda: None,
) -> FeedOutcome:
    """Fetch and parse one feed; every failure becomes an outcome with an error."""
    try:
        if job.kind == "file":
            download: Download = read_file(job.source, max_bytes)
        else:
            download = fetch_url(
                job.source,
                etag=job.etag,
                last_modified=job.last_modified,
                deadline=deadline,
                max_bytes=max_bytes,
                should_stop=should_stop,
            )
        if download.not_modified:  # done at once: no need to tell the runner it downloaded
            return FeedOutcome(
                job,
                not_modified=True,
                etag=download.etag,
                last_modified=download.last_modified,
            )
        downloaded()
        body_to_parse()
        parsed = _parse(download, now, should_stop)
        return FeedOutcome(
            job, parsed=parsed, etag=download.etag, last_modified=download.last_modified
        )
    except FetchError as error:
        return FeedOutcome(job, error=str(error), etag=job.etag, last_modified=job.last_modified)
    except Exception as error:  # noqa: BLE001 - one feed's failure never ends the run
        message = f"{type(error).__name__}: {error}"
        return FeedOutcome(job, error=message, etag=job.etag, last_modified=job.last_modified)


def fetch_jobs(
    jobs: Sequence[FeedJob],
    *,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> list[FeedOutcome]:
    """Fetch every job; return one outcome per job, in job order.

    A feed past its deadline is reported as failed at once (its thread is abandoned and ends on
    its own). When ``cancel`` is set the run stops within a tick and the feeds not finished get
    a "cancelled" error.
    """
    stop = cancel or threading.Event()
    # Parse in worker processes once they are up, started by the first body that must be parsed
    # (starting hides behind the other downloads). A daily run where every feed answers "not
    # modified" parses nothing and never pays for the pool.
    body_to_parse = _warm_up if _several(jobs) else (lambda: None)
    expect_bodies(jobs)
    results: queue.Queue[tuple[int, str, FeedOutcome | None]] = queue.Queue()
    pending = list(range(len(jobs)))
    pending.reverse()
    active: dict[int, float] = {}
    outcomes: dict[int, FeedOutcome] = {}
    abandoned: dict[int, threading.Event] = {}
    parsing: set[int] = set()
    gave_up = False

    def report(index: int, outcome: FeedOutcome) -> None:
        outcomes[index] = outcome
        if progress is not None:
            with contextlib.suppress(Exception):  # a broken display never loses the run
                progress(len(outcomes), len(jobs), jobs[index].name)

    def work(index: int, abort: threading.Event) -> None:
        outcome = fetch_one(
            jobs[index],
            deadline=deadline,
            max_bytes=max_bytes,
            should_stop=lambda: stop.is_set() or abort.is_set(),
            now=now,
            downloaded=lambda: results.put((index, "downloaded", None)),
            body_to_parse=body_to_parse,
        )
        results.put((index, "done", outcome))

    while (pending or active) and not stop.is_set():
        while pending and len(active) < max(workers, 1):
            index = pending.pop()
            abort = threading.Event()
            abandoned[index] = abort
            active[index] = time.monotonic() + deadline + 0.5
            name = f"socialplan-fetch-{index}"
            threading.Thread(target=work, args=(index, abort), name=name, daemon=True).start()
        try:
            index, what, outcome = results.get(timeout=_TICK)
        except queue.Empty:
            pass
        else:
            if index in active:
                if what == "downloaded":
                    active[index] = time.monotonic() + PARSE_ALLOWANCE
                    parsing.add(index)
                elif outcome is not None:
                    del active[index]
                    report(index, outcome)
        moment = time.monotonic()
        for index, limit in list(active.items()):
            if moment > limit:
                del active[index]
                abandoned[index].set()
                gave_up = True
                job = jobs[index]
                report(
                    index,
                    FeedOutcome(
                        job,
                        error=(
                            f"parsing took longer than {PARSE_ALLOWANCE:g} s"
                            if index in parsing
                            else f"no complete answer within {deadline:g} s"
                        ),
                        etag=job.etag,
                        last_modified=job.last_modified,
                    ),
                )
    unfinished = [index for index in range(len(jobs)) if index not in outcomes]
    for index in unfinished:
        if index in abandoned:
            abandoned[index].set()
        job = jobs[index]
        outcomes[index] = FeedOutcome(
            job, error="cancelled", etag=job.etag, last_modified=job.last_modified
        )
    if (gave_up or unfinished) and "storage.mentions.network.pool" in sys.modules:
        from storage.mentions.network import pool

        pool.kill_if_busy()  # no worker keeps parsing a feed nobody waits for
    return [outcomes[index] for index in range(len(jobs))]
