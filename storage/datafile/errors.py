"""What can be wrong with the data file itself: damaged, held by another socialplan, read-only."""

from __future__ import annotations

from storage.errors import SocialPlanError


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
