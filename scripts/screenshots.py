"""Regenerate ``screenshots/``: an SVG of every tab, on a demo data file, in English and (in
``screenshots/fr/``) in French.

Usage: ``make screenshots`` (or ``python scripts/screenshots.py [--png] [--lang fr|en]``; ``--png``
also writes PNG copies beside the SVGs into a temporary folder for looking at them, via cairosvg).
Without ``--lang`` both languages are made; each in a process of its own, since the app's keys
and tab names are made in the language chosen before it is imported.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("SOCIALPLAN_TODAY", "2026-11-26")  # stable pictures from day to day
sys.path.insert(0, str(ROOT))

from scripts.demo import build_demo  # noqa: E402
from storage.datafile import open_plan  # noqa: E402

SIZE = (120, 36)


async def shoot(data: Path, out: Path) -> list[Path]:
    """Save one SVG per tab into ``out``."""
    from tui.app import TABS, SocialPlanApp

    written = []
    for n, spec in enumerate(TABS, start=1):
        plan = open_plan(data)
        app = SocialPlanApp(plan)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press(str(n))
                await pilot.pause(0.6)
                await app.workers.wait_for_complete()
                await pilot.pause(0.2)
                target = out / f"{n}-{spec.id}.svg"
                target.write_text(app.export_screenshot(title=f"socialplan — {spec.title}"))
                written.append(target)
        finally:
            plan.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--png", action="store_true", help="also write PNG copies to /tmp")
    parser.add_argument("--lang", choices=("en", "fr"), help="only this language")
    parser.add_argument("--out", type=Path, help="write into this folder instead (tests)")
    args = parser.parse_args()
    if args.lang is None:
        import subprocess

        for lang in ("en", "fr"):
            command = [sys.executable, __file__, "--lang", lang] + (["--png"] if args.png else [])
            subprocess.run(command, check=True)
        return 0
    from storage.i18n import set_language

    set_language(args.lang)
    out = args.out or ROOT / "screenshots" / ("fr" if args.lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = build_demo(Path(tmp) / "demo.json")
        written = asyncio.run(shoot(data, out))
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    if args.png:
        import cairosvg

        png_dir = Path(tempfile.gettempdir()) / "socialplan-screenshots"
        png_dir.mkdir(exist_ok=True)
        for path in written:
            target = png_dir / (f"{args.lang}-{path.stem}.png")
            cairosvg.svg2png(url=str(path), write_to=str(target))
            print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
