"""OPML: the real export imports with its folders as tags; our export reads in newsboat and
listparser; an OPML file can never add a local file or smuggle entities."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import storage.mentions as mentions
from storage.datafile.plan import Plan
from storage.errors import InputError
from storage.mentions.opml import export_opml, import_opml, read_opml, write_opml

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
SUBS = CORPUS / "Subs.opml"
needs_corpus = pytest.mark.skipif(not SUBS.is_file(), reason=f"the shared OPML is not at {SUBS}")

TRICKY = [
    ('Caf\u00e9 & <b>bold</b> "quoted"', "https://a.example/feed?x=1&y=2", ("Tech & Co",)),
    ("[@click=app.quit]x[/]", "https://b.example/rss", ("Blogs", "Friends")),
    ("Plain", "http://c.example/atom.xml", ()),
]


@needs_corpus
def test_real_opml_imports_every_feed_with_folders_as_tags(plan: Plan) -> None:
    report = import_opml(plan, SUBS)
    assert report.added == 207 and report.skipped == []
    feeds = {f.source: f for f in mentions.list_feeds(plan)}
    assert len(feeds) == 207
    gerrold = feeds["http://www.gerrold.com/feed/"]
    assert (gerrold.name, gerrold.tags, gerrold.kind) == ("Gerrold", ("Writers",), "url")
    assert feeds["http://daringfireball.net/feeds/main"].tags == ()
    tags = [t for f in feeds.values() for t in f.tags]
    assert {t: tags.count(t) for t in set(tags)} == {
        "Weblogs": 97, "Programming": 33, "Macintosh": 5, "Writers": 3,
    }  # fmt: skip
    again = import_opml(plan, SUBS)
    assert (again.added, again.existing) == (0, 207)


def test_export_then_import_keeps_names_urls_and_tags(plan: Plan, tmp_path: Path) -> None:
    for name, url, tags in TRICKY:
        mentions.add_feed(plan, url, name=name, tags=tags)
    local = tmp_path / "local.xml"
    local.write_text("<rss/>")
    mentions.add_feed(plan, str(local))
    target = tmp_path / "out.opml"
    assert export_opml(plan, target) == (3, 1)
    read = read_opml(target.read_bytes())
    assert sorted((f.name, f.url, f.tags) for f in read.feeds) == sorted(TRICKY)


def test_listparser_reads_our_export(tmp_path: Path) -> None:
    listparser = pytest.importorskip("listparser")
    result = listparser.parse(write_opml(TRICKY).decode())
    assert not result.bozo
    got = {f.url: (f.title, sorted(f.tags)) for f in result.feeds}
    assert got == {url: (name, sorted(tags)) for name, url, tags in TRICKY}


@pytest.mark.skipif(shutil.which("newsboat") is None, reason="newsboat is not installed")
def test_newsboat_imports_our_export(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(write_opml(TRICKY))
    home = tmp_path / "nbhome"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local" / "share")}  # fmt: skip
    done = subprocess.run(
        ["newsboat", "-i", str(opml)], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    urls_files = [p for p in home.rglob("urls") if p.is_file()]
    assert urls_files, "newsboat wrote no urls file"
    lines = urls_files[0].read_text().splitlines()
    assert 'https://a.example/feed?x=1&y=2 "Tech & Co"' in lines
    assert 'https://b.example/rss "Blogs"' in lines
    assert "http://c.example/atom.xml" in lines


def test_opml_never_adds_local_files_or_other_schemes(plan: Plan, tmp_path: Path) -> None:
    opml = tmp_path / "evil.opml"
    opml.write_text(
        '<opml version="2.0"><head/><body>'
        '<outline text="passwd" xmlUrl="file:///etc/passwd"/>'
        '<outline text="rel" xmlUrl="/etc/passwd"/>'
        '<outline text="js" xmlUrl="javascript:alert(1)"/>'
        '<outline text="ok\u009b2J\u202egnp.exe" type="rss" xmlUrl="https://ok.example/feed"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    report = import_opml(plan, opml)
    assert report.added == 1 and len(report.skipped) == 3
    [feed] = mentions.list_feeds(plan)
    assert (feed.source, feed.kind, feed.name) == ("https://ok.example/feed", "url", "okgnp.exe")


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body/></html>",
        b"not xml at all",
    ],
)
def test_bad_opml_is_refused_with_a_message(plan: Plan, tmp_path: Path, body: bytes) -> None:
    opml = tmp_path / "bad.opml"
    opml.write_bytes(body)
    with pytest.raises(InputError):
        import_opml(plan, opml)
    assert mentions.list_feeds(plan) == []


def test_declared_entities_are_never_expanded_and_only_their_outlines_are_left_out() -> None:
    from storage.mentions.opml import read_opml

    body = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">'
        b'<!ENTITY x SYSTEM "file:///etc/passwd"> <!-- ] > -->]>'
        b'<opml><body><outline text="Fine &amp; well" xmlUrl="https://ok.example/feed"/>'
        b'<outline text="&b;" xmlUrl="https://b.example/feed"/>'
        b'<outline text="X" xmlUrl="https://x.example/&x;"/></body></opml>'
    )
    read = read_opml(body)
    assert [(f.name, f.url) for f in read.feeds] == [("Fine & well", "https://ok.example/feed")]
    assert len(read.skipped) == 2
    assert all("entity" in line for line in read.skipped)
