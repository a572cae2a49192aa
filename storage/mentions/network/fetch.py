"""Download one feed with a deadline, a size cap and conditional GET; read local feed files.

httpx does the HTTP; we follow redirects ourselves (http and https only) and decompress
ourselves, so a gzip bomb stops at the cap instead of after it has filled memory.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    import ssl

    import httpx

DEFAULT_DEADLINE = 20.0
"""Seconds one feed may take, from the first connection to the last byte."""
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest body accepted, after decompression."""
MAX_REDIRECTS = 5
"""Redirects followed before giving up."""
USER_AGENT = "socialplan/0.1 (feed reader; +https://github.com/socialplan)"
"""Sent with every request."""
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A feed could not be fetched; the message is shown to the user as is."""


@dataclass(frozen=True)
class Download:
    """What a fetch brought back."""

    body: bytes
    """The (decompressed) body; empty when not modified."""
    url: str
    """The final URL after redirects (or the file path)."""
    content_type: str
    """The Content-Type header ("" for files)."""
    not_modified: bool = False
    """True on HTTP 304: the feed has not changed since the last fetch."""
    etag: str | None = None
    """ETag to send next time."""
    last_modified: str | None = None
    """Last-Modified to send next time."""


_SSL: ssl.SSLContext | None = None
_SSL_LOCK = threading.Lock()


def ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch of this process.

    Loading the certificate store costs about 20 ms; httpx would do it for every client.
    """
    global _SSL
    with _SSL_LOCK:
        if _SSL is None:
            import httpx

            _SSL = httpx.create_ssl_context()  # certifi, or SSL_CERT_FILE / SSL_CERT_DIR
        return _SSL


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def is_web_url(source: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(source.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def read_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Download:
    """Read a feed file the user added by path (regular files only, capped)."""
    target = Path(path).expanduser()
    try:
        if not target.is_file():
            raise FetchError(f"{target}: not a readable file")
        with open(target, "rb") as handle:
            body = handle.read(max_bytes + 1)
    except OSError as error:
        raise FetchError(f"{target}: {error.strerror or error}") from error
    if len(body) > max_bytes:
        raise FetchError(f"the file is larger than {_mb(max_bytes)}")
    suffix = target.suffix.lower()
    content_type = "application/feed+json" if suffix == ".json" else ""
    return Download(body=body, url=target.absolute().as_uri(), content_type=content_type)


def _decoder(encoding: str) -> zlib._Decompress | None:
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)
    raise FetchError(f"unsupported content encoding {name!r}")


def _read_body(
    response: httpx.Response,
    ends_at: float,
    deadline: float,
    max_bytes: int,
    should_stop: Callable[[], bool],
) -> bytes:
    """Read and decompress the body, stopping at the deadline or the size cap."""
    too_big = FetchError(f"the feed is larger than {_mb(max_bytes)}")
    decoder = _decoder(response.headers.get("content-encoding", ""))
    length = response.headers.get("content-length", "")
    if decoder is None and length.isdigit() and int(length) > max_bytes:
        raise too_big
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_raw(_CHUNK):
        if should_stop():
            raise FetchError("cancelled")
        if time.monotonic() > ends_at:
            raise FetchError(f"no complete answer within {deadline:g} s")
        if decoder is None:
            data = chunk
        else:
            try:
                data = decoder.decompress(chunk, max_bytes - size + 1)
            except zlib.error as error:
                raise FetchError(f"damaged compressed body: {error}") from error
            if decoder.unconsumed_tail:
                raise too_big
        size += len(data)
        if size > max_bytes:
            raise too_big
        parts.append(data)
    if decoder is not None:
        tail = decoder.flush()
        size += len(tail)
        if size > max_bytes:
            raise too_big
        parts.append(tail)
    return b"".join(parts)


def _describe(error: Exception, deadline: float) -> str:
    import httpx

    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {deadline:g} s"
    if isinstance(error, httpx.ConnectError):
        return f"could not connect: {error}" if str(error) else "could not connect"
    if isinstance(error, httpx.TooManyRedirects):
        return "too many redirects"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def fetch_url(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    should_stop: Callable[[], bool] = lambda: False,
) -> Download:
    """Download ``url`` (http/https only) within ``deadline`` seconds.

    Raises:
        FetchError: with a message for the user (timeout, too big, HTTP status, bad scheme...).
    """
    import httpx

    if not is_web_url(url):
        raise FetchError("only http and https URLs can be fetched")
    ends_at = time.monotonic() + deadline
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    try:
        with httpx.Client(follow_redirects=False, headers=headers, verify=ssl_context()) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                remaining = ends_at - time.monotonic()
                if remaining <= 0:
                    raise FetchError(f"no complete answer within {deadline:g} s")
                with client.stream("GET", current, timeout=httpx.Timeout(remaining)) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = urljoin(current, response.headers["location"].strip())
                        scheme = urlsplit(target).scheme.lower()
                        if not is_web_url(target):
                            raise FetchError(
                                f"redirected to a {scheme or 'relative'}: URL; "
                                "only http and https are followed"
                            )
                        current = target
                        continue
                    if response.status_code == 304:
                        return Download(
                            body=b"",
                            url=current,
                            content_type="",
                            not_modified=True,
                            etag=response.headers.get("etag") or etag,
                            last_modified=response.headers.get("last-modified") or last_modified,
                        )
                    if response.status_code >= 300:
                        reason = response.reason_phrase or ""
                        raise FetchError(f"HTTP {response.status_code} {reason}".strip())
                    body = _read_body(response, ends_at, deadline, max_bytes, should_stop)
                    return Download(
                        body=body,
                        url=current,
                        content_type=response.headers.get("content-type", ""),
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            raise FetchError("too many redirects")
    except FetchError:
        raise
    except httpx.HTTPError as error:
        raise FetchError(_describe(error, deadline)) from error
    except httpx.InvalidURL as error:
        raise FetchError(f"not a valid URL: {error}") from error
    except (OSError, ValueError) as error:
        raise FetchError(f"{type(error).__name__}: {error}") from error
