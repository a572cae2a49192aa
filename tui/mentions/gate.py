"""Who is rewriting the whole mentions cache now, and the lock the listings wait on.

Removing a feed or changing a watch word rewrites every cached mention (a second or two for
20,000) in a screen's worker thread. Meanwhile a listing waits on :attr:`CacheGate.lock` rather
than re-matching the cache a second time beside the change, and a change to one mention (read,
star) is refused with a word rather than waiting on the UI thread. The tab owns the gate and
hands it to the widgets that need it.
"""

from __future__ import annotations

import threading

from storage.i18n import _


class CacheGate:
    """The cache lock and the slow changes still under way (counted on the UI thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        """Held by each listing and by each slow change while it rewrites the cache."""
        self.watch_pending = 0
        """Watch word changes queued and not finished yet."""
        self.feeds_pending = 0
        """Feed removals handed to a worker and not finished yet."""

    @property
    def changing(self) -> bool:
        """A worker is re-matching (watch words) or rewriting (feed removal) the cache."""
        return bool(self.watch_pending or self.feeds_pending)

    @property
    def wait_reason(self) -> str:
        """What to tell the user who changes a mention now, or empty when nothing is under way."""
        if self.watch_pending:
            return _("Still applying the watch words: try again in a moment.")
        if self.feeds_pending:
            return _("Still removing a feed: try again in a moment.")
        return ""

    def watch_started(self) -> None:
        """A watch word change was queued."""
        self.watch_pending += 1

    def watch_done(self) -> None:
        """A watch word change finished."""
        self.watch_pending = max(0, self.watch_pending - 1)

    def removal_started(self) -> None:
        """A feed removal was handed to a worker."""
        self.feeds_pending += 1

    def removal_done(self) -> None:
        """A feed removal finished."""
        self.feeds_pending = max(0, self.feeds_pending - 1)
