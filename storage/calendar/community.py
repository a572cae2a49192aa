"""The community log (phase 5): comments the blogger left elsewhere.

Each logged comment pays one comment of a published article's promise (see
:func:`storage.calendar.occurrences.open_promises`). A comment logged without saying which post it counts for
counts for the oldest post whose promise is still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.dates import from_iso, iso
from storage.errors import InputError
from storage.i18n import _

if TYPE_CHECKING:
    from storage.datafile import Plan


@dataclass(frozen=True)
class Comment:
    """One comment the blogger made somewhere else."""

    id: int
    """TinyDB document id."""
    date: date
    """When it was made."""
    where: str
    """Where (a blog, a forum, a profile)."""
    url: str = ""
    """Link to the comment or the page."""
    note: str = ""
    """Optional note."""
    content_id: int | None = None
    """The published post it counts for."""

    @classmethod
    def from_doc(cls, doc: Document) -> Comment:
        """Build a comment from its stored document."""
        content_id = doc.get("content_id")
        return cls(
            id=doc.doc_id,
            date=from_iso(doc.get("date")) or date.min,
            where=str(doc.get("where") or ""),
            url=str(doc.get("url") or ""),
            note=str(doc.get("note") or ""),
            content_id=content_id if isinstance(content_id, int) else None,
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored fields (without the id)."""
        return {
            "date": iso(self.date),
            "where": self.where,
            "url": self.url,
            "note": self.note,
            "content_id": self.content_id,
        }


def log_comment(
    plan: Plan,
    day: date,
    where: str,
    url: str,
    note: str = "",
    content_id: int | None = None,
) -> Comment:
    """Record a comment made elsewhere; it pays one comment of a promise.

    Without ``content_id`` it counts for the oldest post with an open promise (if any).

    Raises:
        InputError: when neither where nor URL is given, or the post does not exist.
    """
    from storage.calendar.occurrences import get_content, open_promises

    where = " ".join(where.split())
    url = url.strip()
    if not where and not url:
        raise InputError(_("say where the comment was made (a site name or a URL)"))
    if content_id is not None:
        get_content(plan, content_id)
    else:
        waiting = open_promises(plan)
        content_id = waiting[0].item.id if waiting else None
    comment = Comment(0, day, where or url, url, note.strip(), content_id)
    new_id = plan.table("community").insert(comment.to_doc())
    return get_comment(plan, new_id)


def get_comment(plan: Plan, comment_id: int) -> Comment:
    """One logged comment by id."""
    doc = plan.table("community").get(doc_id=comment_id)
    if not isinstance(doc, Document):
        raise InputError(_("there is no logged comment {id}").format(id=comment_id))
    return Comment.from_doc(doc)


def list_comments(plan: Plan, content_id: int | None = None) -> list[Comment]:
    """Logged comments, newest first; only those counting for one post when given."""
    comments = [Comment.from_doc(d) for d in plan.table("community").all()]
    if content_id is not None:
        comments = [c for c in comments if c.content_id == content_id]
    return sorted(comments, key=lambda c: (c.date, c.id), reverse=True)


def delete_comment(plan: Plan, comment_id: int) -> Comment:
    """Remove a logged comment (its promise opens again); return it for undo."""
    comment = get_comment(plan, comment_id)
    plan.table("community").remove(doc_ids=[comment_id])
    return comment
