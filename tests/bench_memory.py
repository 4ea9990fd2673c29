"""Benchmark sections on memory: bytes per comment and peak RSS with L loaded and
the XL thread open, and what the search text made on first use costs the first
search (`memory`), and the report on a thread of a million
comments: open, keys and peak RSS (`million`).

Each runs in a subprocess of its own, so that its peak resident size (`VmHWM`)
is its own and not the benchmark's.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from tests.bench_rich import rich_reddit_thread
from tests.bench_support import Bench, Figure

ROOT = Path(__file__).resolve().parent.parent

MEMORY_PROBE = """
import asyncio, json, sys
from pathlib import Path
from reader.loading import Loading
from reader.ui.app import ReaderApp
from reader.ui.thread.view import ThreadView
from textual.geometry import Region

def status_kb(field):
    # VmHWM, not getrusage: Linux carries ru_maxrss over exec from the parent.
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

async def main(paths):
    before = status_kb("VmRSS")
    app = ReaderApp(Loading(paths))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(ThreadView)
        view.thread = app.store.thread(app.store.articles[-1].id)
        view.render_lines(Region(0, 0, view.size.width, view.size.height))
        comments = sum(len(app.store.thread(a.id)) for a in app.store.articles)
        peak = status_kb("VmHWM")
    print(json.dumps({"before_kb": before, "peak_kb": peak, "comments": comments}))

asyncio.run(main([Path(p) for p in sys.argv[1:]]))
"""


def _probe(script: str, *arguments: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def memory_section(bench: Bench) -> list[Figure]:
    paths = [*bench.corpus.large_txt, bench.corpus.xl_txt]
    probe = _probe(MEMORY_PROBE, *map(str, paths))
    peak_mb = probe["peak_kb"] / 1024
    raw_bytes = sum(path.stat().st_size for path in paths)
    above = (probe["peak_kb"] - probe["before_kb"]) * 1024 - raw_bytes
    figures = [
        Figure("memory: peak RSS, L loaded + XL open", peak_mb, "MB", "<= 200 MB", peak_mb <= 200),
        Figure(
            "memory: bytes per comment above raw text",
            above / probe["comments"],
            "B",
            "<= 500 B",
            above / probe["comments"] <= 500,
        ),
    ]
    # Issue 24: each 100,000-comment thread alone, loaded and open, against
    # its file's size: what the app holds above its own (the process before
    # the load, the app's modules imported), and the whole process.
    rich = bench.folder / "rich-thread.json"
    if not rich.exists():
        rich.write_text(rich_reddit_thread(bench.shape.xl_comments), encoding="utf-8")
    for label, path in (("XL seed text", bench.corpus.xl_txt), ("rich Reddit JSON", rich)):
        alone = _probe(MEMORY_PROBE, str(path))
        size = path.stat().st_size
        held = (alone["peak_kb"] - alone["before_kb"]) * 1024 / size
        whole = alone["peak_kb"] * 1024 / size
        name = f"memory: {alone['comments']:,}-comment thread, {label} ({size / 1e6:.1f} MB)"
        figures += [
            Figure(f"{name}, peak above the app's own", held, "x file", "<= 2x", held <= 2),
            Figure(f"{name}, peak RSS", alone["peak_kb"] / 1024, "MB", "report", None, None, whole),
        ]
    return figures


# A million comments ------------------------------------------------------------------

MILLION = 1_000_000
MILLION_QUICK = 20_000
_WORDS = "the soil trial ran for months while a river survey counted every heron".split()

# Opens the thread in the app, then times every thread key (process time around
# the action and the repaint of the visible region, as the `thread` section does).
MILLION_PROBE = """
import asyncio, json, statistics, sys, time
from pathlib import Path
from reader.loading import Loading
from reader.ui.app import ReaderApp
from reader.ui.thread.view import ThreadView
from textual.geometry import Region
from tests.bench import THREAD_KEYS, typical_comment

def status_kb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

async def main(path, runs):
    app = ReaderApp(Loading([path]))
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        await app.workers.wait_for_complete()
        loaded = time.perf_counter() - start
        await pilot.pause()
        thread = app.store.thread(app.store.articles[0].id)
        view = app.query_one(ThreadView)
        view.focus()
        await pilot.pause()
        def paint():
            view.render_lines(Region(0, 0, view.size.width, view.size.height))
        opens = []
        for _ in range(runs):
            view.thread = None
            paint()
            start = time.perf_counter()
            view.thread = thread
            paint()
            opens.append(time.perf_counter() - start)
        middle = typical_comment(thread)
        keys = {}
        for key, action in THREAD_KEYS.items():
            costs = []
            for _ in range(runs):
                view.cursor = middle
                paint()
                start = time.process_time()
                getattr(view, "action_" + action)()
                paint()
                costs.append(time.process_time() - start)
                if key in ("space", "h"):
                    view.action_expand_all()
            keys[key] = statistics.median(costs)
        print(json.dumps({
            "comments": len(thread), "load": loaded, "open": statistics.median(opens),
            "keys": keys, "peak_kb": status_kb("VmHWM"),
        }))

asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
"""


def write_flat_thread(path: Path, count: int, seed: int = 11) -> None:
    """A seed-text thread of `count` short comments, nested at most 8 deep,
    written line by line (no comment objects are built to make it)."""
    rng = random.Random(seed)
    words = _WORDS
    with path.open("w", encoding="utf-8") as out:
        out.write(f"A thread of {count:,} comments\n\nBy Bench Writer | (The Bench)\n\n")
        out.write("The body is one paragraph.\n\n")
        depth = 0
        top = 0
        for number in range(count):
            if number == 0 or rng.random() < 0.2:
                depth = 0
            else:
                depth = min(8, max(0, depth + rng.choice((-2, -1, 0, 1, 1))))
            text = " ".join(rng.choices(words, k=rng.randint(6, 16)))
            if depth == 0:
                top += 1
                out.write(f"  {top}. {text} {number}.\n\n")
            else:
                out.write(f"{' ' * (2 + 4 * depth)}• {text} {number}.\n\n")


def million_section(bench: Bench) -> list[Figure]:
    count = MILLION_QUICK if bench.quick else MILLION
    path = bench.folder / "million.txt"
    write_flat_thread(path, count)
    probe = _probe(MILLION_PROBE, str(path), "3")
    label = f"{probe['comments']:,}-comment thread"
    figures = [
        Figure(f"{label}: loaded (parse + index)", probe["load"] * 1000, "ms", "report", None),
        Figure(f"{label}: open, painted", probe["open"] * 1000, "ms", "report", None),
    ]
    figures += [
        Figure(f"{label}: key {key!r} + repaint", cost * 1000, "ms", "report", None)
        for key, cost in probe["keys"].items()
    ]
    figures.append(Figure(f"{label}: peak RSS", probe["peak_kb"] / 1024, "MB", "report", None))
    return figures
