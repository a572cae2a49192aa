"""Add a feed: a URL or local path, or a listening feed built from a word or a handle."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar
from urllib.parse import quote, quote_plus

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from storage.errors import InputError, SocialPlanError
from storage.i18n import _

KINDS: list[tuple[str, str]] = [
    ("source", "URL or file path"),
    ("mastodon_tag", "Mastodon tag"),
    ("mastodon_account", "Mastodon account"),
    ("reddit", "Reddit search"),
    ("hn", "Hacker News search"),
    ("youtube", "YouTube channel"),
    ("bluesky", "Bluesky profile"),
    ("wordpress", "WordPress comments"),
]
"""The kinds of feed the form builds: (key, label)."""

PLACEHOLDERS = {
    "source": "https://example.org/feed.xml or ~/feeds/file.xml",
    "mastodon_tag": "tag, e.g. blogging",
    "mastodon_account": "user or @user@instance",
    "reddit": "words to search",
    "hn": "words to search",
    "youtube": "channel id (UC…)",
    "bluesky": "handle, e.g. alice.bsky.social",
    "wordpress": "site, e.g. https://myblog.example",
}


def listening_feed(kind: str, value: str, instance: str = "mastodon.social") -> tuple[str, str]:
    """The (source, suggested name) of a listening feed for a word or handle.

    Raises:
        InputError: when the value is empty or cannot make that kind of feed.
    """
    value = value.strip()
    if not value:
        raise InputError(_("type a word, a handle or a URL first"))
    instance = instance.strip().removeprefix("https://").removeprefix("http://").strip("/")
    if kind == "source":
        return value, ""
    if kind == "mastodon_tag":
        tag = value.lstrip("#")
        if not tag or not tag.replace("_", "").isalnum():
            raise InputError(
                _("a Mastodon tag is letters, digits and _ only: {v!r}").format(v=value)
            )
        return f"https://{_host(instance)}/tags/{quote(tag)}.rss", f"Mastodon #{tag}"
    if kind == "mastodon_account":
        user, _sep, host = value.lstrip("@").partition("@")
        host = host or instance
        if not user or " " in user:
            raise InputError(_("not a Mastodon account: {v!r}").format(v=value))
        return f"https://{_host(host)}/@{quote(user)}.rss", f"@{user}@{_host(host)}"
    if kind == "reddit":
        return f"https://www.reddit.com/search.rss?q={quote_plus(value)}", f"Reddit: {value}"
    if kind == "hn":
        return f"https://hnrss.org/newest?q={quote_plus(value)}", f"Hacker News: {value}"
    if kind == "youtube":
        if not value.replace("-", "").replace("_", "").isalnum():
            raise InputError(_("not a YouTube channel id: {v!r}").format(v=value))
        url = f"https://www.youtube.com/feeds/videos.xml?channel_id={value}"
        return url, f"YouTube {value}"
    if kind == "bluesky":
        handle = value.lstrip("@")
        if " " in handle or "/" in handle:
            raise InputError(_("not a Bluesky handle: {v!r}").format(v=value))
        return f"https://bsky.app/profile/{quote(handle)}/rss", f"Bluesky @{handle}"
    if kind == "wordpress":
        site = value if "://" in value else f"https://{value}"
        if not site.startswith(("http://", "https://")):
            raise InputError(_("a WordPress site is an http(s) address: {v!r}").format(v=value))
        host = site.split("://", 1)[1].split("/", 1)[0]
        return site.rstrip("/") + "/comments/feed/", f"Comments on {host}"
    raise InputError(_("unknown kind of feed: {k}").format(k=kind))


def _host(host: str) -> str:
    """A host name checked for the characters a host can have."""
    host = host.strip().strip("/")
    if not host or any(c in host for c in " /?#@"):
        raise InputError(_("not an instance name: {v!r}").format(v=host))
    return host


class AddFeedScreen(ModalScreen[bool]):
    """The add-feed form. ``add(source, name)`` saves it or raises with a message to show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="mentions.add_feed.cancel"),
    ]

    DEFAULT_CSS = """
    AddFeedScreen { align: center middle; }
    AddFeedScreen > VerticalScroll {
        width: 76; height: auto; max-height: 100%; padding: 0 2; border: thick $primary;
        background: $surface;
    }
    AddFeedScreen #add-feed-preview { color: $text-muted; margin-top: 1; }
    AddFeedScreen #add-feed-error { color: $text-error; }
    AddFeedScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    AddFeedScreen .hidden { display: none; }
    """

    def __init__(self, add: Callable[[str, str], object]) -> None:
        super().__init__()
        self._add = add

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(_("Add a feed"), style="bold"))
            yield Label(_("Kind"))
            yield Select(
                [(_(label), key) for key, label in KINDS],
                value="source",
                allow_blank=False,
                id="add-feed-kind",
            )
            yield Label(_("Word, handle, URL or path"))
            yield Input(placeholder=PLACEHOLDERS["source"], id="add-feed-value")
            yield Label(_("Mastodon instance"), id="add-feed-instance-label", classes="hidden")
            yield Input(value="mastodon.social", id="add-feed-instance", classes="hidden")
            yield Label(_("Name (optional)"))
            yield Input(placeholder=_("shown in the list"), id="add-feed-name")
            yield Static(Text(""), id="add-feed-preview")
            yield Static(Text(""), id="add-feed-error")
            with Horizontal():
                yield Button(_("Add"), variant="primary", id="add-feed-ok")
                yield Button(_("Cancel"), id="add-feed-cancel")

    def on_mount(self) -> None:
        self.query_one("#add-feed-value", Input).focus()

    @property
    def kind(self) -> str:
        """The chosen kind of feed."""
        value = self.query_one("#add-feed-kind", Select).value
        return value if isinstance(value, str) else "source"

    @on(Select.Changed, "#add-feed-kind")
    def _kind_changed(self) -> None:
        mastodon = self.kind.startswith("mastodon")
        for widget_id in ("#add-feed-instance", "#add-feed-instance-label"):
            self.query_one(widget_id).set_class(not mastodon, "hidden")
        value = self.query_one("#add-feed-value", Input)
        value.placeholder = _(PLACEHOLDERS[self.kind])
        if self.is_mounted and self.focused is self.query_one("#add-feed-kind"):
            value.focus()  # the kind is chosen: type the word or handle next
        self._preview()

    @on(Input.Changed)
    def _preview(self) -> None:
        preview = self.query_one("#add-feed-preview", Static)
        try:
            source, _name = self._built()
        except SocialPlanError:
            preview.update(Text(""))
            return
        preview.update(Text(_("Feed: ") + source))

    def _built(self) -> tuple[str, str]:
        value = self.query_one("#add-feed-value", Input).value
        instance = self.query_one("#add-feed-instance", Input).value
        source, suggested = listening_feed(self.kind, value, instance)
        name = self.query_one("#add-feed-name", Input).value.strip() or suggested
        return source, name

    @on(Input.Submitted)
    @on(Button.Pressed, "#add-feed-ok")
    def action_submit(self) -> None:
        """Save the feed, or say what is wrong."""
        error = self.query_one("#add-feed-error", Static)
        try:
            source, name = self._built()
            self._add(source, name)
        except (SocialPlanError, ValueError, OSError) as problem:
            error.update(Text(str(problem)))
            return
        self.dismiss(True)

    @on(Button.Pressed, "#add-feed-cancel")
    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(False)
