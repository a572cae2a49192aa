"""Entries from feeds are cleaned before they are stored: plain, bounded, safe links and dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.mentions.network.sanitize import (
    SUMMARY_MAX,
    TITLE_MAX,
    RawEntry,
    clean_entries,
    clean_entry,
    html_to_text,
    safe_date,
    safe_link,
)
from storage.text import clean_text, strip_controls

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

HOSTILE = [
    "[@click=app.quit]x[/]",
    "[@click=app.screenshot('socialplan.json','.')]x[/]",
    "[bold]",
    "closing [/] only",
    "[b]x[/i]",
    "[link=file:///etc/passwd]x[/link]",
    "[" * 10_000,
]


def test_html_becomes_plain_text_with_entities_decoded_and_blocks_on_lines() -> None:
    html = "<p>Caf&eacute; &amp; <b>bar</b></p><script>alert(1)</script><p>second<br>line</p>"
    assert html_to_text(html) == "Café & bar\n\nsecond\nline"


def test_control_characters_bidi_overrides_and_escape_bytes_are_removed() -> None:
    text = "a\x1b]52;c;aGk=\x07b\x1b]0;title\x07c\x1b[2Jd\x9b31me\x7ff\u202eg\u2066h\ti\nj\x00"
    cleaned = strip_controls(text)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\x9b" not in cleaned
    assert "\u202e" not in cleaned and "\u2066" not in cleaned and "\x00" not in cleaned
    assert "\t" in cleaned and "\n" in cleaned
    # Whole sequences go, payload and all: an OSC 52 clipboard write leaves nothing behind.
    assert cleaned == "abcdefgh\ti\nj"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one  two\tthree\u00a0 four", "one two three four"),
        ("  lead\t\n\u2003both ends\u2003 \r\n\r\n\r\n\n\nlast  ", "lead\nboth ends\n\nlast"),
        ("a\u2003b\u3000\u3000c", "a\u2003b\u3000\u3000c"),
        ("x\x1b[31m  red\x1b[0m \x00 y", "x red y"),
        ("\n\n\n", ""),
    ],
)
def test_stored_text_has_blank_runs_squeezed_line_edges_trimmed_and_one_blank_line(
    text: str, expected: str
) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_looking_titles_stay_literally_as_written(text: str) -> None:
    entry = clean_entry(RawEntry(id="1", title=text, summary=text), now=NOW)
    expected = text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"
    assert entry.title == expected
    assert entry.summary.startswith(text[:100])


def test_titles_and_summaries_are_capped() -> None:
    entry = clean_entry(RawEntry(id="x", title="t" * 5000, summary="s" * 50_000), now=NOW)
    assert len(entry.title) == TITLE_MAX and entry.title.endswith("…")
    assert len(entry.summary) == SUMMARY_MAX


@pytest.mark.parametrize(
    "value",
    ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "not a date", "", (1, 1, 1, 0, 0, 0, 0, 1, 0),
     (9999, 12, 31, 0, 0, 0, 0, 1, 0), None, "2026-13-45"],
)  # fmt: skip
def test_absurd_or_unparsable_dates_become_unknown(value: object) -> None:
    assert safe_date(value, NOW) is None


def test_plausible_dates_become_utc_iso() -> None:
    assert safe_date("2017-06-26T12:20:05-04:00", NOW) == "2017-06-26T16:20:05+00:00"
    assert safe_date((2017, 6, 26, 16, 20, 5, 0, 177, 0), NOW) == "2017-06-26T16:20:05+00:00"


def test_links_are_resolved_and_only_http_survives() -> None:
    base = "https://blog.example/feed/"
    assert safe_link("../post/1", base) == "https://blog.example/post/1"
    assert safe_link("/a?b=1", base) == "https://blog.example/a?b=1"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "mailto:a@b"):
        assert safe_link(bad, base) is None
    assert safe_link("http://ok.example/\x1b[2Jx") == "http://ok.example/[2Jx"


def test_entries_are_deduplicated_by_id_then_by_link() -> None:
    raws = [
        RawEntry(id="a", title="first", link="https://x.example/1"),
        RawEntry(id="a", title="same id again", link="https://x.example/2"),
        RawEntry(id="b", title="other id, same link", link="https://x.example/1"),
        RawEntry(title="no id", link="https://x.example/3"),
        RawEntry(title="no id, same link", link="https://x.example/3"),
    ]
    titles = [e.title for e in clean_entries(raws, now=NOW)]
    assert titles == ["first", "other id, same link", "no id"]


def test_an_entry_without_title_takes_the_start_of_its_summary() -> None:
    entry = clean_entry(RawEntry(summary="<p>Hello <i>world</i></p>"), now=NOW)
    assert entry.title == "Hello world"
    assert entry.key.startswith("sha1:")
