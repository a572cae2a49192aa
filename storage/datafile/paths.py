"""Where socialplan's files live, and the name of every file beside the plan: the one place
that decides them.

Beside ``NAME`` (the plan, ``socialplan.json`` by default) live, each kind with a pattern no
other kind matches:

======================  ==========================================  =========================
kind                    name                                        kept
======================  ==========================================  =========================
mentions cache          ``STEM.mentions.json``                      (a cache)
mentions digest         ``STEM.mentions.digest.json``               (a cache)
feeds' last answers     ``STEM.mentions.fetch.json``                (a cache)
check-in view           ``STEM.checkin.json``                       (a cache)
lock                    ``NAME.lock``                               (holds a PID)
app presence lock       ``NAME.app.lock``                           (held while the app is open)
sync state              ``NAME.sync.json``                          (remote, last sync, conflicts)
sync repository         ``NAME.sync/`` (a git working folder)       (only the plan travels)
daily backup            ``NAME.YYYY-MM-DD.bak``                     newest 3 days
before an import        ``NAME.before-import-YYYYMMDD-HHMMSS.bak``  newest 5 of these two
before a restore        ``NAME.before-restore-YYYYMMDD-HHMMSS.bak``
before a migration      ``NAME.vN.bak``                             all
rescued mentions cache  ``STEM.mentions.json.damaged-YYYYMMDD-HHMMSS``  all
======================  ==========================================  =========================

When the clock gives a name that exists already, ``-2``, ``-3``… is added before the suffix, so
two copies never share a name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (the quick fetch)
if TYPE_CHECKING:  # dates are imported where used: naming the lock needs none
    from datetime import date, datetime
    from typing import Literal, TypeAlias

    BackupKind: TypeAlias = Literal["daily", "before-import", "before-restore", "before-migration"]
    """The kinds of copy of the plan kept beside it."""

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


BACKUP_KINDS: tuple[BackupKind, ...] = (
    "daily",
    "before-import",
    "before-restore",
    "before-migration",
)

DAILY_KEPT = 3
"""Daily copies kept (the newest days), whatever other copies exist."""

BEFORE_KEPT = 5
"""Copies taken before an import or a restore kept (the newest, the two kinds together)."""

_STAMP = "%Y%m%d-%H%M%S"


class Companion:
    """One copy of the plan (or of the mentions cache) found beside it."""

    __slots__ = ("counter", "kind", "path", "when")

    def __init__(self, path: Path, kind: str, when: datetime, counter: int) -> None:
        self.path = path
        self.kind = kind
        """A :data:`BackupKind`, or ``"rescue"`` for a damaged mentions cache set aside."""
        self.when = when
        """When it was taken (from its name; a migration copy's from the file's time)."""
        self.counter = counter
        """1, or the ``-N`` added when the clock gave a name that existed."""

    def __repr__(self) -> str:
        return f"Companion({self.path.name!r}, {self.kind!r}, {self.when}, {self.counter})"


class Paths:
    """Every file that belongs to one data file.

    A plain class rather than a dataclass: the quick fetch names companion files without
    paying for ``dataclasses`` (and the ``inspect`` it imports).
    """

    __slots__ = ("data",)

    def __init__(self, data: Path) -> None:
        self.data: Path = data
        """The plan: everything the user made."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Paths) and other.data == self.data

    def __hash__(self) -> int:
        return hash(self.data)

    def __repr__(self) -> str:
        return f"Paths(data={self.data!r})"

    @property
    def mentions(self) -> Path:
        """Fetched mentions, a cache beside the data file (``x.mentions.json`` for ``x.json``)."""
        return self.data.with_name(f"{self.data.stem}.mentions{self.data.suffix or '.json'}")

    @property
    def mentions_digest(self) -> Path:
        """What the check-in needs of the mentions cache (``x.mentions.digest.json``)."""
        mentions = self.mentions
        return mentions.with_name(f"{mentions.stem}.digest{mentions.suffix}")

    @property
    def mentions_fetch(self) -> Path:
        """What each feed last answered this machine: validators, last fetch, last error
        (``x.mentions.fetch.json``; see ``storage.mentions.fetchstate``)."""
        mentions = self.mentions
        return mentions.with_name(f"{mentions.stem}.fetch{mentions.suffix}")

    @property
    def checkin_view(self) -> Path:
        """What a check-in reads of the plan, kept by the last check-in (``x.checkin.json``)."""
        return self.data.with_name(f"{self.data.stem}.checkin{self.data.suffix or '.json'}")

    @property
    def lock(self) -> Path:
        """The lock file held while a process writes."""
        return self.data.with_name(self.data.name + ".lock")

    @property
    def app_lock(self) -> Path:
        """Held for as long as an app has the plan open (a second app is refused; commands are not)."""
        return self.data.with_name(self.data.name + ".app.lock")

    @property
    def sync_state(self) -> Path:
        """This machine's sync record: remote, last sync, conflicts not yet dismissed (never synced)."""
        return self.data.with_name(self.data.name + ".sync.json")

    @property
    def sync_repo(self) -> Path:
        """The git working folder through which the plan (and only the plan) is synced."""
        return self.data.with_name(self.data.name + ".sync")

    @property
    def folder(self) -> Path:
        """The folder holding the data file and its companions."""
        return self.data.parent

    # -- names of new copies ----------------------------------------------------------------------

    def daily_backup(self, day: date) -> Path:
        """The daily known-good copy of ``day`` (one a day: the same name all day)."""
        return self.data.with_name(f"{self.data.name}.{day.isoformat()}.bak")

    def copy_before(self, kind: Literal["import", "restore"], now: datetime) -> Path:
        """A new, unused name for the plan as it was before an import or a restore."""
        return _unused(
            self.data.with_name(f"{self.data.name}.before-{kind}-{now:{_STAMP}}"), ".bak"
        )

    def copy_before_migration(self, version: int) -> Path:
        """A new, unused name for the plan as it was at schema ``version``, before migrating."""
        return _unused(self.data.with_name(f"{self.data.name}.v{version}"), ".bak")

    def rescue_of_mentions(self, now: datetime) -> Path:
        """A new, unused name to set a damaged mentions cache aside."""
        return _unused(self.mentions.with_name(f"{self.mentions.name}.damaged-{now:{_STAMP}}"), "")

    # -- what exists ------------------------------------------------------------------------------

    def backups(self, kind: str | None = None) -> list[Companion]:
        """Copies of the plan beside it (of one kind, or every kind), newest first."""
        pattern = _backup_pattern(self.data.name)
        found = []
        for path in self._siblings(self.data.name + "."):
            match = pattern.fullmatch(path.name)
            if match is None:
                continue
            companion = _companion(path, match)
            if companion is not None and (kind is None or companion.kind == kind):
                found.append(companion)
        return sorted(found, key=lambda c: (c.when, c.counter, c.path.name), reverse=True)

    def rescues(self) -> list[Companion]:
        """Damaged mentions caches set aside, newest first."""
        pattern = re.compile(
            re.escape(self.mentions.name) + r"\.damaged-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
        )
        found = []
        for path in self._siblings(self.mentions.name + ".damaged-"):
            match = pattern.fullmatch(path.name)
            if match:
                from datetime import datetime

                when = datetime.strptime(match["stamp"], _STAMP)
                found.append(Companion(path, "rescue", when, int(match["n"] or 1)))
        return sorted(found, key=lambda c: (c.when, c.counter), reverse=True)

    def pruned(self) -> list[Path]:
        """Copies past what is kept: daily ones after the newest :data:`DAILY_KEPT`, copies
        before an import or a restore after the newest :data:`BEFORE_KEPT`."""
        every = self.backups()
        daily = [c.path for c in every if c.kind == "daily"][DAILY_KEPT:]
        before = [c.path for c in every if c.kind in ("before-import", "before-restore")]
        return daily + before[BEFORE_KEPT:]

    def _siblings(self, prefix: str) -> list[Path]:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        return [self.folder / name for name in names if name.startswith(prefix)]


def _unused(stem: Path, suffix: str) -> Path:
    """``stem + suffix``, or ``stem-2 + suffix``, ``stem-3``… : the first that does not exist."""
    candidate = stem.with_name(stem.name + suffix)
    counter = 1
    while candidate.exists() or candidate.is_symlink():
        counter += 1
        candidate = stem.with_name(f"{stem.name}-{counter}{suffix}")
    return candidate


def _backup_pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        re.escape(name)
        + r"\.(?:(?P<day>\d{4}-\d{2}-\d{2})"
        + r"|before-(?P<before>import|restore)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
        + r"|v(?P<version>\d+)(?:-(?P<vn>\d+))?)\.bak"
    )


def _companion(path: Path, match: re.Match[str]) -> Companion | None:
    from datetime import date, datetime

    try:
        if match["day"]:
            day = date.fromisoformat(match["day"])
            return Companion(path, "daily", datetime(day.year, day.month, day.day), 1)
        if match["before"]:
            when = datetime.strptime(match["stamp"], _STAMP)
            return Companion(path, f"before-{match['before']}", when, int(match["n"] or 1))
        when = datetime.fromtimestamp(path.stat().st_mtime)
        return Companion(path, "before-migration", when, int(match["vn"] or 1))
    except (ValueError, OSError):
        return None  # a name that looks right but holds no real date, or a file gone meanwhile
