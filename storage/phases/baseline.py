"""The baseline snapshot (phase 1) and the business objectives (phases 1 and 6).

The baseline is one dated snapshot of where the blogger stood before starting: for the blog its
monthly visits, subscribers and average comments per post, for every other channel its
followers. Saving the form replaces the snapshot. Objectives are free-text goals with an
optional metric, channel, target number and date; the Measure tab compares against both.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.dates import from_iso, iso
from storage.errors import InputError
from storage.i18n import _
from storage.phases.channels import list_channels, resolve_channel
from storage.text import one_line

if TYPE_CHECKING:
    from storage.datafile import Plan

BLOG = "blog"
"""The channel key of the blog itself."""

FOLLOWERS = "followers"
"""The audience metric of most channels."""

SUBSCRIBERS = "subscribers"
"""The audience metric of video channels."""

VIDEO_CHANNELS = frozenset({"youtube", "dailymotion"})
"""Channels whose audience is counted in subscribers."""


def blog_metrics() -> tuple[tuple[str, str], ...]:
    """The blog's baseline metrics: (metric, label)."""
    return (
        ("visits", _("monthly visits")),
        ("subscribers", _("subscribers")),
        ("comments_per_post", _("average comments per post")),
    )


@dataclass(frozen=True)
class BaselineField:
    """One number of the baseline form."""

    channel: str
    """Channel key."""
    metric: str
    """Metric name (``visits``, ``followers``, ...)."""
    label: str
    """What the form shows, e.g. "Mastodon followers"."""


@dataclass(frozen=True)
class Baseline:
    """The recorded snapshot."""

    date: date | None
    """When it was taken (None: not recorded yet)."""
    values: dict[tuple[str, str], float]
    """(channel, metric) -> value."""

    def value(self, channel: str, metric: str) -> float | None:
        """One recorded number, or None."""
        return self.values.get((channel, metric))


def metric_label(metric: str) -> str:
    """A metric as a person reads it: the baseline's own metrics in the user's language, any
    other name as it was typed (the stored name stays as it is)."""
    return {
        "followers": _("followers"), "subscribers": _("subscribers"), "visits": _("visits"),
        "comments_per_post": _("comments per post"),
    }.get(metric, metric)  # fmt: skip


def metric_key(text: str) -> str:
    """The stored name of a metric typed as it reads in any language (``abonnés`` ->
    ``followers``); any other name as typed."""
    from storage.i18n import labels_in_every_language

    for key in ("followers", "subscribers", "visits", "comments_per_post"):
        if text in {w.lower() for w in labels_in_every_language(metric_label, key)}:
            return key
    return text


def audience_metric(channel_key: str) -> str:
    """What a channel's audience is counted in: subscribers on video sites, else followers."""
    return SUBSCRIBERS if channel_key in VIDEO_CHANNELS else FOLLOWERS


def baseline_fields(plan: Plan) -> list[BaselineField]:
    """The form's fields: the blog's metrics, then the audience of each channel that matters.

    A channel matters when the audience is there or it is claimed. Every number already recorded
    also gets its field, so saving the form never drops one.
    """
    recorded = load_baseline(plan).values
    names = {c.key: c.name for c in list_channels(plan)}
    fields = [BaselineField(BLOG, metric, label) for metric, label in blog_metrics()]
    for channel in list_channels(plan):
        if channel.key == BLOG:
            continue
        metric = audience_metric(channel.key)
        if channel.priority or channel.status != "unclaimed" or (channel.key, metric) in recorded:
            label = _("{name} {metric}").format(name=channel.name, metric=metric_label(metric))
            fields.append(BaselineField(channel.key, metric, label))
    shown = {(f.channel, f.metric) for f in fields}
    for channel_key, metric in recorded:
        if (channel_key, metric) not in shown:
            name = names.get(channel_key, channel_key)
            label = _("{name} {metric}").format(name=name, metric=metric.replace("_", " "))
            fields.append(BaselineField(channel_key, metric, label))
    return fields


def load_baseline(plan: Plan) -> Baseline:
    """The recorded snapshot (empty when none was taken)."""
    values: dict[tuple[str, str], float] = {}
    day: date | None = None
    for doc in plan.table("baseline").all():
        value = doc.get("value")
        if isinstance(value, int | float):
            values[(str(doc.get("channel")), str(doc.get("metric")))] = float(value)
        day = day or from_iso(doc.get("date"))
    return Baseline(day, values)


def save_baseline(plan: Plan, day: date, values: dict[tuple[str, str], float | None]) -> Baseline:
    """Replace the snapshot with these values (None values are left out), all or nothing."""
    rows = [
        {"date": iso(day), "channel": channel, "metric": metric, "value": value}
        for (channel, metric), value in values.items()
        if value is not None
    ]
    if not rows:
        raise InputError(_("enter at least one number for the baseline"))
    table = plan.table("baseline")
    with plan.batch():
        table.truncate()
        table.insert_multiple(rows)
    return load_baseline(plan)


def parse_number(text: str) -> float | None:
    """A number as people type it (``1,500``, ``1 500``, ``2.5``, ``3k``); "" gives None.

    Raises:
        InputError: when the text is not a number, or is negative.
    """
    raw = text.strip().lower().replace("\u202f", "").replace("\xa0", "")
    if not raw:
        return None
    scale = 1.0
    if raw.endswith("k"):
        raw, scale = raw[:-1], 1000.0
    raw = re.sub(r"(?<=\d)[ ,](?=\d{3}\b)", "", raw)
    try:
        number = float(raw) * scale
    except ValueError:
        raise InputError(_("not a number: {text!r}").format(text=text.strip())) from None
    if number < 0 or not math.isfinite(number):
        raise InputError(_("not a usable number: {text!r}").format(text=text.strip()))
    return number


def format_number(value: float | None) -> str:
    """A number for a form or a list: no trailing ``.0``; None gives ""."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:g}"


@dataclass(frozen=True)
class Objective:
    """A business goal, e.g. "1,500 newsletter subscribers by June"."""

    id: int
    """TinyDB document id."""
    text: str
    """The goal in the user's words."""
    metric: str | None = None
    """The metric it is measured by, if any."""
    channel: str | None = None
    """The channel key it concerns, if any."""
    target: float | None = None
    """The number to reach."""
    by: date | None = None
    """When it should be reached."""
    start: float | None = None
    """The number at the start."""

    @classmethod
    def from_doc(cls, doc: Document) -> Objective:
        """Build an objective from its stored document."""

        def number(key: str) -> float | None:
            value = doc.get(key)
            return float(value) if isinstance(value, int | float) else None

        return cls(
            id=doc.doc_id,
            text=str(doc.get("text", "")),
            metric=doc.get("metric") or None,
            channel=doc.get("channel") or None,
            target=number("target"),
            by=from_iso(doc.get("by")),
            start=number("start"),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored fields (without the id)."""
        return {
            "text": self.text,
            "metric": self.metric,
            "channel": self.channel,
            "target": self.target,
            "by": iso(self.by),
            "start": self.start,
        }


def list_objectives(plan: Plan) -> list[Objective]:
    """Every objective, soonest deadline first (undated last)."""
    found = [Objective.from_doc(doc) for doc in plan.table("objectives").all()]
    return sorted(found, key=lambda o: (o.by is None, o.by or date.max, o.id))


def get_objective(plan: Plan, objective_id: int) -> Objective:
    """One objective by id; raise :class:`InputError` when there is none."""
    doc = plan.table("objectives").get(doc_id=objective_id)
    if doc is None:
        raise InputError(_("there is no objective {id}").format(id=objective_id))
    assert isinstance(doc, Document)
    return Objective.from_doc(doc)


def _checked(plan: Plan, objective: Objective) -> Objective:
    text = one_line(objective.text)
    if not text:
        raise InputError(_("an objective needs a description"))
    metric = one_line(objective.metric or "") or None
    typed = (objective.channel or "").strip()
    channel = resolve_channel(plan, typed) if typed else None
    return Objective(
        objective.id, text, metric, channel, objective.target, objective.by, objective.start
    )


def add_objective(
    plan: Plan,
    text: str,
    metric: str | None = None,
    channel: str | None = None,
    target: float | None = None,
    by: date | None = None,
    start: float | None = None,
) -> Objective:
    """Add an objective and return it."""
    objective = _checked(plan, Objective(0, text, metric, channel, target, by, start))
    new_id = plan.table("objectives").insert(objective.to_doc())
    return get_objective(plan, new_id)


def save_objective(plan: Plan, objective: Objective) -> Objective:
    """Store an edited objective and return it."""
    get_objective(plan, objective.id)
    plan.table("objectives").update(_checked(plan, objective).to_doc(), doc_ids=[objective.id])
    return get_objective(plan, objective.id)


def delete_objective(plan: Plan, objective_id: int) -> Objective:
    """Remove an objective; return it so that :func:`restore_objective` can put it back."""
    objective = get_objective(plan, objective_id)
    plan.table("objectives").remove(doc_ids=[objective_id])
    return objective


def restore_objective(plan: Plan, objective: Objective) -> Objective:
    """Put a deleted objective back with its id."""
    plan.table("objectives").insert(Document(objective.to_doc(), doc_id=objective.id))
    return get_objective(plan, objective.id)
