"""Promises (phase 5): the comments a published article owes the community.

A published article owes ``comments_per_post`` comments elsewhere (a setting, 2 by default); each
comment logged for it in the community log (:mod:`storage.calendar.community`) pays one. Only single (not
repeating) articles open promises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.calendar.items import ContentItem, Where, item_from_row
from storage.dates import from_iso

if TYPE_CHECKING:
    from storage.datafile import Plan


@dataclass(frozen=True)
class Promise:
    """The comments a published article owes the community."""

    item: ContentItem
    """The published article."""
    owed: int
    """Comments it asks for."""
    made: int
    """Comments logged for it."""

    @property
    def left(self) -> int:
        """Comments still to leave (0 when kept)."""
        return max(0, self.owed - self.made)


def comments_per_post(plan: Plan) -> int:
    """How many comments elsewhere each published article asks for (setting, default 2)."""
    try:
        return max(0, int(plan.settings().get("comments_per_post", 2)))
    except (TypeError, ValueError):
        return 2


def _comments_made(plan: Plan) -> dict[int, int]:
    """Logged comments per content id."""
    made: dict[int, int] = {}
    for _id, doc in plan.rows("community"):
        if isinstance(doc.get("content_id"), int):
            made[doc["content_id"]] = made.get(doc["content_id"], 0) + 1
    return made


def _promises(plan: Plan, only_open: bool, latest: int | None = None) -> tuple[list[Promise], int]:
    """The promises (only the ``latest`` if given), oldest first, and how many there are.

    Articles are picked and sorted on their stored records; only the promises returned are read
    into items, so that a check-in over years of articles costs what it shows.
    """
    owed = comments_per_post(plan)
    made = _comments_made(plan)
    found = [
        (from_iso(doc.get("published_on")) or from_iso(doc.get("date")) or date.min, doc_id, doc)
        for doc_id, doc in plan.rows("content")
        if _published_article(doc) and (not only_open or made.get(doc_id, 0) < owed)
    ]
    found.sort(key=lambda f: (f[0], f[1]))
    shown = found
    if latest is not None:
        shown = found[max(len(found) - latest, 0) :] if latest > 0 else []
    return [
        Promise(item_from_row(doc_id, doc), owed, made.get(doc_id, 0))
        for _day, doc_id, doc in shown
    ], len(found)


def promises(plan: Plan, only_open: bool = False) -> list[Promise]:
    """Every published single article's promise (or only the open ones), oldest first."""
    return _promises(plan, only_open)[0]


def open_promises(plan: Plan) -> list[Promise]:
    """Promises with comments still to leave, oldest first."""
    return promises(plan, only_open=True)


def latest_open_promises(plan: Plan, count: int) -> tuple[list[Promise], int]:
    """The ``count`` latest open promises (oldest of them first) and how many are open in all."""
    return _promises(plan, only_open=True, latest=count)


def promise_for(plan: Plan, item_id: int) -> Promise | None:
    """The promise of one item (None when it opens none); reads only that item's comments."""
    doc = plan.table("content").get(doc_id=item_id)
    if not isinstance(doc, Document) or not _published_article(doc):
        return None
    made = len(plan.table("community").search(Where(lambda c: c.get("content_id") == item_id)))
    return Promise(ContentItem.from_doc(doc), comments_per_post(plan), made)


def _published_article(doc: Mapping[Any, Any]) -> bool:
    return bool(
        doc.get("kind") == "article" and doc.get("status") == "published" and not doc.get("rrule")
    )
