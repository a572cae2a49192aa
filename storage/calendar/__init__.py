"""The calendar: content items and their occurrences, recurrence, spin-offs, the
comments promised to the community and logged, and the ICS export.

Modules: ``items`` (the record and reading it), ``checks`` (what users type), ``edits`` (adding,
changing, moving, deleting, single days of a series), ``occurrences`` (what a range of days
shows, what is due), ``recurrence`` (RRULE series), ``promises`` (comments a published article
owes), ``community`` (the comment log), ``spinoffs`` (the per-platform template), ``ics``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.calendar.checks import (
    channel_keys,
    check_channel,
    check_choice,
    check_pillar,
    pillar_names,
)
from storage.calendar.edits import (
    add_content,
    change_occurrence,
    delete_content,
    move_content,
    next_status,
    restore_content,
    set_status,
    skip_occurrence,
    unskip_occurrence,
    update_content,
)
from storage.calendar.items import (
    ContentItem,
    backlog,
    hub_of,
    kind_label,
    list_content,
    spinoff_index,
    spinoffs_of,
    status_label,
)
from storage.calendar.occurrences import (
    KINDS,
    STATUSES,
    Occurrence,
    content_between,
    due_content,
    occurrences_of,
)
from storage.calendar.promises import (
    Promise,
    comments_per_post,
    latest_open_promises,
    open_promises,
    promise_for,
)
from storage.calendar.recurrence import (
    describe_rule,
    parse_rule,
)
from storage.exports import lazy_exports

if TYPE_CHECKING:
    from storage.calendar.community import (
        Comment,
        delete_comment,
        list_comments,
        log_comment,
    )
    from storage.calendar.ics import (
        export_ics,
    )
    from storage.calendar.spinoffs import (
        SpinoffStep,
        parse_template,
        plan_spinoffs,
        save_spinoff_template,
        spinoff_template,
        template_text,
    )

__getattr__ = lazy_exports(
    __name__,
    {
        "Comment": "storage.calendar.community",
        "delete_comment": "storage.calendar.community",
        "list_comments": "storage.calendar.community",
        "log_comment": "storage.calendar.community",
        "export_ics": "storage.calendar.ics",
        "SpinoffStep": "storage.calendar.spinoffs",
        "parse_template": "storage.calendar.spinoffs",
        "plan_spinoffs": "storage.calendar.spinoffs",
        "save_spinoff_template": "storage.calendar.spinoffs",
        "spinoff_template": "storage.calendar.spinoffs",
        "template_text": "storage.calendar.spinoffs",
    },
)

__all__ = [
    "KINDS",
    "STATUSES",
    "Comment",
    "ContentItem",
    "Occurrence",
    "Promise",
    "SpinoffStep",
    "add_content",
    "backlog",
    "change_occurrence",
    "channel_keys",
    "check_channel",
    "check_choice",
    "check_pillar",
    "content_between",
    "delete_comment",
    "delete_content",
    "describe_rule",
    "due_content",
    "export_ics",
    "hub_of",
    "kind_label",
    "status_label",
    "comments_per_post",
    "latest_open_promises",
    "list_comments",
    "list_content",
    "log_comment",
    "move_content",
    "next_status",
    "occurrences_of",
    "open_promises",
    "parse_rule",
    "parse_template",
    "pillar_names",
    "plan_spinoffs",
    "promise_for",
    "restore_content",
    "save_spinoff_template",
    "set_status",
    "skip_occurrence",
    "spinoff_index",
    "spinoff_template",
    "spinoffs_of",
    "template_text",
    "unskip_occurrence",
    "update_content",
]
