"""Parse feed bodies in worker processes, so a fetch run parses on every core.

Parsing holds the GIL, so the runner's threads download in parallel but parse one at a time.
Bodies are handed to a small process pool instead, started once per process and reused. When
the process has a single thread (the command line, as a run starts), the workers are forked at
once from it: they keep what it has imported and load the parser in parallel. Otherwise (the
app, which has threads, where forking is unsafe) the pool is started from a ``forkserver``
context: the fork server is a fresh single-threaded process that has already imported
feedparser, which costs it about a quarter of a second. A forked pool takes bodies at once
(they wait in its queue while the workers load the parser); a fork-server pool warms up while
the first feeds download. Until it is ready, or where neither way exists (Windows), or with
``SOCIALPLAN_PARSE_PROCESSES=0``, bodies are parsed in the fetching thread as before.

A parse that is abandoned (cancelled, or past its allowance) gets the pool killed, so a hostile
feed never keeps a worker busy nor the process from exiting; other bodies waiting on that pool
are parsed in their own thread instead, and the next run starts a new pool.

A process that leaves while its pool is still starting first lets the start finish, then shuts
the pool down: a worker the fork server was still spawning would otherwise look for semaphores
the leaving process had already removed and print a traceback on the user's terminal
(``FileNotFoundError`` in ``SemLock._rebuild``).

Workers a fork server starts import the main module as multiprocessing does; a main script
without the ``if __name__ == "__main__":`` guard would run again in each of them, so then no
fork-server pool is used.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from storage.mentions.network.fetch import FetchError
from storage.mentions.network.parse import ParsedFeed, load_feedparser, parse_feed

if TYPE_CHECKING:  # multiprocessing and concurrent.futures load only when a pool is wanted
    from concurrent.futures import Future, ProcessPoolExecutor

ENV_VAR = "SOCIALPLAN_PARSE_PROCESSES"
"""Worker processes for parsing; 0 parses in the fetching threads."""
START_TIMEOUT = 30.0
"""Seconds the pool may take to start before it is given up for this process."""
_TICK = 0.05

_LOCK = threading.Lock()
_POOL: ProcessPoolExecutor | None = None
_STARTING = False
_FAILED = False
_BUSY: set[Future[ParsedFeed]] = set()
_SETTLE_REGISTERED = False
_OWNER = os.getpid()
"""The process whose pool this is: a forked worker inherits the exit hook, never runs it."""


def workers() -> int:
    """How many worker processes to use (0: none)."""
    value = os.environ.get(ENV_VAR, "")
    if value.strip().isdigit():
        return int(value)
    return min(os.cpu_count() or 1, 4) if (os.cpu_count() or 1) > 1 else 0


def _main_is_safe() -> bool:
    """True when the workers can import the main module without running the program again."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        return True  # ``python -m``: multiprocessing skips ``*.__main__``, imports others guarded
    path = getattr(main, "__file__", None)
    if path is None:
        return True  # interactive or ``-c``: nothing to import
    try:
        with open(path, "rb") as handle:
            source = handle.read(1_000_000)
    except OSError:
        return False
    return b'__name__ == "__main__"' in source or b"__name__ == '__main__'" in source


def _init_worker() -> None:
    """Quiet workers: nothing they print may reach the app's terminal; Ctrl+C is the parent's."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _ready() -> bool:
    """Loaded and able to parse (a forked worker imports the parser here, all at once)."""
    load_feedparser()  # loaded before the first body, not with it
    return True


def _alone() -> bool:
    """True when this is the main thread and no other runs: forking is safe here."""
    return threading.current_thread() is threading.main_thread() and threading.active_count() == 1


def _parse_in_worker(body: bytes, url: str, content_type: str, now: datetime | None) -> ParsedFeed:
    return parse_feed(body, url, content_type, now)


def warm_up() -> None:
    """Start the pool in the background (once per process); returns at once."""
    global _STARTING
    with _LOCK:
        if _POOL is not None or _STARTING or _FAILED or workers() < 1:
            return
        import concurrent.futures.process  # noqa: F401 - before our exit hook: see below
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        forking = "fork" in methods and _alone()
        if not forking and ("forkserver" not in methods or not _main_is_safe()):
            return
        _STARTING = True
        global _SETTLE_REGISTERED
        if not _SETTLE_REGISTERED:
            global _OWNER
            _OWNER = os.getpid()
            # Runs when the main thread ends, before concurrent.futures stops its pools.
            threading._register_atexit(_settle_at_exit)  # type: ignore[attr-defined]
            _SETTLE_REGISTERED = True
    if not forking:
        threading.Thread(target=_start, name="socialplan-parse-pool", daemon=True).start()
        return
    # The command line asks before its first thread: the workers are forked here at once
    # (about 5 ms, no fork server) and import the parser in parallel, each on its core, while
    # this process starts the downloads: importing it here first, once, kept the downloads
    # waiting for it (a fifth of the time to the first parse) while the other core idled.
    pool: ProcessPoolExecutor | None = None
    try:
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        count = workers()
        pool = ProcessPoolExecutor(count, mp_context=context, initializer=_init_worker)
        for _ in range(count):  # the first forks every worker, here, before any thread exists
            pool.submit(_ready)
    except Exception:  # noqa: BLE001 - no pool: parse in threads, as without one
        _started(pool, failed=True)
        return
    # Forked workers are ready as soon as they run: the pool is handed out now. Waiting for
    # them to answer first had the first bodies parsed here, holding the lock every download
    # needs, while the workers sat idle. A worker that dies breaks the pool, and each body it
    # had is parsed in its thread instead (see ``parse``).
    _started(pool, failed=False)


def _settle_at_exit() -> None:
    """Let a pool that is starting finish, then shut it down (see the module's notes)."""
    if os.getpid() != _OWNER:
        return  # a forked worker leaving: the pool, and its start, are its parent's
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        with _LOCK:
            if not _STARTING:
                break
        time.sleep(_TICK / 5)
    with _LOCK:
        pool = _POOL
    if pool is None:
        return
    if any(not f.done() for f in _BUSY):
        _kill(pool)  # still parsing for a run nobody waits for
        return
    with contextlib.suppress(Exception):
        pool.shutdown(wait=True, cancel_futures=True)


def _start() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool: ProcessPoolExecutor | None = None
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["feedparser", "storage.mentions.network.parse"])
        count = workers()
        pool = ProcessPoolExecutor(count, mp_context=context, initializer=_init_worker)
        ready = [pool.submit(_ready) for _ in range(count)]
    except Exception:  # noqa: BLE001 - no pool: parse in threads, as without one
        _started(pool, failed=True)
        return
    _await(pool, ready)


def _await(pool: ProcessPoolExecutor, ready: list[Future[bool]]) -> None:
    """Wait until every worker answered, then hand the pool out."""
    try:
        for future in ready:
            future.result(timeout=START_TIMEOUT)
    except Exception:  # noqa: BLE001 - no pool: parse in threads, as without one
        _started(pool, failed=True)
        return
    _started(pool, failed=False)


def _started(pool: ProcessPoolExecutor | None, *, failed: bool) -> None:
    global _POOL, _STARTING, _FAILED
    if failed and pool is not None:
        _kill(pool)
    with _LOCK:
        _STARTING = False
        _POOL = None if failed else pool
        _FAILED = failed


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once, killing workers that are still parsing."""
    global _POOL
    with _LOCK:
        if _POOL is pool:
            _POOL = None
    processes = getattr(pool, "_processes", None) or {}  # CPython keeps them there
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.kill()
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)


def kill_if_busy() -> None:
    """Kill the pool when it is still parsing something (a run was cancelled or gave up)."""
    with _LOCK:
        pool = _POOL if any(not f.done() for f in _BUSY) else None
    if pool is not None:
        _kill(pool)


def parse(
    body: bytes,
    url: str,
    content_type: str,
    now: datetime | None,
    should_stop: Callable[[], bool],
) -> ParsedFeed:
    """Parse a body in the pool when it is ready, else here.

    Raises:
        FeedParseError: the body holds no feed we can read.
        FetchError: "cancelled" when ``should_stop`` turned true while a worker was parsing.
    """
    with _LOCK:
        pool = _POOL
    if pool is None:
        return parse_feed(body, url, content_type, now)
    from concurrent.futures import CancelledError
    from concurrent.futures.process import BrokenProcessPool

    try:
        future = pool.submit(_parse_in_worker, body, url, content_type, now)
    except (RuntimeError, BrokenProcessPool):
        return parse_feed(body, url, content_type, now)
    with _LOCK:
        _BUSY.add(future)
    try:
        while True:
            try:
                return future.result(timeout=_TICK)
            except TimeoutError:
                if should_stop():
                    _kill(pool)
                    raise FetchError("cancelled") from None
            except (BrokenProcessPool, CancelledError):
                if should_stop():
                    raise FetchError("cancelled") from None
                return parse_feed(body, url, content_type, now)  # killed for another feed
    finally:
        with _LOCK:
            _BUSY.discard(future)
