"""One plan on several machines, through git: ``socialplan sync setup REMOTE``, ``sync`` and
``sync status``.

The plan travels in a git working folder beside it (``Paths.sync_repo``, ``NAME.sync/``) holding
one file, ``socialplan.json``, and a ``.gitattributes`` that names the plan's merge driver
(``socialplan merge-file %O %A %B``, configured in that folder), so a plain ``git pull`` there
merges record by record too. The mentions cache, backups and lock never travel.

A sync, holding the plan's lock throughout:

1. puts an interrupted git merge back (a sync killed half-way leaves nothing to undo by hand);
2. commits the plan: a three-way merge of the version last synced (``synced`` in the state),
   the live plan and the folder's HEAD, so a sync killed after it merged but before it wrote the
   live plan loses nothing the next time;
3. fetches, merges the remote (git runs the driver), pushes (once more after a rejected push);
4. writes the merged plan in place of the live one (atomically) and records the commit as synced.

A failure is one line (:class:`SyncError`); the live plan is untouched until step 4.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from storage.datafile import (
    DataFileError,
    FileLock,
    LockedError,
    Paths,
    atomic_write,
    check_copy,
    serialize,
)
from storage.errors import SocialPlanError
from storage.i18n import _
from storage.sync.conflicts import dismiss_conflicts as _dismiss_all
from storage.sync.conflicts import open_conflicts, read_state, record_conflicts, update_state
from storage.sync.merge import Conflict, merge_plans

PLAN_NAME = "socialplan.json"
"""The plan's name in the sync folder, whatever the local file is called."""
BRANCH = "main"
TIMEOUT = 120
"""Seconds a git command may take (a network that hangs ends the sync instead of the user)."""
STOP_VAR = "SOCIALPLAN_SYNC_STOP_AT"
"""Tests only: end the process at a named step, as a killed sync would."""
CONFLICTS_VAR = "SOCIALPLAN_CONFLICTS"
"""Where the merge driver, run by git, writes the fields both copies changed."""

Data = dict[str, dict[str, dict[str, Any]]]


class SyncError(SocialPlanError):
    """A sync that could not finish: one line saying why and that the plan is unchanged."""


@dataclass(frozen=True)
class Report:
    """What a sync did."""

    sent: tuple[int, int, int]
    """Records added, changed, removed here since the last sync (what went out)."""
    received: tuple[int, int, int]
    """Records added, changed, removed by the other copies (what came in)."""
    conflicts: tuple[dict[str, Any], ...]


# -- state --------------------------------------------------------------------------------------


def load_state(paths: Paths) -> dict[str, Any]:
    """This machine's sync record (empty when sync was never set up, or when it is damaged:
    ``sync status`` and ``sync`` say so through :func:`storage.sync.conflicts.read_state`)."""
    try:
        return read_state(paths)
    except DataFileError:
        return {}


def dismiss_conflicts(paths: Paths) -> int:
    """Forget the conflicts shown so far; return how many there were."""
    return _dismiss_all(paths)


# -- git ----------------------------------------------------------------------------------------


def _git(repo: Path, *args: str, check: bool = True, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess[str]:  # fmt: skip
    if shutil.which("git") is None:
        raise SyncError(_("git is not installed: install it (it is what carries the plan)"))
    full = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
    try:
        done = subprocess.run(["git", *args], cwd=repo, env=full, capture_output=True,
                              text=True, timeout=TIMEOUT)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise SyncError(_("git {command} took more than {n} seconds; your plan is unchanged")
                        .format(command=args[0], n=TIMEOUT)) from None  # fmt: skip
    if check and done.returncode != 0:
        raise SyncError(
            _("git {command} failed: {why}; your plan is unchanged").format(
                command=args[0], why=_last_line(done.stderr or done.stdout)
            )
        )
    return done


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "?"


def _stop_at(step: str) -> None:
    if os.environ.get(STOP_VAR) == step:
        os._exit(9)


def _configure(repo: Path, attributes: bool = True) -> None:
    """The driver and an identity for this folder's commits (nothing global is touched)."""
    driver = f"{sys.executable} -m tui merge-file %O %A %B"
    _git(repo, "config", "merge.socialplan.name", "socialplan record-level merge")
    _git(repo, "config", "merge.socialplan.driver", driver)
    for key, value in (("user.name", "socialplan"), ("user.email", "socialplan@localhost")):
        if _git(repo, "config", key, check=False).returncode != 0:
            _git(repo, "config", key, value)
    marks = repo / ".gitattributes"
    if attributes and not marks.exists():
        marks.write_text(f"{PLAN_NAME} merge=socialplan\n", encoding="utf-8")


def _head(repo: Path) -> str | None:
    done = _git(repo, "rev-parse", "--verify", "-q", "HEAD", check=False)
    return done.stdout.strip() or None


def _data_at(repo: Path, commit: str | None) -> Data | None:
    if not commit:
        return None
    done = _git(repo, "show", f"{commit}:{PLAN_NAME}", check=False)
    if done.returncode != 0:
        return None
    return _parsed(done.stdout.encode())


def _parsed(raw: bytes) -> Data:
    data = orjson.loads(raw)
    if not isinstance(data, dict):
        raise SyncError(_("the synced plan is not a socialplan file; your plan is unchanged"))
    return data


def _read_live(paths: Paths) -> Data:
    try:
        return check_copy(paths.data)
    except DataFileError as error:
        raise SyncError(
            _("cannot sync {file}: {problem}").format(file=paths.data, problem=error)
        ) from None


@contextlib.contextmanager
def _plan_lock(paths: Paths) -> Any:
    lock = FileLock(paths.lock, paths.data)
    for attempt in range(20):
        try:
            lock.acquire()
            break
        except LockedError:
            if attempt == 19:
                raise
            time.sleep(0.1)
    try:
        yield
    finally:
        lock.release()


# -- setup, sync, status ------------------------------------------------------------------------


def setup(paths: Paths, remote: str, now: datetime) -> str:
    """Make the sync folder for ``remote`` and take or merge the plans; return what happened."""
    repo = paths.sync_repo
    if repo.exists():
        shutil.rmtree(repo / ".git", ignore_errors=True)
    repo.mkdir(parents=True, exist_ok=True)
    try:
        _git(repo, "init", "-q", "-b", BRANCH)
        _configure(repo, attributes=False)  # the remote's own, if it has one, come with it
        _git(repo, "remote", "add", "origin", remote)
        fetched = _git(repo, "fetch", "-q", "origin", check=False)
        if fetched.returncode != 0:
            raise SyncError(
                _("cannot reach {remote}: {why}; nothing was set up").format(
                    remote=remote, why=_last_line(fetched.stderr)
                )
            )
    except SyncError:
        shutil.rmtree(repo, ignore_errors=True)
        raise
    has_remote = _git(repo, "rev-parse", "--verify", "-q", f"origin/{BRANCH}",
                      check=False).returncode == 0  # fmt: skip
    if not has_remote and not paths.data.exists():  # nothing anywhere yet: a new plan goes
        from storage.datafile import open_plan

        open_plan(paths.data).close()
    state: dict[str, Any] = {"remote": remote, "set_up": now.isoformat(timespec="seconds")}
    with _plan_lock(paths):
        if has_remote:
            _git(repo, "checkout", "-q", "-B", BRANCH, f"origin/{BRANCH}")
            _configure(repo)
            theirs = _parsed((repo / PLAN_NAME).read_bytes())
            if not paths.data.exists():
                paths.folder.mkdir(parents=True, exist_ok=True)
                atomic_write(paths.data, serialize(theirs))
                said = _("Took the plan from {remote}.").format(remote=remote)
            else:  # two plans that never shared a version: keep everything of both
                merged = merge_plans(None, _read_live(paths), theirs)
                (repo / PLAN_NAME).write_bytes(serialize(merged.data))
                _git(repo, "add", PLAN_NAME, ".gitattributes")
                _git(repo, "commit", "-q", "-m", "socialplan: first sync of this machine")
                _git(repo, "push", "-q", "origin", f"HEAD:{BRANCH}")
                atomic_write(paths.data, serialize(merged.data))
                record_conflicts(paths, merged.conflicts, "sync",
                                 now.isoformat(timespec="seconds"))  # fmt: skip
                said = _("Merged this plan with the one on {remote}.").format(remote=remote)
        else:
            _configure(repo)
            (repo / PLAN_NAME).write_bytes(paths.data.read_bytes())
            _git(repo, "add", PLAN_NAME, ".gitattributes")
            _git(repo, "commit", "-q", "-m", "socialplan: the plan")
            _git(repo, "push", "-q", "-u", "origin", f"HEAD:{BRANCH}")
            said = _("Sent this plan to {remote}.").format(remote=remote)
        state["synced"] = _head(repo)
        state["last_sync"] = now.isoformat(timespec="seconds")
        update_state(paths, **state)
    return said


def sync(paths: Paths, now: datetime) -> Report:
    """Send this machine's changes and take the others' (see the module's description).

    The plan's lock is held throughout: an open app's saves wait, then merge the result in.
    """
    try:
        state = read_state(paths)
    except DataFileError as error:
        raise SyncError(str(error)) from None
    repo = paths.sync_repo
    if not state.get("remote") or not (repo / ".git").is_dir():
        raise SyncError(_("sync is not set up: run socialplan sync setup REMOTE first"))
    conflicts_file = repo / ".git" / "socialplan-conflicts.jsonl"
    with _plan_lock(paths):
        if (repo / ".git" / "MERGE_HEAD").exists():  # a sync killed in the middle of a merge
            _git(repo, "merge", "--abort", check=False)
        _git(repo, "reset", "-q", "--hard", "HEAD")
        _configure(repo)
        live = _read_live(paths)
        synced = _data_at(repo, state.get("synced"))
        head = _data_at(repo, _head(repo))
        local = merge_plans(synced, live, head).data if head is not None else live
        sent = _count(synced if synced is not None else head, live)
        (repo / PLAN_NAME).write_bytes(serialize(local))
        _git(repo, "add", PLAN_NAME)
        if _git(repo, "diff", "--cached", "--quiet", check=False).returncode != 0:
            _git(repo, "commit", "-q", "-m", "socialplan: changes")
        _stop_at("after-commit")
        conflicts_file.unlink(missing_ok=True)
        for attempt in (1, 2):
            fetched = _git(repo, "fetch", "-q", "origin", check=False)
            if fetched.returncode != 0:
                raise SyncError(_("cannot reach {remote}: {why}; your plan is unchanged and "
                                  "the next sync sends its changes").format(
                    remote=state["remote"], why=_last_line(fetched.stderr)))  # fmt: skip
            if _git(repo, "rev-parse", "--verify", "-q", f"origin/{BRANCH}",
                    check=False).returncode == 0:  # fmt: skip
                merged = _git(repo, "merge", "-q", "--no-edit", f"origin/{BRANCH}", check=False,
                              env={CONFLICTS_VAR: str(conflicts_file)})  # fmt: skip
                if merged.returncode != 0:
                    _git(repo, "merge", "--abort", check=False)
                    raise SyncError(
                        _(
                            "the merge with {remote} could not finish: {why}; your "
                            "plan is unchanged"
                        ).format(
                            remote=state["remote"], why=_last_line(merged.stderr or merged.stdout)
                        )
                    )
            _stop_at("after-merge")
            pushed = _git(repo, "push", "-q", "origin", f"HEAD:{BRANCH}", check=False)
            if pushed.returncode == 0:
                break
            if attempt == 2:
                raise SyncError(
                    _("{remote} refused the changes: {why}; your plan is unchanged").format(
                        remote=state["remote"], why=_last_line(pushed.stderr)
                    )
                )
        _stop_at("after-push")
        result = _parsed((repo / PLAN_NAME).read_bytes())
        if serialize(result) != serialize(live):
            atomic_write(paths.data, serialize(result))
        found = record_conflicts(paths, _read_conflicts(conflicts_file), "sync",
                                 now.isoformat(timespec="seconds"))  # fmt: skip
        update_state(paths, synced=_head(repo), last_sync=now.isoformat(timespec="seconds"))
    return Report(sent, _count(live, result), tuple(c.to_json() for c in found))


def status(paths: Paths) -> dict[str, Any]:
    """Remote, last sync, changes not yet sent, conflicts not dismissed."""
    state = load_state(paths)
    pending = (0, 0, 0)
    repo = paths.sync_repo
    if state.get("synced") and (repo / ".git").is_dir() and paths.data.exists():
        with contextlib.suppress(SyncError, DataFileError, ValueError):
            pending = _count(_data_at(repo, state["synced"]), _read_live(paths))
    return {
        "remote": state.get("remote"),
        "last_sync": state.get("last_sync"),
        "not_sent": {"added": pending[0], "changed": pending[1], "removed": pending[2]},
        "conflicts": [c.to_json() for c in open_conflicts(paths)] if state else [],
    }


def _count(before: Data | None, after: Data) -> tuple[int, int, int]:
    """Records added, changed, removed from ``before`` to ``after`` (all tables)."""
    added = changed = removed = 0
    before = before or {}
    for table in set(before) | set(after):
        old, new = before.get(table, {}), after.get(table, {})
        added += len(new.keys() - old.keys())
        removed += len(old.keys() - new.keys())
        changed += sum(1 for key in new.keys() & old.keys()
                       if serialize(new[key]) != serialize(old[key]))  # fmt: skip
    return added, changed, removed


def _read_conflicts(path: Path) -> list[Conflict]:
    """What the merge driver noted during this sync's git merge."""
    found = []
    with contextlib.suppress(OSError):
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, TypeError):
                found.append(Conflict(**orjson.loads(line)))
    return found


def note_driver_conflicts(conflicts: tuple[Conflict, ...]) -> None:
    """Called by the merge driver: append the fields both copies changed to the file the sync
    running git names (nothing when the driver runs outside a sync)."""
    target = os.environ.get(CONFLICTS_VAR)
    if not target or not conflicts:
        return
    with open(target, "ab") as handle:
        for conflict in conflicts:
            handle.write(orjson.dumps(asdict(conflict)) + b"\n")
