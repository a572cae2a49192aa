"""``socialplan fetch`` when every feed answers "not modified" (``storage.mentions.quick``).

Tried before the command line is even parsed, for ``fetch`` with at most ``--data`` and
``--lang``: other options (``--json``, ``--timeout``) and any fetch the quick one cannot do
go to the full command (``tui.cli.entry``), which then does everything, as if this had not
been tried. Its output is the full command's, word for word.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.i18n import LANGUAGES, _, set_language


def _options(argv: Sequence[str]) -> tuple[str | None, str | None] | None:
    """``(data, lang)`` when ``argv`` is ``fetch`` with at most ``--data`` and ``--lang``."""
    data = lang = None
    command = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=")
        if arg == "fetch" and not command:
            command = True
        elif name in ("--data", "--lang"):
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if name == "--data":
                data = value
            else:
                lang = value
        else:
            return None
    if not command or (lang is not None and lang not in LANGUAGES):
        return None
    return data, lang


def quick_fetch_command(argv: Sequence[str]) -> int | None:
    """The exit status of a quick fetch, or None when the full command must run."""
    options = _options(argv)
    if options is None:
        return None
    data, lang = options
    from storage.datafile import resolve_data_file
    from storage.mentions.quick import quick_fetch
    from tui.cli.progress import Bar

    bar = Bar()
    try:
        done = quick_fetch(resolve_data_file(data), progress=bar)
    except OSError:
        return None  # the full command says what is wrong with the files
    except KeyboardInterrupt:
        return 130
    finally:
        bar.close()
    if done is None:
        return None
    set_language(lang or done.language)
    print(_("Fetched {ok} of {total} feeds: {new} new mentions.").format(
        ok=done.feeds, total=done.feeds, new=0), flush=True)  # fmt: skip
    return 0
