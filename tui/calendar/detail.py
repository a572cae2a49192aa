"""The selected item in full: its fields, its repeat rule, its promise, its hub or spin-offs."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from storage import calendar as model
from storage.calendar import Comment, ContentItem, Occurrence, Promise, describe_rule
from storage.dates import short_day
from storage.i18n import _
from storage.text import one_line, strip_controls
from tui.calendar.grid import STATUS_STYLES


class ItemDetail(Static):
    """Plain-text detail of one occurrence (all untrusted text kept literal)."""

    DEFAULT_CSS = """
    ItemDetail { height: 1fr; width: 1fr; border: round $primary-darken-2; padding: 0 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.border_title = _("Item")

    def show(
        self,
        occ: Occurrence | None,
        promise: Promise | None = None,
        hub: ContentItem | None = None,
        spinoffs: list[ContentItem] | None = None,
        comments: list[Comment] | None = None,
    ) -> None:
        """Show one occurrence, or a hint when nothing is selected."""
        if occ is None:
            self.update(Text(_("No item selected."), style="dim"))
            return
        item = occ.item
        text = Text(end="")
        text.append(one_line(occ.title) + "\n", style="bold")
        when = _("no date (idea)") if occ.day == date.min else short_day(occ.day)
        if occ.time:
            when += f" {occ.time}"
        text.append(when + "  ")
        text.append(model.status_label(occ.status), style=STATUS_STYLES.get(occ.status, ""))
        text.append("\n")
        fields = [
            model.kind_label(item.kind),
            item.channel or _("no channel"),
            item.pillar or _("no pillar"),
        ]
        text.append(" · ".join(one_line(f) for f in fields) + "\n", style="dim")
        if item.recurring:
            note = _(" (this day changed)") if occ.changed else ""
            text.append(_("repeats: {rule}").format(rule=describe_rule(item.rrule)) + note + "\n")
        if occ.url:
            text.append(one_line(occ.url) + "\n", style="underline")
        if promise is not None:
            if promise.left:
                text.append(
                    _(
                        "⚑ promise open: {left} of {owed} comments elsewhere still to leave "
                        "(c: log one)"
                    ).format(left=promise.left, owed=promise.owed)
                    + "\n",
                    style="bold red",
                )
            else:
                text.append(
                    _("promise kept: {made} comments logged").format(made=promise.made) + "\n",
                    style="green",
                )
        for comment in comments or []:
            where = one_line(comment.where, 40)
            text.append(f"  ✓ {comment.date.isoformat()} {where}\n", style="green")
        if hub is not None:
            text.append(
                _("spin-off of: {title} [{status}]").format(
                    title=one_line(hub.title), status=model.status_label(hub.status)
                )
                + "\n"
            )
        if spinoffs:
            text.append(_("spin-offs:") + "\n")
            for child in spinoffs:
                day = child.date.isoformat() if child.date else _("no date")
                text.append(f"  {day} {one_line(child.channel or '-')}: ")
                text.append(
                    model.status_label(child.status), style=STATUS_STYLES.get(child.status, "")
                )
                text.append("\n")
        if occ.notes:
            text.append(strip_controls(occ.notes), style="italic")
        self.update(text)
