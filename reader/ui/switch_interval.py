"""The interpreter's switch interval, lowered while a worker thread works.

A thread holding the GIL hands it over after the switch interval, Python's
5 ms by default: the UI thread, woken by a key while a worker parses or
scans, waits at most that long, several times per frame (reading the key,
handling it, writing the frame out). While any worker that competes with
keys runs (a search, a thread being read), it is 0.1 ms. The interval is
process-wide, so one counter of such workers sets and restores it.

Measured on the search bar's echo while a count runs on the XL thread:
42-55 ms at 5 ms, 24 ms at 0.5 ms (a bare Input: 16 ms); typed at a
person's pace, 9.6 to 12.0 ms at 0.5 ms, 8.8 to 10.3 ms at 0.1 ms (bench
section `echo`).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

WORKER_SWITCH_SECONDS = 0.0001


class SwitchInterval:
    """`sys.setswitchinterval` lowered while any of its workers runs,
    restored when the last ends."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._lock = threading.Lock()
        self._running = 0
        self._before = sys.getswitchinterval()

    @contextmanager
    def lowered(self) -> Iterator[None]:
        with self._lock:
            if not self._running:
                self._before = sys.getswitchinterval()
                sys.setswitchinterval(self._seconds)
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if not self._running:
                    sys.setswitchinterval(self._before)


WORKING = SwitchInterval(WORKER_SWITCH_SECONDS)
