"""Real feeds parse with their entries and titles intact; hostile bodies are refused early."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.mentions.network.guard import UnsafeFeedError, check_prolog
from storage.mentions.network.parse import FeedParseError, load_feedparser, parse_feed

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
NOW = datetime(2026, 11, 26, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the shared feed corpus is not at {CORPUS}"
)


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def expected_entries(path: Path) -> list[tuple[str, str]]:
    """(id, title) of each distinct entry, read with the standard library, in file order."""
    if path.suffix == ".json":
        items = json.loads(path.read_bytes())["items"]
        pairs = [(str(i["id"]), i.get("title", "")) for i in items]
    else:
        root = ET.parse(path).getroot()
        pairs = []
        for entry in root.iter(f"{ATOM}entry"):
            pairs.append((_text(entry.find(f"{ATOM}id")), _text(entry.find(f"{ATOM}title"))))
        for item in root.iter("item"):
            ident = _text(item.find("guid")) or _text(item.find("link"))
            pairs.append((ident, _text(item.find("title"))))
        for item in root.iter(f"{RSS1}item"):
            pairs.append((item.get(RDF_ABOUT, ""), _text(item.find(f"{RSS1}title"))))
    seen: dict[str, str] = {}
    for ident, title in pairs:
        seen.setdefault(ident, title)
    return list(seen.items())


FEEDS = sorted(p.name for p in CORPUS.glob("*") if p.suffix != ".opml") if CORPUS.is_dir() else []


@needs_corpus
@pytest.mark.parametrize("name", FEEDS)
def test_real_feeds_keep_every_entry_and_title(name: str) -> None:
    path = CORPUS / name
    parsed = parse_feed(path.read_bytes(), path.as_uri(), "", NOW)
    expected = expected_entries(path)
    assert len(parsed.entries) == len(expected)
    assert parsed.title
    for entry, (_ident, title) in zip(parsed.entries, expected, strict=True):
        if title and "<" not in title and "&" not in title:
            assert entry.title == " ".join(title.split())
        assert entry.link is None or entry.link.startswith(("http://", "https://"))


@needs_corpus
def test_known_titles_and_dates_survive() -> None:
    atom = parse_feed((CORPUS / "DaringFireball.atom").read_bytes(), "", "", NOW)
    assert atom.entries[0].title == "The Talk Show: ‘I Do Like Throwing a Baby’"
    assert atom.entries[0].published == "2017-06-27T00:54:17+00:00"
    json_feed = parse_feed((CORPUS / "inessential.json").read_bytes(), "", "", NOW)
    assert json_feed.title == "inessential.com"
    assert json_feed.entries[0].author == "Brent Simmons"


def test_json_feed_1_1_maps_to_the_same_records() -> None:
    body = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Mine",
        "authors": [{"name": "Zoé"}],
        "items": [
            {"id": "1", "url": "/posts/1", "title": "Un été", "content_html": "<p>Bonjour</p>",
             "date_published": "2026-07-01T10:00:00+02:00"},
            {"id": 2, "content_text": "no title here", "date_published": "9999-01-01T00:00:00Z"},
        ],
    }).encode()  # fmt: skip
    parsed = parse_feed(body, "https://blog.example/feed.json", "application/feed+json", NOW)
    first, second = parsed.entries
    assert (first.title, first.summary, first.author) == ("Un été", "Bonjour", "Zoé")
    assert first.link == "https://blog.example/posts/1"
    assert first.published == "2026-07-01T08:00:00+00:00"
    assert (second.key, second.title, second.published) == ("2", "no title here", None)


@pytest.mark.parametrize(
    "version",
    [
        "http://jsonfeed.org/version/1",
        "https://jsonfeed.org/version/1",
        "http://jsonfeed.org/version/1.1",
        "https://jsonfeed.org/version/1.1",
    ],
)
def test_json_feed_versions_as_declared_in_the_wild_are_read(version: str) -> None:
    real = json.loads((CORPUS / "inessential.json").read_bytes())
    real["version"] = version
    parsed = parse_feed(json.dumps(real).encode(), "", "application/json", NOW)
    assert parsed.title == "inessential.com"
    assert parsed.entries and parsed.entries[0].author == "Brent Simmons"


@pytest.mark.parametrize("version", ["https://jsonfeed.org/version/2", "https://evil.example/1"])
def test_json_that_only_looks_like_a_json_feed_is_refused(version: str) -> None:
    body = json.dumps({"version": version, "items": []}).encode()
    with pytest.raises(FeedParseError):
        parse_feed(body, "", "application/json", NOW)


def test_relative_links_in_rss_resolve_against_the_final_url() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>A</title><link>/a.html</link></item>
    <item><title>B</title><link>javascript:alert(1)</link></item></channel></rss>"""
    parsed = parse_feed(body, "https://final.example/dir/feed.xml", "application/rss+xml", NOW)
    assert [e.link for e in parsed.entries] == ["https://final.example/a.html", None]


XML_BASES = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/en/">
<title>Bases</title><link href="index.html"/><id>tag:b</id>
<entry xml:base="posts/"><id>1</id><title>One</title><link href="one.html"/></entry>
<entry xml:base="javascript:alert(1)//"><id>2</id><title>Two</title><link href="two.html"/></entry>
<entry xml:base="https://other.example/"><id>3</id><title>Three</title><link href="three"/>
<content type="xhtml" xml:base="deep/"><div xmlns="http://www.w3.org/1999/xhtml">
<a href="x.html">x</a></div></content></entry>
</feed>"""


LONG_TEXT = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title><item><guid>1</guid>'
    + b"<description>"
    + b"caf&#233; &amp; <![CDATA[<b>cd</b>]]> line\n" * 9000
    + b"</description></item></channel></rss>"
)


@needs_corpus
def test_feedparser_reads_every_feed_the_same_as_without_our_tuning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """parse.load_feedparser (base URIs remembered, text read in runs) changes no result."""
    import io
    import xml.sax

    import feedparser.api
    import feedparser.mixin
    import feedparser.urls

    from storage.mentions.network.sax import RunsOfTextReader

    load_feedparser()

    def read(body: bytes, url: str) -> object:
        result = feedparser.parse(
            io.BytesIO(body),
            response_headers={"content-location": url, "content-type": "application/xml"},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
        return result["feed"], result["entries"], result.get("version"), result.get("bozo")

    bodies = [
        (p.read_bytes(), f"http://127.0.0.1:8000/{p.name}?copy=1")
        for p in sorted(CORPUS.iterdir())
        if p.suffix in {".rss", ".atom", ".rdf"}
    ]
    bodies += [(XML_BASES, "https://blog.example/feed.xml"), (LONG_TEXT, "https://l.example/")]
    assert isinstance(xml.sax.make_parser(feedparser.api.PREFERRED_XML_PARSERS), RunsOfTextReader)
    tuned = [read(body, url) for body, url in bodies]
    assert hasattr(feedparser.mixin.make_safe_absolute_uri, "cache_info")
    with monkeypatch.context() as patch:
        patch.setattr(
            feedparser.mixin, "make_safe_absolute_uri", feedparser.urls.make_safe_absolute_uri
        )
        patch.setattr(feedparser.api, "PREFERRED_XML_PARSERS", ["drv_libxml2"])
        assert [read(body, url) for body, url in bodies] == tuned
    links = [
        e.link for e in parse_feed(XML_BASES, "https://blog.example/feed.xml", "", NOW).entries
    ]
    assert links == [
        "https://blog.example/en/posts/one.html",
        "https://blog.example/en/two.html",
        "https://other.example/three",
    ]
    [entry] = parse_feed(LONG_TEXT, "https://l.example/", "", NOW).entries
    assert entry.summary.startswith("café & cd line café & cd line")


def test_html_in_entries_arrives_as_plain_text_without_scripts() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><guid>1</guid><title>&lt;b&gt;Bold&lt;/b&gt; move</title>
    <description><![CDATA[<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p>
    <script>alert("x")</script><style>p{color:red}</style><iframe src="https://e.example">
    </iframe><p>[bold]not markup[/bold] &amp; caf&eacute;</p>]]></description></item>
    </channel></rss>"""
    [entry] = parse_feed(body, "https://final.example/feed.xml", "application/rss+xml", NOW).entries
    assert entry.title == "Bold move"
    assert entry.summary == "Hi there\n\n[bold]not markup[/bold] & café"


BILLION_LAUGHS_ONE_LINE = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
        for i in range(9)
    )
    + b']><rss version="2.0"><channel><title>&j;</title></channel></rss>'
)


def test_one_line_billion_laughs_is_refused_before_parsing() -> None:
    with pytest.raises(FeedParseError, match="DTD"):
        parse_feed(BILLION_LAUGHS_ONE_LINE, "https://x.example/", "application/xml", NOW)


@pytest.mark.parametrize(
    "body",
    [
        b'<!DOCTYPE x [<!ENTITY e "x">]><rss/>',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<!doctype rss [ ]><rss/>',
        '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY e "x">]><rss/>'.encode(
            "utf-16"
        ),
        b'<?xml version="1.0"?><!ENTITY e "x"><rss/>',
    ],
)
def test_prolog_guard_refuses_entity_declarations(body: bytes) -> None:
    with pytest.raises(UnsafeFeedError):
        check_prolog(body)


def test_prolog_guard_accepts_plain_doctypes_and_entities_in_content() -> None:
    check_prolog(b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//x//[y]" "http://x/y.dtd"><rss/>')
    check_prolog(b"<rss><channel><title>&lt;!ENTITY &amp; [x]</title></channel></rss>")
    check_prolog(b'{"version": "https://jsonfeed.org/version/1"}')


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"", "empty"), (b"<html><body>hello</body></html>", "not an RSS"), (b"{", "JSON"),
     (b'{"version": "x"}', "JSON Feed")],
)  # fmt: skip
def test_bodies_that_are_not_feeds_say_so(body: bytes, message: str) -> None:
    with pytest.raises(FeedParseError, match=message):
        parse_feed(body, "https://x.example/", "", NOW)
