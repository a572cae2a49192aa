"""Errors every area raises; the command line and the app turn them into one-line messages.

The data file's own errors (damaged, locked, read-only) are in :mod:`storage.datafile.errors`.
"""

from __future__ import annotations


class SocialPlanError(Exception):
    """Base of every error socialplan reports to the user as one line."""


class DateError(SocialPlanError, ValueError):
    """A date typed by the user could not be understood."""


class InputError(SocialPlanError, ValueError):
    """A value given by the user is not acceptable (message says why)."""
