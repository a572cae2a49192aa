"""Run by tests/tui/test_pseudo_language.py in a process of its own: every translated string
wrapped in ⟦…⟧ (set before the app is imported, as the command line sets the language), each tab,
the help screen and the check-in drawn, and every visible word outside the wrappers that is not
the user's own data printed, one per line (``WORD<TAB>where``)."""

from __future__ import annotations

import asyncio
import gettext
import re
import sys
from pathlib import Path
from typing import Any

from storage import i18n


class Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"


i18n.use_translations(Pseudo())

from storage.checkin import build_checkin, format_text  # noqa: E402
from storage.datafile import open_plan  # noqa: E402
from storage.dates import today  # noqa: E402
from tui.app import TABS, SocialPlanApp  # noqa: E402

WORD = re.compile(r"[^\W\d_]{2,}")
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
# Dates read through storage.dates (English from strftime: not a bypass), keys, Textual's own.
ALLOWED = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "oct", "nov", "dec", "ctrl", "space", "enter", "escape", "tab",
    "palette", "socialplan", "json", "pgup", "pgdn", "home", "end", "up", "down", "left", "right",
}  # fmt: skip


def user_words(plan: Any) -> set[str]:
    """Every word in the plan's own records (titles, names, notes, channel keys...)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(w.lower() for w in WORD.findall(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(plan.snapshot())
    walk([dict(doc) for doc in plan.mentions_table().all()])  # fetched text: outside data
    reference = Path(__file__).resolve().parents[2] / "storage/phases/reference/phases.json"
    walk(reference.read_text(encoding="utf-8"))  # phase descriptions: data, French in fr/
    return found


def catalogue_words() -> set[str]:
    """Every word of every message (a cut-off piece of one is the layout's, not a bypass)."""
    template = Path(__file__).resolve().parents[2] / "storage/locale/socialplan.pot"
    return {w.lower() for w in WORD.findall(template.read_text(encoding="utf-8"))}


def leaks(text: str, allowed: set[str], pieces: set[str] = frozenset()) -> set[str]:
    """Words outside the wrappers that are neither allowed nor a piece of a longer word cut off
    by the layout (``Ten lessons fro…``, a line under the help screen)."""
    outside = ""
    while outside != text:  # wrappers inside wrappers: a message placed in another
        outside, text = text, WRAPPED.sub(" ", text)
    return {
        w for w in WORD.findall(outside)
        if w.lower() not in allowed
        and not (len(w) < 8 and any(v != w.lower() and (v.startswith(w.lower())
                                                         or v.endswith(w.lower()))
                                    for v in pieces))
    }


async def main(data: Path) -> None:
    plan = open_plan(data)
    allowed = ALLOWED | user_words(plan) | {w.lower() for w in WORD.findall(data.name)}
    pieces = allowed | catalogue_words()
    found: dict[str, set[str]] = {}
    app = SocialPlanApp(plan)
    async with app.run_test(size=(120, 36)) as pilot:
        for n, spec in enumerate(TABS, start=1):
            await pilot.press(str(n))
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            text = "\n".join(s.text for s in app.screen._compositor.render_strips())
            for word in leaks(text, allowed, pieces):
                found.setdefault(word, set()).add(spec.id)
            await pilot.press("question_mark")
            await pilot.pause(0.3)
            help_text = "\n".join(f"{e.section} {e.description}" for e in app.screen.entries)
            for word in leaks(help_text, allowed):
                found.setdefault(word, set()).add(spec.id + " help")
            await pilot.press("escape")
            await pilot.pause(0.1)
    checkin = format_text(build_checkin(plan, today()))
    for word in leaks(checkin, allowed, pieces):
        found.setdefault(word, set()).add("checkin")
    plan.close()
    for word, where in sorted(found.items()):
        print(f"{word}\t{','.join(sorted(where))}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
