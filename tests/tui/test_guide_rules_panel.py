"""The rules panel other tabs open: what it says, shown literally."""

from __future__ import annotations

from storage.guide.editorial import Guide, Pillar
from tui.shared.rules import rules_text


def test_rules_panel_text_puts_the_channel_note_first_and_keeps_markup_literal() -> None:
    guide = Guide(
        voice="Chaleureux [b]vraiment[/b]",
        channel_notes={"mastodon": "Répondre le jour même."},
        promo_ceiling=15,
        do=("Citer [@click=app.quit]les sources[/]",),
        dont=("Spammer\x1b[31m",),
        hashtags=("#slowtravel",),
    )
    pillars = [Pillar(1, "Ateliers", "", 20, True), Pillar(2, "Récits", "", 80, False)]
    text = rules_text(guide, pillars, channel="mastodon").plain
    assert text.startswith("On mastodon\nRépondre le jour même.")
    assert "✓ Citer [@click=app.quit]les sources[/]" in text
    assert "✗ Spammer\n" in text
    assert "At most 15% of published items may be promotional (pillars: Ateliers)." in text
    assert "Chaleureux [b]vraiment[/b]" in text and "#slowtravel" in text
    assert not any(span.style and "click" in str(span.style) for span in
                   rules_text(guide, pillars).spans)
