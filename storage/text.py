"""Text from outside made harmless, in one place: feeds, files and anything typed pass here.

One function per job, used by the model, the command line and the app alike:

- :func:`strip_controls`: no terminal escape sequences (whole, payload and all), no control
  characters, no bidirectional overrides; carriage returns become newlines.
- :func:`clean_text`: that, with runs of blanks squeezed and blank lines limited (stored text).
- :func:`one_line`: that, on a single line (titles, names, list rows), cut with an ellipsis.
- :func:`cap`: cut a string to a length, marking the cut.
- :func:`fold`: text for comparing, case and accents removed (``Été`` and ``ete`` compare equal).
"""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
"""C0 except tab and newline, DEL, C1, the bidirectional marks, embeddings, overrides and
isolates (they make text read differently from how it is stored), and the BOM."""

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|\[[0-?]*[ -/]*[@-~]|[PX^_][^\x1b]*(?:\x1b\\)?|.)"
    "|\x9b[0-?]*[ -/]*[@-~]|[\x90\x9d\x9e\x9f][^\x07\x9c\x1b]*(?:\x07|\x9c|\x1b\\\\)?",
    re.DOTALL,
)
"""Whole ESC/CSI/OSC/DCS sequences, so their payloads do not survive as visible junk."""

_BLANKS = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def strip_controls(text: str, keep_newlines: bool = True) -> str:
    """Remove escape sequences and control characters; tab and newline kept on request."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL.search(text) is not None:  # every sequence starts with a character CONTROL has
        text = CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def clean_text(text: object, limit: int | None = None) -> str:
    """A safe string: controls stripped, blanks squeezed, at most one blank line, capped."""
    if text is None:
        return ""
    value = strip_controls(str(text))
    value = "\n".join(_squeezed(line).strip() for line in value.split("\n"))
    if "\n\n\n" in value:
        value = _MANY_NEWLINES.sub("\n\n", value)
    value = value.strip()
    return cap(value, limit) if limit else value


def _squeezed(line: str) -> str:
    """Runs of blanks as one space; the regular expression only where a run needs it.

    Replacing every single space by itself made squeezing most of the cost of cleaning a
    feed's entries.
    """
    if "  " in line or "\t" in line or "\u00a0" in line:
        return _BLANKS.sub(" ", line)
    return line


def one_line(text: object, limit: int | None = None) -> str:
    """Clean text on a single line, blanks squeezed, cut to ``limit`` with an ellipsis."""
    if text is None:
        return ""
    line = " ".join(strip_controls(str(text), keep_newlines=False).split())
    return cap(line, limit) if limit is not None else line


def cap(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining diacritical mark blocks (accents on Latin, Greek and Cyrillic letters)."""


def fold(text: str) -> str:
    """Text for comparing: case and accents removed (NFKD, case-folded, marks dropped)."""
    if text.isascii():
        return text.lower()
    return MARKS.sub("", unicodedata.normalize("NFKD", text).casefold())
