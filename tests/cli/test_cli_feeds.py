"""The mentions commands end to end: feeds, OPML, watch words, fetch and mentions list."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no feed corpus at {CORPUS}")

Run = Callable[..., subprocess.CompletedProcess[str]]

HOSTILE_TITLES = [
    "[@click=app.quit]x[/]",
    "closing [/] only",
    "clip \x1b]52;c;aGVsbG8=\x07 board",
    "title \x1b]0;pwned\x07 set",
    "clear \x1b[2J screen",
    "eight \x9b31m bit",
]


def hostile_feed(path: Path) -> Path:
    """A local RSS file whose titles try markup and terminal escapes (as character references
    where XML forbids the raw byte, as a hostile server would send them in HTML)."""
    items = []
    for index, title in enumerate(HOSTILE_TITLES):
        escaped = title.replace("&", "&amp;").replace("<", "&lt;")
        escaped = escaped.replace("\x1b", "&amp;#27;").replace("\x07", "&amp;#7;")
        items.append(
            f"<item><guid>h{index}</guid><title type='html'>{escaped}</title>"
            f"<description>Un été {index}</description></item>"
        )
    path.write_text(
        f"<rss version='2.0'><channel><title>Hostile</title>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    return path


def test_feeds_add_list_rename_remove(run_cli: Run, tmp_path: Path) -> None:
    local = hostile_feed(tmp_path / "hostile.xml")
    assert run_cli("feeds", "add", str(local), "--name", "Mine").returncode == 0
    added = run_cli("feeds", "add", "alice.bsky.social", "--kind", "bluesky", "--tag", "social")
    assert added.returncode == 0, added.stderr
    bad = run_cli("feeds", "add", "file:///etc/passwd")
    assert bad.returncode != 0 and "only http and https" in bad.stderr
    listed = json.loads(run_cli("feeds", "list", "--json").stdout)
    assert [(f["name"], f["kind"], f["tags"]) for f in listed] == [
        ("Bluesky @alice.bsky.social", "url", ["social"]),
        ("Mine", "file", []),
    ]
    assert listed[0]["source"] == "https://bsky.app/profile/alice.bsky.social/rss"
    assert run_cli("feeds", "rename", str(listed[1]["id"]), "Renamed").returncode == 0
    assert run_cli("feeds", "remove", str(listed[0]["id"])).returncode == 0
    names = [f["name"] for f in json.loads(run_cli("feeds", "list", "--json").stdout)]
    assert names == ["Renamed"]
    missing = run_cli("feeds", "remove", "99")
    assert missing.returncode != 0 and "no feed 99" in missing.stderr


@needs_corpus
def test_opml_import_and_export(run_cli: Run, tmp_path: Path) -> None:
    imported = run_cli("feeds", "import", str(CORPUS / "Subs.opml"))
    assert imported.returncode == 0 and "Imported 207 feeds" in imported.stdout
    target = tmp_path / "out.opml"
    exported = run_cli("feeds", "export", str(target))
    assert exported.returncode == 0 and "207" in exported.stdout
    listparser = pytest.importorskip("listparser")
    result = listparser.parse(target.read_text(encoding="utf-8"))
    assert len(result.feeds) == 207


def test_watch_words(run_cli: Run) -> None:
    assert run_cli("watch", "add", "Été").returncode == 0
    again = run_cli("watch", "add", "ete")
    assert again.returncode != 0 and "already watched" in again.stderr
    assert json.loads(run_cli("watch", "list", "--json").stdout) == ["Été"]
    assert run_cli("watch", "remove", "ETE").returncode == 0
    assert json.loads(run_cli("watch", "list", "--json").stdout) == []


def test_fetch_and_list_mentions_as_json(run_cli: Run, tmp_path: Path) -> None:
    run_cli("feeds", "add", str(hostile_feed(tmp_path / "h.xml")), "--name", "H")
    run_cli("watch", "add", "ete")
    fetched = run_cli("fetch", "--json")
    assert fetched.returncode == 0, fetched.stderr
    report = json.loads(fetched.stdout)
    assert report["new"] == len(HOSTILE_TITLES)
    assert report["feeds"][0]["status"] == "ok"
    listed = json.loads(run_cli("mentions", "list", "--json").stdout)
    assert {"id", "feed", "title", "link", "published", "summary", "read", "starred",
            "matches"} <= set(listed[0])  # fmt: skip
    titles = {m["title"] for m in listed}
    assert "[@click=app.quit]x[/]" in titles and "closing [/] only" in titles
    assert "clear [2J screen" in titles and "title ]0;pwned set" in titles
    # feedparser reads a C1 byte in HTML as its Windows-1252 letter (U+009B -> "›"): harmless.
    assert any(t.startswith("eight ") and t.endswith("31m bit") for t in titles)
    assert all(m["matches"] == ["ete"] and m["feed"] == "H" for m in listed)
    assert not any(ch in json.dumps(listed, ensure_ascii=False) for ch in "\x1b\x07\x9b")
    assert len(json.loads(run_cli("mentions", "list", "--json", "--matching").stdout)) == 6
    assert json.loads(run_cli("mentions", "list", "--json", "--starred").stdout) == []
    human = run_cli("mentions", "list", "--unread")
    assert human.returncode == 0 and "[@click=app.quit]x[/]" in human.stdout
    assert not any(ch in human.stdout for ch in "\x1b\x07\x9b")


def test_fetch_shows_a_progress_bar_only_on_a_terminal(
    run_cli: Run, tmp_path: Path, data_file: Path
) -> None:
    run_cli("feeds", "add", str(hostile_feed(tmp_path / "h.xml")), "--name", "H")
    piped = run_cli("fetch")
    assert piped.returncode == 0 and "[" not in piped.stderr
    assert "Fetched 1 of 1 feeds" in piped.stdout
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOCIALPLAN_DATA": str(data_file)}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "fetch"], stderr=follower, stdout=subprocess.PIPE,
        env=env, cwd=ROOT, timeout=60, text=True,
    )  # fmt: skip
    os.close(follower)
    drawn = os.read(leader, 65536).decode(errors="replace")
    os.close(leader)
    assert done.returncode == 0
    assert "1/1" in drawn and "#" in drawn
