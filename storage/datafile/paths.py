"""Where socialplan's files live: the one place that decides it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "socialplan"
ENV_VAR = "SOCIALPLAN_DATA"
DEFAULT_NAME = "socialplan.json"


def default_data_dir() -> Path:
    """The platform's user data directory for socialplan (not created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_file(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--data FILE``, else ``$SOCIALPLAN_DATA``, else the user data directory's file."""
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    return default_data_dir() / DEFAULT_NAME


@dataclass(frozen=True)
class Paths:
    """Every file that belongs to one data file."""

    data: Path
    """The plan: everything the user made."""

    @property
    def mentions(self) -> Path:
        """Fetched mentions, a cache beside the data file (``x.mentions.json`` for ``x.json``)."""
        return self.data.with_name(f"{self.data.stem}.mentions{self.data.suffix or '.json'}")

    @property
    def lock(self) -> Path:
        """The lock file held while a process writes."""
        return self.data.with_name(self.data.name + ".lock")

    @property
    def folder(self) -> Path:
        """The folder holding the data file and its companions."""
        return self.data.parent

    def backup_glob(self) -> str:
        """Glob pattern (in ``folder``) of rotating daily backups."""
        return f"{self.data.name}.*.bak"

    def backups(self) -> list[Path]:
        """Existing daily backups, newest first."""
        return sorted(self.folder.glob(self.backup_glob()), reverse=True)

    def newest_backup(self) -> Path | None:
        """The newest known-good copy, if any."""
        found = self.backups()
        return found[0] if found else None
