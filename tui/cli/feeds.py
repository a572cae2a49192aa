"""Commands of the mentions area: feeds, fetch, watch words and mentions. No Textual here."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from storage.i18n import _
from storage.text import strip_controls
from tui.cli.common import out, plan_for, print_json
from tui.cli.progress import Bar


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``feeds``, ``fetch``, ``watch`` and ``mentions``."""
    feeds = sub.add_parser("feeds", parents=parents, help=_("the feeds you monitor"))
    fsub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)

    p = fsub.add_parser("add", parents=parents, help=_("monitor a feed (URL or file path)"))
    p.add_argument(
        "source",
        metavar="SOURCE",
        help=_("http(s) URL or file path; with --kind, a word or handle"),
    )
    p.add_argument("--name", help=_("name shown in lists"))
    p.add_argument("--tag", action="append", default=[], help=_("a tag (repeatable)"))
    p.add_argument(
        "--kind",
        choices=_kinds(),
        help=_(
            "build a listening feed from SOURCE (a tag, account, search words, channel id, "
            "handle or site)"
        ),
    )
    p.add_argument("--instance", default="", help=_("Mastodon instance for --kind mastodon-*"))
    p.set_defaults(func=cmd_feeds_add)

    p = fsub.add_parser("list", parents=parents, help=_("list feeds with last fetch and errors"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_feeds_list)

    p = fsub.add_parser("rename", parents=parents, help=_("rename a feed"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_feeds_rename)

    p = fsub.add_parser("remove", parents=parents, help=_("stop monitoring a feed"))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_feeds_remove)

    p = fsub.add_parser("import", parents=parents, help=_("add the feeds of an OPML file"))
    p.add_argument("file", type=Path, metavar="FILE.opml")
    p.set_defaults(func=cmd_feeds_import)

    p = fsub.add_parser("export", parents=parents, help=_("write the feeds to an OPML file"))
    p.add_argument("file", type=Path, metavar="FILE.opml")
    p.set_defaults(func=cmd_feeds_export)

    p = sub.add_parser("fetch", parents=parents, help=_("refresh every feed"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS",
        help=_("deadline per feed (default 20)"),
    )  # fmt: skip
    p.set_defaults(func=cmd_fetch)

    watch = sub.add_parser("watch", parents=parents, help=_("watch keywords"))
    wsub = watch.add_subparsers(dest="watch_command", metavar="ACTION", required=True)
    p = wsub.add_parser("add", parents=parents, help=_("watch a word (case and accents ignored)"))
    p.add_argument("word", metavar="WORD")
    p.set_defaults(func=cmd_watch_add)
    p = wsub.add_parser("list", parents=parents, help=_("list watched words"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_watch_list)
    p = wsub.add_parser("remove", parents=parents, help=_("stop watching a word"))
    p.add_argument("word", metavar="WORD")
    p.set_defaults(func=cmd_watch_remove)

    mentions = sub.add_parser("mentions", parents=parents, help=_("what the feeds said"))
    msub = mentions.add_subparsers(dest="mentions_command", metavar="ACTION", required=True)
    p = msub.add_parser("list", parents=parents, help=_("list mentions, newest first"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument("--unread", action="store_true", help=_("only unread ones"))
    p.add_argument("--starred", action="store_true", help=_("only starred ones"))
    p.add_argument("--matching", action="store_true", help=_("only those matching a watch word"))
    p.add_argument("--feed", type=int, metavar="ID", help=_("only this feed's"))
    p.add_argument("--search", metavar="WORDS", help=_("only those containing these words"))
    p.add_argument("--limit", type=int, metavar="N", help=_("at most N"))
    p.set_defaults(func=cmd_mentions_list)


def _kinds() -> list[str]:
    from storage.mentions import KINDS

    return list(KINDS)


# -- feeds ---------------------------------------------------------------------------------------


def cmd_feeds_add(args: argparse.Namespace) -> int:
    """Add a feed."""
    from storage.mentions import add_feed

    source, name = args.source, args.name
    if args.kind:
        from storage.mentions import listening_feed

        source, suggested = listening_feed(args.kind, args.source, args.instance)
        name = name or suggested
    with plan_for(args, write=True) as plan:
        feed = add_feed(plan, source, name=name, tags=args.tag)
    out(
        _("Added feed {id}: {name} ({source})").format(
            id=feed.id, name=feed.name, source=feed.source
        )
    )
    return 0


def cmd_feeds_list(args: argparse.Namespace) -> int:
    """List feeds."""
    from storage.mentions import list_feeds

    with plan_for(args) as plan:
        feeds = list_feeds(plan)
    if args.json:
        print_json([f.to_json() for f in feeds])
        return 0
    if not feeds:
        out(_("No feeds yet: add one with `socialplan feeds add URL`."))
    for f in feeds:
        fetched = (f.last_fetch or _("never")).replace("T", " ")[:16]
        count = "-" if f.count is None else str(f.count)
        status = _("error: {e}").format(e=f.last_error) if f.last_error else ""
        tags = " [" + ", ".join(f.tags) + "]" if f.tags else ""
        out(f"{f.id:>4}  {f.name}{tags}")
        out(f"      {f.source}")
        out("      " + _("last fetch {when}, {count} items {status}").format(
            when=fetched, count=count, status=status).rstrip())  # fmt: skip
    return 0


def cmd_feeds_rename(args: argparse.Namespace) -> int:
    """Rename a feed."""
    from storage.mentions import rename_feed

    with plan_for(args, write=True) as plan:
        feed = rename_feed(plan, args.id, args.name)
    out(_("Feed {id} is now {name}").format(id=feed.id, name=feed.name))
    return 0


def cmd_feeds_remove(args: argparse.Namespace) -> int:
    """Remove a feed and its cached mentions."""
    from storage.mentions import remove_feed

    with plan_for(args, write=True) as plan:
        feed = remove_feed(plan, args.id)
    out(_("Removed feed {id}: {name}").format(id=feed.id, name=feed.name))
    return 0


def cmd_feeds_import(args: argparse.Namespace) -> int:
    """Import an OPML file."""
    from storage.mentions import import_opml

    with plan_for(args, write=True) as plan:
        report = import_opml(plan, args.file)
    out(_("Imported {added} feeds from {file} ({existing} already monitored).").format(
        added=report.added, file=args.file, existing=report.existing))  # fmt: skip
    for line in report.skipped:
        print(strip_controls(_("skipped {line}").format(line=line)), file=sys.stderr)
    return 0


def cmd_feeds_export(args: argparse.Namespace) -> int:
    """Export the feeds to OPML."""
    from storage.mentions import export_opml

    with plan_for(args) as plan:
        written, files = export_opml(plan, args.file)
    out(_("Exported {n} feeds to {file}.").format(n=written, file=args.file))
    if files:
        out(_("{n} local-file feeds were left out (OPML is for web feeds).").format(n=files))
    return 0


# -- fetch ---------------------------------------------------------------------------------------


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch every feed, with a progress bar on a terminal."""
    from storage.mentions import fetch_all
    from storage.mentions.network import DEFAULT_DEADLINE

    bar = Bar()
    cancel = threading.Event()
    deadline = args.timeout if args.timeout and args.timeout > 0 else DEFAULT_DEADLINE
    with plan_for(args, write=True) as plan:
        try:
            report = fetch_all(plan, progress=bar, cancel=cancel, deadline=deadline)
        except KeyboardInterrupt:
            cancel.set()
            raise
        finally:
            bar.close()
    if args.json:
        print_json({
            "new": report.new, "pruned": report.pruned,
            "feeds": [r.to_json() for r in report.feeds],
        })  # fmt: skip
        return 0
    if not report.feeds:
        out(_("No feeds yet: add one with `socialplan feeds add URL`."))
        return 0
    ok = sum(1 for r in report.feeds if r.status != "error")
    out(_("Fetched {ok} of {total} feeds: {new} new mentions.").format(
        ok=ok, total=len(report.feeds), new=report.new))  # fmt: skip
    for line in report.errors:
        out("  " + line)
    return 0


# -- watch words ---------------------------------------------------------------------------------


def cmd_watch_add(args: argparse.Namespace) -> int:
    """Watch a word."""
    from storage.mentions import add_watch

    with plan_for(args, write=True) as plan:
        word = add_watch(plan, args.word)
    out(_("Watching {word!r}").format(word=word))
    return 0


def cmd_watch_list(args: argparse.Namespace) -> int:
    """List watched words."""
    from storage.mentions import watch_words

    with plan_for(args) as plan:
        words = watch_words(plan)
    if args.json:
        print_json(words)
    else:
        for word in words:
            out(word)
    return 0


def cmd_watch_remove(args: argparse.Namespace) -> int:
    """Stop watching a word."""
    from storage.mentions import remove_watch

    with plan_for(args, write=True) as plan:
        word = remove_watch(plan, args.word)
    out(_("No longer watching {word!r}").format(word=word))
    return 0


# -- mentions ------------------------------------------------------------------------------------


def cmd_mentions_list(args: argparse.Namespace) -> int:
    """List mentions newest first."""
    from storage.mentions import list_mentions

    with plan_for(args) as plan:
        found = list_mentions(
            plan,
            unread=args.unread,
            starred=args.starred,
            matching=args.matching,
            feed=args.feed,
            search=args.search,
            limit=args.limit,
        )
    if args.json:
        print_json([m.to_json() for m in found])
        return 0
    if not found:
        out(_("No mentions."))
    for m in found:
        flags = ("*" if m.starred else " ") + ("!" if m.matches else " ") + (" " if m.read else "N")
        day = (m.published or "")[:10] or _("unknown").ljust(10)
        out(f"{m.id:>6} {flags} {day}  {m.feed_name[:24]} · {m.title}")
    return 0
