"""The guide's Markdown in French: headings in the language in use, and a guide written in one
language reads back in the other."""

from __future__ import annotations

from pathlib import Path

from storage.datafile import open_plan
from storage.guide import list_pillars, load_guide
from storage.guide.markdown import export_markdown, parse_markdown
from storage.i18n import set_language


def test_a_french_plan_exports_a_french_guide_that_reads_back_in_english(tmp_path: Path) -> None:
    set_language("fr")
    plan = open_plan(tmp_path / "plan.json")  # a plan made in French: its starter guide too
    guide, pillars = load_guide(plan), list_pillars(plan)
    plan.close()
    text = export_markdown(guide, pillars)
    for heading in ("# Guide éditorial", "## Raison d'être", "## Piliers", "## Règles",
                    "### À faire", "### À éviter", "| Pilier | Cible | Promotionnel |"):
        assert heading in text
    assert "Plafond d'autopromotion : au plus 20 % des contenus publiés" in text
    assert "Purpose" not in text and "Pillar" not in text
    set_language("en")
    read, read_pillars = parse_markdown(text)
    assert read == guide.cleaned()
    assert [(p.name, p.target, p.promotional) for p in read_pillars] == [
        (p.name, p.target, p.promotional) for p in pillars
    ]


def test_an_english_guide_reads_back_in_french(tmp_path: Path) -> None:
    plan = open_plan(tmp_path / "plan.json")
    guide, pillars = load_guide(plan), list_pillars(plan)
    plan.close()
    text = export_markdown(guide, pillars)
    assert "## Purpose" in text and "### Don't" in text
    set_language("fr")
    read, read_pillars = parse_markdown(text)
    assert read == guide.cleaned()
    assert [p.name for p in read_pillars] == [p.name for p in pillars]
