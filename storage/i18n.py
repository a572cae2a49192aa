"""One translation function for every user-visible string.

Catalogues live in ``storage/locale/<lang>/LC_MESSAGES/socialplan.mo``; with none installed the
strings are shown as written. Nothing is looked up at import time.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

_LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def _translation() -> gettext.NullTranslations:
    return gettext.translation("socialplan", localedir=_LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the user's language (identity when no catalogue exists)."""
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _translation().ngettext(singular, plural, n)
