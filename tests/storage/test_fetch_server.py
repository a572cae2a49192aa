"""Fetching from a local HTTP server that misbehaves in every way a feed host can.

Each bad feed ends with a clear per-feed error within its (small) deadline, and the good feeds of
the same run still arrive.
"""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import storage.mentions as mentions
from storage.datafile.plan import Plan
from storage.mentions.feeds import get_feed
from storage.mentions.ingest import FetchReport
from storage.mentions.network.fetch import FetchError, fetch_url
from storage.mentions.network.runner import FeedJob, fetch_jobs
from tests.storage.test_feeds_parse import BILLION_LAUGHS_ONE_LINE

DEADLINE = 2.0
ROOT = Path(__file__).resolve().parents[2]

GOOD_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Good feed</title><link>https://good.example/</link>
<item><guid>g1</guid><title>Un \xc3\xa9t\xc3\xa9 au jardin</title><link>/posts/1</link>
<description>&lt;p&gt;Hello &lt;b&gt;there&lt;/b&gt;&lt;/p&gt;</description>
<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate></item>
<item><guid>g2</guid><title>Second</title><link>https://good.example/2</link></item>
</channel></rss>"""


def _basic(user: str, password: str) -> str:
    import base64

    return base64.b64encode(f"{user}:{password}".encode()).decode()


def _bomb() -> bytes:
    """200 MB of zeros, gzipped to a few hundred kilobytes."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as handle:
        block = b"\0" * (1024 * 1024)
        for _ in range(200):
            handle.write(block)
    return out.getvalue()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    stop: threading.Event
    bomb: bytes
    version: int


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        stop = self.server.stop
        try:
            if self.path == "/good":
                self._send(200, GOOD_RSS, Content_Type="application/rss+xml")
            elif self.path == "/moved":
                self._send(301, Location="/good")
            elif self.path == "/hang":
                stop.wait(30)
            elif self.path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                self.wfile.write(b"<rss>")
                while not stop.wait(0.7):
                    self.wfile.write(b" ")
                    self.wfile.flush()
            elif self.path in ("/big", "/big-unsized"):
                self.send_response(200)
                if self.path == "/big":
                    self.send_header("Content-Length", str(50 * 1024 * 1024))
                self.end_headers()
                block = b" " * (1024 * 1024)
                for _ in range(50):
                    if stop.is_set():
                        break
                    self.wfile.write(block)
            elif self.path == "/bomb":
                self._send(200, self.server.bomb, Content_Encoding="gzip",
                           Content_Type="application/rss+xml")  # fmt: skip
            elif self.path == "/gz":
                self._send(200, gzip.compress(GOOD_RSS), Content_Encoding="gzip")
            elif self.path == "/deflate":
                self._send(200, zlib.compress(GOOD_RSS), Content_Encoding="deflate")
            elif self.path == "/br":
                self._send(200, b"\x00\x01", Content_Encoding="br")
            elif self.path == "/etag":
                if self.headers.get("If-None-Match") == '"v1"':
                    self._send(304, ETag='"v1"')
                else:
                    self._send(
                        200, GOOD_RSS, ETag='"v1"', Last_Modified="Tue, 03 Nov 2026 10:00:00 GMT"
                    )
            elif self.path == "/versioned":  # a feed that changes when the test says so
                tag = f'"v{self.server.version}"'
                if self.headers.get("If-None-Match") == tag:
                    self._send(304, ETag=tag)
                else:
                    body = GOOD_RSS.replace(b"<guid>g2</guid>", b"<guid>g%d</guid>" % (
                        self.server.version + 1))  # fmt: skip
                    self._send(200, body, ETag=tag)
            elif self.path == "/to-file":
                self._send(302, Location="file:///etc/passwd")
            elif self.path == "/laughs":
                self._send(200, BILLION_LAUGHS_ONE_LINE, Content_Type="application/xml")
            elif self.path == "/chunked":
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(GOOD_RSS), 100):
                    piece = GOOD_RSS[start : start + 100]
                    self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.flush()
                self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")
            elif self.path == "/continue":  # an informational answer first, a long header
                self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                self._send(200, GOOD_RSS, Content_Security_Policy="default-src 'self' " * 800)
            elif self.path == "/closes":  # neither a length nor chunks: the body ends at close
                self.send_response(200)
                self.end_headers()
                self.wfile.write(GOOD_RSS)
            elif self.path == "/private":
                if self.headers.get("Authorization") == "Basic " + _basic("me", "s\u00e9cret:1"):
                    self._send(200, GOOD_RSS)
                else:
                    self._send(401, b"who?")
            elif self.path.startswith("/echo"):  # the request target exactly as it arrived
                self._send(200, self.path.encode(), Content_Type="text/plain")
            elif self.path == "/gone":
                self._send(404, b"no")
            else:
                self._send(500)
        except (BrokenPipeError, ConnectionResetError):
            pass


_RUNNING: dict[str, Server] = {}
"""The running test servers by base URL (a test changes what one serves)."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A misbehaving feed host on 127.0.0.1; yields its base URL."""
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.stop = threading.Event()
    httpd.bomb = _bomb()
    httpd.version = 1
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    _RUNNING[url] = httpd
    yield url
    del _RUNNING[url]
    httpd.stop.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


def _run_in_thread(func: Callable[[], FetchReport]) -> FetchReport:
    """Run ``func`` in a thread and fail (instead of hanging) if it never returns."""
    box: dict[str, FetchReport] = {}
    thread = threading.Thread(target=lambda: box.update(result=func()), daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the fetch never returned"
    return box["result"]


def test_every_bad_feed_fails_alone_with_a_clear_error_and_good_ones_arrive(
    plan: Plan, server: str
) -> None:
    paths = ["/hang", "/trickle", "/big", "/big-unsized", "/bomb", "/to-file", "/laughs",
             "/gone", "/good", "/moved"]  # fmt: skip
    for path in paths:
        mentions.add_feed(plan, server + path, name=path)
    report = _run_in_thread(lambda: mentions.fetch_all(plan, deadline=DEADLINE, workers=len(paths)))
    by_name = {r.name: r for r in report.feeds}
    errors = {name: by_name[name].error or "" for name in paths}
    assert "within 2 s" in errors["/hang"]
    assert "within 2 s" in errors["/trickle"]
    assert "larger than 10 MB" in errors["/big"]
    assert "larger than 10 MB" in errors["/big-unsized"]
    assert "larger than 10 MB" in errors["/bomb"]
    assert "redirected to a file: URL" in errors["/to-file"]
    assert "DTD" in errors["/laughs"]
    assert "HTTP 404" in errors["/gone"]
    assert by_name["/good"].status == "ok" and by_name["/good"].new == 2
    assert by_name["/moved"].status == "ok" and by_name["/moved"].count == 2
    listed = mentions.list_mentions(plan)
    assert sorted(m.title for m in listed) == [
        "Second",
        "Second",
        "Un été au jardin",
        "Un été au jardin",
    ]
    assert {m.link for m in listed} == {"https://good.example/2", f"{server}/posts/1"}
    feeds = {f.name: f for f in mentions.list_feeds(plan)}
    assert "within 2 s" in (feeds["/hang"].last_error or "")
    assert feeds["/good"].last_error is None and feeds["/good"].count == 2


def test_conditional_get_skips_parsing_on_304_and_keeps_mentions(plan: Plan, server: str) -> None:
    feed = mentions.add_feed(plan, server + "/etag")
    first = mentions.fetch_all(plan, deadline=DEADLINE)
    assert first.new == 2
    stored = get_feed(plan, feed.id)
    assert stored.etag == '"v1"' and stored.last_modified
    second = mentions.fetch_all(plan, deadline=DEADLINE)
    assert second.feeds[0].status == "not modified" and second.new == 0
    assert len(mentions.list_mentions(plan)) == 2
    assert all(m.in_feed for m in mentions.list_mentions(plan))
    plan.mentions_table().truncate()  # the cache was lost: fetch in full, not conditionally
    third = mentions.fetch_all(plan, deadline=DEADLINE)
    assert third.feeds[0].status == "ok" and third.new == 2


def test_a_feed_unchanged_since_the_last_fetch_leaves_the_cache_as_it_was(
    plan: Plan, server: str
) -> None:
    """The daily run: the server answers 304 to the validators kept from the last fetch."""
    from datetime import UTC, datetime

    feed = mentions.add_feed(plan, server + "/versioned")
    first = mentions.fetch_all(plan, deadline=DEADLINE, now=datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert first.new == 2
    cache, digest = plan.paths.mentions, plan.paths.mentions_digest
    before = (cache.read_bytes(), cache.stat().st_mtime_ns, digest.read_bytes())

    later = datetime(2026, 11, 21, 9, tzinfo=UTC)
    second = mentions.fetch_all(plan, deadline=DEADLINE, now=later)
    assert [(r.status, r.new) for r in second.feeds] == [("not modified", 0)]
    assert (cache.read_bytes(), cache.stat().st_mtime_ns, digest.read_bytes()) == before
    checked = get_feed(plan, feed.id)
    assert checked.last_fetch and checked.last_fetch.startswith(
        later.astimezone().strftime("%Y-%m-%d")
    )  # recorded as checked that day
    assert checked.last_error is None and checked.etag == '"v1"'
    assert len(mentions.list_mentions(plan)) == 2


def test_a_feed_that_changes_after_a_304_comes_in(plan: Plan, server: str) -> None:
    mentions.add_feed(plan, server + "/versioned")
    assert mentions.fetch_all(plan, deadline=DEADLINE).new == 2
    assert mentions.fetch_all(plan, deadline=DEADLINE).feeds[0].status == "not modified"
    _RUNNING[server].version = 2
    try:
        changed = mentions.fetch_all(plan, deadline=DEADLINE)
    finally:
        _RUNNING[server].version = 1
    assert [(r.status, r.new) for r in changed.feeds] == [("ok", 1)]  # g3 is new, g1 stays
    listed = mentions.list_mentions(plan)
    assert len(listed) == 3
    assert sum(m.in_feed for m in listed) == 2  # g2 left the feed


def test_fetch_url_refuses_other_schemes_before_any_connection() -> None:
    for url in ("file:///etc/passwd", "ftp://x.example/feed", "/etc/passwd", "gopher://x"):
        with pytest.raises(FetchError, match="only http and https"):
            fetch_url(url)


def test_cancel_returns_at_once_and_stores_nothing(plan: Plan, server: str) -> None:
    mentions.add_feed(plan, server + "/hang", name="hang")
    mentions.add_feed(plan, server + "/good", name="good")
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    report = _run_in_thread(lambda: mentions.fetch_all(plan, deadline=20, workers=1, cancel=cancel))
    assert report.cancelled
    assert mentions.list_mentions(plan) == []
    assert all(f.last_fetch is None for f in mentions.list_feeds(plan))


def test_compressed_bodies_are_decoded_and_unknown_encodings_refused(server: str) -> None:
    jobs = [FeedJob(i, path, server + path) for i, path in enumerate(["/gz", "/deflate", "/br"])]
    gz, deflate, br = fetch_jobs(jobs, deadline=DEADLINE)
    assert gz.parsed is not None and [e.title for e in gz.parsed.entries][1] == "Second"
    assert deflate.parsed is not None and len(deflate.parsed.entries) == 2
    assert br.error == "unsupported content encoding 'br'"


def test_progress_reports_each_feed(server: str) -> None:
    seen: list[tuple[int, int, str]] = []
    jobs = [FeedJob(i, f"feed {i}", server + "/good") for i in range(3)]
    outcomes = fetch_jobs(jobs, deadline=DEADLINE, progress=lambda *a: seen.append(a))
    assert [o.ok for o in outcomes] == [True, True, True]
    assert sorted(done for done, _total, _name in seen) == [1, 2, 3]
    assert {name for _d, _t, name in seen} == {"feed 0", "feed 1", "feed 2"}


def test_a_hung_fetch_never_keeps_the_process_alive(server: str) -> None:
    """The process exits once the fetch is cancelled, although a feed still hangs."""
    script = f"""
import threading
import zlib
from storage.mentions.network.runner import FeedJob, fetch_jobs
cancel = threading.Event()
threading.Timer(0.3, cancel.set).start()
fetch_jobs([FeedJob(1, "hang", {server + "/hang"!r})], deadline=60, cancel=cancel)
print("returned")
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=20
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "returned"


def test_bodies_arrive_in_chunks_until_the_server_closes_or_after_a_100(server: str) -> None:
    for path in ("/chunked", "/closes", "/continue"):
        download = fetch_url(server + path, deadline=DEADLINE)
        assert download.body == GOOD_RSS, path


def test_credentials_in_the_url_are_sent_as_basic_authentication(server: str) -> None:
    host = server.removeprefix("http://")
    download = fetch_url(f"http://me:s%C3%A9cret%3A1@{host}/private", deadline=DEADLINE)
    assert download.body == GOOD_RSS
    with pytest.raises(FetchError, match="HTTP 401"):
        fetch_url(f"http://me:wrong@{host}/private", deadline=DEADLINE)


def test_paths_with_spaces_or_accents_are_sent_percent_encoded(server: str) -> None:
    download = fetch_url(server + "/echo/un été?q=a b&x=é", deadline=DEADLINE)
    assert download.body == b"/echo/un%20%C3%A9t%C3%A9?q=a%20b&x=%C3%A9"


def test_a_refused_connection_is_one_clear_error() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect"):
        fetch_url(f"http://127.0.0.1:{port}/feed", deadline=DEADLINE)


def test_a_configured_proxy_is_used_unless_no_proxy_names_the_host(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With HTTP_PROXY set, the request goes to the proxy (here a port that refuses it)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    with pytest.raises(FetchError, match="could not connect"):
        fetch_url(server + "/good", deadline=DEADLINE)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert fetch_url(server + "/good", deadline=DEADLINE).body == GOOD_RSS


TLS = Path(__file__).parent / "tls"
"""A self-signed certificate for localhost and 127.0.0.1 (test only, valid until 2126)."""


@pytest.fixture
def tls_server() -> Iterator[str]:
    """The same misbehaving host over https; yields its base URL."""
    import ssl

    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.stop = threading.Event()
    httpd.bomb = b""
    httpd.version = 1
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "localhost.pem", TLS / "localhost.key")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://localhost:{httpd.server_address[1]}"
    httpd.stop.set()
    httpd.shutdown()
    httpd.server_close()


def test_https_feeds_are_verified_against_the_trusted_certificates(
    tls_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.mentions.network import wire

    monkeypatch.setattr(wire, "_SSL", None)  # certifi's store: our certificate is not in it
    with pytest.raises(FetchError, match="could not connect: .*certificate verify failed"):
        fetch_url(tls_server + "/good", deadline=DEADLINE)

    monkeypatch.setattr(wire, "_SSL", None)
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "localhost.pem"))  # as httpx honoured it
    download = fetch_url(tls_server + "/chunked", deadline=DEADLINE)
    assert download.body == GOOD_RSS
    wrong_name = tls_server.replace("localhost", "127.1")  # this host, by a name not certified
    with pytest.raises(FetchError, match="could not connect: .*Hostname mismatch"):
        fetch_url(wrong_name + "/good", deadline=DEADLINE)
    monkeypatch.setattr(wire, "_SSL", None)  # the next fetch builds its context again
