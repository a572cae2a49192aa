"""What a check-in reads: the few records of the plan it can show, kept beside the plan.

A check-in runs from a shell's start-up file, many times a day, and shows a handful of lines drawn
from years of records. The first check-in after the plan changed reads the whole plan, then keeps
beside it (``Paths.checkin_view``) the records that any check-in of the next :data:`VIEW_DAYS`
days can use:

- content: every series, everything not yet published, published articles that still owe
  comments elsewhere, whatever is dated inside the guide's mix window, and the parents of all of
  these (a spin-off takes its hub's pillar);
- tasks not done (a phase's progress only asks whether something is left), the newest metrics
  record, and which of the kept articles each community log entry is for;
- every other table whole (they are small);
- without the fields no check-in shows (notes, reactions).

Later check-ins read that view instead of the plan for as long as the plan is the same file (its
device, inode, size and modification time: every save replaces the file) and the day is within
:data:`VIEW_DAYS` of the view's. The view is a cache: one that is damaged, stale or from another
version is ignored and made again; nothing is ever written to the plan.

The view also keeps the last check-in built from it (:func:`kept_checkin`), with what it was built
for: the day, the language, and the mentions cache as a file (every write replaces it). A
check-in for the same is read back instead of built again: the areas that build one (calendar,
phases, mentions, guide, measure) are then not even imported.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from storage.datafile import SCHEMA_VERSION, Paths, atomic_write, open_plan, view_plan

if TYPE_CHECKING:
    from storage.checkin import Checkin
    from storage.datafile import Plan

VIEW_VERSION = 2
"""Layout of the view file; a view of another layout is made again (2: keeps a check-in)."""

VIEW_DAYS = 10
"""Days after its own for which a view serves (the mix looks 30 days back from the day)."""

_KEPT_BACK = 30 + VIEW_DAYS + 1
"""Published content this many days before the view's day is kept (the mix's window)."""

Data = dict[str, dict[str, Any]]


def _stamp(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


_VIEWS: weakref.WeakKeyDictionary[Plan, dict[str, Any]] = weakref.WeakKeyDictionary()
"""The view file's document behind each plan read from it, or kept from it just now."""
_VIEWS_GUARD = threading.Lock()
"""Held while :data:`_VIEWS` is read or changed (the app keeps a check-in from a worker)."""


def open_for_checkin(path: Path | str, today: date) -> Plan:
    """A read-only plan for the check-in of ``today``: the view kept beside the plan when it is
    current, else the whole plan (and a new view is kept for the next check-ins)."""
    view = current_view(path, today)
    if view is not None:
        return view
    paths = Paths(Path(path))
    try:
        stamp = _stamp(paths.data)
    except OSError:  # no plan yet (it is made) or none readable (it says why)
        return open_plan(paths.data, write=False)
    plan = open_plan(paths.data, write=False)
    with contextlib.suppress(OSError):  # a folder we cannot write to: no view, same check-in
        if _stamp(paths.data) == stamp:  # not replaced while it was read
            kept = _keep(paths, plan, stamp, today)
            with _VIEWS_GUARD:
                _VIEWS[plan] = kept
    return plan


def current_view(path: Path | str, today: date) -> Plan | None:
    """The view kept beside the plan at ``path`` as a read-only plan, if it is current."""
    paths = Paths(Path(path))
    try:
        stamp = _stamp(paths.data)
    except OSError:
        return None
    view = _read_view(paths, stamp, today)
    if view is None:
        return None
    plan = view_plan(paths.data, view["data"])
    with _VIEWS_GUARD:
        _VIEWS[plan] = view
    return plan


def keep_view(plan: Plan, today: date) -> None:
    """Keep a view of ``plan`` beside it; only for a plan just read and not changed since (the
    view is stamped with the file as it is now). A view of this very file made today is kept as
    it is (with its check-in). An open app's plan that a command changed since it last read the
    file keeps none: its memory is not the file."""
    with contextlib.suppress(OSError):
        stamp = _stamp(plan.paths.data)  # before asking: a change after it shows in the answer
        if plan.outside_change():
            return
        kept = _read_view(plan.paths, stamp, today)
        if kept is None or kept["day"] != today.isoformat():
            _keep(plan.paths, plan, stamp, today)


def kept_checkin(plan: Plan, today: date) -> Checkin | None:
    """The check-in kept with the view ``plan`` was read from, if it was built for ``today``, in
    the language now in use, with the mentions cache as it is now; else None."""
    with _VIEWS_GUARD:
        view = _VIEWS.get(plan)
    shown = view.get("checkin") if view is not None else None
    if not isinstance(shown, dict) or shown.get("for") != _built_for(plan.paths, today):
        return None
    try:
        return _checkin_from_json(shown["checkin"])
    except (KeyError, TypeError, ValueError):  # damaged: built again
        return None


def keep_checkin(plan: Plan, today: date, checkin: Checkin) -> None:
    """Keep ``checkin`` (built from ``plan`` for ``today``) with the view ``plan`` was read from
    or kept as, for the next check-ins of the same day; nothing for any other plan."""
    with _VIEWS_GUARD:
        view = _VIEWS.get(plan)
    if view is None:
        return
    view = {
        **view,
        "checkin": {"for": _built_for(plan.paths, today), "checkin": _checkin_to_json(checkin)},
    }
    with contextlib.suppress(OSError):  # a cache: never in the way
        if _stamp(plan.paths.data) == view["stamp"]:  # still the file it is a view of
            atomic_write(plan.paths.checkin_view, orjson.dumps(view))
            with _VIEWS_GUARD:
                _VIEWS[plan] = view


def _built_for(paths: Paths, today: date) -> list[Any]:
    """What a check-in is built from besides the view: the day, the language, the mentions."""
    from storage.i18n import language

    try:
        mentions: list[int] | None = _stamp(paths.mentions)
    except OSError:
        mentions = None
    return [today.isoformat(), language(), mentions]


def _checkin_to_json(checkin: Checkin) -> dict[str, Any]:
    from dataclasses import astuple, fields

    found = {f.name: getattr(checkin, f.name) for f in fields(checkin)}
    found["today"] = checkin.today.isoformat()
    for name in ("content", "tasks", "mentions", "promises"):
        found[name] = [astuple(line) for line in found[name]]
    return found


def _checkin_from_json(data: dict[str, Any]) -> Checkin:
    from storage.checkin import Checkin, Line

    found = dict(data)
    found["today"] = date.fromisoformat(data["today"])
    for name in ("content", "tasks", "mentions", "promises"):
        found[name] = tuple(Line(*line) for line in data[name])
    found["unavailable"] = tuple(data["unavailable"])
    return Checkin(**found)


def _read_view(paths: Paths, stamp: list[int], today: date) -> dict[str, Any] | None:
    """The view file's document, if it is a view of the plan as it is (``stamp``) that serves
    ``today``."""
    try:
        view = orjson.loads(paths.checkin_view.read_bytes())
        if (
            view["version"] != VIEW_VERSION
            or view["schema"] != SCHEMA_VERSION
            or view["stamp"] != stamp
        ):
            return None
        made = date.fromisoformat(view["day"])
        data = view["data"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not made <= today <= made + timedelta(days=VIEW_DAYS) or not isinstance(data, dict):
        return None
    return view  # type: ignore[no-any-return]


def _keep(paths: Paths, plan: Plan, stamp: list[int], today: date) -> dict[str, Any]:
    view = {
        "version": VIEW_VERSION,
        "schema": SCHEMA_VERSION,
        "stamp": stamp,
        "day": today.isoformat(),
        "data": checkin_records(plan, today),
    }
    atomic_write(paths.checkin_view, orjson.dumps(view))
    return view


def checkin_records(plan: Plan, today: date) -> Data:
    """The records of ``plan`` that a check-in on ``today`` or in the :data:`VIEW_DAYS` after
    it can show or count, table by table (see the module's description)."""
    from storage.calendar import comments_per_post

    tables = {
        name: {str(key): doc for key, doc in plan.rows(name)} for name in sorted(plan.db.tables())
    }
    content = tables.get("content", {})
    community = tables.get("community", {})
    made: dict[int, int] = {}
    for doc in community.values():
        if isinstance(doc.get("content_id"), int):
            made[doc["content_id"]] = made.get(doc["content_id"], 0) + 1
    owed = comments_per_post(plan)
    since = (today - timedelta(days=_KEPT_BACK)).isoformat()
    kept = {
        doc_id
        for doc_id, doc in content.items()
        if _may_show(doc, since) or (_article(doc) and made.get(int(doc_id), 0) < owed)
    }
    parents = {
        str(content[key]["parent"]) for key in kept if content[key].get("parent") is not None
    }
    kept |= parents & content.keys()
    articles = {int(key) for key in kept}
    newest = max(
        tables.get("metrics", {}).items(),
        key=lambda item: str(item[1].get("date") or ""),
        default=None,
    )
    view: Data = {name: _plain(rows.items()) for name, rows in tables.items()}
    view["content"] = _plain(((key, content[key]) for key in sorted(kept, key=int)), _UNSHOWN)
    view["tasks"] = _plain(
        ((k, d) for k, d in tables.get("tasks", {}).items() if not d.get("done")), _UNSHOWN
    )
    view["community"] = {
        key: {"content_id": doc["content_id"]}
        for key, doc in community.items()
        if doc.get("content_id") in articles
    }
    view["metrics"] = _plain([newest] if newest else [])
    return view


def _may_show(doc: Mapping[str, Any], since: str) -> bool:
    """A series, anything not published, or anything dated inside the mix's window."""
    if doc.get("rrule") or doc.get("status") != "published":
        return True
    return any(str(doc.get(field) or "") >= since for field in ("date", "published_on"))


def _article(doc: Mapping[str, Any]) -> bool:
    return doc.get("kind") == "article" and doc.get("status") == "published"


_UNSHOWN = frozenset({"notes", "reactions"})
"""Fields of content and tasks that no check-in shows."""


def _plain(
    rows: Iterable[tuple[Any, Mapping[str, Any]]], without: frozenset[str] = frozenset()
) -> dict[str, Any]:
    return {str(key): {f: v for f, v in doc.items() if f not in without} for key, doc in rows}
