"""The URLs named on the command line, fetched a few at once and read in the
order they were named.

One at a time, 30 Hacker News threads took over 15 s: each thread waited for
the last request of the one before, and the network idled while each was
parsed. `FetchAhead` fetches the URLs still to be read `at_once` at a time,
each in full (every step of it: a preview is of use only for the first frame,
which the command line reads ahead before this starts), and gives each to the
load worker when its turn comes, in the order named: the list keeps the order
the URLs were typed in, as it does for files and as `R` finds them, and an
article appears as soon as it and the ones named before it are ready (the ones
after it fetched meanwhile). Arrival order would show a quick thread sooner,
but would put the list in a different order every launch.

Each host's own turns and waits (the client's gate: 4 requests at once, 1 to
Reddit, `429`s and rate limits honoured) still bound what reaches a host;
`at_once` bounds how many documents are on their way. At most `WAITING` are
fetched and not read yet (each holds its parsed JSON): a load that stops
taking them stops the fetching. The requests run in daemon threads
(`daemons`): quitting never waits for one. A URL that fails is its LoadError,
raised when its turn comes, and never stops the others.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future
from functools import partial
from typing import TYPE_CHECKING

from .daemons import in_daemon

if TYPE_CHECKING:
    from .session import Opened, WebSession

# Documents on their way at once (each host's turns are the client's business).
AT_ONCE = 4
# Documents fetched (or on their way) and not read yet, at most.
WAITING = 8


class FetchAhead:
    """Opens `urls`, taken in their order; once `start`ed, the ones not taken
    yet are fetched ahead of their turn."""

    def __init__(self, session: WebSession, urls: Iterable[str], at_once: int = AT_ONCE) -> None:
        self._session = session
        self._at_once = max(1, at_once)
        self._lock = threading.Lock()
        self._started = False
        # Not asked for yet, in their order; then asked for, in their order.
        self._unasked: deque[str] = deque(urls)
        self._asked: deque[tuple[str, Future[Opened]]] = deque()
        self._running = 0

    def start(self) -> None:
        """Fetch the URLs not taken yet, ahead of their turn."""
        with self._lock:
            self._started = True
            self._ask_more()

    def open(self, url: str) -> Opened:
        """The document of `url`, the next URL named: fetched in full when it
        was asked for ahead, else opened now (its steps still to follow, as
        `WebSession.open` gives them). LoadError naming `url` if none can be had."""
        with self._lock:
            asked = self._take(url)
            self._ask_more()
        return self._session.open(url) if asked is None else asked.result()

    def _take(self, url: str) -> Future[Opened] | None:
        if self._asked and self._asked[0][0] == url:
            return self._asked.popleft()[1]
        if self._unasked and self._unasked[0] == url:
            self._unasked.popleft()
        return None

    def _ask_more(self) -> None:
        """Start the next URLs while there is room (the lock held)."""
        while (
            self._started
            and self._unasked
            and self._running < self._at_once
            and len(self._asked) < WAITING
        ):
            url = self._unasked.popleft()
            self._running += 1
            self._asked.append((url, in_daemon(partial(self._fetch, url))))

    def _fetch(self, url: str) -> Opened:
        try:
            return opened_in_full(self._session, url)
        finally:
            with self._lock:
                self._running -= 1
                self._ask_more()


def opened_in_full(session: WebSession, url: str) -> Opened:
    """What `url` opens to once every step that follows the first is taken (a
    Hacker News thread's reply order), with the notes of them all."""
    opened = session.open(url)
    notes = list(opened.notes)
    while opened.refine is not None:
        opened = opened.refine()
        notes += opened.notes
    return opened._replace(notes=notes)
