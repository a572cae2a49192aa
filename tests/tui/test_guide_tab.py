"""The Guide tab driven by keys: pillars, rules, the tone in a TextArea; all kept after reopening."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import DataTable, TextArea

from storage.guide.editorial import list_pillars, load_guide
from tui.guide.items import GuideItems
from tui.guide.pillars import PillarsPane
from tui.guide.tab import SectionList
from tui.shared.confirm import Confirm
from tui.shared.rules import GuideRulesScreen

SIZE = (120, 36)


async def type_text(pilot: Any, text: str) -> None:
    """Type like a user (a space is the space key)."""
    for char in text:
        await pilot.press("space" if char == " " else char)


async def open_section(pilot: Any, steps: int) -> None:
    """Show the Guide tab, go ``steps`` sections down and work in that section."""
    await pilot.press("3")
    await pilot.pause()
    for _ in range(100):  # the tab is built on first show: wait until its section list has focus
        if isinstance(pilot.app.focused, SectionList):
            break
        await pilot.pause(0.02)
    for _ in range(steps):
        await pilot.press("j")
    await pilot.press("enter")
    await pilot.pause()


PILLARS, VOICE, RULES = 2, 3, 5


async def test_add_a_pillar_edit_its_target_and_find_it_after_reopening(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, PILLARS)
        await pilot.press("a")
        await type_text(pilot, "Recettes d'été")
        await pilot.press("tab")
        await type_text(pilot, "10")
        await pilot.press("tab")
        await type_text(pilot, "Tomates | courgettes [b]")
        await pilot.press("enter")
        await pilot.pause()
        pane = app.query_one(PillarsPane)
        assert "110%, not 100%" in str(pane.query_one("#pillar-sum").render())
        table = app.query_one(DataTable)
        assert table.row_count == 5 and table.cursor_row == 4
        # Edit its target in place: e, then the target field.
        await pilot.press("e", "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "25")
        await pilot.press("enter", "plus")
        await pilot.pause()
        await pilot.press("q")
    app = app_factory()
    pillar = list_pillars(app.plan)[-1]
    assert (pillar.name, pillar.target, pillar.description) == (
        "Recettes d'été", 30, "Tomates | courgettes [b]")
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, PILLARS)
        table = app.query_one(DataTable)
        assert str(table.get_row_at(4)[0]) == "Recettes d'été"
        assert "130%" in str(app.query_one(PillarsPane).query_one("#pillar-sum").render())


async def test_a_bad_target_is_refused_with_a_message(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, PILLARS)
        await pilot.press("a")
        await type_text(pilot, "Trop")
        await pilot.press("tab")
        await type_text(pilot, "140")
        await pilot.press("enter")
        await pilot.pause()
        assert any("0 to 100" in n.message for n in app._notifications)
        assert app.query_one(PillarsPane).has_class("-editing")
        await pilot.press("escape")
        assert not app.query_one(PillarsPane).has_class("-editing")
        assert len(list_pillars(app.plan)) == 4


async def test_deleting_a_pillar_asks_first_and_can_be_undone(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, PILLARS)
        first = list_pillars(app.plan)[0].name
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert len(list_pillars(app.plan)) == 4
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert first not in [p.name for p in list_pillars(app.plan)]
        await pilot.press("u")
        await pilot.pause()
        assert [p.name for p in list_pillars(app.plan)][0] == first


async def test_add_a_rule_delete_undo_and_find_it_after_reopening(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, RULES)
        await pilot.press("a")
        await type_text(pilot, "Répondre en moins de 24 h")
        await pilot.press("enter")
        await pilot.pause()
        assert load_guide(app.plan).do[-1] == "Répondre en moins de 24 h"
        await pilot.press("k", "d")
        await pilot.pause()
        removed = len(load_guide(app.plan).do)
        await pilot.press("u")
        await pilot.pause()
        assert len(load_guide(app.plan).do) == removed + 1
        await pilot.press("tab", "a")
        await type_text(pilot, "Spammer")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")
    app = app_factory()
    guide = load_guide(app.plan)
    assert guide.do[-1] == "Répondre en moins de 24 h" and guide.dont[-1] == "Spammer"
    assert len(guide.do) == 4
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, RULES)
        lists = list(app.query(GuideItems))
        assert "Répondre en moins de 24 h" in str(lists[0].item_list.get_option_at_index(3).prompt)


async def test_edit_the_tone_in_the_text_area_quit_and_reopen(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, VOICE)
        area = app.focused
        assert isinstance(area, TextArea)
        await pilot.press("ctrl+home")
        await type_text(pilot, "Tutoyer, sourire !")
        await pilot.press("enter", "escape")
        await pilot.pause()
        await pilot.press("q")
    app = app_factory()
    assert load_guide(app.plan).voice.startswith("Tutoyer, sourire !\nHow you sound")
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, VOICE)
        assert app.query_one("#voice TextArea", TextArea).text.startswith("Tutoyer")


async def test_text_typed_is_kept_when_the_app_closes_from_the_editor(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, 0)
        await type_text(pilot, "Pour les lecteurs. ")
        await pilot.press("ctrl+q")
    app = app_factory()
    assert load_guide(app.plan).purpose.startswith("Pour les lecteurs. Why you are")


async def test_rules_panel_opens_and_closes_with_escape(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, GuideRulesScreen)
        text = str(app.screen.query_one("#guide-rules-text").render())
        assert "Argue with trolls in public" in text and "At most 20%" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GuideRulesScreen)


async def test_export_from_the_tab_writes_the_markdown_file(
    app_factory: Any, tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("x", "ctrl+a", "ctrl+k")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert target.read_text("utf-8").startswith("# Editorial guide\n")
