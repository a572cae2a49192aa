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
