"""Fetching from the UI without waiting on the network: the web sessions the
screen's fetches use, and a Textual thread worker whose work runs in a daemon
thread (`abandonable`), so that quitting never waits for a request.

The session is the load's (when URLs were named), else one made on first use
from the config's `[network]`; an offline one (the app's `--offline`, or a
look in the cache only) reads the cache alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen
from textual.worker import get_current_worker

from ...abandonable import abandonable
from ...config.network import Network
from ...errors import LoadError

if TYPE_CHECKING:
    from ...web.session import WebSession

T = TypeVar("T")


class WebSessions:
    """The load's session, and the ones made here (closed with `close`)."""

    def __init__(self, web: WebSession | None, network: Network, offline: bool) -> None:
        self._web = web
        self._network = network
        self._offline = offline
        self._own: list[WebSession] = []
        self._lock = threading.Lock()

    def get(self, offline: bool = False) -> WebSession:
        """A session (offline: the cache only); made once each, thread-safe."""
        offline = offline or self._offline
        with self._lock:
            if not offline and self._web is not None:
                return self._web
            for session in self._own:
                if session.offline == offline:
                    return session
            from ...web.session import WebSession  # here: reading files needs no web

            session = WebSession(self._network, offline)
            self._own.append(session)
            return session

    def close(self) -> None:
        """Close the sessions made here (not the load's)."""
        for session in self._own:
            session.close()
        self._own.clear()


def run_fetch(
    screen: Screen[None],
    fetch: Callable[[], T],
    done: Callable[[T | LoadError], None],
    name: str,
) -> None:
    """`fetch` in a worker of `screen`, then `done` with what it gave (or the
    LoadError that stopped it) on the UI thread; nothing once the app has gone."""

    def work() -> None:
        worker = get_current_worker()
        try:
            results = list(abandonable(_once(fetch), lambda: worker.is_cancelled))
        except LoadError as error:
            results = [error]
        if results and not worker.is_cancelled:
            with suppress(RuntimeError):  # the app has ended
                screen.app.call_from_thread(done, results[0])

    screen.run_worker(work, name=name, group="pages", thread=True)


def _once(fetch: Callable[[], T]) -> Iterator[T]:
    yield fetch()
