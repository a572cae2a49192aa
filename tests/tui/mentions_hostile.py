"""Hostile strings a feed can carry, and a way to read what a running app shows."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

OSC52 = "\x1b]52;c;SGFja2VkIGNsaXBib2FyZA==\x07"
"""Writes "Hacked clipboard" to the system clipboard in terminals that allow it."""
OSC0 = "\x1b]0;PWNED-WINDOW-TITLE\x07"
"""Sets the terminal window title."""
CSI_2J = "\x1b[2J"
"""Clears the screen."""
CSI8_2J = "\x9b2J"
"""Clears the screen through the 8-bit CSI."""

HOSTILE = [
    "[@click=app.quit]x[/]",
    "[@click=app.screenshot('socialplan.json','.')]x[/]",
    "[bold]",
    "closing [/] only",
    "[b]x[/i]",
    "[link=file:///etc/passwd]x[/link]",
    "[" * 10_000,
    f"clip{OSC52}board",
    f"window{OSC0}title",
    f"clear{CSI_2J}screen",
    f"eight{CSI8_2J}bit",
]
"""Titles/summaries/feed names that must show literally and do nothing."""

PAYLOADS = [b"\x1b]52", b"SGFja2VkIGNsaXBib2FyZA", b"\x1b]0;PWNED", b"PWNED-WINDOW-TITLE",
            b"\x1b[2J", b"\xc2\x9b2J", b"\x9b2J"]
"""Bytes that must never reach the terminal from the data."""


def screen_output(app: Any) -> tuple[str, str]:
    """(plain text, raw terminal output) of the app's current screen, as a terminal gets it."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens
    )
    console.print(update)
    raw = console.file.getvalue()
    return console.export_text(styles=False), raw
