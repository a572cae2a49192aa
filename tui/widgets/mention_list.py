"""A virtual list of mentions on Textual's Line API: only the visible lines are ever drawn.

DataTable needs seconds to fill 10,000 rows and ListView seconds for 1,000; this list draws the
few lines on screen from a plain Python list, so 20,000 mentions cost nothing more than 20.
Every cell is a ``Segment`` built from a cleaned plain string: no markup is parsed, ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from storage.text import one_line

__all__ = ["MentionList", "MentionRow", "one_line"]

@dataclass(frozen=True, slots=True)
class MentionRow:
    """What one line of the list shows (built by the tab from a stored mention)."""

    id: int
    """Id of the mention in the mentions table."""
    feed: str
    """Name of the feed it came from (untrusted)."""
    date: str
    """Date to show, already formatted (``2026-11-26`` or ``unknown``)."""
    title: str
    """Title (untrusted)."""
    read: bool = False
    """Whether the user has read it."""
    starred: bool = False
    """Whether the user starred it."""
    matched: bool = False
    """Whether a watch keyword matches it."""


class MentionList(ScrollView, can_focus=True):
    """Mentions one per line: marks, date, feed, title. The cursor picks the shown one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="mentions.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="mentions.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="mentions.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="mentions.page_up"),
        Binding("home,g", "first", "First", show=False, id="mentions.first"),
        Binding("end,G", "last", "Last", show=False, id="mentions.last"),
        Binding("enter", "select", "Read it", show=False, id="mentions.select"),
    ]

    COMPONENT_CLASSES = {
        "mention-list--cursor",
        "mention-list--unread",
        "mention-list--feed",
        "mention-list--date",
        "mention-list--mark",
        "mention-list--empty",
    }

    DEFAULT_CSS = """
    MentionList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        & > .mention-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .mention-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .mention-list--unread { text-style: bold; }
        & > .mention-list--feed { color: $text-secondary; }
        & > .mention-list--date { color: $text-muted; }
        & > .mention-list--mark { color: $text-warning; }
        & > .mention-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row."""

    FEED_WIDTH = 16
    """Cells given to the feed name."""

    class Highlighted(Message):
        """The cursor moved to another mention (or the list became empty: row is None)."""

        def __init__(self, row: MentionRow | None) -> None:
            super().__init__()
            self.row = row
            """The highlighted row, or None."""

    class Selected(Message):
        """The user pressed enter (or clicked twice) on a mention."""

        def __init__(self, row: MentionRow) -> None:
            super().__init__()
            self.row = row
            """The chosen row."""

    def __init__(
        self,
        *,
        empty_text: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[MentionRow] = []
        self._empty_text = one_line(empty_text)
        self._last_highlighted: int | None = None

    # -- data --------------------------------------------------------------------------------

    @property
    def rows(self) -> list[MentionRow]:
        """The rows shown, in order (do not mutate)."""
        return self._rows

    @property
    def current(self) -> MentionRow | None:
        """The highlighted row, or None when empty."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: list[MentionRow], keep_id: int | None = None) -> None:
        """Show these rows; keep the cursor on ``keep_id`` when it is still there."""
        self._rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        index = 0
        if keep_id is not None:
            index = next((i for i, row in enumerate(rows) if row.id == keep_id), 0)
        self._last_highlighted = None
        self.cursor = index
        self.refresh()

    def update_row(self, row: MentionRow) -> None:
        """Replace the row with the same id (after read/star changed) and redraw it."""
        for index, old in enumerate(self._rows):
            if old.id == row.id:
                self._rows[index] = row
                self.refresh_line(index)
                if index == self.cursor:
                    self._last_highlighted = None
                    self.cursor = index
                return

    def set_empty_text(self, text: str) -> None:
        """What the list says when it holds no rows."""
        self._empty_text = one_line(text)
        self.refresh()

    # -- cursor --------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        """Keep the cursor on a row."""
        return max(0, min(value, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the two lines, keep the cursor visible and say which row is highlighted."""
        self.refresh_line(old)
        self.refresh_line(new)
        if self._rows:
            self.scroll_to_region(
                Region(0, new, 1, 1), animate=False, force=True, immediate=True
            )
        if self._last_highlighted != new or not self._rows:
            self._last_highlighted = new
            self.post_message(self.Highlighted(self.current))

    def action_cursor_down(self) -> None:
        """Next mention."""
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """Previous mention."""
        self.cursor -= 1

    def action_page_down(self) -> None:
        """One screen down."""
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        """One screen up."""
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        """Newest mention."""
        self.cursor = 0

    def action_last(self) -> None:
        """Oldest mention."""
        self.cursor = len(self._rows) - 1

    def action_select(self) -> None:
        """Choose the highlighted mention."""
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor; a double click selects."""
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width in step with the widget."""
        self.virtual_size = Size(event.size.width, len(self._rows))

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw one visible line."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + self.scroll_offset.y
        if not self._rows:
            if y == 0 and self._empty_text:
                style = base + self.get_component_rich_style("mention-list--empty")
                return Strip([Segment(" " + self._empty_text, style)]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        style = base
        if not row.read:
            style = style + self.get_component_rich_style("mention-list--unread")
        if index == self.cursor:
            style = style + self.get_component_rich_style("mention-list--cursor")
        return self._row_strip(row, style, width)

    def _row_strip(self, row: MentionRow, style: Style, width: int) -> Strip:
        """Segments of one row: ``● ★ !  date  feed  title``."""
        mark = self.get_component_rich_style("mention-list--mark", partial=True)
        feed_style = self.get_component_rich_style("mention-list--feed", partial=True)
        date_style = self.get_component_rich_style("mention-list--date", partial=True)
        feed = _fit(one_line(row.feed), self.FEED_WIDTH)
        segments = [
            Segment(" " if row.read else "●", style + mark),
            Segment("★" if row.starred else " ", style + mark),
            Segment("!" if row.matched else " ", style + mark),
            Segment(" "),
            Segment(f"{row.date[:10]:<10}", style + date_style),
            Segment("  "),
            Segment(feed, style + feed_style),
            Segment("  "),
            Segment(one_line(row.title), style),
        ]
        segments = [
            Segment(seg.text, seg.style if seg.style is not None else style) for seg in segments
        ]
        return Strip(segments).adjust_cell_length(width, style)


def _fit(text: str, width: int) -> str:
    """Cut or pad text to exactly ``width`` cells."""
    if cell_len(text) > width:
        cut = ""
        for char in text:
            if cell_len(cut + char) > width - 1:
                break
            cut += char
        text = cut + "…"
    return text + " " * max(0, width - cell_len(text))
