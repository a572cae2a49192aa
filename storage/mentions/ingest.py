"""One fetch run, read top to bottom: download, guard, parse, clean, store, match, digest.

:func:`fetch_all` runs the stages in order; each hands its result to the next:

1. :func:`jobs_for`: what to fetch, from the feed registry, with each feed's validators. The
   cache is read while the feeds download; a feed that answered "not modified" with nothing
   cached is fetched again without them.
2. ``network.runner.fetch_jobs``: for every feed, in parallel, download it (``network.fetch``:
   deadline, size cap, conditional GET), guard against entity bombs (``network.guard``), parse
   it in the worker processes of ``network.pool`` (``network.parse``) and clean its entries
   (``network.sanitize``). One ``FeedOutcome`` per feed; a cancelled run stops here and
   stores nothing.
3. :func:`store_outcomes`: compare the outcomes with the cache (new entries, changed ones,
   ones gone from their feed, old ones past retention) and write them in one change of the
   cache (``watch.changing``); when that change ends, once, the written records get their
   watch words, the cache a new stamp and the check-in its digest. Last, each feed's answer
   (validators, time, error, count) goes to ``fetchstate`` beside the cache, and a feed still
   named after its address takes its title (``feeds.take_title``), the only change to the plan.

Retention: an unstarred mention that has dropped out of its feed and was first seen more than
``retention_days`` ago (a setting, 90 by default) is pruned. A mention still in its feed is kept
whatever its date; starred mentions have a copy in the data file that is never pruned.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import storage.mentions.fetchstate as fetchstate
from storage.datafile import Plan
from storage.mentions.feeds import Feed, forget_old_answers, monitored, take_title
from storage.mentions.network import DEFAULT_DEADLINE, DEFAULT_WORKERS
from storage.mentions.network.fetch import DEFAULT_MAX_BYTES
from storage.mentions.network.runner import (
    FeedJob,
    FeedOutcome,
    Progress,
    expect_bodies,
    fetch_jobs,
)
from storage.mentions.watch import Change, Ident, changing, ident_of, records
from storage.text import one_line


@dataclass(frozen=True)
class FeedResult:
    """How one feed did in a run."""

    feed_id: int
    """The feed."""
    name: str
    """Its name."""
    status: str
    """``"ok"``, ``"not modified"`` or ``"error"``."""
    new: int = 0
    """Mentions it brought that were not cached before."""
    count: int | None = None
    """Entries in the feed now (None when unknown)."""
    error: str | None = None
    """Why it failed."""

    def to_json(self) -> dict[str, Any]:
        """The command line's JSON record."""
        return {
            "id": self.feed_id,
            "name": self.name,
            "status": self.status,
            "new": self.new,
            "count": self.count,
            "error": self.error,
        }


@dataclass(frozen=True)
class FetchReport:
    """What a fetch run did."""

    feeds: list[FeedResult] = field(default_factory=list)
    """One result per feed, in the order fetched."""
    pruned: int = 0
    """Old mentions removed by the retention rule."""
    cancelled: bool = False
    """True when the run was cancelled (nothing was stored)."""

    @property
    def new(self) -> int:
        """New mentions stored."""
        return sum(result.new for result in self.feeds)

    @property
    def errors(self) -> list[str]:
        """One line per failed feed: ``name: why``."""
        return [f"{r.name}: {r.error}" for r in self.feeds if r.status == "error"]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


# -- what to fetch -------------------------------------------------------------------------------


def jobs_for(plan: Plan, feed_ids: Sequence[int] | None = None) -> list[FeedJob]:
    """The fetch jobs of every feed (or of the given ones), with the validators of the last fetch.

    The cache is not read here: :func:`fetch_all` reads it while the feeds download, and
    fetches again in full a feed that answered "not modified" with nothing in the cache (new,
    or the cache was lost), so a 304 cannot leave it empty.
    """
    jobs = []
    for feed in monitored(plan):
        if feed_ids is not None and feed.id not in feed_ids:
            continue
        jobs.append(
            FeedJob(
                feed_id=feed.id,
                name=feed.name,
                source=feed.source,
                kind=feed.kind,
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
        )
    return jobs


def _cached_feeds(plan: Plan) -> set[int]:
    """The feeds with at least one record in the cache."""
    return {int(doc.get("feed", 0)) for doc in records(plan).values()}


# -- store: the outcomes against the cache, written in one change --------------------------------


@dataclass
class _Writes:
    """A run's outcomes as changes to the cache, worked out before anything is written."""

    results: list[FeedResult] = field(default_factory=list)
    """One per outcome, in order."""
    updates: dict[Ident, dict[str, Any]] = field(default_factory=dict)
    """Fields to set on cached records."""
    ids: dict[Ident, int] = field(default_factory=dict)
    """The record id of each update."""
    texts: list[int] = field(default_factory=list)
    """Ids of the cached records whose text the run writes (they are in their feed)."""
    fresh: list[dict[str, Any]] = field(default_factory=list)
    """New records."""
    pruned: list[int] = field(default_factory=list)
    """Records past retention, removed."""

    def write(self, plan: Plan, change: Change) -> None:
        """Write the changes; tell ``change`` whose text was written (their words are matched).

        A run that changes nothing (every feed unchanged or failed, nothing past retention)
        leaves the cache, its stamp and the check-in's digest as they were.
        """
        if not (self.updates or self.fresh or self.pruned or self.texts):
            change.leave_unchanged()
            return
        table = plan.mentions_table()
        if self.updates:
            updates = self.updates

            def apply(doc: MutableMapping[str, Any]) -> None:
                doc.update(updates[ident_of(doc)])

            table.update(apply, doc_ids=list(self.ids.values()))
        if self.fresh:
            change.match(table.insert_multiple(self.fresh))
        if self.pruned:
            table.remove(doc_ids=self.pruned)
        change.match(self.texts)


def _compare(
    cached: Mapping[str, Mapping[str, Any]],
    outcomes: Sequence[FeedOutcome],
    starred: set[Ident],
    stamp: str,
    cutoff: str,
) -> _Writes:
    """What the outcomes change in the cache (``stamp``: now; ``cutoff``: retention's limit)."""
    by_feed: dict[int, dict[str, tuple[int, bool]]] = {}  # key -> (id, in its feed before)
    for number, doc in cached.items():
        feed_id, key = ident_of(doc)
        by_feed.setdefault(feed_id, {})[key] = (int(number), bool(doc.get("in_feed", True)))
    writes = _Writes()
    for outcome in outcomes:
        job = outcome.job
        if outcome.error is not None:
            writes.results.append(FeedResult(job.feed_id, job.name, "error", error=outcome.error))
            continue
        if outcome.parsed is None:
            writes.results.append(FeedResult(job.feed_id, job.name, "not modified"))
            continue
        known = by_feed.get(job.feed_id, {})
        seen: set[str] = set()
        new = 0
        for entry in outcome.parsed.entries:
            seen.add(entry.key)
            fields: dict[str, Any] = {
                "title": entry.title,
                "link": entry.link,
                "published": entry.published,
                "summary": entry.summary,
                "author": entry.author,
                "last_seen": stamp,
                "in_feed": True,
            }
            found = known.get(entry.key)
            if found is None:
                new += 1
                fresh = {"feed": job.feed_id, "key": entry.key, **fields}
                writes.fresh.append({**fresh, "first_seen": stamp, "read": False})
            else:
                ident = (job.feed_id, entry.key)
                writes.updates[ident], writes.ids[ident] = fields, found[0]
                writes.texts.append(found[0])
        for key, (doc_id, was_in_feed) in known.items():
            if was_in_feed and key not in seen:
                ident = (job.feed_id, key)
                writes.updates[ident], writes.ids[ident] = {"in_feed": False}, doc_id
        count = len(outcome.parsed.entries)
        writes.results.append(FeedResult(job.feed_id, job.name, "ok", new=new, count=count))
    for number, doc in cached.items():
        ident = ident_of(doc)
        in_feed = writes.updates.get(ident, doc).get("in_feed", True)
        if not in_feed and str(doc.get("first_seen", "")) < cutoff and ident not in starred:
            writes.pruned.append(int(number))
            writes.updates.pop(ident, None)  # removed: no need to change it first
            writes.ids.pop(ident, None)
    return writes


def _retention_cutoff(plan: Plan, moment: datetime) -> str:
    """Mentions first seen before this (UTC ISO) are pruned once out of their feed."""
    days = int(plan.settings().get("retention_days") or fetchstate.RETENTION_DAYS)
    return _iso(moment - timedelta(days=days))


def _starred(plan: Plan) -> set[Ident]:
    return {ident_of(doc) for doc in plan.table("starred").all()}


def store_outcomes(
    plan: Plan, outcomes: Sequence[FeedOutcome], now: datetime | None = None
) -> FetchReport:
    """Write a run's outcomes: one save of the mentions file, one of the data file.

    The cache is read and written in one change (no other thread changes it in between);
    feeds removed while they were being fetched are left out.
    """
    moment = now or datetime.now(UTC)
    with changing(plan) as change:
        alive = {feed.id: feed for feed in monitored(plan)}
        outcomes = [o for o in outcomes if o.job.feed_id in alive]
        cutoff = _retention_cutoff(plan, moment)
        starred = _starred(plan)
        writes = _compare(records(plan), outcomes, starred, _iso(moment), cutoff)
        writes.write(plan, change)
        cached = records(plan)
    _note_answers(plan, alive, outcomes, writes.results, moment, cached, starred)
    with plan.batch():
        for outcome in outcomes:
            if outcome.parsed is not None:
                take_title(plan, outcome.job.feed_id, outcome.parsed.title)
        forget_old_answers(plan)
    return FetchReport(feeds=writes.results, pruned=len(writes.pruned))


def _note_answers(
    plan: Plan,
    feeds: Mapping[int, Feed],
    outcomes: Sequence[FeedOutcome],
    results: Sequence[FeedResult],
    moment: datetime,
    cached: Mapping[str, Mapping[str, Any]],
    starred: set[Ident],
) -> None:
    """Keep what each feed answered in ``fetchstate`` (one write), with what the quick fetch
    needs of the cache: which feeds have mentions in it, and when pruning is next due."""
    present = {int(doc.get("feed", 0)) for doc in cached.values()}
    out_of_feed = [
        str(doc.get("first_seen", ""))
        for doc in cached.values()
        if not doc.get("in_feed", True) and ident_of(doc) not in starred
    ]
    when = moment.astimezone().replace(microsecond=0, tzinfo=None).isoformat()
    entries = {  # what each feed answered before, then what this run's feeds answered now
        str(feed.id): {"source": feed.source, **{f: getattr(feed, f) for f in fetchstate.FIELDS},
                       "cached": feed.id in present}
        for feed in feeds.values()
    }  # fmt: skip
    for outcome, result in zip(outcomes, results, strict=True):
        entry = entries[str(outcome.job.feed_id)]
        entry.update(etag=outcome.etag, last_modified=outcome.last_modified, last_fetch=when,
                     last_error=one_line(result.error, 300) if result.error else None)  # fmt: skip
        if result.count is not None:  # unknown (an error, "not modified"): the last count stays
            entry["count"] = result.count
    state = fetchstate.empty()
    state["feeds"] = entries
    state["prune_from"] = min(out_of_feed, default=None)
    fetchstate.write(plan.paths.mentions_fetch, state)


def prune(plan: Plan, now: datetime | None = None) -> int:
    """Remove unstarred mentions out of their feed and first seen over the retention period ago."""
    cutoff = _retention_cutoff(plan, now or datetime.now(UTC))
    starred = _starred(plan)
    old = [
        int(doc_id)
        for doc_id, doc in records(plan).items()
        if not doc.get("in_feed", True)
        and str(doc.get("first_seen", "")) < cutoff
        and ident_of(doc) not in starred
    ]
    if old:
        with changing(plan):
            plan.mentions_table().remove(doc_ids=old)
    return len(old)


# -- the run -------------------------------------------------------------------------------------


def fetch_all(
    plan: Plan,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = DEFAULT_WORKERS,
    feed_ids: Sequence[int] | None = None,
    now: datetime | None = None,
) -> FetchReport:
    """Fetch every feed in parallel, then store the run; safe to call from a thread.

    ``progress(done, total, name)`` is called from this thread after each feed. When ``cancel``
    is set the run returns within a fraction of a second and stores nothing.
    """
    jobs = jobs_for(plan, feed_ids)
    expect_bodies(jobs)  # before any thread: the parse pool may then be forked at once
    # Read the cache while the feeds download (a daily run is mostly waiting for 304s).
    cached: set[int] = set()

    def read() -> None:
        # A cache that cannot be read is read again when storing, which reports why.
        with contextlib.suppress(Exception):
            cached.update(_cached_feeds(plan))

    reader = threading.Thread(target=read, name="socialplan-cache", daemon=True)
    reader.start()
    run = functools.partial(
        fetch_jobs,
        deadline=deadline,
        max_bytes=max_bytes,
        workers=workers,
        progress=progress,
        cancel=cancel,
        now=now,
    )
    outcomes = run(jobs)
    reader.join()
    again = {
        index: replace(outcome.job, etag=None, last_modified=None)
        for index, outcome in enumerate(outcomes)
        if outcome.not_modified and outcome.job.feed_id not in cached
    }
    if again and not (cancel is not None and cancel.is_set()):
        for index, outcome in zip(again, run(list(again.values())), strict=True):
            outcomes[index] = outcome
    if cancel is not None and cancel.is_set():
        return FetchReport(
            feeds=[FeedResult(o.job.feed_id, o.job.name, "error", error=o.error or "cancelled")
                   for o in outcomes],
            cancelled=True,
        )  # fmt: skip
    return store_outcomes(plan, outcomes, now)
