"""What a widget may use of the running app, typed: the plan, ``attempt`` and the tabs.

Widgets reach the app through :func:`app_of` (or :func:`plan_of` for the plan alone) rather
than ``self.app`` with a ``# type: ignore``. :class:`AppContext` is a protocol, so nothing here
imports the app: ``tui.app`` checks that ``SocialPlanApp`` satisfies it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.widget import Widget

    from storage.datafile import Plan

T = TypeVar("T")


class AppContext(Protocol):
    """The running socialplan app as a widget sees it."""

    @property
    def plan(self) -> Plan:
        """The open data file every tab works on."""

    @property
    def plan_open(self) -> bool:
        """Whether the data file has been read (Today may be shown a moment before)."""

    @property
    def active_tab(self) -> str:
        """The id of the tab shown now."""

    def attempt(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a storage call; a failure becomes a notification and None."""

    def tab_widget(self, tab_id: str) -> Widget | None:
        """The widget of a tab, built now if it was not yet."""

    def action_show_tab(self, tab_id: str) -> None:
        """Switch to a tab."""


def app_of(node: DOMNode) -> AppContext:
    """The running app of ``node``, typed."""
    return cast("AppContext", node.app)


def plan_of(node: DOMNode) -> Plan:
    """The plan the running app of ``node`` works on."""
    return app_of(node).plan
