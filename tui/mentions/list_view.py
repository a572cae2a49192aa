"""A virtual list of mentions on Textual's Line API: only the visible lines are ever drawn.

DataTable needs seconds to fill 10,000 rows and ListView seconds for 1,000; this list takes the
result sequence as it is and formats a row only when a line on screen needs it (cached by
index), so showing 20,000 mentions costs what showing the 40 on screen costs.
Every cell is a ``Segment`` built from a cleaned plain string: no markup is parsed, ever.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

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

from storage.lazyseq import MadeOnRead
from storage.text import one_line

__all__ = ["LazyRows", "MentionList", "MentionRow"]

CACHE_MAX = 2_000
"""Formatted rows kept; scrolling past more starts the cache again."""


@dataclass(frozen=True, slots=True)
class MentionRow:
    """What one line of the list shows (built by the reader from a stored mention)."""

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


def _same(item: Any) -> MentionRow:
    """The row of an item that already is a row."""
    row: MentionRow = item
    return row


class LazyRows(MadeOnRead[MentionRow]):
    """The rows of a result sequence, each formatted on first access and kept by index.

    Items are anything with an ``id``; ``to_row`` turns one into what its line shows. The reader
    passes the listing from ``storage.mentions.list_mentions`` unchanged: a lazy sequence that
    builds a mention only when it is read and finds an id without building any
    (``index_of``), so nothing here walks every item.
    """

    _keep = CACHE_MAX

    def __init__(
        self, items: Sequence[Any] = (), to_row: Callable[[Any], MentionRow] = _same
    ) -> None:
        super().__init__()
        self.items: Any = items if hasattr(items, "__setitem__") else list(items)
        """The items, in order: a list, or any sequence that takes item assignment (taken
        over, not copied)."""
        self._to_row = to_row

    def __len__(self) -> int:
        return len(self.items)

    def _make(self, index: int) -> MentionRow:
        return self._to_row(self.items[index])

    def __repr__(self) -> str:
        return f"LazyRows({len(self.items)} items, {len(self._made)} formatted)"

    def index_of(self, item_id: int, hint: int = 0) -> int | None:
        """Index of the item with this id (``hint`` is tried first), or None.

        Asks the items themselves when they know (``index_of``): a listing of 20,000 mentions
        then builds none of them to answer.
        """
        items = self.items
        find = getattr(items, "index_of", None)
        if find is not None:
            found: int | None = find(item_id, hint)
            return found
        if 0 <= hint < len(items) and items[hint].id == item_id:
            return hint
        return next((i for i, item in enumerate(items) if item.id == item_id), None)

    def replace(self, index: int, item: Any) -> None:
        """Put a changed item at ``index``; its row is formatted again when next drawn."""
        self.items[index] = item
        self._made.pop(index, None)


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

        def __init__(self, row: MentionRow | None, item: Any = None) -> None:
            super().__init__()
            self.row = row
            """The highlighted row, or None."""
            self.item = item
            """The item the row was formatted from (None when empty)."""

    class Selected(Message):
        """The user pressed enter (or clicked twice) on a mention."""

        def __init__(self, row: MentionRow, item: Any = None) -> None:
            super().__init__()
            self.row = row
            """The chosen row."""
            self.item = item
            """The item the row was formatted from."""

    def __init__(
        self,
        *,
        empty_text: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows = LazyRows()
        self._empty_text = one_line(empty_text)
        self._last_highlighted: int | None = None

    # -- data --------------------------------------------------------------------------------

    @property
    def rows(self) -> LazyRows:
        """The rows shown, in order, formatted as they are read (do not mutate)."""
        return self._rows

    @property
    def items(self) -> Sequence[Any]:
        """The items shown, in order, as given to :meth:`set_rows` (do not mutate)."""
        items: Sequence[Any] = self._rows.items
        return items

    @property
    def current(self) -> MentionRow | None:
        """The highlighted row, or None when empty."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    @property
    def current_item(self) -> Any:
        """The highlighted item, or None when empty."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows.items[self.cursor]
        return None

    def set_rows(
        self,
        rows: Sequence[Any],
        keep_id: int | None = None,
        *,
        to_row: Callable[[Any], MentionRow] = _same,
    ) -> None:
        """Show these items (rows, or anything ``to_row`` formats); keep the cursor on ``keep_id``.

        Nothing is formatted here: a row is made when its line is drawn or read.
        """
        self._rows = LazyRows(rows, to_row)
        self.virtual_size = Size(self.size.width, len(self._rows))
        index = 0
        if keep_id is not None:
            index = self._rows.index_of(keep_id, self.cursor) or 0
        self._last_highlighted = None
        self.cursor = index
        self.refresh()

    def update_row(self, row: MentionRow) -> None:
        """Replace the row with the same id (after read/star changed) and redraw it."""
        self.update_item(row)

    def update_item(self, item: Any) -> None:
        """Replace the item with the same id (after read/star changed) and redraw its line."""
        index = self._rows.index_of(item.id, self.cursor)
        if index is None:
            return
        self._rows.replace(index, item)
        self.refresh_line(index)
        if index == self.cursor:
            self._last_highlighted = None
            self.cursor = index

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
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True)
        if self._last_highlighted != new or not self._rows:
            self._last_highlighted = new
            self.post_message(self.Highlighted(self.current, self.current_item))

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
        row = self.current
        if row is not None:
            self.post_message(self.Selected(row, self.current_item))

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
