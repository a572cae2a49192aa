"""The top line: the app's icon, its name and the open data file.

It looks like Textual's ``Header`` (same colours, icon on the left, title centred where the
header centres it) but is one widget drawing one line. ``Header`` is four widgets that watch
the app's and the screen's titles and update themselves once mounted, which costs the app a
second layout of the whole screen before its first frame. The file does not change while the app
runs, so there is nothing to watch.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from storage.text import one_line

ICON_WIDTH = 8
"""Cells kept on the left for the icon (as ``Header`` keeps them)."""
RIGHT_WIDTH = 10
"""Cells kept free on the right (where ``Header`` keeps its clock)."""


class TitleBar(Widget):
    """``◆  socialplan — file.json`` on one line at the top of the screen."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, icon: str, title: str, file_name: str) -> None:
        super().__init__()
        self.icon = icon
        """The character at the left."""
        self.title_text = title
        """The app's name."""
        self.file_name = one_line(file_name)
        """The open file's name (shown as written: never markup, never escape codes)."""

    def render(self) -> Content:
        """The icon, then the title centred in the space ``Header`` would give it."""
        title = Content.assemble(
            Content(self.title_text), (" — ", "dim"), Content(self.file_name).stylize("dim")
        )
        middle = max(self.size.width - ICON_WIDTH - RIGHT_WIDTH, 0)
        title = title.truncate(middle, ellipsis=True)
        left = ICON_WIDTH - 2 + (middle - title.cell_length) // 2
        # The blank runs are dim (which blanks do not show): screenshots then draw the icon and
        # the title as separate runs of text, as they do for Header.
        return Content.assemble(f" {self.icon}", (" " * left, "dim"), title)
