"""The editorial guide as one readable Markdown document, and back.

The document has a title, then one ``##`` section per part of the guide, always in this order::

    # Editorial guide
    ## Purpose / ## Audience          free text
    ## Pillars                        a table: Pillar | Target | Promotional | Description
    ## Voice and tone                 free text
    ## Channel notes                  one ``### <channel key>`` per channel, free text under it
    ## Rules                          the self-promotion ceiling line, ``### Do``, ``### Don't``
    ## Commenting and reacting        free text
    ## Hashtags / ## Keywords         lists

Export, import, export gives the same file. In free text, a line that would read as a heading of
level 1-3 is written with a backslash before it (``\\## not a heading``), which Markdown shows as
the plain text; in table cells ``|`` and ``\\`` are escaped with a backslash. Anything the reader
does not understand is refused with its line number, and nothing is replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.datafile import export_file, read_limited
from storage.errors import InputError
from storage.guide.editorial import (
    Guide,
    Pillar,
    check_percent,
    clean_key,
    list_pillars,
    load_guide,
    replace_guide,
    tidy_prose,
)
from storage.i18n import _, language
from storage.text import one_line

if TYPE_CHECKING:
    from storage.datafile import Plan

TITLE = "Editorial guide"
"""The document's level-1 heading."""

SECTIONS = {
    "purpose": "Purpose",
    "audience": "Audience",
    "pillars": "Pillars",
    "voice": "Voice and tone",
    "channel_notes": "Channel notes",
    "rules": "Rules",
    "commenting": "Commenting and reacting",
    "hashtags": "Hashtags",
    "keywords": "Keywords",
}
"""Section key -> its heading, in document order."""

TITLE_FR = "Guide éditorial"
SECTIONS_FR = {
    "purpose": "Raison d'être",
    "audience": "Public",
    "pillars": "Piliers",
    "voice": "Voix et ton",
    "channel_notes": "Notes par canal",
    "rules": "Règles",
    "commenting": "Commenter et réagir",
    "hashtags": "Hashtags",
    "keywords": "Mots-clés",
}
"""The same headings in French: a guide exported in either language reads back in either."""

_SECTION_BY_TITLE = {
    title.casefold(): key for titles in (SECTIONS, SECTIONS_FR) for key, title in titles.items()
} | {"raison d’être": "purpose"}
_RULE_HEADINGS = {
    "do": "do", "don't": "dont", "dont": "dont", "don’t": "dont", "do not": "dont",
    "à faire": "do", "a faire": "do", "à éviter": "dont", "a eviter": "dont",
}  # fmt: skip
_HEADING = re.compile(r"^(#{1,3})(?:[ \t]+(.*?))?[ \t]*$")
_ESCAPED = re.compile(r"^\\(\\*#{1,3})(?=[ \t]|$)")
_NEEDS_ESCAPE = re.compile(r"^(\\*#{1,3})(?=[ \t]|$)")
_BULLET = re.compile(r"^[-*+][ \t]+(.*)$|^[-*+]$")
_CEILING = re.compile(r"(?:ceiling|plafond)\D*?(\d+)\s*%", re.IGNORECASE)
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_YES = {"yes", "y", "true", "x", "oui", "✓", "✔"}
_NO = {"no", "n", "false", "", "non", "-"}
_COLUMNS = {
    "pillar": "name",
    "name": "name",
    "target": "target",
    "promotional": "promotional",
    "promo": "promotional",
    "description": "description",
    "pilier": "name",
    "nom": "name",
    "cible": "target",
    "promotionnel": "promotional",
    "promotionnelle": "promotional",
}

PREAMBLE = (
    "Written with socialplan. Edit it in any editor, then read it back with "
    "`socialplan guide import FILE.md`."
)
PREAMBLE_FR = (
    "Écrit avec socialplan. Modifiez-le dans n'importe quel éditeur, puis relisez-le avec "
    "`socialplan guide import FICHIER.md`."
)


def _document_words() -> dict[str, Any]:
    """The headings and fixed lines of an exported guide, in the language in use."""
    if language() == "fr":
        return {
            "title": TITLE_FR, "preamble": PREAMBLE_FR, "sections": SECTIONS_FR,
            "header": "| Pilier | Cible | Promotionnel | Description |", "yes": "oui",
            "no": "non", "do": "À faire", "dont": "À éviter",
            "ceiling": "Plafond d'autopromotion : au plus {n} % des contenus publiés peuvent "
                       "être promotionnels.",
        }  # fmt: skip
    return {
        "title": TITLE, "preamble": PREAMBLE, "sections": SECTIONS,
        "header": "| Pillar | Target | Promotional | Description |", "yes": "yes", "no": "no",
        "do": "Do", "dont": "Don't",
        "ceiling": "Self-promotion ceiling: at most {n}% of published items may be promotional.",
    }  # fmt: skip


class GuideFormatError(InputError):
    """A Markdown guide that cannot be read; ``line`` is where reading stopped (1-based)."""

    def __init__(self, line: int, why: str) -> None:
        super().__init__(_("line {line}: {why}").format(line=line, why=why))
        self.line = line
        """The line reading stopped at."""
        self.why = why
        """What was wrong there."""


# -- export -------------------------------------------------------------------------------------


def _escape_text(text: str) -> str:
    return "\n".join(_NEEDS_ESCAPE.sub(r"\\\1", line) for line in text.split("\n"))


def _escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def export_markdown(guide: Guide, pillars: list[Pillar]) -> str:
    """The whole guide as one Markdown document."""
    guide = guide.cleaned()
    words = _document_words()
    parts: list[str] = [f"# {words['title']}", words["preamble"]]

    def section(key: str, body: str = "") -> None:
        parts.append(f"## {words['sections'][key]}")
        if body:
            parts.append(body)

    section("purpose", _escape_text(guide.purpose))
    section("audience", _escape_text(guide.audience))
    rows = [words["header"], "| --- | ---: | --- | --- |"]
    for p in pillars:
        cells = [
            p.name,
            f"{p.target}%",
            words["yes"] if p.promotional else words["no"],
            p.description,
        ]
        rows.append("|" + "|".join(f" {_escape_cell(c)} " if c else " " for c in cells) + "|")
    section("pillars", "\n".join(rows))
    section("voice", _escape_text(guide.voice))
    section("channel_notes")
    for key, text in guide.channel_notes.items():
        parts.append(f"### {key}")
        if text:
            parts.append(_escape_text(text))
    section("rules", words["ceiling"].format(n=guide.promo_ceiling))
    parts.append(f"### {words['do']}")
    if guide.do:
        parts.append("\n".join(f"- {rule}" for rule in guide.do))
    parts.append(f"### {words['dont']}")
    if guide.dont:
        parts.append("\n".join(f"- {rule}" for rule in guide.dont))
    section("commenting", _escape_text(guide.commenting))
    section("hashtags", "\n".join(f"- {tag}" for tag in guide.hashtags))
    section("keywords", "\n".join(f"- {word}" for word in guide.keywords))
    return "\n\n".join(parts) + "\n"


# -- import -------------------------------------------------------------------------------------


@dataclass
class _Block:
    """The lines under one heading: (line number, text) pairs."""

    start: int
    title: str
    lines: list[tuple[int, str]] = field(default_factory=list)
    subs: list[_Block] = field(default_factory=list)


def _text_of(lines: list[tuple[int, str]]) -> str:
    return tidy_prose("\n".join(_ESCAPED.sub(r"\1", text) for _n, text in lines))


def _list_of(lines: list[tuple[int, str]]) -> tuple[str, ...]:
    items: list[str] = []
    for number, text in lines:
        if not text.strip():
            continue
        match = _BULLET.match(text)
        if match:
            items.append(match.group(1) or "")
        elif text[:1] in " \t" and items:
            items[-1] += " " + text.strip()
        else:
            raise GuideFormatError(
                number,
                _('expected a list item starting with "- ", found {text!r}').format(
                    text=one_line(text)[:60]
                ),
            )
    return tuple(item for item in (one_line(i) for i in items) if item)


def _split_cells(number: int, line: str) -> list[str]:
    text = line.strip()
    if not (text.startswith("|") and text.endswith("|") and len(text) > 1):
        raise GuideFormatError(
            number,
            _("expected a table row between | signs, found {text!r}").format(
                text=one_line(line)[:60]
            ),
        )
    cells: list[str] = []
    current: list[str] = []
    chars = iter(text[1:])
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in ("\\", "|") else ch + nxt)
        elif ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    if "".join(current).strip():
        raise GuideFormatError(number, _("a table row must end with |"))
    return cells


def _pillars_of(lines: list[tuple[int, str]]) -> list[Pillar]:
    rows = [(n, t) for n, t in lines if t.strip()]
    if not rows:
        return []
    header_line, header = rows[0]
    columns: list[str] = []
    for cell in _split_cells(header_line, header):
        column = _COLUMNS.get(cell.casefold())
        if column is None or column in columns:
            raise GuideFormatError(
                header_line,
                _(
                    "unknown or repeated column {cell!r} in the pillars table "
                    "(expected Pillar, Target, Promotional, Description)"
                ).format(cell=cell),
            )
        columns.append(column)
    if "name" not in columns or "target" not in columns:
        raise GuideFormatError(
            header_line, _("the pillars table needs a Pillar and a Target column")
        )
    if len(rows) < 2 or not all(_SEPARATOR_CELL.match(c) for c in _split_cells(*rows[1])):
        at = rows[1][0] if len(rows) > 1 else header_line + 1
        raise GuideFormatError(at, _("expected the table's separator row, like | --- | --- |"))
    pillars: list[Pillar] = []
    seen: set[str] = set()
    for number, line in rows[2:]:
        cells = _split_cells(number, line)
        if len(cells) != len(columns):
            raise GuideFormatError(
                number,
                _("this row has {found} cells, the table has {expected} columns").format(
                    found=len(cells), expected=len(columns)
                ),
            )
        values = dict(zip(columns, cells, strict=True))
        promo = values.get("promotional", "").casefold()
        if promo not in _YES and promo not in _NO:
            raise GuideFormatError(
                number,
                _("Promotional must be yes or no, not {value!r}").format(
                    value=values["promotional"]
                ),
            )
        try:
            pillar = Pillar(
                0,
                values["name"],
                values.get("description", ""),
                check_percent(values["target"], _("a pillar's target")),
                promo in _YES,
                len(pillars),
            ).cleaned()
        except InputError as error:
            raise GuideFormatError(number, str(error)) from None
        if pillar.name.casefold() in seen:
            raise GuideFormatError(
                number, _("there is already a pillar named {name!r}").format(name=pillar.name)
            )
        seen.add(pillar.name.casefold())
        pillars.append(pillar)
    return pillars


def _blocks(text: str) -> tuple[list[_Block], int]:
    """Split the document into ``##`` blocks with their ``###`` sub-blocks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks: list[_Block] = []
    seen_title = False
    for number, line in enumerate(lines, start=1):
        match = _HEADING.match(line)
        if not seen_title:
            if not line.strip():
                continue
            if match and len(match.group(1)) == 1:
                seen_title = True
                continue
            raise GuideFormatError(
                number, _('a guide starts with a title line like "# {title}"').format(title=TITLE)
            )
        if match and len(match.group(1)) == 1:
            raise GuideFormatError(number, _("only one title (# heading) is allowed"))
        if match and len(match.group(1)) == 2:
            blocks.append(_Block(number, (match.group(2) or "").strip()))
        elif match:
            if not blocks:
                raise GuideFormatError(number, _("a ### heading must come under a ## section"))
            blocks[-1].subs.append(_Block(number, (match.group(2) or "").strip()))
        elif blocks:
            target = blocks[-1].subs[-1] if blocks[-1].subs else blocks[-1]
            target.lines.append((number, line))
    if not seen_title:
        raise GuideFormatError(1, _("the document is empty"))
    return blocks, len(lines) + 1


def parse_markdown(text: str) -> tuple[Guide, list[Pillar]]:
    """Read a guide document; raise :class:`GuideFormatError` naming the line otherwise."""
    blocks, end = _blocks(text)
    found: dict[str, _Block] = {}
    for block in blocks:
        key = _SECTION_BY_TITLE.get(block.title.casefold())
        if key is None:
            raise GuideFormatError(
                block.start,
                _('unknown section "## {title}" (expected one of: {known})').format(
                    title=one_line(block.title)[:60],
                    known=", ".join(_document_words()["sections"].values()),
                ),
            )
        if key in found:
            raise GuideFormatError(
                block.start, _('the section "## {title}" appears twice').format(title=SECTIONS[key])
            )
        if block.subs and key not in ("channel_notes", "rules"):
            raise GuideFormatError(
                block.subs[0].start,
                _(
                    "a ### heading is only used under Channel notes and Rules; write \\### to keep "
                    "it as text"
                ),
            )
        found[key] = block
    for key, title in _document_words()["sections"].items():
        if key not in found:
            raise GuideFormatError(
                end, _('the document ends without the section "## {title}"').format(title=title)
            )

    fields: dict[str, object] = {}
    for key in ("purpose", "audience", "voice", "commenting"):
        fields[key] = _text_of(found[key].lines)
    for key in ("hashtags", "keywords"):
        fields[key] = _list_of(found[key].lines)
    pillars = _pillars_of(found["pillars"].lines)

    notes_block = found["channel_notes"]
    _only_blank(notes_block.lines, _("only ### channel headings belong under Channel notes"))
    notes: dict[str, str] = {}
    for sub in notes_block.subs:
        try:
            key = clean_key(sub.title)
        except InputError as error:
            raise GuideFormatError(sub.start, str(error)) from None
        if key in notes:
            raise GuideFormatError(
                sub.start, _("the channel {key!r} appears twice").format(key=key)
            )
        notes[key] = _text_of(sub.lines)
    fields["channel_notes"] = notes

    rules = found["rules"]
    ceiling: int | None = None
    for number, line in rules.lines:
        if not line.strip():
            continue
        match = _CEILING.search(line)
        if match is None or ceiling is not None:
            raise GuideFormatError(
                number,
                _(
                    'under Rules, only the line "Self-promotion ceiling: at most N% ..." '
                    "comes before ### Do and ### Don't"
                ),
            )
        try:
            ceiling = check_percent(match.group(1), _("the self-promotion ceiling"))
        except InputError as error:
            raise GuideFormatError(number, str(error)) from None
    if ceiling is not None:
        fields["promo_ceiling"] = ceiling
    for sub in rules.subs:
        which = _RULE_HEADINGS.get(sub.title.casefold())
        if which is None:
            raise GuideFormatError(
                sub.start, _("under Rules, the headings are ### Do and ### Don't")
            )
        if which in fields:
            raise GuideFormatError(
                sub.start, _('the list "### {title}" appears twice').format(title=sub.title)
            )
        fields[which] = _list_of(sub.lines)
    return Guide(**fields).cleaned(), pillars  # type: ignore[arg-type]


def _only_blank(lines: list[tuple[int, str]], why: str) -> None:
    for number, line in lines:
        if line.strip():
            raise GuideFormatError(number, why)


# -- files --------------------------------------------------------------------------------------


GUIDE_MAX_BYTES = 4 * 1024 * 1024
"""A guide is a few pages: a file past this is refused before it is read."""


def export_guide(plan: Plan, path: Path | str) -> None:
    """Write the plan's guide to a Markdown file (atomically)."""
    text = export_markdown(load_guide(plan), list_pillars(plan))
    export_file(path, text.encode("utf-8"))


def import_guide(plan: Plan, path: Path | str) -> tuple[Guide, list[Pillar]]:
    """Replace the plan's guide with a Markdown file; nothing changes if it cannot be read."""
    raw = read_limited(path, GUIDE_MAX_BYTES, _("a guide"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            _("{file} is not UTF-8 text (byte {at})").format(file=path, at=error.start)
        ) from None
    guide, pillars = parse_markdown(text)
    replace_guide(plan, guide, pillars)
    return guide, pillars
