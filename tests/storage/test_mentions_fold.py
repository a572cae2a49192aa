"""Searching folds each mention's text with ``latin_fold``: always exactly what ``fold`` gives."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

import pytest

from storage.mentions.matching import _MARKS, _NOT_LATIN, fold, latin_fold
from storage.mentions.network.parse import parse_feed
from tests.storage.test_feeds_parse import CORPUS, FEEDS, needs_corpus

MARK_BLOCKS = [
    (0x300, 0x36F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
]
SCRIPTS = [(0x20, 0x24F), (0x370, 0x52F), (0x1E00, 0x1FFF), (0x2000, 0x218F), (0xFB00, 0xFB4F)]
"""Latin (with its extensions), Greek, Cyrillic, punctuation, letter-like symbols, ligatures."""


def test_the_quick_path_takes_only_characters_folding_keeps_as_ascii_or_drops() -> None:
    """The reason it is exact: in decomposed text, every character it accepts case-folds (minus
    marks) to itself lower-cased (ASCII) or to nothing (a mark), one character at a time."""
    accepted = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    accepted = [c for c in accepted if _NOT_LATIN.search(c) is None]
    assert len(accepted) == 128 + sum(b - a + 1 for a, b in MARK_BLOCKS) - 1  # all but U+0345
    for char in accepted:  # fold's last two steps, on decomposed text, character by character
        kept = _MARKS.sub("", char.casefold())
        assert kept == (char.lower() if char.isascii() else ""), hex(ord(char))
    assert fold("\u0345") == "ι" and _NOT_LATIN.search("\u0345")  # the one mark it refuses
    assert all(_MARKS.fullmatch(chr(c)) for a, b in MARK_BLOCKS for c in range(a, b + 1))


@pytest.mark.parametrize("start,end", SCRIPTS)
def test_every_letter_of_the_latin_greek_and_cyrillic_blocks_folds_the_same(
    start: int, end: int
) -> None:
    for code in range(start, end + 1):
        char = chr(code)
        for text in (char, f"E{char}x", f"{char}\u0301", f"Ça {char}\u0327\u0301 ÉTÉ"):
            assert latin_fold(text) == fold(text), hex(code)


def test_accented_and_mixed_texts_fold_the_same() -> None:
    samples = [
        "", "plain ascii Text", "Café crème brûlée à l'été", "cafe\u0301 CAFÉ", "Straße ﬁn",
        "Zoë İstanbul ǰ", "Ελληνικά ΆΈΉ", "Привет Ёж", "emoji 😀 and “quotes” — dash…",
        "ΐ \u0345 \u1dc0 a\u20d0", "Kelvin \u212a Ohm \u2126", "tab\tnew\nline\r",
    ]  # fmt: skip
    for text in samples:
        assert latin_fold(text) == fold(text), text
    rng = random.Random(5)
    pool = [chr(c) for a, b in SCRIPTS + MARK_BLOCKS for c in range(a, b + 1)] + ["😀", "ǰ"]
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 16)))
        assert latin_fold(text) == fold(text), ascii(text)


@needs_corpus
@pytest.mark.parametrize("name", FEEDS)
def test_real_feed_texts_fold_the_same(name: str) -> None:
    path = CORPUS / name
    parsed = parse_feed(path.read_bytes(), path.as_uri(), "", datetime(2026, 11, 26, tzinfo=UTC))
    assert parsed.entries
    for entry in parsed.entries:
        text = f"{entry.title}\n{entry.summary}\n{entry.author}"
        assert latin_fold(text) == fold(text)
        assert re.sub(r"\s+", " ", latin_fold(entry.title)) == re.sub(
            r"\s+", " ", fold(entry.title)
        )
