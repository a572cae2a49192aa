"""argparse's own words, in the user's language.

argparse writes "usage:", "error:" and its messages through the ``gettext`` module's functions,
which it imports into its own namespace; :func:`install` points them at :mod:`storage.i18n`, so
the command line's refusals and help read in the same language as the rest. The messages are
listed in :func:`_messages` (never called) so that ``make catalog`` extracts them.
"""

from __future__ import annotations

import argparse

from storage.i18n import _, ngettext


def install() -> None:
    """Make argparse translate its words with socialplan's catalogue."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _messages() -> None:  # pragma: no cover - for extraction only
    _("usage: ")
    _("positional arguments")
    _("options")
    _("show this help message and exit")
    _("%(prog)s: error: %(message)s\n")
    _("the following arguments are required: %s")
    _("unrecognized arguments: %s")
    _("invalid choice: %(value)r (choose from %(choices)s)")
    _("invalid %(type)s value: %(value)r")
    _("argument %(argument_name)s: %(message)s")
    _("expected one argument")
    _("expected at most one argument")
    _("expected at least one argument")
    _("not allowed with argument %s")
    _("one of the arguments %s is required")
    _("ambiguous option: %(option)s could match %(matches)s")
    _("ignored explicit argument %r")
    _("unexpected option string: %s")
    _("unknown parser %(parser_name)r (choices: %(choices)s)")
    _("can't open '%(filename)s': %(error)s")
    ngettext("expected %s argument", "expected %s arguments", 2)
