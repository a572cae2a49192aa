"""The footer, rebuilt only when the keys it shows change, at most once per refresh.

Textual's ``Footer`` rebuilds all its keys (a widget each) after every ``refresh_bindings``:
moving the focus, showing a tab and highlighting a line each ask once, so opening the app rebuilt
it seven times before the check-in showed, and every ``j``/``k`` in a list rebuilt it again, all
on the thread that draws. This one rebuilds once for all the changes asked before the next
refresh, and not at all when the keys, their descriptions and which are enabled are the same.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """A ``Footer`` that rebuilds only for a change it shows (same keys, same look)."""

    _rebuild_pending = False
    _shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Schedule one rebuild; later changes before it runs are shown by it."""
        if self._rebuild_pending:
            return
        super().bindings_changed(screen)
        self._rebuild_pending = bool(
            self.is_attached and screen is self.screen and screen.app.app_focus
        )

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
        self._rebuild_pending = False
        if not self.is_attached or not self.screen.is_attached:
            return  # being removed with its screen
        shown = self._what_is_shown()
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
