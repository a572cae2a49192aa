"""Every import and export path against hostile files, through the real command line.

Each case: one clear line, a non-zero exit (or, for OPML, only the harmless part imported),
no traceback, no hang, and the plan exactly as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TIMEOUT = 60  # seconds; a case past it is a hang and fails


def _fresh(run_cli, data_file: Path) -> bytes:
    assert run_cli("tasks", "add", "Something of mine", "--phase", "1").returncode == 0
    return data_file.read_bytes()


def _refused(result, data_file: Path, before: bytes) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("socialplan: "), result.stderr
    assert data_file.read_bytes() == before


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<opml version="2.0"><head><title>&lol9;</title></head><body>
<outline type="rss" text="&lol9;" xmlUrl="https://example.com/feed.xml"/>
<outline type="rss" text="Harmless" xmlUrl="https://example.org/ok.xml"/>
</body></opml>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><head><title>x</title></head><body>
<outline type="rss" text="&secret;" xmlUrl="https://example.com/feed.xml"/>
<outline type="rss" text="Harmless" xmlUrl="https://example.org/ok.xml"/>
</body></opml>"""


@pytest.mark.parametrize("body", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "external"])
def test_opml_entities_are_never_expanded(run_cli, data_file: Path, tmp_path, body) -> None:
    before = _fresh(run_cli, data_file)
    source = tmp_path / "evil.opml"
    source.write_bytes(body)
    result = run_cli("feeds", "import", str(source), timeout=TIMEOUT)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    after = data_file.read_bytes()
    assert b"root:" not in after  # /etc/passwd never read into the plan
    assert b"lollol" not in after  # never expanded
    assert b"https://example.org/ok.xml" in after  # the harmless part came in
    assert b"https://example.com/feed.xml" not in after  # the outline using an entity did not
    assert before != after


def test_a_200000_deep_json_array_is_refused(run_cli, data_file: Path, tmp_path) -> None:
    before = _fresh(run_cli, data_file)
    source = tmp_path / "deep.json"
    source.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    _refused(run_cli("import", str(source), timeout=TIMEOUT), data_file, before)


IMPORTERS = {
    "plan": ("import",),
    "opml": ("feeds", "import"),
    "guide": ("guide", "import"),
    "metrics": ("metrics", "import"),
}


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
def test_random_binary_is_refused_by_every_importer(
    run_cli, data_file: Path, tmp_path, importer: str
) -> None:
    before = _fresh(run_cli, data_file)
    source = tmp_path / "noise.bin"
    source.write_bytes(os.urandom(64 * 1024) + b"\x00\x1b[31m\xff\xfe")
    _refused(run_cli(*IMPORTERS[importer], str(source), timeout=TIMEOUT), data_file, before)


def test_a_60_mb_markdown_file_is_refused_quickly(run_cli, data_file: Path, tmp_path) -> None:
    before = _fresh(run_cli, data_file)
    source = tmp_path / "huge.md"
    line = b"# Voice\n" + b"word " * 200 + b"\n"
    with source.open("wb") as handle:
        for _ in range(60 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    result = run_cli("guide", "import", str(source), timeout=TIMEOUT)
    _refused(result, data_file, before)
    assert "MB" in result.stderr or "too large" in result.stderr


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e999"])
def test_non_finite_numbers_in_a_metrics_csv_are_refused(
    run_cli, data_file: Path, tmp_path, value: str
) -> None:
    before = _fresh(run_cli, data_file)
    source = tmp_path / "metrics.csv"
    source.write_text(f"date,channel,metric,value\n2026-11-01,blog,visits,{value}\n")
    result = run_cli("metrics", "import", str(source), timeout=TIMEOUT)
    _refused(result, data_file, before)
    assert "line 2" in result.stderr


EXPORTERS = {
    "plan": ("export",),
    "opml": ("feeds", "export"),
    "guide": ("guide", "export"),
    "metrics": ("metrics", "export"),
    "calendar": ("calendar", "export"),
}


@pytest.mark.parametrize("exporter", sorted(EXPORTERS))
@pytest.mark.parametrize("where", ["missing folder", "folder in the way", "file as folder"])
def test_exports_that_cannot_be_written_say_so(
    run_cli, data_file: Path, tmp_path, exporter: str, where: str
) -> None:
    before = _fresh(run_cli, data_file)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    (tmp_path / "a-folder").mkdir()
    target = {
        "missing folder": tmp_path / "no" / "such" / "folder" / "out.x",
        "folder in the way": tmp_path / "a-folder",
        "file as folder": blocker / "out.x",
    }[where]
    result = run_cli(*EXPORTERS[exporter], str(target), timeout=TIMEOUT)
    _refused(result, data_file, before)
    assert str(target) in result.stderr or target.name in result.stderr
