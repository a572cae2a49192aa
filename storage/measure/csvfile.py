"""Metric snapshots in and out as CSV (``date,channel,metric,value``), for ``socialplan metrics
import``/``export``.

Import is all or nothing: the first bad row raises :class:`CsvError` naming its line, and nothing
of the file is added. The ``csv`` module is imported where it is used, so the check-in (which
imports :mod:`storage.measure` for the days since the last snapshot) does not load it.
Callers import these names from :mod:`storage.measure`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from storage.errors import InputError
from storage.i18n import _
from storage.measure.records import Snapshot, check_snapshot, list_snapshots

if TYPE_CHECKING:
    from storage.datafile import Plan

CSV_HEADER = ("date", "channel", "metric", "value")
"""Columns of the CSV interchange format, in order."""


class CsvError(InputError):
    """A CSV file of metrics that cannot be imported; the message names the line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line
        """1-based line number of the offending row."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (CSV injection): such text cells get an
apostrophe in front on export, taken off again on import."""


def defuse(cell: str) -> str:
    """A text cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def undefuse(cell: str) -> str:
    """The text :func:`defuse` was given."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def parse_csv(text: str) -> list[Snapshot]:
    """Read ``date,channel,metric,value`` rows (a header row is optional).

    Raises:
        CsvError: at the first bad row, with its line number; nothing is returned then.
    """
    import csv

    rows: list[Snapshot] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or all(not field.strip() for field in fields):
                continue
            if not rows and [f.strip().lower() for f in fields] == list(CSV_HEADER):
                continue
            if len(fields) != 4:
                raise CsvError(
                    _(
                        "line {line}: expected 4 fields (date,channel,metric,value), found {n}"
                    ).format(line=line, n=len(fields)),
                    line,
                )
            try:
                day, channel, metric, value = fields
                rows.append(check_snapshot(day, undefuse(channel), undefuse(metric), value))
            except InputError as error:
                raise CsvError(
                    _("line {line}: {problem}").format(line=line, problem=error), line
                ) from None
    except csv.Error as error:
        raise CsvError(
            _("line {line}: {problem}").format(line=reader.line_num, problem=error), reader.line_num
        ) from None
    return rows


def to_csv(snapshots: Iterable[Snapshot]) -> str:
    """CSV text with a header row, sorted by date, channel and metric."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for snap in sorted(snapshots, key=lambda s: (s.date, s.channel, s.metric)):
        writer.writerow([snap.date, defuse(snap.channel), defuse(snap.metric), snap.value])
    return out.getvalue()


def import_csv(plan: Plan, path: str | Path) -> int:
    """Add every row of a CSV file; all of them or, at the first bad row, none.

    Raises:
        CsvError: naming the bad line.
        InputError: when the file cannot be read.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            _("cannot read {file}: {reason}").format(
                file=path, reason=getattr(error, "strerror", None) or error
            )
        ) from None
    rows = parse_csv(text)
    table = plan.table("metrics")
    with plan.batch():
        for snap in rows:
            table.insert(snap.to_doc())
    return len(rows)


def export_csv(plan: Plan, path: str | Path) -> int:
    """Write every snapshot to a CSV file; return how many."""
    snapshots = list_snapshots(plan)
    from storage.datafile import export_file

    export_file(path, to_csv(snapshots).encode("utf-8"))
    return len(snapshots)
