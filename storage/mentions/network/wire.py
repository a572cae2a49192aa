"""A small HTTP/1.1 client on the standard library's sockets: one GET per connection.

httpx cost every fetch run about 75 ms to import (it brings its command line's click, rich and
pygments) and 20 ms for its TLS context, on a path where most feeds answer "not modified" in a
millisecond; ``http.client`` costs 30 ms (it imports the ``email`` package). This speaks just
what a feed fetch needs: GET, ``Connection: close``, a body by ``Content-Length``, by chunks or
until the server closes, informational answers skipped. ``fetch`` keeps the policy (redirects,
decompression, size cap, messages); it uses httpx instead only when a proxy is configured.

Every wait is bounded: a read waits at most a quarter of a second at a time, so the deadline
(``ends_at``, a ``time.monotonic()`` value) and ``should_stop`` are checked between reads.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from urllib.parse import quote, unquote, urlsplit

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)
if TYPE_CHECKING:
    import ssl

_POLL = 0.25
_CHUNK = 64 * 1024
_HEAD_MAX = 64 * 1024
"""Largest status line plus headers accepted."""
_HEADERS_MAX = 200
_LINE_MAX = _HEAD_MAX
"""Longest line (a Content-Security-Policy header alone can take several kilobytes)."""
_SAFE_PATH = "/%!$&'()*+,;=:@-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


USER_AGENT = "socialplan/0.1 (feed reader; +https://github.com/socialplan)"
"""Sent with every request."""


def request_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The headers of a feed's GET: a conditional one when the last answer gave validators."""
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


_PROXY_VARIABLES = ("all_proxy", "http_proxy", "https_proxy")


def proxy_settings() -> dict[str, str]:
    """The environment's proxy variables, by lower-case name (those set to something)."""
    return {
        name: value
        for key, value in os.environ.items()
        if (name := key.lower()).endswith("_proxy") and value.strip()
    }


def proxy_for(url: str, settings: dict[str, str] | None = None) -> bool:
    """True when the environment names a proxy that httpx would use for ``url``.

    httpx reads ``HTTP(S)_PROXY`` / ``ALL_PROXY`` and ``NO_PROXY`` (any case); a fetch with a
    proxy goes through httpx, a direct one through this module. ``settings``: what
    :func:`proxy_settings` gave, to ask for many URLs without reading the environment each time.
    """
    names = proxy_settings() if settings is None else settings
    if not any(name in names for name in _PROXY_VARIABLES):
        return False
    scheme = urlsplit(url).scheme.lower()
    if f"{scheme}_proxy" not in names and "all_proxy" not in names:
        return False
    host = (urlsplit(url).hostname or "").lower()
    for entry in names.get("no_proxy", "").split(","):
        entry = entry.strip().lower().lstrip(".")
        if entry == "*" or (entry and (host == entry or host.endswith("." + entry))):
            return False
    return True


class WireError(Exception):
    """The exchange failed; the message says how, for the user."""


class WireTimeout(WireError):
    """The deadline passed while connecting or waiting for the server."""


class WireCancelled(WireError):
    """``should_stop`` turned true."""


class WireConnectError(WireError):
    """No connection could be made (name, refused, unreachable, TLS)."""


_SSL: ssl.SSLContext | None = None
_SSL_LOCK = threading.Lock()


def ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch of this process (as httpx made it).

    certifi's store, or ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` when set. Loading a store costs
    about 20 ms, so it is done once, and only when a feed is fetched over https.
    """
    global _SSL
    with _SSL_LOCK:
        if _SSL is None:
            import ssl

            if os.environ.get("SSL_CERT_FILE"):
                _SSL = ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
            elif os.environ.get("SSL_CERT_DIR"):
                _SSL = ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
            else:
                import certifi

                _SSL = ssl.create_default_context(cafile=certifi.where())
        return _SSL


def _ascii_host(host: str) -> str:
    if host.isascii():
        return host
    try:
        import idna

        return str(idna.encode(host, uts46=True).decode("ascii"))
    except ImportError:  # pragma: no cover - idna comes with httpx
        return host.encode("idna").decode("ascii")
    except Exception as error:  # noqa: BLE001 - idna raises several kinds
        raise WireError(f"not a valid host name: {error}") from error


def _target(url: str) -> tuple[str, str, int, str, str]:
    """``(scheme, host, port, request target, Host header)`` of an http(s) URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise WireError("only http and https URLs can be fetched")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise WireError(f"not a valid URL: {error}") from error
    host = _ascii_host(parts.hostname)
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_QUERY)
    shown = f"[{host}]" if ":" in host else host
    if port != (443 if scheme == "https" else 80):
        shown += f":{port}"
    return scheme, host, port, path, shown


def _authorization(url: str) -> str | None:
    """Basic credentials written in the URL (``https://user:secret@host/feed``), as httpx sent."""
    parts = urlsplit(url)
    if parts.username is None:
        return None
    import base64

    pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


class _Reader:
    """Buffered reads from a socket within a deadline, checking ``should_stop`` between reads."""

    def __init__(
        self, sock: socket.socket, ends_at: float, should_stop: Callable[[], bool]
    ) -> None:
        self.sock = sock
        self.ends_at = ends_at
        self.should_stop = should_stop
        self.buffer = bytearray()
        self.eof = False

    def fill(self) -> bool:
        """Read what the server sent next; False once it has closed the connection."""
        if self.eof:
            return False
        while True:
            if self.should_stop():
                raise WireCancelled("cancelled")
            remaining = self.ends_at - time.monotonic()
            if remaining <= 0:
                raise WireTimeout("deadline")
            self.sock.settimeout(min(remaining, _POLL))
            try:
                data = self.sock.recv(_CHUNK)
            except TimeoutError:
                continue
            except OSError as error:
                raise WireError(f"connection lost: {error}") from error
            if not data:
                self.eof = True
                return False
            self.buffer += data
            return True

    def line(self) -> bytes:
        """The next line, without its end."""
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                line = bytes(self.buffer[:end])
                del self.buffer[: end + 1]
                return line.rstrip(b"\r")
            if len(self.buffer) > _LINE_MAX:
                raise WireError("bad HTTP answer: a line too long")
            if not self.fill():
                raise WireError("the server closed the connection without a complete answer")

    def take(self, most: int) -> bytes:
        """Up to ``most`` bytes (at least one); empty only at the end of the stream."""
        if not self.buffer and not self.fill():
            return b""
        data = bytes(self.buffer[:most])
        del self.buffer[:most]
        return data


class Response:
    """A response whose head has been read; the body is read by :meth:`iter_raw`."""

    def __init__(self, status: int, reason: str, headers: dict[str, str], reader: _Reader) -> None:
        self.status_code = status
        """The HTTP status."""
        self.reason_phrase = reason
        """Its reason phrase, as the server wrote it."""
        self.headers = headers
        """Header values by lower-case name (repeated headers joined with ", ")."""
        self._reader = reader

    def iter_raw(self, chunk: int = _CHUNK) -> Iterator[bytes]:
        """The body as sent (still compressed if it was), in pieces of at most ``chunk`` bytes."""
        reader = self._reader
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            while True:
                size_line = reader.line().split(b";", 1)[0].strip()
                try:
                    size = int(size_line, 16)
                except ValueError:
                    raise WireError("bad HTTP answer: a damaged chunk") from None
                if size < 0:
                    raise WireError("bad HTTP answer: a damaged chunk")
                if size == 0:
                    while reader.line():  # trailers, up to the empty line
                        pass
                    return
                yield from _exactly(
                    reader, size, chunk, "the server closed the connection in the middle of a chunk"
                )
                reader.line()
            return
        length = self.headers.get("content-length", "").strip()
        if length:
            values = {value.strip() for value in length.split(",")}  # repeated, the same: fine
            if len(values) != 1 or not next(iter(values)).isdigit():
                raise WireError("bad HTTP answer: a damaged Content-Length")
            yield from _exactly(
                reader,
                int(values.pop()),
                chunk,
                "the server closed the connection before the end of the body",
            )
            return
        while data := reader.take(chunk):
            yield data


def _exactly(reader: _Reader, size: int, chunk: int, cut_short: str) -> Iterator[bytes]:
    """``size`` bytes of the body, in pieces of at most ``chunk``; ``cut_short`` if it ends first."""
    while size:
        data = reader.take(min(size, chunk))
        if not data:
            raise WireError(cut_short)
        size -= len(data)
        yield data


def _read_head(reader: _Reader) -> Response:
    """Read the status line and headers, skipping informational (1xx) answers."""
    while True:
        status_line = reader.line()
        while not status_line:  # tolerate blank lines before the answer
            status_line = reader.line()
        fields = status_line.decode("latin-1").split(None, 2)
        if len(fields) < 2 or not fields[0].startswith("HTTP/") or not fields[1].isdigit():
            raise WireError("the server did not answer in HTTP")
        status = int(fields[1])
        reason = fields[2].strip() if len(fields) > 2 else ""
        headers: dict[str, str] = {}
        size = len(status_line)
        last = ""
        count = 0
        while line := reader.line():
            size += len(line) + 2
            count += 1
            if size > _HEAD_MAX or count > _HEADERS_MAX:
                raise WireError("bad HTTP answer: headers too large")
            text = line.decode("latin-1")
            if text[0] in " \t" and last:  # an obsolete folded continuation
                headers[last] += " " + text.strip()
                continue
            name, colon, value = text.partition(":")
            if not colon:
                continue
            last = name.strip().lower()
            value = value.strip()
            headers[last] = f"{headers[last]}, {value}" if last in headers else value
        if 100 <= status < 200 and status != 101:
            continue
        return Response(status, reason, headers, reader)


def _connect(scheme: str, host: str, port: int, ends_at: float) -> socket.socket:
    remaining = ends_at - time.monotonic()
    if remaining <= 0:
        raise WireTimeout("deadline")
    try:
        # The name as bytes (it is ASCII already): as a str, the socket module would load
        # the idna codec to encode it, a millisecond and a half of every run.
        address = (host.encode("ascii"), port)  # getaddrinfo takes bytes; typeshed says str
        sock = socket.create_connection(address, timeout=remaining)  # type: ignore[arg-type]
    except TimeoutError as error:
        raise WireTimeout("deadline") from error
    except OSError as error:
        raise WireConnectError(str(error)) from error
    if scheme != "https":
        return sock
    import ssl

    try:
        sock.settimeout(max(ends_at - time.monotonic(), 0.001))
        return ssl_context().wrap_socket(sock, server_hostname=host)
    except TimeoutError as error:
        sock.close()
        raise WireTimeout("deadline") from error
    except (ssl.SSLError, ssl.CertificateError, OSError) as error:
        sock.close()
        raise WireConnectError(str(error)) from error


class Exchange:
    """One GET: open with :func:`get`, read ``response``, then :meth:`close` (or ``with``)."""

    def __init__(self, sock: socket.socket, response: Response) -> None:
        self.sock = sock
        self.response = response

    def close(self) -> None:
        """Close the connection."""
        self.sock.close()

    def __enter__(self) -> Response:
        return self.response

    def __exit__(self, *exc: object) -> None:
        self.close()


def get(
    url: str,
    headers: Mapping[str, str],
    *,
    ends_at: float,
    should_stop: Callable[[], bool] = lambda: False,
) -> Exchange:
    """Send ``GET url`` with ``headers`` and read the response's head.

    Raises:
        WireError: (or a subclass) when the URL, the connection or the answer is unusable.
    """
    scheme, host, port, target, shown = _target(url)
    lines = [f"GET {target} HTTP/1.1", f"Host: {shown}"]
    auth = _authorization(url)
    if auth:
        lines.append(f"Authorization: {auth}")
    for name, value in headers.items():
        if "\r" in value or "\n" in value:
            raise WireError(f"a line break in the {name} header")
        lines.append(f"{name}: {value}")
    lines.append("Connection: close")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
    sock = _connect(scheme, host, port, ends_at)
    try:
        sock.settimeout(max(ends_at - time.monotonic(), 0.001))
        try:
            sock.sendall(request)
        except TimeoutError as error:
            raise WireTimeout("deadline") from error
        except OSError as error:
            raise WireError(f"connection lost: {error}") from error
        response = _read_head(_Reader(sock, ends_at, should_stop))
    except BaseException:
        sock.close()
        raise
    return Exchange(sock, response)
