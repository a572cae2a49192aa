"""The guide and its pillars: starter content, edits, checks, undo of a delete."""

from __future__ import annotations

from typing import Any

import pytest

from storage.errors import InputError
from storage.guide.editorial import (
    add_pillar,
    delete_pillar,
    list_pillars,
    load_guide,
    move_pillar,
    restore_pillar,
    rules_summary,
    set_channel_note,
    target_warning,
    update_guide,
    update_pillar,
)


def test_a_new_file_has_a_starter_guide_that_teaches_each_section(plan: Any) -> None:
    guide = load_guide(plan)
    assert guide.purpose and guide.audience and guide.voice and guide.commenting
    assert guide.do and guide.dont and guide.hashtags and guide.channel_notes
    assert guide.promo_ceiling == 20
    pillars = list_pillars(plan)
    assert len(pillars) >= 3
    assert sum(p.target for p in pillars) == 100
    assert any(p.promotional for p in pillars)
    assert target_warning(pillars) is None


def test_pillar_edits_are_saved_and_survive_reopening(plan: Any) -> None:
    from storage.datafile.plan import open_plan

    added = add_pillar(plan, "  Recettes   d'été ", "Tomates, courgettes", "35%")
    assert added.name == "Recettes d'été"
    assert list_pillars(plan)[-1] == added
    update_pillar(plan, added.id, target=10, promotional=True)
    path = plan.path
    plan.close()
    reopened = open_plan(path)
    try:
        again = list_pillars(reopened)[-1]
        assert (again.name, again.target, again.promotional) == ("Recettes d'été", 10, True)
    finally:
        reopened.close()


def test_bad_pillars_are_refused_with_a_reason(plan: Any) -> None:
    before = list_pillars(plan)
    with pytest.raises(InputError, match="name"):
        add_pillar(plan, "   ")
    with pytest.raises(InputError, match="0 to 100"):
        add_pillar(plan, "Too much", target=140)
    with pytest.raises(InputError, match="whole number"):
        add_pillar(plan, "Words", target="lots")
    with pytest.raises(InputError, match="already"):
        add_pillar(plan, before[0].name.upper())
    assert list_pillars(plan) == before


def test_target_warning_names_the_sum(plan: Any) -> None:
    add_pillar(plan, "Extra", target=10)
    assert target_warning(list_pillars(plan)) == "The pillar targets add up to 110%, not 100%."


def test_renaming_a_pillar_carries_over_to_the_calendar(plan: Any) -> None:
    pillar = list_pillars(plan)[0]
    plan.table("content").insert({"title": "A post", "pillar": pillar.name, "status": "idea"})
    plan.table("content").insert({"title": "Other", "pillar": "Something else"})
    update_pillar(plan, pillar.id, name="Tutorials")
    names = sorted(d["pillar"] for d in plan.table("content").all())
    assert names == ["Something else", "Tutorials"]


def test_delete_then_undo_puts_the_pillar_back_in_place(plan: Any) -> None:
    before = [(p.name, p.target) for p in list_pillars(plan)]
    removed = delete_pillar(plan, list_pillars(plan)[1].id)
    assert removed.name not in [p.name for p in list_pillars(plan)]
    restore_pillar(plan, removed)
    assert [(p.name, p.target) for p in list_pillars(plan)] == before


def test_move_pillar_changes_the_order(plan: Any) -> None:
    names = [p.name for p in list_pillars(plan)]
    move_pillar(plan, list_pillars(plan)[0].id, +1)
    assert [p.name for p in list_pillars(plan)] == [names[1], names[0], *names[2:]]
    move_pillar(plan, list_pillars(plan)[0].id, -5)
    assert [p.name for p in list_pillars(plan)][0] == names[1]


def test_guide_fields_are_cleaned_and_checked(plan: Any) -> None:
    guide = update_guide(plan, voice="\r\n\nChaleureux,\x1b[31m direct  \n\n", do=[" a ", "", "b"])
    assert guide.voice == "Chaleureux, direct"
    assert guide.do == ("a", "b")
    assert load_guide(plan) == guide
    with pytest.raises(InputError):
        update_guide(plan, promo_ceiling=101)
    assert load_guide(plan).promo_ceiling == 20


def test_channel_notes_set_and_remove(plan: Any) -> None:
    set_channel_note(plan, "Mastodon", "Pas de hashtags en rafale.")
    assert load_guide(plan).channel_notes["mastodon"] == "Pas de hashtags en rafale."
    set_channel_note(plan, "mastodon", "  ")
    assert "mastodon" not in load_guide(plan).channel_notes


def test_rules_summary_shows_rules_voice_and_ceiling(plan: Any) -> None:
    update_guide(plan, do=["Ajouter de la valeur"], dont=["Spammer"], promo_ceiling=15)
    text = rules_summary(load_guide(plan))
    assert "Ajouter de la valeur" in text and "Spammer" in text and "15%" in text
