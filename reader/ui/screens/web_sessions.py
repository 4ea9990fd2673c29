"""The web sessions the screen's page fetches use: the load's (when URLs were
named), else one made on first use from the config's `[network]`; an offline
one (the app's `--offline`, or a look in the cache only) reads the cache
alone.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ...config.network import Network

if TYPE_CHECKING:
    from ...web.session import WebSession


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
