"""Feeds parsed in worker processes arrive exactly as parsed here; a cancelled run stops them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.mentions.network import pool
from storage.mentions.network.fetch import read_file
from storage.mentions.network.parse import parse_feed
from storage.mentions.network.runner import FeedJob, fetch_jobs
from tests.storage.test_feeds_parse import CORPUS, needs_corpus

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 26, tzinfo=UTC)

needs_pool = pytest.mark.skipif(
    pool.workers() < 1 or sys.platform == "win32", reason="no worker processes here"
)


def _pool_ready() -> bool:
    pool.warm_up()
    for _ in range(600):
        if pool._POOL is not None:
            return True
        if pool._FAILED:
            return False
        time.sleep(0.05)
    return False


@needs_corpus
@needs_pool
def test_feeds_parsed_in_worker_processes_are_the_same_as_parsed_here() -> None:
    assert _pool_ready()
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".rss", ".atom", ".rdf", ".json"})
    jobs = [FeedJob(i, f.name, str(f), kind="file") for i, f in enumerate(files)]
    outcomes = fetch_jobs(jobs, now=NOW)
    for file, outcome in zip(files, outcomes, strict=True):
        download = read_file(file)
        assert outcome.parsed == parse_feed(download.body, download.url, download.content_type, NOW)


@needs_pool
def test_a_cancelled_run_stops_the_worker_still_parsing(tmp_path: Path) -> None:
    """The run returns at once and no worker keeps parsing the feed nobody waits for."""
    # Seconds of parsing in 6 MB: many elements (each one costs the parser; a long run of text
    # between two tags reaches it in one piece and costs little).
    item = "<item><guid>{n}</guid><title>Entry {n}</title>{categories}</item>"
    categories = "<category>word &amp; word</category>" * 200
    big = tmp_path / "big.rss"
    big.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
        + "".join(item.format(n=n, categories=categories) for n in range(900))
        + "</channel></rss>"
    )
    script = f"""
import threading, time
from storage.mentions.network import pool
from storage.mentions.network.runner import FeedJob, fetch_jobs
pool.warm_up()
while pool._POOL is None and not pool._FAILED:
    time.sleep(0.05)
busy = pool._POOL
cancel = threading.Event()
threading.Timer(0.5, cancel.set).start()
jobs = [FeedJob(1, "big", {str(big)!r}, kind="file"), FeedJob(2, "big2", {str(big)!r}, kind="file")]
outcomes = fetch_jobs(jobs, cancel=cancel)
print("returned", [o.error for o in outcomes])
print("pool stopped", busy is not None and pool._POOL is None)
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert "returned ['cancelled', 'cancelled']" in done.stdout, done.stderr
    assert "pool stopped True" in done.stdout
