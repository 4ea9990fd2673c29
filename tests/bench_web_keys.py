"""The `web` section's key latency while the app fetches (issue 20): 30 Hacker
News threads of `COMMENTS` comments each, served by the bench's local server,
are open in the app; `R` fetches them all again (each its Algolia item and
the Firebase items that order its replies) while `j` and `k` move the cursor
in the thread on screen. Each key is its action and the repaint after it,
run on the UI thread and timed in wall time, so that the fetch threads'
hold on the interpreter counts, against the same keys with nothing fetched,
in the same run; between two keys the app handles what came meanwhile (each
fetch done: its thread put in its article's place), whose time on the UI
thread is reported, as a key typed then waits for it.

(Pilot's `press` is not the timer here: it waits for the app to go idle,
which it does not while fetches keep coming in.)"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from reader.config.network import Network
from reader.loading import Loading
from reader.web.session import WebSession
from tests.bench_support import Bench, Figure, painter
from tests.bench_web import BenchSite, hn_thread, served_hosts, serving

THREADS = 30
COMMENTS = 300
FIRST_STORY = 8_200_000
KEYS_PER_RUN = 40
SCREEN = (160, 45)
# Between two keys: the app handles what came meanwhile (a fetch done).
PAUSE = 0.02


def keys_while_fetching_figures(bench: Bench) -> list[Figure]:
    site = threads_site(bench.folder / "web-keys")
    with serving(site) as server:
        network = Network(
            timeout=20, hosts=served_hosts(server), cache=bench.folder / "web-keys-cache"
        )
        found = asyncio.run(_latencies(network, bench))
    ratio = found.busy / found.idle
    applying = sorted(found.applying)
    return [
        Figure(
            f"{THREADS} threads being fetched: key 'j'/'k' + repaint (wall, UI thread)",
            found.busy,
            "ms",
            "<= 1.5x idle",
            ratio <= 1.5,
            found.idle,
            ratio,
        ),
        Figure(
            f"{THREADS} threads fetched: UI thread's work on each, median",
            statistics.median(applying),
            "ms",
            "report",
            None,
        ),
        Figure(
            f"{THREADS} threads fetched: UI thread's work on each, most",
            applying[-1],
            "ms",
            "report",
            None,
        ),
    ]


def threads_site(folder: Path) -> BenchSite:
    """`THREADS` HN threads of `COMMENTS` comments each, from `FIRST_STORY` on."""
    rng = random.Random(30)
    files: dict[str, bytes] = {}
    for number in range(THREADS):
        story_id = FIRST_STORY + number * 1000
        story, firebase = hn_thread(rng, COMMENTS, story_id)
        files[f"/hn.algolia.com/api/v1/items/{story_id}"] = json.dumps(story).encode()
        for item_id, item in firebase.items():
            files[f"/hacker-news.firebaseio.com/v0/item/{item_id}.json"] = json.dumps(item).encode()
    return BenchSite(files, folder / "unused.json", folder / "unused.json")


class _Latencies(NamedTuple):
    idle: float  # median ms of a key with nothing fetched
    busy: float  # median ms of a key while the threads are fetched
    applying: list[float]  # ms of the UI thread's work on each fetch done


async def _latencies(network: Network, bench: Bench) -> _Latencies:
    """The keys' and the fetches' figures."""
    from reader.ui.app import ReaderApp
    from reader.ui.thread.view import ThreadView

    urls = [
        f"https://news.ycombinator.com/item?id={FIRST_STORY + number * 1000}"
        for number in range(THREADS)
    ]
    web = WebSession(network)
    app = ReaderApp(Loading(urls, web=web))
    idle: list[float] = []
    busy: list[float] = []
    applying: list[float] = []
    runs = 1 if bench.quick else max(bench.runs, 3)
    try:
        async with app.run_test(size=SCREEN) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            view = app.query_one(ThreadView)
            view.focus()
            await pilot.pause()
            updates = app.main_screen.web.updates
            paint = painter(view)
            fetches = updates.fetches
            deliver = fetches.deliver

            # Each result as it is handed over on the UI thread (its thread put
            # in its article's place).
            def timed_deliver(job: Any, result: Any) -> None:
                start = time.perf_counter()
                deliver(job, result)
                applying.append((time.perf_counter() - start) * 1000)

            fetches.deliver = timed_deliver  # type: ignore[method-assign]
            for _ in range(runs):
                for key in _keys():
                    await pilot.pause(PAUSE)
                    idle.append(_key(view, key, paint))
                updates.refresh_all()
                while fetches.active:
                    await pilot.pause(PAUSE)
                    busy.append(_key(view, "j" if len(busy) % 2 == 0 else "k", paint))
    finally:
        web.close()
    return _Latencies(statistics.median(idle), statistics.median(busy), applying)


def _keys() -> list[str]:
    return ["j", "k"] * (KEYS_PER_RUN // 2)


def _key(view: Any, key: str, paint: Callable[[], None]) -> float:
    """Wall ms of the key's action and the repaint after it, on the UI thread
    (the fetch threads compete for the interpreter meanwhile)."""
    action = view.action_cursor_down if key == "j" else view.action_cursor_up
    start = time.perf_counter()
    action()
    paint()
    return (time.perf_counter() - start) * 1000
