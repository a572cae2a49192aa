"""More of the Guide tab by keys: channel notes, the ceiling, the mix table, import, hostile text."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.widgets import DataTable, OptionList, Static, TextArea

from storage.guide.editorial import add_pillar, list_pillars, load_guide
from storage.guide.markdown import export_markdown
from tests.tui.test_guide_tab import SIZE, open_section, type_text
from tui.shared.confirm import Confirm
from tui.shared.help import HelpScreen

CHANNELS, RULES, MIX = 4, 5, 8


def shown(widget: Static) -> str:
    """The text a Static shows (rendered as the terminal would, without colours)."""
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()
DAY = date(2026, 11, 26)


async def test_a_channel_note_is_written_and_kept(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, CHANNELS)
        listing = app.query_one("#channel-keys", OptionList)
        assert app.focused is listing
        key = listing.get_option_at_index(0).id
        await pilot.press("enter")
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Plus court. ")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
    app = app_factory()
    assert load_guide(app.plan).channel_notes[key].startswith("Plus court.")


async def test_the_ceiling_is_changed_with_c_and_checked(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, RULES)
        await pilot.press("c", "ctrl+a", "ctrl+k")
        await type_text(pilot, "200")
        await pilot.press("enter")
        await pilot.pause()
        assert any("0 to 100" in n.message for n in app._notifications)
        assert load_guide(app.plan).promo_ceiling == 20
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "15")
        await pilot.press("enter")
        await pilot.pause()
        assert load_guide(app.plan).promo_ceiling == 15
        assert "at most 15%" in str(app.query_one("#ceiling").render())


async def test_the_mix_table_shows_the_calendar_against_the_targets(
    app_factory: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SOCIALPLAN_TODAY", DAY.isoformat())
    app = app_factory()
    offers = next(p for p in list_pillars(app.plan) if p.promotional).name
    for i in range(6):
        app.plan.table("content").insert({
            "title": f"Post {i}", "pillar": offers, "status": "published",
            "date": (DAY - timedelta(days=i)).isoformat(),
        })
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, MIX)
        table = shown(app.query_one("#mix-table", Static))
        assert "100.0% (6)" in table
        warning = str(app.query_one("#mix-warning").render())
        assert "100% promotional published in the last 30 days (ceiling 20%)" in warning
        nav = app.query_one("#guide-sections", OptionList)
        assert "⚠" in str(nav.get_option("mix").prompt)


async def test_import_from_the_tab_refuses_a_bad_file_and_takes_a_good_one(
    app_factory: Any, tmp_path: Path
) -> None:
    app = app_factory()
    good = export_markdown(load_guide(app.plan), list_pillars(app.plan))
    bad = tmp_path / "bad.md"
    bad.write_text(good.replace("| 40% |", "| beaucoup |"), "utf-8")
    fine = tmp_path / "fine.md"
    fine.write_text(good.replace("- Argue with trolls in public", "- Ne pas troller"), "utf-8")
    line = good.split("\n").index(next(x for x in good.split("\n") if "| 40% |" in x)) + 1
    async with app.run_test(size=SIZE) as pilot:
        for path in (bad, fine):
            await pilot.press("3")
            await pilot.pause()
            await pilot.press("i", "ctrl+a", "ctrl+k")
            await type_text(pilot, str(path))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("y")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            if path is bad:
                assert any(f"line {line}: " in n.message and "Nothing was changed" in n.message
                           for n in app._notifications)
                assert load_guide(app.plan).dont[-1] == "Argue with trolls in public"
        assert load_guide(app.plan).dont[-1] == "Ne pas troller"


async def test_hostile_pillar_names_are_shown_as_written(app_factory: Any) -> None:
    app = app_factory()
    add_pillar(app.plan, "[bold red]x[/] [@click=app.quit]y[/]\x1b[2J", "desc [link]")
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, 2)
        cell = app.query_one(DataTable).get_row_at(4)[0]
        assert str(cell) == "[bold red]x[/] [@click=app.quit]y[/]"
        assert app.is_running


async def test_help_lists_the_guide_keys(app_factory: Any) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 50)) as pilot:
        await open_section(pilot, 2)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {e.description for e in app.screen.entries}
        assert {"Add pillar", "Export .md", "Import .md", "Rules panel"} <= listed


async def test_hashtags_are_added_and_reordered_in_place(app_factory: Any) -> None:
    app = app_factory()
    before = load_guide(app.plan).hashtags
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, 7)
        await pilot.press("a")
        await type_text(pilot, "#trainsdenuit")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("K")
        await pilot.pause()
        await pilot.press("q")
    app = app_factory()
    assert load_guide(app.plan).hashtags == (*before[:-1], "#trainsdenuit", before[-1])


async def test_an_import_shows_at_once_in_the_section_on_screen(
    app_factory: Any, tmp_path: Path
) -> None:
    app = app_factory()
    good = export_markdown(load_guide(app.plan), list_pillars(app.plan))
    fine = tmp_path / "fine.md"
    fine.write_text(good.replace("- Argue with trolls in public", "- Ne pas troller"), "utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, RULES)
        await pilot.press("escape")  # back in the section list, the rules still on screen
        dont = app.screen.query_one("#rules-dont").query_one(OptionList)

        def items() -> list[str]:
            return [str(dont.get_option_at_index(i).prompt) for i in range(dont.option_count)]

        assert items()[-1] == "Argue with trolls in public"
        await pilot.press("i", "ctrl+a", "ctrl+k")
        await type_text(pilot, str(fine))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert items()[-1] == "Ne pas troller"
        await pilot.press("q")
