"""The editorial guide: purpose, audience, pillars, voice, rules, commenting, hashtags.

The guide is one document in the ``guide`` table; pillars are documents of the ``pillars`` table
(fields in ``docs/DEVELOPING.md``). The mix check (actual share of content per pillar against the
targets) is in :mod:`storage.guide.mix`, which reads the guide from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from storage.errors import InputError
from storage.i18n import _, percent
from storage.text import one_line, strip_controls

if TYPE_CHECKING:
    from storage.datafile import Plan

DEFAULT_PROMO_CEILING = 20
"""At most this percent of published items may be promotional, unless the guide says otherwise."""

TEXT_FIELDS = ("purpose", "audience", "voice", "commenting")
"""The free-text sections of the guide."""

LIST_FIELDS = ("do", "dont", "hashtags", "keywords")
"""The one-line-per-item lists of the guide."""


def tidy_prose(text: str) -> str:
    """The guide's free text as stored: control characters and trailing spaces removed, no blank
    lines at either end, but indentation and blank lines inside kept as typed (the form the
    Markdown export reproduces exactly; :func:`storage.text.clean_text` squeezes them)."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    lines = [line.rstrip() for line in strip_controls(text).split("\n")]
    return "\n".join(lines).strip("\n")


def clean_items(items: Iterable[str]) -> tuple[str, ...]:
    """A list of one-line items: cleaned, empty ones dropped."""
    return tuple(item for item in (one_line(i) for i in items) if item)


def clean_key(key: str) -> str:
    """A channel key for the per-channel notes (a lower-case slug)."""
    slug = re.sub(r"[^\w.+-]+", "-", one_line(key).lower()).strip("-")
    if not slug:
        raise InputError(_("a channel key cannot be empty"))
    return slug


def check_percent(value: object, what: str) -> int:
    """A whole percentage 0-100 from an int or text like ``"40"`` or ``"40 %"``."""
    text = str(value).strip().rstrip("%").strip()
    try:
        number = int(text)
    except ValueError:
        raise InputError(
            _("{what} must be a whole number from 0 to 100, not {value!r}").format(
                what=what, value=str(value)
            )
        ) from None
    if not 0 <= number <= 100:
        raise InputError(
            _("{what} must be from 0 to 100, not {value}").format(what=what, value=number)
        )
    return number


@dataclass(frozen=True)
class Guide:
    """The editorial guide (one per plan)."""

    purpose: str = ""
    """Why the blog is on social media: what it wants to achieve."""
    audience: str = ""
    """Who the blog talks to and what they need."""
    voice: str = ""
    """Voice and tone."""
    channel_notes: Mapping[str, str] = field(default_factory=dict)
    """Per-channel notes on tone and format, by channel key."""
    commenting: str = ""
    """How to comment and react: response time, criticism, when not to answer."""
    promo_ceiling: int = DEFAULT_PROMO_CEILING
    """At most this percent of published items may be promotional."""
    hashtags: tuple[str, ...] = ()
    """Hashtags to use."""
    keywords: tuple[str, ...] = ()
    """Keywords to use."""
    do: tuple[str, ...] = ()
    """Rules: do."""
    dont: tuple[str, ...] = ()
    """Rules: don't."""

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Guide:
        """Build the guide from its stored document (missing fields take their defaults)."""
        notes = doc.get("channel_notes") or {}
        ceiling = doc.get("promo_ceiling")
        return cls(
            purpose=str(doc.get("purpose") or ""),
            audience=str(doc.get("audience") or ""),
            voice=str(doc.get("voice") or ""),
            channel_notes={str(k): str(v) for k, v in dict(notes).items()},
            commenting=str(doc.get("commenting") or ""),
            promo_ceiling=DEFAULT_PROMO_CEILING if ceiling is None else int(ceiling),
            hashtags=tuple(str(x) for x in doc.get("hashtags") or ()),
            keywords=tuple(str(x) for x in doc.get("keywords") or ()),
            do=tuple(str(x) for x in doc.get("do") or ()),
            dont=tuple(str(x) for x in doc.get("dont") or ()),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored fields."""
        return {
            "purpose": self.purpose,
            "audience": self.audience,
            "voice": self.voice,
            "channel_notes": dict(self.channel_notes),
            "commenting": self.commenting,
            "promo_ceiling": self.promo_ceiling,
            "hashtags": list(self.hashtags),
            "keywords": list(self.keywords),
            "do": list(self.do),
            "dont": list(self.dont),
        }

    def cleaned(self) -> Guide:
        """The same guide with every field in its canonical, checked form."""
        notes: dict[str, str] = {}
        for key, text in self.channel_notes.items():
            notes[clean_key(key)] = tidy_prose(text)
        return Guide(
            purpose=tidy_prose(self.purpose),
            audience=tidy_prose(self.audience),
            voice=tidy_prose(self.voice),
            channel_notes=notes,
            commenting=tidy_prose(self.commenting),
            promo_ceiling=check_percent(self.promo_ceiling, _("the self-promotion ceiling")),
            hashtags=clean_items(self.hashtags),
            keywords=clean_items(self.keywords),
            do=clean_items(self.do),
            dont=clean_items(self.dont),
        )


@dataclass(frozen=True)
class Pillar:
    """A content pillar (theme) with its target share of published content."""

    id: int
    """TinyDB document id (0 for a pillar not stored yet)."""
    name: str
    """Short name, e.g. "Recipes"; content items refer to a pillar by this name."""
    description: str = ""
    """One line: what belongs in this pillar."""
    target: int = 0
    """Target share of published content, in percent."""
    promotional: bool = False
    """Talks about the blogger's own products or services (counts against the ceiling)."""
    position: int = 0
    """Order in the guide (smaller first)."""

    @classmethod
    def from_doc(cls, doc: Document | Mapping[str, Any]) -> Pillar:
        """Build a pillar from its stored document."""
        return cls(
            id=getattr(doc, "doc_id", 0),
            name=str(doc.get("name") or ""),
            description=str(doc.get("description") or ""),
            target=int(doc.get("target") or 0),
            promotional=bool(doc.get("promotional", False)),
            position=int(doc.get("position") or 0),
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored fields (without the id)."""
        return {
            "name": self.name,
            "description": self.description,
            "target": self.target,
            "promotional": self.promotional,
            "position": self.position,
        }

    def cleaned(self) -> Pillar:
        """The same pillar checked: a name, a one-line description, a target 0-100."""
        name = one_line(self.name)
        if not name:
            raise InputError(_("a pillar needs a name"))
        return replace(
            self,
            name=name,
            description=one_line(self.description),
            target=check_percent(self.target, _("a pillar's target")),
        )


# -- the guide ----------------------------------------------------------------------------------


def load_guide(plan: Plan) -> Guide:
    """The plan's guide (defaults when the file has none)."""
    return Guide.from_doc(plan.get_single("guide"))


def save_guide(plan: Plan, guide: Guide) -> Guide:
    """Check and store the whole guide; return what was stored."""
    guide = guide.cleaned()
    plan.set_single("guide", guide.to_doc())
    return guide


def update_guide(plan: Plan, **fields: Any) -> Guide:
    """Change some fields of the guide (e.g. ``voice="..."``) and save."""
    unknown = set(fields) - set(Guide.__dataclass_fields__)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    for name in LIST_FIELDS:
        if name in fields:
            fields[name] = tuple(fields[name])
    return save_guide(plan, replace(load_guide(plan), **fields))


def set_channel_note(plan: Plan, key: str, text: str) -> Guide:
    """Set (or, with empty text, remove) the note for one channel."""
    guide = load_guide(plan)
    notes = dict(guide.channel_notes)
    key = clean_key(key)
    if tidy_prose(text):
        notes[key] = text
    else:
        notes.pop(key, None)
    return save_guide(plan, replace(guide, channel_notes=notes))


def channel_note_keys(plan: Plan) -> list[tuple[str, str]]:
    """(key, label) of every channel a note can be written for: the registered channels
    (those where the audience is first), then any other channel the guide already has a note for."""
    from storage.phases import list_channels

    channels = sorted(list_channels(plan), key=lambda c: not c.priority)
    keys = [(c.key, c.name) for c in channels]
    known = {key for key, _label in keys}
    keys += [(key, key) for key in load_guide(plan).channel_notes if key not in known]
    return keys


# -- pillars ------------------------------------------------------------------------------------


def list_pillars(plan: Plan) -> list[Pillar]:
    """Every pillar, in guide order."""
    pillars = [Pillar.from_doc(doc) for doc in plan.table("pillars").all()]
    return sorted(pillars, key=lambda p: (p.position, p.id))


def target_total(pillars: Iterable[Pillar]) -> int:
    """The sum of the pillars' targets (should be 100)."""
    return sum(p.target for p in pillars)


def target_warning(pillars: Iterable[Pillar]) -> str | None:
    """A one-line warning when the targets do not add up to 100 (None when they do)."""
    pillars = list(pillars)
    total = target_total(pillars)
    if not pillars or total == 100:
        return None
    return _("The pillar targets add up to {total}%, not 100%.").format(total=total)


def _check_unique(plan: Plan, name: str, except_id: int = 0) -> None:
    for other in list_pillars(plan):
        if other.id != except_id and other.name.casefold() == name.casefold():
            raise InputError(_("there is already a pillar named {name!r}").format(name=name))


def add_pillar(
    plan: Plan,
    name: str,
    description: str = "",
    target: int | str = 0,
    promotional: bool = False,
) -> Pillar:
    """Add a pillar at the end of the guide and return it."""
    pillars = list_pillars(plan)
    position = max((p.position for p in pillars), default=-1) + 1
    pillar = Pillar(
        0,
        name,
        description,
        int(check_percent(target, _("a pillar's target"))),
        promotional,
        position,
    ).cleaned()
    _check_unique(plan, pillar.name)
    doc_id = plan.table("pillars").insert(pillar.to_doc())
    return replace(pillar, id=doc_id)


def get_pillar(plan: Plan, pillar_id: int) -> Pillar:
    """One pillar by id; :class:`InputError` when there is none."""
    doc = plan.table("pillars").get(doc_id=pillar_id)
    if doc is None or isinstance(doc, list):
        raise InputError(_("no pillar with id {id}").format(id=pillar_id))
    return Pillar.from_doc(doc)


def update_pillar(plan: Plan, pillar_id: int, **fields: Any) -> Pillar:
    """Change some fields of a pillar; a new name is carried over to the content that used it."""
    old = get_pillar(plan, pillar_id)
    if "target" in fields:
        fields["target"] = check_percent(fields["target"], _("a pillar's target"))
    new = replace(old, **fields).cleaned()
    if new.name != old.name:
        _check_unique(plan, new.name, except_id=pillar_id)
    with plan.batch():
        plan.table("pillars").update(new.to_doc(), doc_ids=[pillar_id])
        if new.name != old.name:
            content = plan.table("content")
            renamed = [doc.doc_id for doc in content.all() if doc.get("pillar") == old.name]
            if renamed:
                content.update({"pillar": new.name}, doc_ids=renamed)
    return new


def delete_pillar(plan: Plan, pillar_id: int) -> Pillar:
    """Remove a pillar and return it (for undo); content keeps the name it had."""
    pillar = get_pillar(plan, pillar_id)
    plan.table("pillars").remove(doc_ids=[pillar_id])
    return pillar


def restore_pillar(plan: Plan, pillar: Pillar) -> Pillar:
    """Put a deleted pillar back at its old place (undo)."""
    _check_unique(plan, pillar.name)
    doc_id = plan.table("pillars").insert(pillar.to_doc())
    return replace(pillar, id=doc_id)


def move_pillar(plan: Plan, pillar_id: int, delta: int) -> None:
    """Move a pillar up (``delta < 0``) or down in the guide order."""
    pillars = list_pillars(plan)
    index = next((i for i, p in enumerate(pillars) if p.id == pillar_id), None)
    if index is None:
        raise InputError(_("no pillar with id {id}").format(id=pillar_id))
    target = max(0, min(len(pillars) - 1, index + delta))
    pillars.insert(target, pillars.pop(index))
    with plan.batch():
        table = plan.table("pillars")
        for position, pillar in enumerate(pillars):
            if pillar.position != position:
                table.update({"position": position}, doc_ids=[pillar.id])


def replace_guide(plan: Plan, guide: Guide, pillars: Iterable[Pillar]) -> None:
    """Replace the whole guide and its pillars at once (all or nothing), e.g. from an import."""
    guide = guide.cleaned()
    checked = [replace(p, position=i).cleaned() for i, p in enumerate(pillars)]
    seen: set[str] = set()
    for pillar in checked:
        if pillar.name.casefold() in seen:
            raise InputError(_("there is already a pillar named {name!r}").format(name=pillar.name))
        seen.add(pillar.name.casefold())
    with plan.batch():
        plan.set_single("guide", guide.to_doc())
        table = plan.table("pillars")
        table.truncate()
        for pillar in checked:
            table.insert(pillar.to_doc())


def rules_summary(guide: Guide) -> str:
    """The do/don't rules, voice and ceiling as plain text (for a side panel or the terminal)."""
    lines = [_("Do:")]
    lines += [f"  + {rule}" for rule in guide.do] or ["  " + _("(none)")]
    lines.append(_("Don't:"))
    lines += [f"  - {rule}" for rule in guide.dont] or ["  " + _("(none)")]
    lines.append(
        _("Self-promotion ceiling: at most {share} of published items.").format(
            share=percent(guide.promo_ceiling)
        )
    )
    if guide.voice:
        lines += ["", _("Voice and tone:"), guide.voice]
    return "\n".join(lines)
