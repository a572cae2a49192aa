"""`socialplan fetch` leaves cleanly: no traceback from the parse pool, however short the run."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest

from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_server() -> Iterator[str]:
    """The shared corpus of real feeds over local HTTP."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(CORPUS))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_many_short_fetches_never_print_a_traceback(run_cli, corpus_server: str) -> None:
    for name in ("DaringFireball.atom", "inessential.json"):
        assert run_cli("feeds", "add", f"{corpus_server}/{name}").returncode == 0
    env = {"SOCIALPLAN_PARSE_PROCESSES": "2", "NO_PROXY": "*", "no_proxy": "*"}
    for _ in range(12):  # the pool is often still starting when such a short run ends
        done = run_cli("fetch", env=env)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert "Error" not in done.stderr


def test_a_fetch_where_nothing_changed_never_starts_the_parse_pool(corpus_server: str) -> None:
    """The daily run: every feed answers "not modified", nothing is parsed, no pool is paid for."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = """
import json, sys
from storage.mentions.network import pool
from storage.mentions.network.runner import FeedJob, fetch_jobs
given = json.loads(sys.argv[1])
jobs = [FeedJob(i, u, u, etag=e, last_modified=m) for i, (u, e, m) in enumerate(given)]
outcomes = fetch_jobs(jobs, deadline=30)
print(json.dumps({
    "state": [[o.job.source, o.etag, o.last_modified] for o in outcomes],
    "parsed": sum(o.parsed is not None for o in outcomes),
    "unchanged": sum(o.not_modified for o in outcomes),
    "pool": pool._POOL is not None or pool._STARTING,
}))
"""
    urls = [f"{corpus_server}/{name}" for name in ("DaringFireball.atom", "inessential.json",
                                                   "allthis.atom", "bio.rdf")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_PARSE_PROCESSES": "2",
           "NO_PROXY": "*", "no_proxy": "*"}

    def run(state: list[list[str | None]]) -> dict:
        done = subprocess.run([sys.executable, "-c", script, json.dumps(state)],
                              capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        return json.loads(done.stdout)

    first = run([[u, None, None] for u in urls])
    assert first["parsed"] == len(urls) and first["pool"]  # new bodies: parsed, pool started
    again = run(first["state"])
    assert again["unchanged"] == len(urls) and again["parsed"] == 0
    assert again["pool"] is False


def test_a_first_fetch_parses_in_workers_forked_at_once_and_the_process_ends(
    corpus_server: str,
) -> None:
    """A single-threaded process forks its workers as the run starts; they never hold it up.

    A forked worker inherits the hook that lets a starting pool finish at exit: it must not
    wait there (it waited for the start timeout, 30 s, longer than this test allows).
    """
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = """
import json
import time
from storage.mentions.network import pool
from storage.mentions.network.runner import FeedJob, fetch_jobs

if __name__ == "__main__":
    urls = %r
    outcomes = fetch_jobs([FeedJob(i, u, u) for i, u in enumerate(urls)], deadline=30)
    while pool._STARTING:  # let the pool finish starting if the run was quicker
        time.sleep(0.05)
    print(json.dumps({
        "ok": sum(o.parsed is not None for o in outcomes),
        "method": pool._POOL._mp_context.get_start_method() if pool._POOL else None,
    }))
"""
    urls = [f"{corpus_server}/{name}?copy={n}" for n in range(3)
            for name in ("DaringFireball.atom", "bio.rdf", "scriptingNews.rss")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_PARSE_PROCESSES": "2",
           "NO_PROXY": "*", "no_proxy": "*"}
    done = subprocess.run([sys.executable, "-c", script % urls], capture_output=True, text=True,
                          env=env, timeout=20)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] == len(urls)
    assert result["method"] == "fork"
