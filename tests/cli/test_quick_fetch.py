"""The daily fetch of unchanged feeds (``storage.mentions.quick``), end to end and case by case.

Real feeds of the shared corpus, served over local HTTP with validators the way blogs serve
them (an ETag, or only Last-Modified), and a feed that changes between two fetches.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import storage.mentions.fetchstate as fetchstate
from storage.datafile import FileLock, Paths
from storage.mentions.quick import quick_fetch

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no feed corpus at {CORPUS}")

Run = Callable[..., subprocess.CompletedProcess[str]]
FILES = ("DaringFireball.atom", "manton.rss", "bio.rdf")
"""Three real feeds: Atom with an ETag, RSS with only Last-Modified, RDF with both."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        name = self.path.lstrip("/")
        body = self.server.bodies.get(name)
        if body is None:
            self.send_error(404)
            return
        etag = f'"{hashlib.sha1(body).hexdigest()[:12]}"'
        modified = formatdate(self.server.changed[name], usegmt=True)
        conditional = (self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"))
        unchanged = conditional[0] == etag if name != "manton.rss" else conditional[1] == modified
        self.server.log.append((name, conditional != (None, None), 304 if unchanged else 200))
        if unchanged:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        if name != "manton.rss":
            self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    bodies: dict[str, bytes]
    changed: dict[str, float]
    log: list[tuple[str, bool, int]]

    def change(self, name: str, body: bytes) -> None:
        self.bodies[name] = body
        self.changed[name] += 60


@pytest.fixture
def server() -> Iterator[_Server]:
    served = _Server(("127.0.0.1", 0), _Handler)
    served.bodies = {name: (CORPUS / name).read_bytes() for name in FILES}
    served.changed = dict.fromkeys(FILES, 1_700_000_000.0)
    served.log = []
    threading.Thread(target=served.serve_forever, daemon=True).start()
    yield served
    served.shutdown()
    served.server_close()


@pytest.fixture
def fetched(run_cli: Run, server: _Server) -> _Server:
    """Three corpus feeds added and fetched once (everything new)."""
    port = server.server_address[1]
    for name in FILES:
        added = run_cli("feeds", "add", f"http://127.0.0.1:{port}/{name}", "--name", name)
        assert added.returncode == 0, added.stderr
    first = run_cli("fetch")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Fetched 3 of 3 feeds: ") and ": 0 new" not in first.stdout
    server.log.clear()
    return server


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def _feeds(run_cli: Run) -> dict[str, dict[str, object]]:
    return {f["name"]: f for f in json.loads(run_cli("feeds", "list", "--json").stdout)}


def test_a_fetch_of_unchanged_feeds_asks_each_once_and_changes_only_the_fetch_times(
    run_cli: Run, fetched: _Server, data_file: Path
) -> None:
    before = _feeds(run_cli)
    mentions = run_cli("mentions", "list", "--json").stdout
    plan = _stamp(data_file)
    second = run_cli("fetch")
    assert second.returncode == 0, second.stderr
    assert second.stdout == "Fetched 3 of 3 feeds: 0 new mentions.\n"
    assert sorted(fetched.log) == sorted((name, True, 304) for name in FILES)
    after = _feeds(run_cli)
    for name in FILES:
        assert after[name]["last_fetch"] >= before[name]["last_fetch"]  # type: ignore[operator]
        assert after[name]["last_error"] is None
        assert after[name]["count"] == before[name]["count"]
    assert run_cli("mentions", "list", "--json").stdout == mentions
    assert _stamp(data_file) == plan  # nothing for a sync to carry


def test_the_quick_fetch_does_it_and_records_the_time(fetched: _Server, data_file: Path) -> None:
    paths = Paths(data_file)
    state = fetchstate.read(paths.mentions_fetch)
    for entry in state["feeds"].values():
        entry["last_fetch"] = "2026-01-01T00:00:00"
    fetchstate.write(paths.mentions_fetch, state)
    done = quick_fetch(data_file)
    assert done is not None and done.feeds == 3
    after = fetchstate.read(paths.mentions_fetch)
    assert all(e["last_fetch"] > "2026-01-01T00:00:00" for e in after["feeds"].values())
    assert [status for _name, _conditional, status in fetched.log] == [304, 304, 304]


def test_a_changed_feed_is_left_to_the_full_fetch_which_stores_its_news(
    run_cli: Run, fetched: _Server, data_file: Path
) -> None:
    paths = Paths(data_file)
    body = fetched.bodies["manton.rss"]
    news = b"<item><title>Brand new post on the blog</title><guid>brand-new</guid></item>"
    fetched.change("manton.rss", body.replace(b"<item>", news + b"<item>", 1))
    state = paths.mentions_fetch.read_bytes()
    assert quick_fetch(data_file) is None
    assert paths.mentions_fetch.read_bytes() == state  # it wrote nothing
    second = run_cli("fetch")
    assert second.stdout == "Fetched 3 of 3 feeds: 1 new mentions.\n"
    titles = [m["title"] for m in json.loads(run_cli("mentions", "list", "--json").stdout)]
    assert "Brand new post on the blog" in titles


@pytest.mark.parametrize(
    "case",
    ["failed last time", "nothing cached", "pruning due", "cache gone", "app open", "lock held"],
)
def test_what_the_quick_fetch_leaves_to_the_full_one(
    run_cli: Run, fetched: _Server, data_file: Path, case: str
) -> None:
    paths = Paths(data_file)
    state = fetchstate.read(paths.mentions_fetch)
    first = next(iter(state["feeds"].values()))
    holder = None
    if case == "failed last time":
        first["last_error"] = "HTTP 500 Internal Server Error"
    elif case == "nothing cached":
        first["cached"] = False
    elif case == "pruning due":
        state["prune_from"] = "2000-01-01T00:00:00+00:00"
    elif case == "cache gone":
        paths.mentions.unlink()
    else:
        holder = FileLock(paths.app_lock if case == "app open" else paths.lock)
        holder.acquire()
    fetchstate.write(paths.mentions_fetch, state)
    try:
        assert quick_fetch(data_file) is None
        assert fetched.log == []  # nothing asked
    finally:
        if holder is not None:
            holder.release()
    full = run_cli("fetch")
    assert full.returncode == 0, full.stderr
    assert full.stdout.startswith("Fetched 3 of 3 feeds:")
    if case == "cache gone":  # asked again in full, without validators: everything is back
        assert {(name, False, 200) for name in FILES} <= set(fetched.log)
        assert ": 0 new" not in full.stdout


def test_the_quick_fetch_speaks_the_plans_language_and_json_gets_the_full_answer(
    run_cli: Run, fetched: _Server
) -> None:
    french = run_cli("fetch", "--lang", "fr").stdout
    assert french.startswith("3 fils actualisés sur 3") and french.endswith(
        "0 nouvelles mentions.\n"
    )
    as_json = json.loads(run_cli("fetch", "--json").stdout)
    assert as_json["new"] == 0
    assert [f["status"] for f in as_json["feeds"]] == ["not modified"] * 3


def test_a_plan_from_before_the_fetch_state_keeps_its_feeds_last_answers(
    run_cli: Run, fetched: _Server, data_file: Path
) -> None:
    """A plan written before the fetch state moved beside the cache still shows, and sends,
    what its feeds last answered; their next fetch moves it out of the plan."""
    paths = Paths(data_file)
    state = fetchstate.read(paths.mentions_fetch)
    tables = json.loads(data_file.read_bytes())
    for key, record in tables["feeds"].items():
        record.update({f: state["feeds"][key][f] for f in fetchstate.FIELDS})
    data_file.write_bytes(json.dumps(tables).encode())
    paths.mentions_fetch.unlink()
    shown = _feeds(run_cli)
    assert all(f["last_fetch"] and f["count"] for f in shown.values())
    again = run_cli("fetch")
    assert again.stdout == "Fetched 3 of 3 feeds: 0 new mentions.\n"
    assert sorted(fetched.log) == sorted((name, True, 304) for name in FILES)
    records = json.loads(data_file.read_bytes())["feeds"].values()
    assert all(set(r) & set(fetchstate.FIELDS) == set() for r in records)
    assert os.path.exists(paths.mentions_fetch)
