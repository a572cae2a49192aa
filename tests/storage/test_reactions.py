"""Reactions per published item and the kind x channel grid, over hand-made data."""

from __future__ import annotations

from storage.measure.reactions import build_grid, item_reactions, mentions_of

CONTENT = [
    {
        "id": 1,
        "title": "Talk video",
        "kind": "video",
        "channel": "youtube",
        "status": "published",
        "published_on": "2026-05-03",
        "url": "https://youtu.be/abc",
        "reactions": {"comments": 4, "shares": 2, "likes": 20},
    },
    {
        "id": 2,
        "title": "Second video",
        "kind": "video",
        "channel": "youtube",
        "status": "published",
        "published_on": "2026-05-20",
        "url": None,
        "reactions": {"comments": 0, "shares": 0, "likes": 4},
    },
    {
        "id": 3,
        "title": "Photo set",
        "kind": "photo",
        "channel": "flickr",
        "status": "published",
        "published_on": "2026-05-10",
        "url": "https://www.flickr.com/photos/me/1",
        "reactions": {"likes": 4},
    },
    {
        "id": 4,
        "title": "Blog post",
        "kind": "article",
        "channel": "blog",
        "status": "published",
        "published_on": "2026-05-11",
        "url": "https://example.com/post-1/",
        "reactions": {},
    },
    {
        "id": 5,
        "title": "Draft",
        "kind": "article",
        "channel": "blog",
        "status": "draft",
        "date": "2026-05-12",
        "url": "https://example.com/post-2",
        "reactions": {"likes": 99},
    },
    {
        "id": 6,
        "title": "Old photo",
        "kind": "photo",
        "channel": "flickr",
        "status": "published",
        "published_on": "2025-01-10",
        "url": None,
        "reactions": {"likes": 100},
    },
]
MENTIONS = [
    {"id": 10, "title": "Great talk", "link": "https://youtu.be/abc", "summary": ""},
    {
        "id": 11,
        "title": "Read this",
        "link": "https://blog.other/x",
        "summary": "see http://EXAMPLE.com/post-1 for more",
    },
    {"id": 12, "title": "Not it", "link": "https://example.com/post-10", "summary": ""},
    {"id": 13, "title": "Not it either", "link": "https://notexample.com/post-1", "summary": ""},
    {
        "id": 14,
        "title": "Also the post",
        "link": "https://www.example.com/post-1#comments",
        "summary": "",
    },
]


def test_mentions_match_by_link_or_text_and_not_by_prefix() -> None:
    found = mentions_of("https://example.com/post-1/", MENTIONS)
    assert [m.id for m in found] == [11, 14]
    assert [m.id for m in mentions_of("https://youtu.be/abc", MENTIONS)] == [10]
    assert mentions_of(None, MENTIONS) == ()


def test_item_reactions_add_entered_and_mentions() -> None:
    items = {i.id: i for i in item_reactions(CONTENT, MENTIONS)}
    assert 5 not in items  # a draft has no reactions yet
    assert items[1].total == 27  # 26 entered + 1 mention
    assert items[4].total == 2  # nothing entered, two mentions
    assert [m.title for m in items[4].mentions] == ["Read this", "Also the post"]


def test_grid_averages_sorts_and_names_strongest_and_weakest() -> None:
    grid = build_grid(
        item_reactions(CONTENT, MENTIONS),
        "2026-05-01",
        "2026-05-31",
        {"youtube": "YouTube", "flickr": "Flickr", "blog": "Blog"},
    )
    cells = [(c.kind, c.channel, c.items, c.average) for c in grid.cells]
    assert cells == [
        ("video", "youtube", 2, 15.5),
        ("photo", "flickr", 1, 4.0),
        ("article", "blog", 1, 2.0),
    ]
    assert grid.kinds == ("video", "photo", "article")
    assert grid.cell("photo", "youtube") is None
    assert grid.summary == "Videos on YouTube get 7.8× the reactions of articles on Blog."


def test_grid_with_a_silent_cell_and_with_nothing() -> None:
    items = item_reactions(
        [
            {
                "id": 1,
                "kind": "video",
                "channel": "youtube",
                "status": "published",
                "published_on": "2026-01-01",
                "reactions": {"likes": 3},
            },
            {
                "id": 2,
                "kind": "photo",
                "channel": "flickr",
                "status": "published",
                "published_on": "2026-01-01",
                "reactions": {},
            },
        ],
        [],
    )
    assert build_grid(items, names={}).summary == (
        "Videos on youtube get 3.0 reactions each on average; photos on flickr get none."
    )
    assert build_grid(items, start="2027-01-01").summary == "Nothing was published in this period."
