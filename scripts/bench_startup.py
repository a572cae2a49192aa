"""One start-up for the benchmark: start, paint the first frame (headless), exit.

``python scripts/bench_startup.py socialplan DATA.json`` runs ``socialplan --data DATA`` (through
the command line, as a user starts it);
``python scripts/bench_startup.py label`` runs a minimal Textual app painting one Label (the
baseline). Both print the time of Textual's ``Ready`` event, sent once the first frame is
displayed, and exit.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

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

    import tui.app
    from tui.cli import main as socialplan

    class Measured(tui.app.SocialPlanApp):
        def on_ready(self) -> None:
            ready()
            self.exit()

    run_app = tui.app.run_app

    def measured(path: Path) -> int:
        return run_app(path, Measured, headless=True, size=(120, 36))

    # The command a user types, ``socialplan --data FILE``, with the app made headless and
    # ending at its first frame.
    tui.app.run_app = measured  # type: ignore[assignment]
    return socialplan(["--data", sys.argv[2]])


if __name__ == "__main__":
    raise SystemExit(main())
