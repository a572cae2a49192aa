"""Mentions: the feeds you monitor, your watch words, and what the feeds said.

Feeds, watch words and starred copies live in the data file; fetched mentions live in the
mentions cache beside it. Modules, each importing only those listed before it:

- ``network/``: download, guard, parse (in a process pool) and clean feeds, many at once;
- ``matching``: folding text (case and accents) and finding words in it;
- ``watch``: the watch words and which cached mentions match them (the match index), every
  change to the cache (:func:`changing`) and the check-in's digest;
- ``feeds``: the feed registry;
- ``listing``: the lazy, sorted listing of the cache;
- ``inbox``: reading, starring and acting on a mention;
- ``ingest``: one fetch run, from the registry through ``network`` into the cache;
- ``opml`` and ``listening``: OPML both ways; feeds built from a word or a handle.

Other areas, the app and the command line use the names below, each imported on first use:
fetching pulls in the network code and feedparser, which the check-in does not need, and the
quick fetch (``quick``) needs none of the cache's code.
"""

from __future__ import annotations

from storage.exports import lazy_exports

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)

if TYPE_CHECKING:
    from storage.mentions.feeds import (
        Feed,
        add_feed,
        list_feeds,
        remove_feed,
        rename_feed,
    )
    from storage.mentions.inbox import (
        Mention,
        get_mention,
        list_mentions,
        log_commented,
        make_content_idea,
        make_reply_task,
        mark_read,
        matching_new,
        set_read,
        set_starred,
        warm_search,
    )
    from storage.mentions.ingest import (
        FetchReport,
        fetch_all,
        store_outcomes,
    )
    from storage.mentions.listening import (
        KINDS,
        listening_feed,
    )
    from storage.mentions.listing import (
        MentionResults,
    )
    from storage.mentions.matching import (
        match_spans,
    )
    from storage.mentions.opml import (
        export_opml,
        import_opml,
    )
    from storage.mentions.watch import (
        add_watch,
        changing,
        remove_watch,
        watch_words,
    )

_MODULES = {
    "storage.mentions.feeds": ("Feed", "add_feed", "list_feeds", "remove_feed", "rename_feed"),
    "storage.mentions.inbox": (
        "Mention",
        "get_mention",
        "list_mentions",
        "log_commented",
        "make_content_idea",
        "make_reply_task",
        "mark_read",
        "matching_new",
        "set_read",
        "set_starred",
        "warm_search",
    ),
    "storage.mentions.listing": ("MentionResults",),
    "storage.mentions.matching": ("match_spans",),
    "storage.mentions.watch": ("add_watch", "changing", "remove_watch", "watch_words"),
    "storage.mentions.ingest": ("FetchReport", "fetch_all", "store_outcomes"),
    "storage.mentions.listening": ("KINDS", "listening_feed"),
    "storage.mentions.opml": ("export_opml", "import_opml"),
}

__getattr__ = lazy_exports(
    __name__, {name: module for module, names in _MODULES.items() for name in names}
)

__all__ = [
    "KINDS",
    "Feed",
    "FetchReport",
    "Mention",
    "MentionResults",
    "add_feed",
    "add_watch",
    "changing",
    "export_opml",
    "fetch_all",
    "get_mention",
    "import_opml",
    "list_feeds",
    "list_mentions",
    "listening_feed",
    "log_commented",
    "make_content_idea",
    "make_reply_task",
    "mark_read",
    "match_spans",
    "matching_new",
    "remove_feed",
    "remove_watch",
    "rename_feed",
    "set_read",
    "set_starred",
    "store_outcomes",
    "warm_search",
    "watch_words",
]
