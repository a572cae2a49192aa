"""The XML reader feedparser is given: the standard library's expat, reporting text in runs.

Without it, expat hands feedparser the text of an element in many small pieces (one per line,
one per entity reference): seven callbacks per element on the shared corpus, each going
through feedparser's bookkeeping. With expat's ``buffer_text`` on, each run of text between
two tags comes in one piece (up to the buffer's size). SAX readers may split text anywhere and
feedparser joins the pieces, so what it reads is unchanged; the test suite checks that on every
feed of the shared corpus.

feedparser picks its reader through ``feedparser.api.PREFERRED_XML_PARSERS``, a list of SAX
driver modules (each with ``create_parser``) tried before the standard library's own; see
``parse.load_feedparser``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax import expatreader

if TYPE_CHECKING:
    from pyexpat import XMLParserType

BUFFER = 64 * 1024
"""Characters of text expat gathers before handing them over."""


class RunsOfTextReader(expatreader.ExpatParser):
    """expat as the standard library sets it up, with text gathered into runs."""

    def reset(self) -> None:
        """Set up a fresh expat parser (as the base class does) that buffers text."""
        super().reset()
        parser: XMLParserType = self._parser  # type: ignore[attr-defined] # set by reset
        parser.buffer_text = True
        parser.buffer_size = BUFFER


def create_parser() -> RunsOfTextReader:
    """The SAX driver's entry point (see ``xml.sax.make_parser``)."""
    return RunsOfTextReader()
