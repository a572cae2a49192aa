"""Store a fetch run: new and changed entries in one save of the mentions file, then prune.

Retention: an unstarred mention that has dropped out of its feed and was first seen more than
``retention_days`` ago (a setting, 90 by default) is pruned. A mention still in its feed is kept
whatever its date; starred mentions have a copy in the data file that is never pruned.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from storage.datafile import Plan
from storage.mentions.feeds import NAME_MAX, default_name
from storage.mentions.matching import Matcher
from storage.mentions.network.fetch import DEFAULT_DEADLINE, DEFAULT_MAX_BYTES
from storage.mentions.network.runner import (
    DEFAULT_WORKERS,
    FeedJob,
    FeedOutcome,
    Progress,
    fetch_jobs,
)
from storage.mentions.watch import changing, ident_of, records, watch_words, words_in
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


def store_outcomes(
    plan: Plan, outcomes: Sequence[FeedOutcome], now: datetime | None = None
) -> FetchReport:
    """Write a run's outcomes: one save of the mentions file, one of the data file."""
    moment = now or datetime.now(UTC)
    stamp = _iso(moment)
    table = plan.mentions_table()
    existing: dict[tuple[int, str], int] = {}
    in_feed: dict[tuple[int, str], bool] = {}
    for doc_id, doc in records(plan).items():
        ident = ident_of(doc)
        existing[ident] = int(doc_id)
        in_feed[ident] = bool(doc.get("in_feed", True))
    matcher = Matcher(watch_words(plan))
    changes: dict[tuple[int, str], dict[str, Any]] = {}
    fresh: list[dict[str, Any]] = []
    results: list[FeedResult] = []
    alive = {doc.doc_id for doc in plan.table("feeds").all()}
    outcomes = [o for o in outcomes if o.job.feed_id in alive]  # removed while fetching
    for outcome in outcomes:
        job = outcome.job
        if outcome.error is not None:
            results.append(FeedResult(job.feed_id, job.name, "error", error=outcome.error))
            continue
        if outcome.parsed is None:
            results.append(FeedResult(job.feed_id, job.name, "not modified"))
            continue
        keys = set()
        new = 0
        for entry in outcome.parsed.entries:
            ident = (job.feed_id, entry.key)
            keys.add(entry.key)
            fields: dict[str, Any] = {
                "title": entry.title,
                "link": entry.link,
                "published": entry.published,
                "summary": entry.summary,
                "author": entry.author,
                "last_seen": stamp,
                "in_feed": True,
            }
            fields["matches"] = list(words_in(matcher, fields))
            if ident in existing:
                changes[ident] = fields
            else:
                new += 1
                fresh.append(
                    {"feed": job.feed_id, "key": entry.key, **fields, "first_seen": stamp,
                     "read": False}
                )  # fmt: skip
        for (feed_id, key), alive_before in in_feed.items():
            if feed_id == job.feed_id and key not in keys and alive_before:
                changes[(feed_id, key)] = {"in_feed": False}
        count = len(outcome.parsed.entries)
        results.append(FeedResult(job.feed_id, job.name, "ok", new=new, count=count))

    def apply(doc: Any) -> None:
        update = changes.get(ident_of(doc))
        if update:
            doc.update(update)

    with changing(plan):
        if changes:
            ids = [doc_id for ident, doc_id in existing.items() if ident in changes]
            table.update(apply, doc_ids=ids)
        if fresh:
            table.insert_multiple(fresh)
        pruned = prune(plan, moment)
    _update_feeds(plan, outcomes, results, moment)
    return FetchReport(feeds=results, pruned=pruned)


def _update_feeds(
    plan: Plan, outcomes: Sequence[FeedOutcome], results: list[FeedResult], moment: datetime
) -> None:
    """Keep each feed's last fetch (local time), error, validators and item count.

    A feed still under the name made from its address takes the title the feed gives itself.
    """
    fetched = moment.astimezone().replace(microsecond=0, tzinfo=None).isoformat()
    feeds = plan.table("feeds")
    with plan.batch():
        for outcome, result in zip(outcomes, results, strict=True):
            doc = feeds.get(doc_id=outcome.job.feed_id)
            if not isinstance(doc, dict):
                continue  # removed while it was being fetched
            fields: dict[str, Any] = {
                "last_fetch": fetched,
                "last_error": one_line(result.error, 300) if result.error else None,
                "etag": outcome.etag,
                "last_modified": outcome.last_modified,
            }
            if result.count is not None:
                fields["count"] = result.count
            source, kind = str(doc.get("source", "")), str(doc.get("kind", "url"))
            title = outcome.parsed.title if outcome.parsed else ""
            if title and doc.get("name") == default_name(source, kind):
                fields["name"] = one_line(title, NAME_MAX)
            feeds.update(fields, doc_ids=[outcome.job.feed_id])


def prune(plan: Plan, now: datetime | None = None) -> int:
    """Remove unstarred mentions out of their feed and first seen over the retention period ago."""
    moment = now or datetime.now(UTC)
    days = int(plan.settings().get("retention_days") or 90)
    cutoff = _iso(moment - timedelta(days=days))
    starred = {ident_of(d) for d in plan.table("starred").all()}
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


def jobs_for(plan: Plan, feed_ids: Sequence[int] | None = None) -> list[FeedJob]:
    """The fetch jobs of every feed (or of the given ones).

    A feed with nothing in the cache (new, or the cache was lost) is fetched without its
    validators, so a 304 cannot leave it empty.
    """
    cached = {int(doc.get("feed", 0)) for doc in records(plan).values()}
    jobs = []
    for doc in plan.table("feeds").all():
        if feed_ids is not None and doc.doc_id not in feed_ids:
            continue
        conditional = doc.doc_id in cached
        jobs.append(
            FeedJob(
                feed_id=doc.doc_id,
                name=str(doc.get("name", "")),
                source=str(doc.get("source", "")),
                kind="file" if doc.get("kind") == "file" else "url",
                etag=doc.get("etag") if conditional else None,
                last_modified=doc.get("last_modified") if conditional else None,
            )
        )
    return jobs


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
    outcomes = fetch_jobs(
        jobs,
        deadline=deadline,
        max_bytes=max_bytes,
        workers=workers,
        progress=progress,
        cancel=cancel,
        now=now,
    )
    if cancel is not None and cancel.is_set():
        return FetchReport(
            feeds=[FeedResult(o.job.feed_id, o.job.name, "error", error=o.error or "cancelled")
                   for o in outcomes],
            cancelled=True,
        )  # fmt: skip
    return store_outcomes(plan, outcomes, now)
