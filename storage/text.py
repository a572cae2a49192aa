"""Text from outside made harmless: no control characters, no terminal escape sequences."""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""C0 except tab and newline, DEL, C1, and bidirectional marks/overrides/isolates."""

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|\[[0-?]*[ -/]*[@-~]|[PX^_][^\x1b]*(?:\x1b\\)?|.)"
    "|\x9b[0-?]*[ -/]*[@-~]|[\x90\x9d\x9e\x9f][^\x07\x9c\x1b]*(?:\x07|\x9c|\x1b\\\\)?",
    re.DOTALL,
)
"""Whole ESC/CSI/OSC/DCS sequences, so their payloads do not survive as visible junk."""


def strip_controls(text: str, keep_newlines: bool = True) -> str:
    """Remove escape sequences and control characters (tab and newline kept on request)."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def one_line(text: str, limit: int | None = None) -> str:
    """Clean text on a single line, cut to ``limit`` characters with an ellipsis."""
    line = " ".join(strip_controls(text, keep_newlines=False).split())
    if limit is not None and len(line) > limit:
        return line[: max(limit - 1, 0)] + "…"
    return line
