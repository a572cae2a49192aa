"""Metric snapshots over time, their CSV form, and progress against the baseline and objectives;
the one place the rest of the app imports metrics from.

A snapshot is one number on one day: ``2026-11-01, youtube, subscribers, 1240``. The work lives
beside this module and is re-exported here, so callers keep importing from ``storage.measure``:

- :mod:`storage.measure.records`: the record (:class:`Snapshot`), checking typed values, and
  reading and writing the ``metrics`` table (list, add, update, delete, undo; days since the last
  snapshot, which the check-in shows);
- :mod:`storage.measure.progress`: what the snapshots say: series, chart lines, and progress from
  the baseline towards the objectives, with the pace;
- :mod:`storage.measure.csvfile`: import and export as ``date,channel,metric,value`` CSV.
"""

from __future__ import annotations

from storage.measure.csvfile import CSV_HEADER, CsvError, export_csv, import_csv, parse_csv, to_csv
from storage.measure.progress import (
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

__all__ = [
    "CSV_HEADER",
    "STANDARD_METRICS",
    "CsvError",
    "Number",
    "Progress",
    "Snapshot",
    "Target",
    "add_snapshot",
    "chart_lines",
    "check_snapshot",
    "compute_progress",
    "days_since",
    "days_since_last_snapshot",
    "delete_snapshot",
    "export_csv",
    "import_csv",
    "list_snapshots",
    "metric_channels",
    "parse_csv",
    "parse_value",
    "progress",
    "progress_of",
    "restore_snapshot",
    "series",
    "targets_from",
    "to_csv",
    "update_snapshot",
]
