"""The `web` section's many URLs at once (issue 20, `reader URL1 … URL30`): 30
Hacker News threads of `COMMENTS` comments (each its Algolia item, its
story's Firebase item and the Firebase items that order its replies), served
by the bench's local server, every request answered after `LATENCY_MS` as a
distant server's would be (at once, the figure measures only the interpreter,
which threads share), until all 30 are listed: read as the load worker reads
them (`Loading`: the first read ahead, the rest taken in their order), with
the URLs fetched `AT_ONCE` at a time against one at a time, interleaved run by
run, the cache emptied before each (first fetches).

Each host's own limit holds in both (4 requests at once to Firebase, which
most of the requests are for): what is fetched at once fills the turns one
thread at a time leaves idle (its first two requests, its parse), it does not
add turns.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from reader.config.network import Network
from reader.errors import LoadError
from reader.loading import Loading
from reader.web.ahead import AT_ONCE
from reader.web.session import WebSession
from tests.bench_support import Bench, Figure
from tests.bench_web import served_hosts, serving
from tests.bench_web_keys import FIRST_STORY, THREADS, threads_site

LATENCY_MS = 20


def many_urls_figures(bench: Bench) -> list[Figure]:
    site = threads_site(bench.folder / "web-many")
    urls = [
        f"https://news.ycombinator.com/item?id={FIRST_STORY + number * 1000}"
        for number in range(THREADS)
    ]
    cache = bench.folder / "web-many-cache"
    at_once: list[float] = []
    one_by_one: list[float] = []
    with serving(site, LATENCY_MS / 1000) as server:
        network = Network(timeout=20, hosts=served_hosts(server), cache=cache)
        for _ in range(1 if bench.quick else 3):
            at_once.append(_all_listed(urls, network, cache, AT_ONCE))
            one_by_one.append(_all_listed(urls, network, cache, 1))
        requests = len(server.log) // (2 * len(at_once))
    fetched, baseline = statistics.median(at_once), statistics.median(one_by_one)
    return [
        Figure(
            f"{THREADS} HN threads named, all listed: {AT_ONCE} at once "
            f"({requests} requests, each {LATENCY_MS} ms)",
            fetched * 1000,
            "ms",
            "report (against one at a time)",
            None,
            baseline * 1000,
            fetched / baseline,
        )
    ]


def _all_listed(urls: list[str], network: Network, cache: Path, at_once: int) -> float:
    """Seconds from the first request to the last thread read, `at_once` URLs at a time."""
    shutil.rmtree(cache, ignore_errors=True)
    web = WebSession(network)
    try:
        start = time.perf_counter()
        loading = Loading(urls, web=web, fetch_at_once=at_once)
        if not loading.read_ahead():
            raise RuntimeError(f"nothing read: {loading.problems}")
        results = list(loading)
        elapsed = time.perf_counter() - start
    finally:
        web.close()
    problems = [result for result in results if isinstance(result, LoadError)]
    if problems or loading.files_done != len(urls):
        raise RuntimeError(f"{loading.files_done} of {len(urls)} read: {problems}")
    return elapsed
