"""Which language a user gets: explicit choice, else the environment, else English."""

from __future__ import annotations

import pytest

from storage import i18n


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_BE.UTF-8"}, "fr"),
    ],
)
def test_environment_decides_when_nothing_was_chosen(env: dict[str, str], expected: str) -> None:
    assert i18n.detect_language(env) == expected


def test_explicit_choice_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    try:
        assert i18n.language() == "fr"
        i18n.set_language("en")
        assert i18n.language() == "en"
        i18n.set_language("fr-CA")
        assert i18n.language() == "fr"
    finally:
        i18n.set_language(None)
