"""``python -m tui``: the same as the ``socialplan`` command."""

import sys

from tui.cli import main

sys.exit(main())
