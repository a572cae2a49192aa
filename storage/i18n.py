"""One translation function for every user-visible string, and the choice of language.

Catalogues live in ``storage/locale/<lang>/LC_MESSAGES/socialplan.mo``; with none installed the
strings are shown as written. Nothing is looked up at import time.

The language is, in order: what :func:`set_language` was given (``--lang``, or the plan's
setting), else the environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: a value
beginning with ``fr`` gives French), else English.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    import gettext

_LOCALE_DIR = Path(__file__).parent / "locale"

LANGUAGES = ("en", "fr")
"""Languages socialplan speaks; English is the source language."""

_chosen: str | None = None
_here = threading.local()
"""A language for the current thread only (see :func:`labels_in_every_language`)."""
_override: gettext.NullTranslations | None = None


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for (the first of the POSIX variables that is set)."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        first = value.split(":")[0].strip().lower()
        if first in ("c", "posix") or first.startswith(("c.", "posix.")):
            return "en"
        return "fr" if first.startswith("fr") else "en"
    return "en"


def normalize_language(value: str | None) -> str | None:
    """``fr``, ``fr_CA``, ``FR`` → ``fr``; ``en…`` → ``en``; anything else → ``None``."""
    if not value:
        return None
    head = value.strip().lower().replace("-", "_").split("_")[0]
    return head if head in LANGUAGES else None


def set_language(lang: str | None) -> None:
    """Choose the language for the rest of the process (``None``: back to the environment)."""
    global _chosen
    _chosen = normalize_language(lang)


def language() -> str:
    """The language in use: ``"en"`` or ``"fr"``."""
    return getattr(_here, "lang", None) or _chosen or detect_language()


class _AsWritten:
    """English, the source language: every string as written (and no ``gettext`` to import)."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


@cache
def _catalogue(lang: str) -> gettext.NullTranslations | _AsWritten:
    if lang == "en":
        return _AsWritten()
    import gettext

    return gettext.translation("socialplan", localedir=_LOCALE_DIR, languages=[lang], fallback=True)


def _translation() -> gettext.NullTranslations | _AsWritten:
    return _override or _catalogue(language())


def labels_in_every_language(label: Callable[[str], str], key: str) -> list[str]:
    """What ``label(key)`` reads in each language (to accept a word typed in any of them)."""
    before = getattr(_here, "lang", None)
    try:
        found = []
        for lang in LANGUAGES:
            _here.lang = lang  # this thread only: others keep speaking the user's language
            found.append(label(key))
        return found
    finally:
        _here.lang = before


def use_translations(translations: gettext.NullTranslations | None) -> None:
    """Translate with ``translations`` instead of the language's catalogue (``None``: back).

    For the pseudo-language test, which wraps every translated string to find text that
    bypasses :func:`_`.
    """
    global _override
    _override = translations


def _(message: str) -> str:
    """Translate ``message`` into the user's language (identity when no catalogue exists)."""
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _translation().ngettext(singular, plural, n)


def percent(value: float | int, decimals: int = 0) -> str:
    """A share as a person reads it: ``12%`` / ``12.5%`` in English, ``12 %`` / ``12,5 %``
    (no-break space, decimal comma) in French."""
    number = f"{value:.{decimals}f}" if isinstance(value, float) or decimals else str(value)
    if language() == "fr":
        return number.replace(".", ",") + "\u00a0%"
    return f"{number}%"
