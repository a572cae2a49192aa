"""Listening feeds built from a word or a handle: Mastodon, Reddit, Hacker News, YouTube,
Bluesky and WordPress comments. The add-feed form and ``socialplan feeds add --kind`` share them.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus, urlsplit

from storage.errors import InputError
from storage.i18n import _
from storage.text import one_line

KINDS: dict[str, str] = {
    "mastodon-tag": "Mastodon tag",
    "mastodon-account": "Mastodon account",
    "reddit": "Reddit search",
    "hn": "Hacker News search",
    "youtube": "YouTube channel",
    "bluesky": "Bluesky profile",
    "wordpress": "WordPress comments",
}
"""Kind key -> label, in the order forms offer them."""

EXAMPLES: dict[str, str] = {
    "mastodon-tag": "blogging (or #blogging@fosstodon.org)",
    "mastodon-account": "@alice@mastodon.social",
    "reddit": "words to search",
    "hn": "words to search",
    "youtube": "UCxxxxxxxxxxxxxxxxxxxxxx (channel id)",
    "bluesky": "alice.bsky.social",
    "wordpress": "https://myblog.example",
}
"""What to type for each kind."""

DEFAULT_INSTANCE = "mastodon.social"
"""Mastodon instance used when none is given."""

_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", re.I)
_TAG = re.compile(r"^\w+$")
_USER = re.compile(r"^[A-Za-z0-9_.-]+$")
_CHANNEL = re.compile(r"^UC[A-Za-z0-9_-]{22}$")


def _host(value: str) -> str:
    host = value.strip().removeprefix("https://").removeprefix("http://").strip("/").lower()
    if not _HOST.match(host):
        raise InputError(_("not an instance or host name: {v!r}").format(v=one_line(value, 60)))
    return host


def listening_feed(kind: str, value: str, instance: str = "") -> tuple[str, str]:
    """The ``(feed URL, suggested name)`` of a listening feed.

    ``kind`` is a key of :data:`KINDS` (``_`` may stand for ``-``), or ``"source"`` for a URL
    or path given as is. ``value`` is what the user typed: a tag (``blogging``, ``#blogging@fosstodon.org``), an
    account (``@alice@mastodon.social``), search words, a YouTube channel id, a Bluesky handle or
    a WordPress site. ``instance`` is the Mastodon server when ``value`` does not name one.

    Raises:
        InputError: when the value cannot make that kind of feed.
    """
    text = one_line(value)
    if not text:
        raise InputError(_("type a word, a handle or an address first"))
    kind = kind.replace("_", "-")
    if kind == "source":
        return text, ""
    if kind == "mastodon-tag":
        tag, _at, host = text.lstrip("#").partition("@")
        if not _TAG.match(tag):
            raise InputError(
                _("a Mastodon tag is letters, digits and _ only: {v!r}").format(v=text)
            )
        server = _host(host or instance or DEFAULT_INSTANCE)
        return f"https://{server}/tags/{quote(tag)}.rss", f"#{tag} on {server}"
    if kind == "mastodon-account":
        user, _at, host = text.lstrip("@").partition("@")
        if not _USER.match(user):
            raise InputError(_("not a Mastodon account: {v!r}").format(v=text))
        server = _host(host or instance or DEFAULT_INSTANCE)
        return f"https://{server}/@{quote(user)}.rss", f"@{user}@{server}"
    if kind == "reddit":
        return f"https://www.reddit.com/search.rss?q={quote_plus(text)}", f"Reddit: {text}"
    if kind == "hn":
        return f"https://hnrss.org/newest?q={quote_plus(text)}", f"Hacker News: {text}"
    if kind == "youtube":
        if not _CHANNEL.match(text):
            raise InputError(
                _("a YouTube channel id starts with UC and has 24 characters: {v!r}").format(v=text)
            )
        return f"https://www.youtube.com/feeds/videos.xml?channel_id={text}", f"YouTube {text}"
    if kind == "bluesky":
        handle = text.lstrip("@").lower()
        if not _HOST.match(handle):
            raise InputError(
                _("not a Bluesky handle (like alice.bsky.social): {v!r}").format(v=text)
            )
        return f"https://bsky.app/profile/{handle}/rss", f"Bluesky @{handle}"
    if kind == "wordpress":
        site = text if "://" in text else f"https://{text}"
        parts = urlsplit(site)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(_("a WordPress site is an http(s) address: {v!r}").format(v=text))
        base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
        return f"{base}/comments/feed/", f"Comments on {parts.hostname}"
    raise InputError(
        _("unknown kind of feed {k!r} (one of: {kinds})").format(k=kind, kinds=", ".join(KINDS))
    )
