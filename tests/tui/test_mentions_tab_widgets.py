"""The mentions list, detail pane and add-feed form, driven by keys on their own."""

from __future__ import annotations

import threading

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static

from tui.mentions.add_feed import AddFeedScreen, listening_feed
from tui.mentions.detail import MentionDetail, MentionView, highlighted
from tui.mentions.list_view import MentionList, MentionRow
from tui.mentions.watch_screen import WatchScreen


class ListApp(App[None]):
    """A list and a detail pane, the detail following the cursor."""

    def __init__(self, rows: list[MentionRow]) -> None:
        super().__init__()
        self.rows = rows
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield MentionList(empty_text="No mentions.")
        yield MentionDetail(hint="Nothing selected.")

    def on_mount(self) -> None:
        self.query_one(MentionList).set_rows(self.rows)
        self.query_one(MentionList).focus()

    def on_mention_list_highlighted(self, event: MentionList.Highlighted) -> None:
        row = event.row
        view = MentionView(row.title, row.feed, row.date, None, "summary") if row else None
        self.query_one(MentionDetail).show(view, ["été"])

    def on_mention_list_selected(self, event: MentionList.Selected) -> None:
        self.selected.append(event.row.id)


def _rows(n: int) -> list[MentionRow]:
    return [
        MentionRow(i, f"feed {i % 7}", "2026-11-26", f"Title number {i}", read=i % 2 == 1,
                   starred=i % 5 == 0, matched=i % 3 == 0)
        for i in range(n)
    ]


async def test_twenty_thousand_mentions_scroll_by_keys() -> None:
    app = ListApp(_rows(20_000))
    async with app.run_test(size=(100, 24)) as pilot:
        listing = app.query_one(MentionList)
        await pilot.press("j", "j", "down")
        assert listing.current is not None and listing.current.id == 3
        await pilot.press("k")
        assert listing.current.id == 2
        await pilot.press("end")
        await pilot.pause()
        assert listing.current.id == 19_999
        # The last row is on screen: only the visible lines were drawn to get there.
        lines = [listing.render_line(y).text for y in range(listing.size.height)]
        assert any("Title number 19999" in line for line in lines)
        await pilot.press("home", "pagedown")
        assert listing.current.id > 10
        await pilot.press("enter")
        assert app.selected == [listing.current.id]


async def test_only_the_rows_on_screen_are_formatted() -> None:
    """20,000 results: the list formats what it shows, not every result (so it stays quick)."""
    formatted: list[int] = []

    def to_row(item: MentionRow) -> MentionRow:
        formatted.append(item.id)
        return item

    app = ListApp([])
    async with app.run_test(size=(100, 24)) as pilot:
        listing = app.query_one(MentionList)
        listing.set_rows(_rows(20_000), to_row=to_row)
        await pilot.pause()
        assert len(listing.rows) == 20_000
        assert 0 < len(formatted) <= 2 * listing.size.height
        formatted.clear()
        await pilot.press("end")
        await pilot.pause()
        assert listing.current is not None and listing.current.id == 19_999
        assert formatted and min(formatted) >= 20_000 - 2 * listing.size.height
        listing.update_item(MentionRow(19_999, "feed", "2026-11-26", "Changed title"))
        await pilot.pause()
        assert listing.current.title == "Changed title"


async def test_watch_changes_run_in_the_background_in_order() -> None:
    """Re-matching is slow: keys are answered meanwhile, changes land in the order asked."""
    words: list[str] = []
    gate = threading.Event()

    def add(word: str) -> None:
        gate.wait(10)  # as slow as re-matching a big cache, until the test lets it go
        words.append(word)

    class WatchApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(WatchScreen(lambda: list(words), add, words.remove))

    app = WatchApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"alpha", "enter", *"beta")
        screen = app.screen
        assert screen.query_one("#watch-input", Input).value == "beta"  # typing still works
        assert "Updating" in str(screen.query_one("#watch-message", Static).render())
        await pilot.press("enter")
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert words == ["alpha", "beta"]
        assert screen.query_one("#watch-list", OptionList).option_count == 2
        assert "beta" in str(screen.query_one("#watch-message", Static).render())


async def test_rows_show_marks_date_feed_and_title() -> None:
    app = ListApp(_rows(3))
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        listing = app.query_one(MentionList)
        first = listing.render_line(0).text
        assert first.startswith("●★!")  # unread, starred, matching
        assert "2026-11-26" in first and "feed 0" in first and "Title number 0" in first
        second = listing.render_line(1).text
        assert second.startswith("   ")  # read, not starred, not matching


async def test_empty_list_says_so_and_click_picks_a_row() -> None:
    app = ListApp([])
    async with app.run_test(size=(80, 10)) as pilot:
        listing = app.query_one(MentionList)
        assert "No mentions." in listing.render_line(0).text
        listing.set_rows(_rows(5))
        await pilot.pause()
        await pilot.click(MentionList, offset=(20, 2))
        assert listing.current is not None and listing.current.id == 2
        await pilot.click(MentionList, offset=(20, 3), times=2)
        assert app.selected == [3]


def test_detail_highlights_spans_not_markup() -> None:
    text = highlighted("[b]été[/b] is here", ["ete"])
    assert text.plain == "[b]été[/b] is here"
    assert [(s.start, s.end) for s in text.spans] == [(3, 6)]


def test_listening_feeds_are_built_from_a_word_or_handle() -> None:
    assert listening_feed("mastodon_tag", "#blogging")[0] == (
        "https://mastodon.social/tags/blogging.rss"
    )
    assert listening_feed("mastodon_account", "@alice@fosstodon.org")[0] == (
        "https://fosstodon.org/@alice.rss"
    )
    assert listening_feed("mastodon_account", "bob", "hachyderm.io")[0] == (
        "https://hachyderm.io/@bob.rss"
    )
    assert listening_feed("reddit", "slow travel")[0] == (
        "https://www.reddit.com/search.rss?q=slow+travel"
    )
    assert listening_feed("hn", "socialplan")[0] == "https://hnrss.org/newest?q=socialplan"
    assert listening_feed("youtube", "UC123abc")[0] == (
        "https://www.youtube.com/feeds/videos.xml?channel_id=UC123abc"
    )
    assert listening_feed("bluesky", "@alice.bsky.social")[0] == (
        "https://bsky.app/profile/alice.bsky.social/rss"
    )
    assert listening_feed("wordpress", "myblog.example/")[0] == (
        "https://myblog.example/comments/feed/"
    )


async def test_add_feed_form_builds_a_mastodon_tag_feed() -> None:
    added: list[tuple[str, str]] = []

    class FormApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(AddFeedScreen(lambda source, name: added.append((source, name))))

    app = FormApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AddFeedScreen)
        await pilot.press("enter")  # nothing typed: a message, no feed
        assert added == []
        await pilot.press("shift+tab")  # to the kind selector
        await pilot.press("enter", "down", "enter")  # Mastodon tag; the word is next
        await pilot.press(*"travel", "enter")
        await pilot.pause()
        assert added == [("https://mastodon.social/tags/travel.rss", "Mastodon #travel")]
