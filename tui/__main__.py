"""``python -m tui``: the same as the ``socialplan`` command."""

from tui.cli import run

run()
