"""The footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds all its keys (a widget each) after every ``refresh_bindings``:
moving the focus, showing a tab and highlighting a line each ask once, so opening the app rebuilt
it seven times before the check-in showed, and every ``j``/``k`` in a list rebuilt it again, all
on the thread that draws. This one rebuilds only when the keys, their descriptions or which
are enabled change.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """A ``Footer`` that rebuilds only for a change it shows (same keys, same look).

    Textual schedules one rebuild per bindings change; all but the first of those asked before a
    refresh then find nothing new to show, and return at once.
    """

    _shown: tuple[Any, ...] | None = None

    def _what_is_shown(self) -> tuple[Any, ...]:
        """What the keys would show now: each key, its text, whether it applies."""
        keys = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.compact, self.show_command_palette, keys)

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would show what they show now."""
        if not self.is_attached or not self.screen.is_attached:
            return  # being removed with its screen
        shown = self._what_is_shown()
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
