"""``make bench``: how socialplan's costs compare with baselines measured in the same run.

Each figure prints one line: the ratio of medians, the two medians, the number of runs, and the
target. Our runs and the baseline's are interleaved, so a noisy machine slows both alike.
Nothing here is asserted by the test suite: these machines are too noisy for timed tests.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
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
        f"{name:<11} {ratio:5.2f}x  (ours {ours * 1000:8.1f} ms, baseline {base * 1000:8.1f} ms, "
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


def bench_startup(big: Path, runs: int) -> None:
    script = str(ROOT / "scripts" / "bench_startup.py")
    runs *= STARTUP_RUNS
    shown: list[float] = []
    ours, base = interleave(
        until_first_frame([sys.executable, script, "socialplan", str(big)], shown),
        until_first_frame([sys.executable, script, "label"]),
        runs,
    )
    report("start-up", ours, base, runs, 1.25, "(start to first frame, headless, vs one Label)")
    print(f"{'':<11} for information: the check-in is on screen {statistics.median(shown) * 1000:.1f} "
          f"ms after start (median; the file is read after the first frame; no target)",
          flush=True)


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


def bench_checkin(big: Path, tmp: Path, runs: int) -> None:
    # The installed command, as a shell's start-up file runs it (``python -m tui`` without one).
    script = Path(sys.executable).with_name("socialplan")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    ours_cmd = [*command, "--data", str(big), "checkin"]
    calcurse = shutil.which("calcurse")
    if calcurse:
        folder = calcurse_folder(tmp / "calcurse")
        base_cmd = [calcurse, "-D", str(folder), "-a", "-d", TODAY.strftime("%m/%d/%Y")]
        note = "(vs calcurse -a, 5,000 appointments)"
    else:
        base_cmd = [sys.executable, "-c", "pass"]
        note = "(calcurse not installed: vs python -c pass)"
    ours, base = interleave(timed_run(ours_cmd), timed_run(base_cmd), runs)
    report("check-in", ours, base, runs, 2.5, note)


# -- 3. save ----------------------------------------------------------------------------------


def bench_save(big: Path, tmp: Path, runs: int) -> None:
    import orjson

    from storage.datafile import open_plan, serialize
    from storage.phases import list_tasks, set_done

    copy = tmp / "save" / "plan.json"
    copy.parent.mkdir()
    shutil.copy(big, copy)
    plan = open_plan(copy)
    plan.save_in_background()  # as the app does
    task = list_tasks(plan)[0]
    state = [task.done]
    ui_times: list[float] = []

    def ours() -> float:
        state[0] = not state[0]
        start = time.perf_counter()
        set_done(plan, task.id, state[0])
        ui_times.append(time.perf_counter() - start)
        plan.flush()
        return time.perf_counter() - start

    data = orjson.loads(copy.read_bytes())
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
        plan.close()
    report("save", a, b, runs, 1.5, "(mark a task done, durable, vs one serialize+write+fsync; "
           f"the UI thread itself waits {statistics.median(ui_times) * 1000:.1f} ms: "
           "the write and fsync happen on the writer thread)")


# -- 4. mentions and 6. calendar (in the app, headless) ---------------------------------------


async def _time_in_app(data: Path, setup: list[str], keys: list[str]) -> float:
    from storage.datafile import open_plan
    from tui.app import SocialPlanApp

    plan = open_plan(data)
    app = SocialPlanApp(plan)
    try:
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
    finally:
        plan.close()


def app_timer(data: Path, setup: list[str], keys: list[str]) -> Callable[[], float]:
    return lambda: asyncio.run(_time_in_app(data, setup, keys))


def bench_mentions(tmp: Path, runs: int) -> None:
    big = build(tmp / "m20k" / "plan.json", TODAY, mentions=20_000)
    small = build(tmp / "m1k" / "plan.json", TODAY, mentions=1_000)
    keys = ["5", "slash", *"cafe", "enter"]
    ours, base = interleave(app_timer(big, [], keys), app_timer(small, [], keys), runs)
    report("mentions", ours, base, runs, 1.5, "(open tab + search, 20,000 vs 1,000 mentions)")


def bench_calendar(big: Path, tmp: Path, runs: int) -> None:
    from storage.datafile import open_plan

    empty = tmp / "empty" / "plan.json"
    open_plan(empty, today=TODAY).close()
    ours, base = interleave(
        app_timer(big, ["4"], ["right_square_bracket"]),
        app_timer(empty, ["4"], ["right_square_bracket"]),
        runs,
    )
    report("calendar", ours, base, runs, 1.5, "(next month, three-year file vs empty file)")


# -- 5. fetch ---------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def bench_fetch(tmp: Path, runs: int) -> None:
    import feedparser

    from storage.datafile import open_plan
    from storage.mentions.ingest import fetch_all

    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".rss", ".atom", ".rdf", ".json"})
    handler = functools.partial(_Quiet, directory=str(CORPUS))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    counter = [0]

    def ours() -> float:
        counter[0] += 1
        path = tmp / f"fetch{counter[0]}" / "plan.json"
        plan = open_plan(path, today=TODAY)
        with plan.batch():
            for file in files:
                plan.table("feeds").insert(
                    {"name": file.name, "source": f"http://127.0.0.1:{port}/{file.name}",
                     "kind": "url", "tags": []}
                )
        try:
            start = time.perf_counter()
            fetch_all(plan)
            return time.perf_counter() - start
        finally:
            plan.close()

    def base() -> float:
        start = time.perf_counter()
        for file in files:
            feedparser.parse(str(file))
        return time.perf_counter() - start

    try:
        a, b = interleave(ours, base, runs)
    finally:
        server.shutdown()
    report("fetch", a, b, runs, 1.0,
           f"({len(files)} real feeds over local HTTP, stored, vs feedparser.parse of the files)")


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


def bench_fetch_against_newsboat(tmp: Path, runs: int) -> None:
    """fetch-warm and fetch-cold: ``socialplan fetch`` against ``newsboat -x reload``."""
    import shutil

    newsboat = shutil.which("newsboat")
    if newsboat is None:
        print("fetch-warm  skipped: newsboat is not installed (apt-get install newsboat)")
        print("fetch-cold  skipped: newsboat is not installed (apt-get install newsboat)")
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
        a, b = interleave(lambda: ours_fetch(warm_plan), lambda: newsboat_reload(warm_cache), runs)
        report("fetch-warm", a, b, runs, 1.5,
               f"({len(urls)} real feeds over local HTTP, unchanged, vs newsboat -x reload)")
        a, b = interleave(lambda: ours_fetch(fresh_plan()),
                          lambda: newsboat_reload(fresh_cache()), runs)
        report("fetch-cold", a, b, runs, 2.0,
               f"({len(urls)} real feeds into an empty cache, vs newsboat into an empty cache)")
    finally:
        server.shutdown()


FIGURES = (
    "startup", "checkin", "save", "mentions", "fetch", "fetch-warm", "calendar"
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per side (at least 5)")
    parser.add_argument("figures", nargs="*", metavar="FIGURE",
                        help=f"some of: {', '.join(FIGURES)} (default: all)")
    args = parser.parse_args()
    unknown = set(args.figures) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(sorted(unknown))}")
    args.figures = args.figures or list(FIGURES)
    runs = max(args.runs, 5)
    # An installed socialplan runs from compiled bytecode; so do the measured runs here.
    import compileall

    for folder in ("storage", "tui", "scripts"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)
    print(f"socialplan benchmarks, {date.today()}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}; ratio = our median / baseline median", flush=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        big = build(tmp / "big" / "plan.json", TODAY)
        for figure in args.figures:
            if figure == "startup":
                bench_startup(big, runs)
            elif figure == "checkin":
                bench_checkin(big, tmp, runs)
            elif figure == "save":
                bench_save(big, tmp, runs)
            elif figure == "mentions":
                bench_mentions(tmp, runs)
            elif figure == "fetch":
                bench_fetch(tmp, runs)
            elif figure == "fetch-warm":
                bench_fetch_against_newsboat(tmp, runs)
            elif figure == "calendar":
                bench_calendar(big, tmp, runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
