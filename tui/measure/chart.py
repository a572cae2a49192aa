"""A metric over months as a line chart in the terminal, one line per channel.

textual-plotext rather than Textual's ``Sparkline``: a sparkline shows one series' shape with
no axis, no dates and no legend, while this chart needs months along the bottom, values up the
side, one labelled line per channel and the target as a horizontal line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from textual_plotext import PlotextPlot

from storage.dates import month_abbr
from storage.text import one_line


def month_ticks(first: date, last: date, most: int = 8) -> tuple[list[int], list[str]]:
    """Day offsets from ``first`` of each month start up to ``last``, and their labels."""
    ticks: list[int] = []
    labels: list[str] = []
    year, month = first.year, first.month
    starts = []
    while date(year, month, 1) <= last:
        starts.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = max(1, -(-len(starts) // most))
    for start in starts[::step]:
        ticks.append(max((start - first).days, 0))
        labels.append(f"{month_abbr(start)} {start.year % 100:02d}")
    return ticks, labels


class MetricChart(PlotextPlot):
    """One metric over time: a line per channel, the target as a horizontal line."""

    DEFAULT_CSS = """
    MetricChart { height: 1fr; min-height: 8; }
    """

    def show_series(
        self,
        title: str,
        lines: Mapping[str, Sequence[tuple[str, float]]],
        target: float | None = None,
    ) -> None:
        """Draw ``lines`` (label -> [(ISO day, value)]); an empty mapping draws an empty frame."""
        plt = self.plt
        plt.clear_figure()
        plt.title(one_line(title, 60))
        days = sorted({day for points in lines.values() for day, _value in points})
        if days:
            first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
            for label, points in lines.items():
                if not points:
                    continue
                xs = [(date.fromisoformat(day) - first).days for day, _value in points]
                plt.plot(
                    xs,
                    [float(v) for _day, v in points],
                    label=one_line(label, 20),
                    marker="braille",
                )
            ticks, labels = month_ticks(first, last)
            plt.xticks([float(t) for t in ticks], labels)
            if target is not None:
                plt.hline(float(target))
        self.refresh()
