"""The guide as Markdown: exact round trip, French text, special characters, refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storage.guide.editorial import Guide, Pillar, list_pillars, load_guide, save_guide
from storage.guide.markdown import (
    GuideFormatError,
    export_guide,
    export_markdown,
    import_guide,
    parse_markdown,
)

FRENCH = Guide(
    purpose="Faire connaître le blog « Cuisine d'été » à Besançon.\n\nÊtre *utile* avant tout.",
    audience="Parents pressés, étudiants, gourmets du Doubs — 25-45 ans.",
    voice=(
        "## Pas un titre : ligne de texte\n# ni celui-ci\n\\### déjà échappé\n"
        "#### un titre de niveau 4 reste du texte\n| pas | un tableau |\n- une liste\n"
        "`code` **gras** _italique_ [lien](https://exemple.fr) <b>html</b> \\ fin"
    ),
    channel_notes={"facebook": "Plus court, plus chaleureux ; une question à la fin ?",
                   "linkedin": "Plus formel.\n\n## toujours du texte"},
    commenting="Répondre sous 24 h.\nNe jamais répondre aux trolls.",
    promo_ceiling=15,
    hashtags=("#cuisine", "#étéGourmand", "#100%maison"),
    keywords=("recettes faciles", "légumes de saison", "a | b \\ c"),
    do=("Apporter de la valeur *d'abord*", "Citer ses sources [1]"),
    dont=("Parler que de soi", "Copier-coller le même texte partout — jamais !"),
)
PILLARS = [
    Pillar(0, "Recettes | rapides", "Moins de 30 min, \\ avec `astuces`", 40, False, 0),
    Pillar(0, "Coulisses", "", 30, False, 1),
    Pillar(0, "Offres & ateliers", "Cours de cuisine — payants", 30, True, 2),
]


def _same_pillars(a: list[Pillar], b: list[Pillar]) -> bool:
    key = [(p.name, p.description, p.target, p.promotional) for p in a]
    return key == [(p.name, p.description, p.target, p.promotional) for p in b]


def test_export_import_export_gives_the_same_file_with_french_and_special_chars() -> None:
    first = export_markdown(FRENCH, PILLARS)
    guide, pillars = parse_markdown(first)
    assert guide == FRENCH.cleaned()
    assert _same_pillars(pillars, PILLARS)
    assert export_markdown(guide, pillars) == first


def test_the_document_is_readable_markdown() -> None:
    text = export_markdown(FRENCH, PILLARS)
    assert text.startswith("# Editorial guide\n")
    assert "## Pillars\n\n| Pillar | Target | Promotional | Description |" in text
    assert "| Recettes \\| rapides | 40% | no |" in text
    assert "| Offres & ateliers | 30% | yes | Cours de cuisine — payants |" in text
    assert "\\## Pas un titre" in text and "\\\\### déjà échappé" in text
    assert "\n#### un titre de niveau 4" in text
    assert "### Do\n\n- Apporter de la valeur *d'abord*\n" in text
    assert "at most 15% of published items" in text


def test_the_starter_guide_round_trips(plan: Any, tmp_path: Path) -> None:
    first = tmp_path / "guide.md"
    export_guide(plan, first)
    before = (load_guide(plan), list_pillars(plan))
    import_guide(plan, first)
    assert load_guide(plan) == before[0]
    assert _same_pillars(list_pillars(plan), before[1])
    second = tmp_path / "again.md"
    export_guide(plan, second)
    assert second.read_bytes() == first.read_bytes()


def test_an_empty_guide_round_trips() -> None:
    text = export_markdown(Guide(), [])
    guide, pillars = parse_markdown(text)
    assert guide == Guide() and pillars == []
    assert export_markdown(guide, pillars) == text


def test_a_hand_edited_document_is_understood() -> None:
    text = export_markdown(FRENCH, PILLARS).replace("\n", "\r\n")
    text = text.replace("| Coulisses | 30% | no | |", "|Coulisses|30|oui|Vie du blog|")
    text = text.replace("- Parler que de soi", "* Parler que de soi,\r\n  sans fin")
    guide, pillars = parse_markdown(text)
    assert pillars[1] .promotional and pillars[1].description == "Vie du blog"
    assert guide.dont[0] == "Parler que de soi, sans fin"


@pytest.mark.parametrize(
    ("edit", "line_of", "why"),
    [
        (lambda t: t.replace("## Audience", "## Readers"), "## Readers", "unknown section"),
        (lambda t: t.replace("| 40% |", "| forty |"), "Recettes", "whole number"),
        (lambda t: t.replace("| no | |", "| maybe | |"), "Coulisses", "yes or no"),
        (lambda t: t.replace("- Citer", "Citer"), "Citer ses", "list item"),
        (lambda t: t.replace("Répondre sous 24 h.", "### Délais\nRépondre"), "### Délais",
         "### heading"),
        (lambda t: "Hello\n" + t, "Hello", "title"),
    ],
)
def test_a_document_it_cannot_understand_is_refused_naming_the_line(
    edit: Any, line_of: str, why: str
) -> None:
    text = edit(export_markdown(FRENCH, PILLARS))
    expected = next(n for n, line in enumerate(text.split("\n"), 1) if line_of in line)
    with pytest.raises(GuideFormatError, match=why) as caught:
        parse_markdown(text)
    assert caught.value.line == expected
    assert str(caught.value).startswith(f"line {expected}: ")


def test_a_missing_section_is_refused_at_the_end() -> None:
    text = export_markdown(FRENCH, PILLARS)
    text = text[: text.index("## Keywords")]
    with pytest.raises(GuideFormatError, match="Keywords") as caught:
        parse_markdown(text)
    assert caught.value.line == text.count("\n") + 1


def test_a_refused_import_replaces_nothing(plan: Any, tmp_path: Path) -> None:
    save_guide(plan, FRENCH)
    before = (load_guide(plan), list_pillars(plan))
    bad = tmp_path / "bad.md"
    bad.write_text(export_markdown(Guide(), []).replace("## Hashtags", "## Tags"), "utf-8")
    with pytest.raises(GuideFormatError):
        import_guide(plan, bad)
    assert (load_guide(plan), list_pillars(plan)) == before


def test_many_random_guides_round_trip_exactly() -> None:
    """Seeded random guides made of the characters Markdown cares about."""
    import random

    pieces = [*"ab éà#\\|-*+`_[]()<>!:%\n\t ", "## ", "### ", "\\#", "- ", "| ", "---", "\r"]
    rng = random.Random(4)

    def text(n: int, one_line: bool = False) -> str:
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(0, n)))
        return value.replace("\n", " ") if one_line else value

    def items() -> tuple[str, ...]:
        return tuple(text(8, True) for _ in range(rng.randint(0, 3)))

    for _ in range(300):
        guide = Guide(
            purpose=text(30), audience=text(30), voice=text(40), commenting=text(30),
            channel_notes={f"c{j}": text(20) for j in range(rng.randint(0, 3))},
            promo_ceiling=rng.randint(0, 100),
            hashtags=items(), keywords=items(), do=items(), dont=items(),
        ).cleaned()
        pillars = [
            Pillar(0, f"p{j}{text(8, True)}", text(10, True), rng.randint(0, 100),
                   rng.random() < 0.5, j).cleaned()
            for j in range(rng.randint(0, 4))
        ]
        first = export_markdown(guide, pillars)
        again, read = parse_markdown(first)
        assert again == guide
        assert _same_pillars(read, pillars)
        assert export_markdown(again, read) == first
