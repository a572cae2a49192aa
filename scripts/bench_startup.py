"""One start-up for the benchmark: start, paint the first frame (headless), exit.

``python scripts/bench_startup.py socialplan DATA.json`` runs ``socialplan --data DATA`` (through
the command line, as a user starts it);
``python scripts/bench_startup.py label`` runs a minimal Textual app painting one Label (the
baseline). Both print the time of Textual's ``Ready`` event, sent once the first frame is
displayed (``READY <time>``). socialplan reads its data file after that frame; it then also
prints when the Today tab shows the check-in (``SHOWN <time>``: once the filled list has been
drawn), and exits.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ready() -> None:
    """Say when the first frame was painted (wall-clock seconds, read by ``scripts/bench.py``)."""
    print(f"READY {time.time()!r}", flush=True)


def main() -> int:
    which = sys.argv[1]
    if which == "label":
        from textual.app import App, ComposeResult
        from textual.widgets import Label

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Label("socialplan")

            def on_ready(self) -> None:
                ready()
                self.exit()

        Minimal().run(headless=True, size=(120, 36))
        return 0

    # The command a user types, ``socialplan --data FILE``, through the installed entry point
    # (``tui.cli:run``), with the app made headless and ending at its first frame. The app's
    # module is patched as it is imported, so nothing is imported before the command would.
    sys.meta_path.insert(0, _Measure())
    sys.argv = ["socialplan", "--data", sys.argv[2]]
    from tui.cli import run

    run()


class _Measure:
    """Patches ``tui.app`` when it is imported: a headless app that exits at its first frame.

    A finder on ``sys.meta_path`` (not subclassing ``importlib.abc.MetaPathFinder``, whose import
    costs 6 ms that the real command does not pay).
    """

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "tui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.loader is not None
        load = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            load(module)
            _patch(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _patch(app_module: Any) -> None:
    class Measured(app_module.SocialPlanApp):  # type: ignore[misc]
        """Says when the first frame is painted, then when the check-in is on screen."""

        def on_ready(self) -> None:
            ready()
            self._waited = 0
            self.set_interval(0.002, self._check_in_shown)

        def _check_in_shown(self) -> None:
            self._waited += 1
            if drawn:
                return
            listing = self.query("#today-list")
            if (listing and listing.first().option_count) or self._waited > 5000:
                # Filled is not yet on screen: the time counted is once the screen that holds
                # the filled list has been drawn (the next screen update).
                drawn.append(self)

    drawn: list[Any] = []
    screen_class = app_module.Screen
    draw = screen_class._compositor_refresh

    def _compositor_refresh(screen: Any) -> None:
        draw(screen)
        if drawn and drawn[0] is not None:
            print(f"SHOWN {time.time()!r}", flush=True)
            drawn[0].exit()
            drawn[0] = None

    screen_class._compositor_refresh = _compositor_refresh

    run_app = app_module.run_app

    def measured(path: Path) -> int:
        return int(run_app(path, Measured, headless=True, size=(120, 36)))

    app_module.run_app = measured


if __name__ == "__main__":
    raise SystemExit(main())
