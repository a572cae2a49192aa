"""Measure: metric snapshots over time and progress against the baseline and
objectives, reactions per kind of content and platform, and the monthly review.

Modules: ``records`` (snapshots: checking, reading, writing; days since the last one),
``trends`` (series, chart lines, progress and pace), ``csvfile`` (CSV import and export),
``reactions`` (which content and platforms react most), ``review`` (the monthly checklist).
Only ``records`` is imported with the package: the check-in needs nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.exports import lazy_exports
from storage.measure.records import (
    STANDARD_METRICS,
    Number,
    Snapshot,
    add_snapshot,
    check_snapshot,
    days_since,
    days_since_last_snapshot,
    delete_snapshot,
    list_snapshots,
    parse_value,
    restore_snapshot,
    update_snapshot,
)

if TYPE_CHECKING:
    from storage.measure.csvfile import (
        CSV_HEADER,
        CsvError,
        export_csv,
        import_csv,
        parse_csv,
        to_csv,
    )
    from storage.measure.reactions import (
        REACTION_KINDS,
        Grid,
        ItemReactions,
        build_grid,
        channel_names,
        published_reactions,
        set_reactions,
    )
    from storage.measure.review import (
        ReviewItem,
        generate_review,
        list_review,
        review_phrase,
        set_review_done,
    )
    from storage.measure.trends import (
        Progress,
        Target,
        chart_lines,
        compute_progress,
        metric_channels,
        progress,
        progress_of,
        series,
        targets_from,
    )

__getattr__ = lazy_exports(
    __name__,
    {
        "CSV_HEADER": "storage.measure.csvfile",
        "CsvError": "storage.measure.csvfile",
        "export_csv": "storage.measure.csvfile",
        "import_csv": "storage.measure.csvfile",
        "parse_csv": "storage.measure.csvfile",
        "to_csv": "storage.measure.csvfile",
        "Progress": "storage.measure.trends",
        "Target": "storage.measure.trends",
        "chart_lines": "storage.measure.trends",
        "compute_progress": "storage.measure.trends",
        "metric_channels": "storage.measure.trends",
        "progress": "storage.measure.trends",
        "progress_of": "storage.measure.trends",
        "series": "storage.measure.trends",
        "targets_from": "storage.measure.trends",
        "REACTION_KINDS": "storage.measure.reactions",
        "Grid": "storage.measure.reactions",
        "ItemReactions": "storage.measure.reactions",
        "build_grid": "storage.measure.reactions",
        "channel_names": "storage.measure.reactions",
        "published_reactions": "storage.measure.reactions",
        "set_reactions": "storage.measure.reactions",
        "ReviewItem": "storage.measure.review",
        "generate_review": "storage.measure.review",
        "list_review": "storage.measure.review",
        "review_phrase": "storage.measure.review",
        "set_review_done": "storage.measure.review",
    },
)

__all__ = [
    "CSV_HEADER",
    "REACTION_KINDS",
    "STANDARD_METRICS",
    "CsvError",
    "Grid",
    "ItemReactions",
    "Number",
    "Progress",
    "ReviewItem",
    "Snapshot",
    "Target",
    "add_snapshot",
    "build_grid",
    "channel_names",
    "chart_lines",
    "check_snapshot",
    "compute_progress",
    "days_since",
    "days_since_last_snapshot",
    "delete_snapshot",
    "export_csv",
    "generate_review",
    "import_csv",
    "list_review",
    "list_snapshots",
    "metric_channels",
    "parse_csv",
    "parse_value",
    "progress",
    "progress_of",
    "published_reactions",
    "restore_snapshot",
    "review_phrase",
    "series",
    "set_reactions",
    "set_review_done",
    "targets_from",
    "to_csv",
    "update_snapshot",
]
