"""The footer, rebuilt once per refresh however often the keys that apply change.

Textual's ``Footer`` rebuilds all its keys after every ``refresh_bindings``: moving the focus,
highlighting a line and showing a tab each ask once, so opening the app rebuilt it seven times
before the check-in showed, each time mounting a widget per key, all on the thread that also
draws. This one rebuilds once for all the changes asked before the next refresh.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """A ``Footer`` that coalesces rebuilds (same keys, same look)."""

    _rebuild_pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Schedule one rebuild; later changes before it runs are shown by it."""
        if self._rebuild_pending:
            return
        super().bindings_changed(screen)
        self._rebuild_pending = bool(
            self.is_attached and screen is self.screen and screen.app.app_focus
        )

    async def recompose(self) -> None:
        """Rebuild the keys from the bindings as they are now."""
        self._rebuild_pending = False
        await super().recompose()
