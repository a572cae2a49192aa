"""The daily fetch when nothing changed: every feed asked, every feed answers "not modified".

Most days most feeds have not changed since the last fetch, and a fetch is a few dozen
conditional GETs each answered by a 304 in a millisecond. The full run
(``ingest.fetch_all``) costs more in start-up than in requests: the storage, TinyDB, orjson,
the parse pool's code and the cache, none of which a 304 needs. This does just the requests,
with the standard library and ``network.wire``:

1. what to ask, from the plan's feed records (read with the standard ``json``) and what each
   feed last answered (``fetchstate``);
2. every feed asked at once (``DEFAULT_WORKERS`` at a time) with its validators;
3. when every feed answered "not modified", the time of the fetch (and any new validators)
   written to ``fetchstate``, the only file a full run would have changed.

It takes the plan's lock like any writing command. At the first thing it cannot do, it
stops, writes nothing and returns ``None``; the full run then does the work and says what
happened, as if this had not been tried. That is: an app open on the plan, the lock held, a
plan it cannot read or of another version, a feed never fetched, whose last fetch failed or
that has nothing in the cache, a local feed file, a proxy, mentions due for pruning, and any
answer but a 304 (a changed feed, a redirect, an error, or no answer within
:data:`PATIENCE`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import storage.mentions.fetchstate as fetchstate
from storage.datafile import SCHEMA_VERSION, FileLock, LockedError, Paths, held_elsewhere
from storage.mentions.network import DEFAULT_WORKERS, wire

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)
if TYPE_CHECKING:
    from typing import Any

PATIENCE = 3.0
"""Seconds a feed has to answer here; a slower one is left to the full run (with its deadline)."""

Progress = Callable[[int, int, str], None]
"""``progress(done, total, feed_name)``, called from the caller's thread."""


class QuickRun:
    """A fetch done here: every feed answered "not modified"."""

    def __init__(self, feeds: int, language: str | None) -> None:
        self.feeds = feeds
        """How many feeds were asked."""
        self.language = language
        """The plan's language setting (``None``: not set)."""


class _Job:
    __slots__ = ("answer", "feed_id", "known", "name", "source")

    def __init__(self, feed_id: int, name: str, source: str, known: dict[str, Any]) -> None:
        self.feed_id = feed_id
        self.name = name
        self.source = source
        self.known = known
        self.answer: tuple[str | None, str | None] | None = None
        """The validators of a 304 (None until the feed answered one)."""


def _plan(data: Path) -> dict[str, Any] | None:
    """The plan's tables, or None when the file cannot be used here."""
    try:
        tables = json.loads(data.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(tables, dict):
        return None
    meta = tables.get("meta")
    if not isinstance(meta, dict) or len(meta) != 1:
        return None
    (record,) = meta.values()
    if not isinstance(record, dict) or record.get("schema") != SCHEMA_VERSION:
        return None
    return tables


def _settings(tables: dict[str, Any]) -> dict[str, Any]:
    settings = tables.get("settings")
    if isinstance(settings, dict) and settings:
        first = next(iter(settings.values()))
        if isinstance(first, dict):
            return first
    return {}


def _jobs(tables: dict[str, Any], state: fetchstate.State) -> list[_Job] | None:
    """A job per feed, each with validators to send; None when a feed needs the full run."""
    feeds = tables.get("feeds")
    if not isinstance(feeds, dict) or not feeds:
        return None
    jobs = []
    proxies = wire.proxy_settings()
    for key, record in feeds.items():
        if not isinstance(record, dict) or not key.isdigit() or record.get("kind") == "file":
            return None
        source = str(record.get("source", ""))
        known = fetchstate.entry(state, int(key), source)
        if (
            known is None
            or known.get("last_error")
            or not known.get("cached")
            or not (known.get("etag") or known.get("last_modified"))
            or not source.lower().startswith(("http://", "https://"))
            or wire.proxy_for(source, proxies)
        ):
            return None
        jobs.append(_Job(int(key), str(record.get("name", "")), source, known))
    return jobs


def _pruning_due(state: fetchstate.State, settings: dict[str, Any], now: float) -> bool:
    """Whether a mention out of its feed is older than the retention (the full run prunes it)."""
    first = state.get("prune_from")
    if not first:
        return False
    try:
        days = int(settings.get("retention_days") or fetchstate.RETENTION_DAYS)
    except (TypeError, ValueError):
        return True
    # As ingest writes first sightings (UTC, ISO, to the second); time.strftime spares the
    # import of datetime.
    cutoff = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now - days * 86400))
    return bool(first < cutoff)


def _ask(jobs: list[_Job], failed: threading.Event, done: list[_Job]) -> None:
    """Ask the feeds of ``jobs`` not yet taken, one at a time, until none is left or one fails."""
    while not failed.is_set():
        try:
            job = jobs.pop()
        except IndexError:
            return
        etag, modified = job.known.get("etag"), job.known.get("last_modified")
        headers = wire.request_headers(etag, modified)
        try:
            with wire.get(job.source, headers, ends_at=time.monotonic() + PATIENCE,
                          should_stop=failed.is_set) as response:  # fmt: skip
                if response.status_code != 304:
                    failed.set()
                    return
                answer = response.headers
        except (wire.WireError, OSError, ValueError):
            failed.set()
            return
        job.answer = (answer.get("etag") or etag, answer.get("last-modified") or modified)
        done.append(job)


def quick_fetch(data: Path, progress: Progress | None = None) -> QuickRun | None:
    """Fetch every feed of the plan in ``data`` if each answers "not modified"; else None,
    having changed nothing (the full run does it)."""
    paths = Paths(data)
    if not paths.mentions.exists() or held_elsewhere(paths.app_lock) is not None:
        return None
    state = fetchstate.read(paths.mentions_fetch)
    if not state["feeds"]:
        return None
    lock = FileLock(paths.lock, data)
    try:
        lock.acquire()
    except LockedError:
        return None
    try:
        tables = _plan(data)
        if tables is None:
            return None
        settings = _settings(tables)
        jobs = _jobs(tables, state)
        if jobs is None or _pruning_due(state, settings, time.time()):
            return None
        if not _ask_all(jobs, progress):
            return None
        when = time.strftime("%Y-%m-%dT%H:%M:%S")  # local time, as ingest writes it
        for job in jobs:
            assert job.answer is not None
            job.known["etag"], job.known["last_modified"] = job.answer
            job.known["last_fetch"] = when
        fetchstate.write(paths.mentions_fetch, state)
    finally:
        lock.release()
    language = settings.get("language")
    return QuickRun(len(jobs), language if isinstance(language, str) and language else None)


def _ask_all(jobs: list[_Job], progress: Progress | None) -> bool:
    """Ask every feed; True when each answered "not modified"."""
    todo = list(reversed(jobs))  # popped from the end: asked in the plan's order
    failed = threading.Event()
    done: list[_Job] = []
    workers = [
        threading.Thread(target=_ask, args=(todo, failed, done), daemon=True,
                         name="socialplan-quick-fetch")
        for _ in range(min(DEFAULT_WORKERS, len(jobs)))
    ]  # fmt: skip
    for worker in workers:
        worker.start()
    shown = 0
    for worker in workers:
        while worker.is_alive():
            worker.join(0.1)
            if progress is not None and len(done) > shown:
                shown = len(done)
                progress(shown, len(jobs), done[shown - 1].name)
    if progress is not None and len(done) > shown:
        progress(len(done), len(jobs), done[-1].name)
    return not failed.is_set() and len(done) == len(jobs)
