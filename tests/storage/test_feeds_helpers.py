"""Listening feeds built from a word or handle, and the import hygiene of the mentions model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storage.errors import InputError
from storage.mentions.listening import listening_feed

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("kind", "value", "url"),
    [
        ("mastodon-tag", "#Blogging", "https://mastodon.social/tags/Blogging.rss"),
        ("mastodon-tag", "#art@Fosstodon.org", "https://fosstodon.org/tags/art.rss"),
        ("mastodon-account", "@alice@mstdn.example", "https://mstdn.example/@alice.rss"),
        ("reddit", "social plan & co", "https://www.reddit.com/search.rss?q=social+plan+%26+co"),
        ("hn", "socialplan", "https://hnrss.org/newest?q=socialplan"),
        (
            "youtube",
            "UC" + "a" * 22,
            "https://www.youtube.com/feeds/videos.xml?channel_id=UC" + "a" * 22,
        ),
        ("bluesky", "@Alice.bsky.social", "https://bsky.app/profile/alice.bsky.social/rss"),
        ("wordpress", "myblog.example/", "https://myblog.example/comments/feed/"),
        ("wordpress", "http://x.example/blog", "http://x.example/blog/comments/feed/"),
    ],
)
def test_listening_feeds_from_a_word_or_handle(kind: str, value: str, url: str) -> None:
    built, name = listening_feed(kind, value)
    assert built == url and name


def test_the_instance_is_used_when_the_handle_names_none() -> None:
    assert listening_feed("mastodon-account", "bob", "social.example")[0] == (
        "https://social.example/@bob.rss"
    )


@pytest.mark.parametrize(
    ("kind", "value"),
    [("mastodon-tag", "two words"), ("mastodon-account", "@a b@x.example"),
     ("mastodon-tag", "tag@not a host"), ("youtube", "notanid"), ("bluesky", "a/b"),
     ("wordpress", "ftp://x.example"), ("reddit", "   "), ("nope", "x")],
)  # fmt: skip
def test_values_that_cannot_make_a_feed_say_why(kind: str, value: str) -> None:
    with pytest.raises(InputError):
        listening_feed(kind, value)


def test_importing_the_mentions_model_loads_neither_httpx_nor_feedparser() -> None:
    code = (
        "import sys, storage.mentions.inbox, storage.mentions.opml, tui.cli.feeds\n"
        "print(sorted(m for m in ('httpx', 'feedparser', 'textual') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
