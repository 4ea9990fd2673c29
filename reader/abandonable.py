"""Running an iterator that may never end in a thread nobody waits for.

A loader can be stuck for as long as a file takes (a hostile file, a slow
disk, a network mount that hangs): Textual's thread workers run in asyncio's
default executor, whose threads the app's event loop and then Python's exit
wait for, so `q` waited as long as the loader did (28 s, or for ever). Here
the work runs in a daemon thread of its own and hands each item over; the
consumer stops waiting as soon as it is told to, and the process may end
with the thread still inside the file.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from queue import Empty, Full, Queue
from typing import TypeVar

T = TypeVar("T")

# How often a waiting side looks whether the other has gone, in s.
POLL_SECONDS = 0.05
# After the first item, how long the consumer sleeps when none is there yet,
# in s, and how many the thread may make meanwhile. Woken by each item (a
# queue's blocking get, the thread making one item ahead), each took two
# thread switches, 25 to 60 us of CPU: 10,000 small files took 0.5 to 0.6 s
# more than read in a loop, 1.1 s. Sleeping, it takes what came meanwhile at once.
GATHER_SECONDS = 0.01
AHEAD = 64


class _End:
    """Put after the last item (with the exception that ended the items, if any)."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def abandonable(items: Iterator[T], cancelled: Callable[[], bool]) -> Iterator[T]:
    """`items`, produced in a daemon thread (at most `AHEAD` items ahead),
    given until they end or `cancelled()` holds: then this returns at once,
    and the thread stops at its next item, or never, if it is stuck. An
    exception raised by `items` is raised here. The first item is given as
    soon as it is made; the others at most `GATHER_SECONDS` after."""
    handed: Queue[T | _End] = Queue(maxsize=AHEAD)
    stopped = threading.Event()

    def produce() -> None:
        end = _End()
        try:
            for item in items:
                if not _put(handed, item, stopped):
                    return
        except BaseException as error:  # handed over, raised in the consumer
            end = _End(error)
        _put(handed, end, stopped)

    threading.Thread(target=produce, name="reader-loader", daemon=True).start()
    first = True
    try:
        while True:
            try:
                item = handed.get(timeout=POLL_SECONDS) if first else handed.get_nowait()
            except Empty:
                if cancelled():
                    return
                if not first:
                    time.sleep(GATHER_SECONDS)
                continue
            first = False
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                return
            yield item
            if cancelled():
                return
    finally:
        stopped.set()


def _put(handed: Queue[T | _End], item: T | _End, stopped: threading.Event) -> bool:
    """Hand `item` over; False if the consumer has gone."""
    while not stopped.is_set():
        try:
            handed.put(item, timeout=POLL_SECONDS)
        except Full:
            continue
        return True
    return False
