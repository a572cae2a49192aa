"""``make bench``: how socialplan's costs compare with baselines measured in the same run.

Each figure prints one line: the ratio of medians, the two medians, the number of runs, and the
target. Our runs and the baseline's are interleaved, so a noisy machine slows both alike.
Nothing here is asserted by the test suite: these machines are too noisy for timed tests.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gc
import http.server
import os
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SOCIALPLAN_TODAY", "2026-11-26")

from scripts.bigdata import build  # noqa: E402

TODAY = date(2026, 11, 26)
CORPUS = ROOT.parent / "shared" / "corpus" / "feeds"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def interleave(ours: Callable[[], float], base: Callable[[], float], runs: int) -> tuple[float, float]:
    """Run both ``runs`` times, alternating; return (our median, baseline median) in seconds."""
    ours()  # warm caches on both sides once
    base()
    a: list[float] = []
    b: list[float] = []
    for i in range(runs):
        if i % 2:
            a.append(ours())
            b.append(base())
        else:
            b.append(base())
            a.append(ours())
    return statistics.median(a), statistics.median(b)


def report(name: str, ours: float, base: float, runs: int, target: float, note: str = "") -> None:
    ratio = ours / base if base else float("inf")
    verdict = "ok" if ratio <= target else "MISSES"
    print(
        f"{name:<12} {ratio:5.2f}x  (ours {ours * 1000:8.1f} ms, baseline {base * 1000:8.1f} ms, "
        f"{runs} runs; target <= {target}x: {verdict}){' ' + note if note else ''}",
        flush=True,
    )


def timed_run(argv: list[str]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        subprocess.run(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        return time.perf_counter() - start

    return run


# -- 1. start-up ------------------------------------------------------------------------------


def until_first_frame(
    argv: list[str], shown: list[float] | None = None
) -> Callable[[], float]:
    """Time from starting a process to the first frame it paints (it prints ``READY <time>``).

    The process's exit afterwards is not counted: what the figure measures is how soon the app
    is on screen. When the process also prints ``SHOWN <time>`` (the check-in on screen), that
    time is added to ``shown``.
    """

    def run() -> float:
        start = time.time()
        done = subprocess.run(argv, env=ENV, capture_output=True, text=True, check=True)
        stamps = {line.split()[0]: float(line.split()[1]) for line in done.stdout.splitlines()
                  if line.startswith(("READY ", "SHOWN "))}
        if shown is not None and "SHOWN" in stamps:
            shown.append(stamps["SHOWN"] - start)
        return stamps["READY"] - start

    return run


STARTUP_RUNS = 3
"""Start-up runs this many times the runs asked: a start takes a quarter of a second, and on a
noisy machine a median of 11 moved by 0.2x from one invocation to the next."""


def bench_startup(big: Path, runs: int, figures: set[str]) -> None:
    """start-up (first frame) and on-screen (the Today list filled), both against the first
    frame of a one-Label app, from the same runs."""
    script = str(ROOT / "scripts" / "bench_startup.py")
    runs *= STARTUP_RUNS
    shown: list[float] = []
    ours, base = interleave(
        until_first_frame([sys.executable, script, "socialplan", str(big)], shown),
        until_first_frame([sys.executable, script, "label"]),
        runs,
    )
    if "start-up" in figures:
        report("start-up", ours, base, runs, 1.25, "(start to first frame, headless, vs one Label)")
    if "on-screen" in figures:
        report("on-screen", statistics.median(shown[1:]), base, runs, 1.5,
               "(start to the Today list filled, three-year file, vs one Label's first frame)")


# -- 2. check-in ------------------------------------------------------------------------------


def calcurse_folder(folder: Path, count: int = 5000) -> Path:
    """A calcurse data folder with ``count`` appointments over three years."""
    import random

    rng = random.Random(3)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for n in range(count):
        day = date.fromordinal(TODAY.toordinal() - rng.randint(-90, 3 * 365))
        hour = rng.randint(7, 20)
        lines.append(
            f"{day:%m/%d/%Y} @ {hour:02d}:00 -> {day:%m/%d/%Y} @ {hour:02d}:45 |Appointment {n}"
        )
    (folder / "apts").write_text("\n".join(lines) + "\n")
    (folder / "todo").write_text("")
    return folder


def checkin_command(data: Path) -> list[str]:
    """The installed command, as a shell's start-up file runs it (``python -m tui`` without one)."""
    script = Path(sys.executable).with_name("socialplan")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    return [*command, "--data", str(data), "checkin"]


def bench_checkin(big: Path, tmp: Path, runs: int) -> None:
    ours_cmd = checkin_command(big)
    calcurse = shutil.which("calcurse")
    if calcurse:
        folder = calcurse_folder(tmp / "calcurse")
        base_cmd = [calcurse, "-D", str(folder), "-a", "-d", TODAY.strftime("%m/%d/%Y")]
        note = "(vs calcurse -a, 5,000 appointments)"
    else:
        base_cmd = [sys.executable, "-c", "pass"]
        note = "(calcurse not installed: vs python -c pass)"
    ours, base = interleave(timed_run(ours_cmd), timed_run(base_cmd), runs)
    report("check-in", ours, base, runs, 1.5, note)


# -- 3. save ----------------------------------------------------------------------------------


class SaveTimer:
    """Marking a task done on an open plan, durable (as the app saves: on its writer thread)."""

    def __init__(self, source: Path, copy: Path) -> None:
        from storage.datafile import open_plan
        from storage.phases import list_tasks

        copy.parent.mkdir(parents=True)
        shutil.copy(source, copy)
        self.plan = open_plan(copy)
        self.plan.save_in_background()  # as the app does
        self.task = list_tasks(self.plan)[0]
        self.done = self.task.done
        self.ui_times: list[float] = []

    def __call__(self) -> float:
        from storage.phases import set_done

        self.done = not self.done
        start = time.perf_counter()
        set_done(self.plan, self.task.id, self.done)
        self.ui_times.append(time.perf_counter() - start)
        self.plan.flush()
        return time.perf_counter() - start

    def close(self) -> None:
        self.plan.close()


def bench_save(big: Path, tmp: Path, runs: int) -> None:
    import orjson

    from storage.datafile import serialize

    ours = SaveTimer(big, tmp / "save" / "plan.json")
    data = orjson.loads(big.read_bytes())
    target = tmp / "save" / "plain.json"

    def base() -> float:
        start = time.perf_counter()
        payload = serialize(data)
        with open(target, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        return time.perf_counter() - start

    try:
        a, b = interleave(ours, base, runs)
    finally:
        ours.close()
    report("save", a, b, runs, 1.5, "(mark a task done, durable, vs one serialize+write+fsync; "
           f"the UI thread itself waits {statistics.median(ours.ui_times) * 1000:.1f} ms: "
           "the write and fsync happen on the writer thread)")


# -- 4. mentions and 6. calendar (in the app, headless) ---------------------------------------


async def _time_keys(app: Any, setup: list[str], keys: list[str]) -> float:
    """Press ``setup``, let the app settle, then time ``keys`` until the app is idle again."""
    async with app.run_test(size=(120, 36)) as pilot:
        for key in setup:
            await pilot.press(key)
        await pilot.pause()
        # Only what the keys start is timed: the check-in the app builds at start (a
        # worker, longer on the big file) must not still be running.
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press(*keys)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return time.perf_counter() - start


async def _time_in_app(data: Path, setup: list[str], keys: list[str]) -> float:
    from storage.datafile import open_plan
    from tui.app import SocialPlanApp

    plan = open_plan(data)
    # As ``socialplan`` does once it has read the file (``SocialPlanApp._first_frame_painted``):
    # the plan's records live as long as the app, so the collector never walks them again.
    # Without it, a collection over the three-year file's records lands in a timed key.
    gc.freeze()
    try:
        return await _time_keys(SocialPlanApp(plan), setup, keys)
    finally:
        plan.close()


def app_timer(data: Path, setup: list[str], keys: list[str]) -> Callable[[], float]:
    return lambda: asyncio.run(_time_in_app(data, setup, keys))


def bare_key_timer(keys: list[str]) -> Callable[[], float]:
    """The same harness on a bare Textual app whose key updates one Label."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Label

    class Bare(App[None]):
        BINDINGS = [Binding("right_square_bracket", "next", "Next")]

        def compose(self) -> ComposeResult:
            yield Label("month 0", id="month")

        def action_next(self) -> None:
            label = self.query_one("#month", Label)
            label.update(f"month {int(str(label.content).split()[1]) + 1}")

    return lambda: asyncio.run(_time_keys(Bare(), [], keys))


def bench_mentions(tmp: Path, runs: int) -> None:
    big = build(tmp / "m20k" / "plan.json", TODAY, mentions=20_000)
    small = build(tmp / "m1k" / "plan.json", TODAY, mentions=1_000)
    keys = ["5", "slash", *"cafe", "enter"]
    ours, base = interleave(app_timer(big, [], keys), app_timer(small, [], keys), runs)
    report("mentions", ours, base, runs, 1.5, "(open tab + search, 20,000 vs 1,000 mentions)")


def empty_plan(tmp: Path) -> Path:
    from storage.datafile import open_plan

    empty = tmp / "empty" / "plan.json"
    if not empty.exists():
        open_plan(empty, today=TODAY).close()
    return empty


def bench_calendar(big: Path, tmp: Path, runs: int) -> None:
    keys = ["right_square_bracket"]
    ours, base = interleave(app_timer(big, ["4"], keys), app_timer(empty_plan(tmp), ["4"], keys),
                            runs)
    report("calendar", ours, base, runs, 1.25, "(next month, three-year file vs empty file)")


def bench_calendar_key(tmp: Path, runs: int) -> None:
    keys = ["right_square_bracket"]
    ours, base = interleave(app_timer(empty_plan(tmp), ["4"], keys), bare_key_timer(keys), runs)
    report("calendar-key", ours, base, runs, 2.0,
           "(next month on an empty file vs a bare app whose key updates one Label)")


# -- 5. fetch ---------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


# -- 6. fetch against newsboat ----------------------------------------------------------------

FEEDS_AGAINST_NEWSBOAT = 36


def _corpus_server() -> tuple[socketserver.ThreadingTCPServer, list[str]]:
    """The shared corpus over local HTTP, each real file under several URLs: 36 feed URLs."""
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".rss", ".atom", ".rdf", ".json"})
    handler = functools.partial(_Quiet, directory=str(CORPUS))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    urls = [
        f"http://127.0.0.1:{port}/{files[i % len(files)].name}?copy={i // len(files)}"
        for i in range(FEEDS_AGAINST_NEWSBOAT)
    ]
    return server, urls


def bench_fetch_against_newsboat(tmp: Path, runs: int, figures: set[str]) -> None:
    """fetch-warm and fetch-cold: ``socialplan fetch`` against ``newsboat -x reload``."""
    import shutil

    newsboat = shutil.which("newsboat")
    if newsboat is None:
        for figure in sorted(figures & {"fetch-warm", "fetch-cold"}):
            print(f"{figure:<12} skipped: newsboat is not installed (apt-get install newsboat)")
        return
    from storage.datafile import open_plan

    server, urls = _corpus_server()
    folder = tmp / "vs-newsboat"
    folder.mkdir()
    quiet_env = {k: v for k, v in ENV.items() if "proxy" not in k.lower()}
    quiet_env["HOME"] = str(folder)
    (folder / "urls").write_text("".join(f"{url}\n" for url in urls))
    (folder / "config").write_text("")
    template = folder / "template.json"
    plan = open_plan(template, today=TODAY)
    with plan.batch():
        for n, url in enumerate(urls):
            plan.table("feeds").insert({"name": f"feed {n}", "source": url, "kind": "url",
                                        "tags": []})
    plan.close()
    counter = [0]

    def run(argv: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, env=quiet_env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True, cwd=folder)
        return time.perf_counter() - start

    def ours_fetch(data: Path) -> float:
        return run([sys.executable, "-m", "tui", "--data", str(data), "fetch"])

    def newsboat_reload(cache: Path) -> float:
        return run([newsboat, "-u", str(folder / "urls"), "-c", str(cache),
                    "-C", str(folder / "config"), "-x", "reload"])

    def fresh_plan() -> Path:
        counter[0] += 1
        target = folder / f"cold{counter[0]}" / "plan.json"
        target.parent.mkdir()
        shutil.copyfile(template, target)
        return target

    def fresh_cache() -> Path:
        counter[0] += 1
        return folder / f"cold{counter[0]}.db"

    warm_plan = fresh_plan()
    warm_cache = fresh_cache()
    ours_fetch(warm_plan)  # the first fetch fills the cache; every measured one finds it current
    newsboat_reload(warm_cache)
    try:
        if "fetch-warm" in figures:
            a, b = interleave(lambda: ours_fetch(warm_plan), lambda: newsboat_reload(warm_cache),
                              runs)
            report("fetch-warm", a, b, runs, 1.5,
                   f"({len(urls)} real feeds over local HTTP, unchanged, vs newsboat -x reload)")
        if "fetch-cold" in figures:
            a, b = interleave(lambda: ours_fetch(fresh_plan()),
                              lambda: newsboat_reload(fresh_cache()), runs)
            report("fetch-cold", a, b, runs, 2.0,
                   f"({len(urls)} real feeds into an empty cache, vs newsboat into an empty cache)")
    finally:
        server.shutdown()


# -- how costs grow with the plan --------------------------------------------------------------

SCALES = (1, 3, 10)
"""Multiples of the three-year file: 3, 9 and 30 years of a blog that kept going."""


def median_of(timer: Callable[[], float], runs: int) -> float:
    timer()  # warm caches once
    return statistics.median(timer() for _ in range(runs))


def bench_scale(tmp: Path, runs: int) -> None:
    """check-in, save, calendar and mentions on 1x, 3x and 10x the three-year file."""
    files = {}
    for scale in SCALES:
        print(f"building the {scale}x file...", flush=True)
        files[scale] = build(tmp / f"scale{scale}" / "plan.json", TODAY, scale=scale)
    costs: dict[str, list[float]] = {}
    for scale, data in files.items():
        timers: dict[str, Callable[[], float]] = {
            "check-in": timed_run(checkin_command(data)),
            "calendar": app_timer(data, ["4"], ["right_square_bracket"]),
            "mentions": app_timer(data, [], ["5", "slash", *"cafe", "enter"]),
        }
        save = SaveTimer(data, tmp / f"scale{scale}-save" / "plan.json")
        timers["save"] = save
        try:
            for name in ("check-in", "save", "calendar", "mentions"):
                costs.setdefault(name, []).append(median_of(timers[name], runs))
        finally:
            save.close()
    size = {scale: files[scale].stat().st_size / 1e6 for scale in SCALES}
    print(f"{'scale':<11}" + "".join(f"{f'{s}x ({size[s]:.0f} MB)':>22}" for s in SCALES))
    for name, values in costs.items():
        cells = [f"{values[0] * 1000:.0f} ms"] + [
            f"{v * 1000:.0f} ms ({v / values[0]:.1f}x)" for v in values[1:]
        ]
        print(f"{name:<11}" + "".join(f"{c:>22}" for c in cells), flush=True)
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(72, 18)
    plt.theme("clear")
    for name, values in costs.items():
        plt.plot(list(SCALES), [v * 1000 for v in values], label=name, marker="dot")
    plt.xticks(list(SCALES), [f"{s}x" for s in SCALES])
    plt.title("median ms by size of the plan (1x = three years)")
    print(plt.build(), flush=True)


FIGURES = (
    "start-up", "on-screen", "check-in", "save", "mentions", "fetch-warm", "fetch-cold",
    "calendar", "calendar-key",
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per side (at least 5)")
    parser.add_argument("--scale", action="store_true",
                        help="check-in, save, calendar and mentions on 1x, 3x and 10x the file")
    parser.add_argument("figures", nargs="*", metavar="FIGURE",
                        help=f"some of: {', '.join(FIGURES)} (default: all)")
    args = parser.parse_args()
    unknown = set(args.figures) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(sorted(unknown))}")
    figures = set(args.figures or ([] if args.scale else FIGURES))
    runs = max(args.runs, 5)
    # An installed socialplan runs from compiled bytecode; so do the measured runs here.
    import compileall

    for folder in ("storage", "tui", "scripts"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)
    print(f"socialplan benchmarks, {date.today()}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}; ratio = our median / baseline median", flush=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        big = build(tmp / "big" / "plan.json", TODAY) if figures else tmp
        if figures & {"start-up", "on-screen"}:
            bench_startup(big, runs, figures)
        if "check-in" in figures:
            bench_checkin(big, tmp, runs)
        if "save" in figures:
            bench_save(big, tmp, runs)
        if "mentions" in figures:
            bench_mentions(tmp, runs)
        if figures & {"fetch-warm", "fetch-cold"}:
            bench_fetch_against_newsboat(tmp, runs, figures)
        if "calendar" in figures:
            bench_calendar(big, tmp, runs)
        if "calendar-key" in figures:
            bench_calendar_key(tmp, runs)
        if args.scale:
            bench_scale(tmp, max(args.runs // 2, 3) if args.runs != 11 else 5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
