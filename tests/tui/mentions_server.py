"""A feed server on 127.0.0.1 for the tab's tests: one good feed and one that never answers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local news</title><link>http://127.0.0.1/</link>
<item><title>Fresh post about gardening</title><link>http://127.0.0.1/a</link>
<guid>a</guid><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</description></item>
<item><title>Second fresh post</title><link>http://127.0.0.1/b</link><guid>b</guid>
<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description>More</description></item>
</channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path.startswith("/hang"):
            # Accept the request and never answer until the test is over (bounded).
            self.server.release.wait(60)
            return
        if self.path.startswith("/missing"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(GOOD_FEED)))
        self.end_headers()
        self.wfile.write(GOOD_FEED)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    release: threading.Event


@contextmanager
def feed_server() -> Iterator[str]:
    """Serve on 127.0.0.1; yields the base URL.

    ``/hang`` never answers, ``/missing`` is a 404, anything else is a two-entry RSS feed.
    """
    server = _Server(("127.0.0.1", 0), _Handler)
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
