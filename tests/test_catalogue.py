"""The French catalogue cannot rot: it holds every message the code asks for, each translated,
and the compiled catalogue the app loads is the one the .po says."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "storage" / "locale"
PO = LOCALE / "fr" / "LC_MESSAGES" / "socialplan.po"
MO = LOCALE / "fr" / "LC_MESSAGES" / "socialplan.mo"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _msgid(message: str | tuple[str, ...]) -> str:
    return message[0] if isinstance(message, tuple) else message


def code_messages() -> set[str]:
    """Every message of storage/ and tui/ passed to _() or ngettext(), as make catalog finds it."""
    found: set[str] = set()
    for folder in ("storage", "tui"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / folder),
            method_map=[("**.py", "python")],
            keywords={"_": None, "ngettext": (1, 2)},
        ):
            found.add(_msgid(message))
    return found


def french() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="fr")


def test_the_template_and_the_french_catalogue_hold_every_message_of_the_code() -> None:
    with (LOCALE / "socialplan.pot").open("rb") as handle:
        template = {_msgid(m.id) for m in read_po(handle) if m.id}
    in_code = code_messages()
    assert in_code - template == set(), "run make catalog: the template misses these"
    assert template - in_code == set(), "run make catalog: the template keeps messages gone"
    translated = {_msgid(m.id) for m in french() if m.id}
    assert in_code - translated == set(), "the French catalogue misses these"


def test_every_french_message_is_translated_and_keeps_its_placeholders() -> None:
    problems = []
    for message in french():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"{ids[0]!r}: not translated (or fuzzy)")
            continue
        names = {p.split(":")[0].split("!")[0] for p in PLACEHOLDER.findall(ids[-1])}
        for text in strings:
            if {p.split(":")[0].split("!")[0] for p in PLACEHOLDER.findall(text)} != names:
                problems.append(f"{ids[0]!r}: placeholders differ in {text!r}")
    assert problems == []


def test_the_french_catalogue_passes_gettexts_format_checks() -> None:
    catalogue = french()
    errors = [(m.id, [str(e) for e in errs]) for m, errs in catalogue.check()]
    assert errors == []


def test_the_compiled_catalogue_is_the_french_one() -> None:
    """A .po changed without make catalog would leave the app showing the old French."""
    fresh = io.BytesIO()
    write_mo(fresh, french())
    fresh.seek(0)
    expected = gettext.GNUTranslations(fresh)
    with MO.open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == expected._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("message", ["Today", "Quit", "Check-in for {day}", "usage: "])
def test_the_app_finds_the_french_catalogue(message: str) -> None:
    from storage.i18n import _, set_language

    set_language("fr")
    assert _(message) != message
    set_language("en")
    assert _(message) == message
