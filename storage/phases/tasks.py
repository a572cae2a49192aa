"""The six phase checklists: tasks, their order, and the progress rules.

Progress rules (shared by the Phases tab, the Today tab and ``socialplan tasks list``):

- a phase's progress is its done tasks over its tasks;
- a phase is *finished* when none of its tasks is left undone (an empty phase is finished:
  nothing in it is waiting);
- the *current* phase is the first phase that is not finished, or None when every phase is;
- overall progress is every done task over every task.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.dates import current_day, from_iso, iso
from storage.errors import InputError
from storage.i18n import _, language
from storage.text import one_line

if TYPE_CHECKING:
    from storage.datafile import Plan

PHASES = range(1, 7)
"""The phase numbers, in order."""

SOURCES = ("starter", "user", "mention", "review")
"""Where a task came from."""

_REFERENCE = Path(__file__).parent / "reference"


@dataclass(frozen=True)
class Phase:
    """One of the six phases of the strategy."""

    number: int
    """1 to 6."""
    name: str
    """Short name, e.g. "Listen and monitor"."""
    description: str
    """A paragraph that teaches the phase."""


@dataclass(frozen=True)
class Task:
    """One checklist item of a phase."""

    id: int
    """TinyDB document id."""
    phase: int
    """Phase 1-6."""
    title: str
    """What to do."""
    notes: str = ""
    """Details, examples, links."""
    done: bool = False
    """Ticked off."""
    due: date | None = None
    """When it should be done, if ever."""
    position: int = 0
    """Order inside its phase (smaller first)."""
    link: str | None = None
    """A related URL (a mention, a profile)."""
    created: date | None = None
    """When it was added."""
    source: str = "user"
    """"starter", "user", "mention" or "review"."""

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], doc_id: int | None = None) -> Task:
        """Build a task from its stored document (``doc_id`` for a raw record of ``Plan.rows``)."""
        return cls(
            id=doc_id if doc_id is not None else doc.doc_id,  # type: ignore[attr-defined]
            phase=int(doc.get("phase", 1)),
            title=str(doc.get("title", "")),
            notes=str(doc.get("notes") or ""),
            done=bool(doc.get("done", False)),
            due=from_iso(doc.get("due")),
            position=int(doc.get("position") or 0),
            link=doc.get("link") or None,
            created=from_iso(doc.get("created")),
            source=str(doc.get("source") or "user"),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored fields (without the id)."""
        return {
            "phase": self.phase,
            "title": self.title,
            "notes": self.notes,
            "done": self.done,
            "due": iso(self.due),
            "position": self.position,
            "link": self.link,
            "created": iso(self.created),
            "source": self.source,
        }

    def to_json(self) -> dict[str, Any]:
        """The public JSON form (``socialplan tasks list --json``)."""
        return {
            "id": self.id,
            "phase": self.phase,
            "title": self.title,
            "notes": self.notes,
            "done": self.done,
            "due": iso(self.due),
            "position": self.position,
        }

    def is_overdue(self, today: date) -> bool:
        """Due before today and not done."""
        return not self.done and self.due is not None and self.due < today


@dataclass(frozen=True)
class PhaseProgress:
    """How far one phase has come."""

    phase: int
    """1-6."""
    done: int
    """Tasks ticked off."""
    total: int
    """All tasks of the phase."""

    @property
    def finished(self) -> bool:
        """Nothing left undone (an empty phase is finished)."""
        return self.done >= self.total

    @property
    def fraction(self) -> float:
        """Done over total, 0.0-1.0 (an empty phase counts as 1.0)."""
        return self.done / self.total if self.total else 1.0


@dataclass(frozen=True)
class Progress:
    """Progress of every phase, overall, and the current phase."""

    phases: tuple[PhaseProgress, ...]
    """One entry per phase, 1 to 6."""

    @property
    def done(self) -> int:
        """Every done task."""
        return sum(p.done for p in self.phases)

    @property
    def total(self) -> int:
        """Every task."""
        return sum(p.total for p in self.phases)

    @property
    def fraction(self) -> float:
        """Overall done over total, 0.0-1.0."""
        return self.done / self.total if self.total else 1.0

    @property
    def current(self) -> int | None:
        """The first phase not finished, or None when all are."""
        return next((p.phase for p in self.phases if not p.finished), None)


def phases() -> tuple[Phase, ...]:
    """The six phases with their teaching descriptions, in the language in use
    (``reference/phases.json``, ``reference/fr/phases.json``)."""
    return _phases(language())


@cache
def _phases(lang: str) -> tuple[Phase, ...]:
    folder = _REFERENCE / lang if (_REFERENCE / lang / "phases.json").exists() else _REFERENCE
    raw = json.loads((folder / "phases.json").read_text(encoding="utf-8"))
    return tuple(Phase(int(item["phase"]), item["name"], item["description"]) for item in raw)


def phase_info(number: int) -> Phase:
    """One phase by number."""
    return phases()[check_phase(number) - 1]


def check_phase(value: object) -> int:
    """A phase number 1-6 from an int or text; raise :class:`InputError` otherwise."""
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number not in PHASES:
        raise InputError(_("phase must be a number from 1 to 6, not {value!r}").format(value=value))
    return number


def _check_title(title: str) -> str:
    cleaned = one_line(title)
    if not cleaned:
        raise InputError(_("a task needs a title"))
    return cleaned


def _sort_key(task: Task) -> tuple[int, int, int]:
    return (task.phase, task.position, task.id)


def list_tasks(plan: Plan, phase: int | None = None) -> list[Task]:
    """Tasks in checklist order (phase, then position), of one phase or all."""
    tasks = [Task.from_doc(doc, doc_id) for doc_id, doc in plan.rows("tasks")]
    if phase is not None:
        tasks = [t for t in tasks if t.phase == phase]
    return sorted(tasks, key=_sort_key)


def get_task(plan: Plan, task_id: int) -> Task:
    """One task by id; raise :class:`InputError` when there is none."""
    doc = plan.table("tasks").get(doc_id=task_id)
    if doc is None:
        raise InputError(_("there is no task {id}").format(id=task_id))
    assert isinstance(doc, Document)
    return Task.from_doc(doc)


def add_task(
    plan: Plan,
    phase: int,
    title: str,
    notes: str = "",
    due: date | None = None,
    link: str | None = None,
    source: str = "user",
    today: date | None = None,
) -> Task:
    """Add a task at the end of its phase and return it."""
    number = check_phase(phase)
    cleaned = _check_title(title)
    siblings = list_tasks(plan, number)
    position = max((t.position for t in siblings), default=-1) + 1
    task = Task(
        id=0,
        phase=number,
        title=cleaned,
        notes=notes.strip(),
        due=due,
        position=position,
        link=link,
        created=today or current_day(),
        source=source if source in SOURCES else "user",
    )
    new_id = plan.table("tasks").insert(task.to_doc())
    return get_task(plan, new_id)


def update_task(
    plan: Plan,
    task_id: int,
    title: str,
    notes: str,
    due: date | None,
    phase: int | None = None,
) -> Task:
    """Change a task's title, notes and due date; a new phase puts it at the end of that phase."""
    task = get_task(plan, task_id)
    fields: dict[str, Any] = {"title": _check_title(title), "notes": notes.strip(), "due": iso(due)}
    moving = phase is not None and check_phase(phase) != task.phase
    table = plan.table("tasks")
    with plan.batch():
        if moving:
            siblings = list_tasks(plan, phase)
            fields["phase"] = phase
            fields["position"] = max((t.position for t in siblings), default=-1) + 1
        table.update(fields, doc_ids=[task_id])
        if moving:
            _renumber(plan, list_tasks(plan, task.phase))
    return get_task(plan, task_id)


def set_done(plan: Plan, task_id: int, done: bool) -> Task:
    """Tick a task off (or back on)."""
    get_task(plan, task_id)
    plan.table("tasks").update({"done": bool(done)}, doc_ids=[task_id])
    return get_task(plan, task_id)


def delete_task(plan: Plan, task_id: int) -> Task:
    """Remove a task; return it so that it can be put back with :func:`restore_task`."""
    task = get_task(plan, task_id)
    table = plan.table("tasks")
    with plan.batch():
        table.remove(doc_ids=[task_id])
        _renumber(plan, list_tasks(plan, task.phase))
    return task


def restore_task(plan: Plan, task: Task) -> Task:
    """Put a deleted task back with its id and at its place in its phase."""
    table = plan.table("tasks")
    with plan.batch():
        for other in list_tasks(plan, task.phase):
            if other.position >= task.position:
                table.update({"position": other.position + 1}, doc_ids=[other.id])
        table.insert(Document(task.to_doc(), doc_id=task.id))
    return get_task(plan, task.id)


def move_task(plan: Plan, task_id: int, offset: int, skip_done: bool = False) -> Task:
    """Move a task up (negative) or down (positive) inside its phase; positions become 0..n-1.

    With ``skip_done`` (done tasks hidden), it moves past the next *undone* neighbours, so every
    press visibly moves it.
    """
    task = get_task(plan, task_id)
    siblings = list_tasks(plan, task.phase)
    visible = [t.id for t in siblings if t.id == task_id or not (skip_done and t.done)]
    index = visible.index(task_id)
    neighbour = visible[max(0, min(len(visible) - 1, index + offset))]
    order = [t.id for t in siblings]
    if neighbour != task_id:
        order.remove(task_id)
        at = order.index(neighbour)
        order.insert(at + 1 if offset > 0 else at, task_id)
    by_id = {t.id: t for t in siblings}
    with plan.batch():
        _renumber(plan, [by_id[i] for i in order])
    return get_task(plan, task_id)


def _renumber(plan: Plan, ordered: list[Task]) -> None:
    """Give ``ordered`` the positions 0..n-1 (only changed ones are written)."""
    table = plan.table("tasks")
    for position, other in enumerate(ordered):
        if other.position != position:
            table.update({"position": position}, doc_ids=[other.id])


def progress_of(tasks: list[Task]) -> Progress:
    """The progress rules applied to a list of tasks."""
    return Progress(
        tuple(
            PhaseProgress(
                number,
                sum(1 for t in tasks if t.phase == number and t.done),
                sum(1 for t in tasks if t.phase == number),
            )
            for number in PHASES
        )
    )


def progress(plan: Plan) -> Progress:
    """Progress of the plan's checklists."""
    return progress_of(list_tasks(plan))


def current_phase(plan: Plan, tasks: list[Task] | None = None) -> int | None:
    """The first phase with something left to do, or None when every phase is done.

    ``tasks`` (from :func:`list_tasks`) saves reading them again when the caller has them.
    """
    return progress_of(list_tasks(plan) if tasks is None else tasks).current


def next_tasks(plan: Plan, n: int, tasks: list[Task] | None = None) -> list[Task]:
    """The next ``n`` undone tasks in checklist order (they start in the current phase)."""
    ordered = list_tasks(plan) if tasks is None else tasks
    return [t for t in ordered if not t.done][: max(0, n)]


def due_tasks(plan: Plan, today: date, tasks: list[Task] | None = None) -> list[Task]:
    """Undone tasks due today or overdue, oldest due first."""
    ordered = list_tasks(plan) if tasks is None else tasks
    due = [t for t in ordered if not t.done and t.due is not None and t.due <= today]
    return sorted(due, key=lambda t: (t.due or today, t.phase, t.position, t.id))
