"""Mentions: the feeds you monitor, your watch words, and what the feeds said.

Feeds, watch words and starred copies live in the data file; fetched mentions live in the
mentions cache beside it. Modules: ``feeds`` (the feed registry), ``watch`` (watch words and
which mentions match them), ``matching`` (folding and finding words), ``listing`` (the lazy,
sorted view of the cache), ``inbox`` (reading, starring, acting on a mention), ``opml``,
``listening`` (feeds built from a word or a handle), ``ingest`` (storing a fetch run) and
``network/`` (download, guard, parse, pool, runner, sanitize). Fetching pulls in httpx and
feedparser, so its names are imported on first use: the check-in needs none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.exports import lazy_exports
from storage.mentions.feeds import (
    add_feed,
    list_feeds,
    remove_feed,
    rename_feed,
)
from storage.mentions.inbox import (
    list_mentions,
    mark_read,
    matching_new,
    set_read,
    set_starred,
)
from storage.mentions.matching import (
    match_spans,
)
from storage.mentions.watch import (
    add_watch,
    changing,
    remove_watch,
    watch_words,
)

if TYPE_CHECKING:
    from storage.mentions.ingest import (
        fetch_all,
        store_outcomes,
    )
    from storage.mentions.listening import (
        KINDS,
        listening_feed,
    )
    from storage.mentions.opml import (
        export_opml,
        import_opml,
    )

__getattr__ = lazy_exports(
    __name__,
    {
        "fetch_all": "storage.mentions.ingest",
        "store_outcomes": "storage.mentions.ingest",
        "KINDS": "storage.mentions.listening",
        "listening_feed": "storage.mentions.listening",
        "export_opml": "storage.mentions.opml",
        "import_opml": "storage.mentions.opml",
    },
)

__all__ = [
    "KINDS",
    "add_feed",
    "add_watch",
    "changing",
    "export_opml",
    "fetch_all",
    "import_opml",
    "list_feeds",
    "list_mentions",
    "listening_feed",
    "mark_read",
    "match_spans",
    "matching_new",
    "remove_feed",
    "remove_watch",
    "rename_feed",
    "set_read",
    "set_starred",
    "store_outcomes",
    "watch_words",
]
