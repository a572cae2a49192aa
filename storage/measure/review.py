"""The monthly review: a checklist generated from the data, ticked off like any checklist.

Items come from objectives behind pace, pillars under their target share in the guide's mix,
channels with nothing published in 30 days, open community promises, and an old metrics
snapshot. Titles carry no changing numbers, so generating again in the same month adds only
what is new and keeps what was ticked.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from storage.dates import number
from storage.i18n import _, ngettext
from storage.measure.records import days_since_last_snapshot
from storage.measure.trends import Progress, progress
from storage.text import one_line

if TYPE_CHECKING:
    from storage.datafile import Plan

QUIET_DAYS = 30
"""A channel with nothing published for this many days gets a review item."""


@dataclass(frozen=True)
class ReviewItem:
    """One line of a month's review checklist."""

    id: int
    """Record id in the ``review`` table."""
    month: str
    """``YYYY-MM``."""
    title: str
    """What to look at or do."""
    done: bool = False
    """Ticked off."""

    @classmethod
    def from_doc(cls, doc: Any) -> ReviewItem:
        """Build from a stored record."""
        return cls(
            int(getattr(doc, "doc_id", 0)),
            str(doc.get("month") or ""),
            str(doc.get("title") or ""),
            bool(doc.get("done")),
        )


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return number(value, 0 if float(value).is_integer() else 1)


def behind_pace(rows: list[Progress]) -> list[str]:
    """Review items for objectives behind pace."""
    return [
        _("Objective behind pace: {what}, by {by}").format(what=one_line(row.text), by=row.by)
        if row.text
        else _("Objective behind pace: {what} to {target} by {by}").format(
            what=row.label, target=_number(row.target), by=row.by
        )
        for row in rows
        if row.on_pace is False
    ]


def quiet_channels(
    channels: list[dict[str, Any]], content: list[dict[str, Any]], today: date
) -> list[str]:
    """Review items for claimed or audience channels with nothing published in 30 days."""
    since = (today - timedelta(days=QUIET_DAYS)).isoformat()
    recent = {
        doc.get("channel")
        for doc in content
        if doc.get("status") == "published"
        and since <= str(doc.get("published_on") or doc.get("date") or "")[:10] <= today.isoformat()
    }
    items = []
    for channel in channels:
        active = channel.get("priority") or channel.get("status") in ("claimed", "complete")
        if active and channel.get("key") not in recent:
            items.append(
                _("Nothing published on {name} in {days} days: publish or drop it").format(
                    name=one_line(str(channel.get("name") or channel.get("key"))), days=QUIET_DAYS
                )
            )
    return items


def _pillars_under(plan: Plan, today: date) -> list[str]:
    from storage.guide import mix_report

    window = mix_report(plan, today).published
    if not window.total:
        return []
    return [
        _("Pillar under its target share: {name} (target {target}%)").format(
            name=one_line(row.name), target=row.target
        )
        for row in window.rows
        if row.off_target and row.target is not None and row.share < row.target
    ]


def _promises(plan: Plan) -> list[str]:
    from storage.calendar import open_promises

    return [
        _("Promise left open: {title}").format(title=one_line(promise.item.title))
        for promise in open_promises(plan)
    ]


def review_titles(plan: Plan, today: date) -> list[str]:
    """What this month's review should look at, from the data as it is today."""
    titles = behind_pace(progress(plan, today))
    with contextlib.suppress(ImportError, AttributeError):
        titles += _pillars_under(plan, today)
    titles += quiet_channels(
        [dict(d) for d in plan.table("channels").all()],
        [dict(d) for d in plan.table("content").all()],
        today,
    )
    with contextlib.suppress(ImportError, AttributeError):
        titles += _promises(plan)
    days = days_since_last_snapshot(plan, today)
    if days is None or days >= QUIET_DAYS:
        titles.append(_("Take a metrics snapshot"))
    return titles


def list_review(plan: Plan, month: str) -> list[ReviewItem]:
    """A month's checklist in the order it was made."""
    docs = plan.table("review").all()
    return sorted(
        (ReviewItem.from_doc(d) for d in docs if d.get("month") == month), key=lambda i: i.id
    )


def generate_review(plan: Plan, today: date) -> list[ReviewItem]:
    """Add this month's items that are not on its checklist yet; return the checklist."""
    month = today.strftime("%Y-%m")
    have = {item.title for item in list_review(plan, month)}
    new = [
        {"month": month, "title": title, "done": False}
        for title in dict.fromkeys(review_titles(plan, today))
        if title not in have
    ]
    if new:
        plan.table("review").insert_multiple(new)
    return list_review(plan, month)


def set_review_done(plan: Plan, item_id: int, done: bool) -> None:
    """Tick or untick a review item."""
    plan.table("review").update({"done": done}, doc_ids=[item_id])


def months_reviewed(plan: Plan) -> list[str]:
    """Months that have a checklist, newest first."""
    return sorted({str(d.get("month")) for d in plan.table("review").all()}, reverse=True)


def review_phrase(items: list[ReviewItem]) -> str:
    """``3 of 5 review items done``."""
    done = sum(item.done for item in items)
    return ngettext(
        "{done} of {n} review item done", "{done} of {n} review items done", len(items)
    ).format(done=done, n=len(items))
