"""Requests run in daemon threads: quitting never waits for the network.

`concurrent.futures.ThreadPoolExecutor` joins its threads as Python exits,
so a thread of Hacker News' reply order (four at a time, up to 100 items)
made `q` wait for every request still in flight. These threads are daemons:
the process ends with them still waiting on a socket, as the load worker's
own thread (`abandonable`) does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def in_daemon(work: Callable[[], R]) -> Future[R]:
    """`work()` run in a daemon thread; its result (or exception) in the future."""
    future: Future[R] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as error:  # handed over to whoever waits for it
            future.set_exception(error)

    threading.Thread(target=run, name="reader-request", daemon=True).start()
    return future


def map_in_daemons(work: Callable[[T], R], items: Iterable[T], threads: int) -> list[R]:
    """`work` of each item, `threads` at a time in daemon threads, in the
    items' order. An exception is raised once every item has run."""
    pending = list(enumerate(items))
    results: list[tuple[int, R]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def take() -> None:
        while True:
            with lock:
                if not pending or errors:
                    return
                index, item = pending.pop(0)
            try:
                result = work(item)
            except BaseException as error:
                with lock:
                    errors.append(error)
                return
            with lock:
                results.append((index, result))

    workers = [in_daemon(take) for _ in range(max(1, min(threads, len(pending))))]
    for worker in workers:
        worker.result()
    if errors:
        raise errors[0]
    return [result for _, result in sorted(results, key=lambda found: found[0])]
