"""Untrusted text shown as written: never parsed as markup, never sending escape sequences."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Label, Static

from storage.text import one_line, strip_controls


def plain_text(text: str, style: str = "", single_line: bool = False) -> Text:
    """A ``Text`` holding ``text`` literally (control characters removed)."""
    cleaned = one_line(text) if single_line else strip_controls(text)
    return Text(cleaned, style=style, no_wrap=single_line, end="")


class PlainLabel(Label):
    """A Label for untrusted text: markup off, control characters stripped."""

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(plain_text(text), markup=False, **kwargs)  # type: ignore[arg-type]

    def set_text(self, text: str) -> None:
        """Show new untrusted text."""
        self.update(plain_text(text))


class PlainStatic(Static):
    """A Static for untrusted text: markup off, control characters stripped."""

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(plain_text(text), markup=False, **kwargs)  # type: ignore[arg-type]

    def set_text(self, text: str) -> None:
        """Show new untrusted text."""
        self.update(plain_text(text))
