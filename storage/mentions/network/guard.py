"""Refuse XML bodies whose prolog declares entities or an internal DTD subset.

feedparser removes entity declarations only when they start a line, so a one-line "billion
laughs" reaches the XML parser and costs seconds and tens of megabytes. No real feed needs a DTD
of its own: such a body is refused before any parser sees it.
"""

from __future__ import annotations

import codecs

PROLOG_SCAN = 256 * 1024
"""How much of the body is decoded to find the end of the prolog."""

_COMMENT_END = "-->"
_PI_END = "?>"


class UnsafeFeedError(ValueError):
    """The body declares entities or a DTD subset, and was refused."""


def _decode_head(body: bytes) -> str:
    """The first part of ``body`` as text, honouring a UTF-16/32 byte order mark or NUL layout."""
    head = body[:PROLOG_SCAN]
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "replace")
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", "replace")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", "replace")
    # Any ASCII-compatible encoding keeps the markup characters where they are.
    return head.decode("latin-1")


def _doctype_end(text: str, start: int) -> tuple[int, bool]:
    """Where the DOCTYPE at ``start`` ends, and whether it has an internal subset ``[...]``."""
    quote = ""
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "[":
            return index, True
        elif char == ">":
            return index + 1, False
    return len(text), False


def check_prolog(body: bytes) -> None:
    """Raise :class:`UnsafeFeedError` when the XML prolog declares entities or a DTD subset.

    Bodies that are not XML (JSON, empty) pass; the parser decides about them.
    """
    text = _decode_head(body)
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char.isspace() or char == "\ufeff":
            index += 1
            continue
        if text.startswith("<?", index):
            end = text.find(_PI_END, index + 2)
            index = length if end < 0 else end + 2
        elif text.startswith("<!--", index):
            end = text.find(_COMMENT_END, index + 4)
            index = length if end < 0 else end + 3
        elif text[index : index + 9].upper() == "<!DOCTYPE":
            index, subset = _doctype_end(text, index + 9)
            if subset:
                raise UnsafeFeedError("the feed declares its own DTD (entities): refused as unsafe")
        elif text[index : index + 8].upper() == "<!ENTITY":
            raise UnsafeFeedError("the feed declares entities: refused as unsafe")
        else:
            break  # the root element (or something that is not XML): the prolog is over
    else:
        if len(body) > PROLOG_SCAN:
            raise UnsafeFeedError("the feed's XML prolog is too long: refused as unsafe")
