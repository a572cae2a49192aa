"""Errors the model raises; the command line and the app turn them into one-line messages."""

from __future__ import annotations


class SocialPlanError(Exception):
    """Base of every error socialplan reports to the user as one line."""


class DataFileError(SocialPlanError):
    """The data file cannot be used: damaged, from a newer version, or unreadable."""


class LockedError(SocialPlanError):
    """Another socialplan holds the data file."""

    def __init__(self, message: str, pid: int | None) -> None:
        super().__init__(message)
        self.pid = pid
        """PID of the process holding the lock, when known."""


class ReadOnlyError(SocialPlanError):
    """A write was attempted on a plan opened read-only."""


class DateError(SocialPlanError, ValueError):
    """A date typed by the user could not be understood."""


class InputError(SocialPlanError, ValueError):
    """A value given by the user is not acceptable (message says why)."""
