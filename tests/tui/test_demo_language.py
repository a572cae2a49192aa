"""The demo behind the screenshots speaks the language in use: in French, Lena's own words
(titles, pillars, objectives, guide, the listening feed) are French, while what the app reads as
keys (statuses, kinds, channels, repeat rules, metrics) stays the same, so both pictures show
the same plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts.demo import build_demo, say
from storage import i18n
from storage.datafile import open_plan
from storage.dates import current_day
from storage.mentions import list_mentions, watch_words


def build(tmp_path: Path, lang: str) -> dict[str, Any]:
    i18n.set_language(lang)
    path = build_demo(tmp_path / lang / "demo.json", current_day())
    plan = open_plan(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        records["_watch"] = watch_words(plan)
        records["_matches"] = sorted(
            (m.title, len(m.matches)) for m in list_mentions(plan) if m.matches
        )
    finally:
        plan.close()
    return records


@pytest.fixture
def both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], ...]:
    monkeypatch.setenv("SOCIALPLAN_TODAY", "2026-11-26")
    return build(tmp_path, "en"), build(tmp_path, "fr")


def rows(records: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return [records[table][key] for key in sorted(records[table], key=int)]


def test_say_gives_english_but_in_french() -> None:
    for lang, expected in (("en", "Tuesday tip"), ("fr", "Astuce du mardi"), (None, "Tuesday tip")):
        i18n.set_language(lang)
        assert say("Tuesday tip", "Astuce du mardi") == expected


def test_french_demo_has_lenas_words_in_french_and_the_same_keys(both: tuple) -> None:
    english, french = both
    en_content, fr_content = rows(english, "content"), rows(french, "content")
    assert len(en_content) == len(fr_content)
    keys = ("date", "status", "kind", "channel", "rrule", "time", "parent")
    for en, fr in zip(en_content, fr_content, strict=True):
        assert {k: en.get(k) for k in keys} == {k: fr.get(k) for k in keys}
        assert en["title"] != fr["title"]
    for table, field in (("pillars", "name"), ("pillars", "description"), ("objectives", "text")):
        en_rows, fr_rows = rows(english, table), rows(french, table)
        assert [r.get("metric") for r in en_rows] == [r.get("metric") for r in fr_rows]
        assert not {r[field] for r in en_rows} & {r[field] for r in fr_rows}
    en_guide, fr_guide = rows(english, "guide")[0], rows(french, "guide")[0]
    for field in ("purpose", "audience", "voice", "commenting", "do", "dont", "keywords"):
        assert en_guide[field] != fr_guide[field], field
    assert set(en_guide["channel_notes"]) == set(fr_guide["channel_notes"])


def test_french_listening_feed_matches_the_french_watch_words_as_the_english_one(
    both: tuple,
) -> None:
    english, french = both
    assert "train de nuit" in french["_watch"] and "night train" in english["_watch"]
    en_counts = sorted(n for _title, n in english["_matches"])
    fr_counts = sorted(n for _title, n in french["_matches"])
    assert fr_counts == en_counts
    assert {t for t, _n in english["_matches"]} != {t for t, _n in french["_matches"]}
