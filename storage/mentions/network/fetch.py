"""Download one feed with a deadline, a size cap and conditional GET; read local feed files.

``wire`` (a small HTTP/1.1 client on sockets) does the HTTP, or httpx when a proxy is
configured; either way we follow redirects ourselves (http and https only) and decompress
ourselves, so a gzip bomb stops at the cap instead of after it has filled memory.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from storage.mentions.network import DEFAULT_DEADLINE, wire
from storage.mentions.network.wire import proxy_for, request_headers

if TYPE_CHECKING:
    import ssl

    import httpx

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest body accepted, after decompression."""
MAX_REDIRECTS = 5
"""Redirects followed before giving up."""
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


@dataclass(frozen=True)
class _Attempt:
    """One fetch's request and limits: the same for every redirect and for both transports."""

    headers: dict[str, str]
    etag: str | None
    last_modified: str | None
    ends_at: float
    """``time.monotonic()`` past which the fetch has failed."""
    deadline: float
    """The seconds it was given (named in messages)."""
    max_bytes: int
    should_stop: Callable[[], bool]


def ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch of this process (see ``wire.ssl_context``)."""
    return wire.ssl_context()


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


def _read_body(response: httpx.Response | wire.Response, attempt: _Attempt) -> bytes:
    """Read and decompress the body, stopping at the deadline or the size cap."""
    max_bytes = attempt.max_bytes
    too_big = FetchError(f"the feed is larger than {_mb(max_bytes)}")
    decoder = _decoder(response.headers.get("content-encoding", ""))
    length = response.headers.get("content-length", "")
    if decoder is None and length.isdigit() and int(length) > max_bytes:
        raise too_big
    parts: list[bytes] = []
    size = 0
    try:
        for data in _decoded(response, decoder, attempt):
            size += len(data)
            if size > max_bytes:
                raise too_big
            parts.append(data)
    except wire.WireTimeout:
        raise FetchError(f"no complete answer within {attempt.deadline:g} s") from None
    except wire.WireCancelled:
        raise FetchError("cancelled") from None
    return b"".join(parts)


def _decoded(
    response: httpx.Response | wire.Response,
    decoder: zlib._Decompress | None,
    attempt: _Attempt,
) -> Iterator[bytes]:
    """The body's pieces, decompressed; a piece never makes more than the cap plus one byte."""
    max_bytes = attempt.max_bytes
    too_big = FetchError(f"the feed is larger than {_mb(max_bytes)}")
    size = 0
    for chunk in response.iter_raw(_CHUNK):
        if attempt.should_stop():
            raise FetchError("cancelled")
        if time.monotonic() > attempt.ends_at:
            raise FetchError(f"no complete answer within {attempt.deadline:g} s")
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
        yield data
    if decoder is not None:
        yield decoder.flush()


def _describe(error: Exception, deadline: float) -> str:
    import httpx

    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {deadline:g} s"
    if isinstance(error, httpx.ConnectError):
        return f"could not connect: {error}" if str(error) else "could not connect"
    if isinstance(error, httpx.TooManyRedirects):
        return "too many redirects"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _redirect_target(current: str, location: str) -> str:
    target = urljoin(current, location.strip())
    if not is_web_url(target):
        scheme = urlsplit(target).scheme.lower()
        raise FetchError(
            f"redirected to a {scheme or 'relative'}: URL; only http and https are followed"
        )
    return target


def _answer(
    response: httpx.Response | wire.Response, current: str, attempt: _Attempt
) -> Download | str:
    """The download a final response brings, or the URL a redirect leads to."""
    if response.status_code in _REDIRECTS and "location" in response.headers:
        return _redirect_target(current, response.headers["location"])
    if response.status_code == 304:
        return Download(
            body=b"",
            url=current,
            content_type="",
            not_modified=True,
            etag=response.headers.get("etag") or attempt.etag,
            last_modified=response.headers.get("last-modified") or attempt.last_modified,
        )
    if response.status_code >= 300:
        reason = response.reason_phrase or ""
        raise FetchError(f"HTTP {response.status_code} {reason}".strip())
    body = _read_body(response, attempt)
    return Download(
        body=body,
        url=current,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


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
    if not is_web_url(url):
        raise FetchError("only http and https URLs can be fetched")
    attempt = _Attempt(request_headers(etag, last_modified), etag, last_modified,
                       time.monotonic() + deadline, deadline, max_bytes, should_stop)  # fmt: skip
    if proxy_for(url):
        return _fetch_with_httpx(url, attempt)
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            with wire.get(current, attempt.headers, ends_at=attempt.ends_at,
                          should_stop=should_stop) as response:  # fmt: skip
                answer = _answer(response, current, attempt)
        except wire.WireCancelled:
            raise FetchError("cancelled") from None
        except wire.WireTimeout:
            raise FetchError(f"no answer within {deadline:g} s") from None
        except wire.WireConnectError as error:
            message = f"could not connect: {error}" if str(error) else "could not connect"
            raise FetchError(message) from error
        except wire.WireError as error:
            raise FetchError(str(error)) from error
        if isinstance(answer, Download):
            return answer
        current = answer
        if proxy_for(current):
            return _fetch_with_httpx(current, attempt)
    raise FetchError("too many redirects")


def _fetch_with_httpx(url: str, attempt: _Attempt) -> Download:
    """:func:`fetch_url` through the proxy the environment names (httpx speaks to proxies)."""
    import httpx

    current = url
    try:
        with httpx.Client(
            follow_redirects=False, headers=attempt.headers, verify=ssl_context()
        ) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                remaining = attempt.ends_at - time.monotonic()
                if remaining <= 0:
                    raise FetchError(f"no complete answer within {attempt.deadline:g} s")
                with client.stream("GET", current, timeout=httpx.Timeout(remaining)) as response:
                    answer = _answer(response, current, attempt)
                if isinstance(answer, Download):
                    return answer
                current = answer
            raise FetchError("too many redirects")
    except FetchError:
        raise
    except httpx.HTTPError as error:
        raise FetchError(_describe(error, attempt.deadline)) from error
    except httpx.InvalidURL as error:
        raise FetchError(f"not a valid URL: {error}") from error
    except (OSError, ValueError) as error:
        raise FetchError(f"{type(error).__name__}: {error}") from error
