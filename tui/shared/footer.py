"""The footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds all its keys (a widget each) after every ``refresh_bindings``:
moving the focus, showing a tab and highlighting a line each ask once, so opening the app rebuilt
it seven times before the check-in showed, and every ``j``/``k`` in a list rebuilt it again, all
on the thread that draws. This one rebuilds only when the keys or their descriptions change; when
only which keys apply changed (the calendar's cursor on an empty day, then on a day with an item),
it dims or lights the keys it shows, without rebuilding them.
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
        """Rebuild the keys, unless they would show what they show now (or the same keys with
        others dimmed: those are dimmed or lit in place)."""
        if not self.is_attached or not self.screen.is_attached:
            return  # being removed with its screen
        shown = self._what_is_shown()
        if shown == self._shown and self.children:
            return
        before, self._shown = self._shown, shown
        if before is not None and self.children and _same_keys(before, shown):
            self._light_keys()
            return
        await super().recompose()

    def _light_keys(self) -> None:
        """Dim the keys that do not apply now and light the others, as a rebuild would."""
        enabled: dict[str, bool] = {}  # by action: the first binding of each is the one shown
        for _node, binding, applies, _tooltip in self.screen.active_bindings.values():
            if binding.show:
                enabled.setdefault(binding.action, applies)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        for key in self.query("FooterKey"):  # Textual's key widget (not exported by name)
            if key.has_class("-command-palette"):
                applies = palette[2] if palette is not None else True
            else:
                applies = enabled.get(getattr(key, "action", ""), not key.has_class("-disabled"))
            key._disabled = not applies  # type: ignore[attr-defined] # a click on it rings the bell
            key.set_class(not applies, "-disabled")


def _same_keys(before: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    """The same keys with the same texts, whichever of them apply."""

    def keys(shown: tuple[Any, ...]) -> tuple[Any, ...]:
        compact, palette, bindings = shown
        return compact, palette, tuple((k, a, d, t) for (k, a, d, _e, t) in bindings)

    return keys(before) == keys(now)
