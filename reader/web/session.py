"""Opening URLs: one client and one cache for the whole app.

`WebSession.open(url)` fetches what the URL names (a thread) through the
cache and gives the file to read, with what the reader should be told: that
a copy from the cache was read instead of the network's (offline, or the
network failed), and how old it is. Everything that stops it is a LoadError
naming the URL as given. `WebSession.expand(article, stub)` fetches the
comments behind a Reddit `more` stub.

With `cached_first` (the subscriptions `reader` opens with no argument), a
URL kept in the cache is read from it without asking the network, and
without a word: the app opens at once, then fetches them all again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..config.network import Network
from ..errors import LoadError
from ..model import Article, Comment
from ..times import relative
from .cache import ResponseCache, default_cache_dir
from .document import Document
from .fetcher import OFFLINE, Fetcher, Stale
from .links import recognise
from .request import NotCached

if TYPE_CHECKING:
    import httpx

    from .client import WebClient
    from .gate import HostGate


class Opened(NamedTuple):
    """A URL's document, fetched or from the cache."""

    url: str  # as given
    path: Path  # the file to read
    focus: str | None  # the source id of the comment the URL names
    notes: list[str]  # what to tell the reader (a copy from the cache, its age)
    parsed: Any = None  # the JSON the file holds, when at hand (see `Document`)
    # The better document that follows this one (more requests), if one does.
    refine: Callable[[], Opened] | None = None


class WebSession:
    """Fetches URLs; with `offline`, reads them from the cache only."""

    def __init__(
        self,
        network: Network,
        offline: bool = False,
        *,
        transport: httpx.BaseTransport | None = None,
        gate: HostGate | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.network = network
        self.offline = offline
        self.cache = ResponseCache(network.cache or default_cache_dir())
        self._transport = transport
        self._gate = gate
        self._clock = clock
        self._client: WebClient | None = None
        # Read what the cache holds without asking the network (see the module).
        self.cached_first = False

    def open(self, url: str) -> Opened:
        """The document `url` names (LoadError naming `url` if none can be had)."""
        link = recognise(url)
        if self.cached_first:
            kept = Fetcher(None, self.cache, self._clock, self.network.keep_days)
            try:
                return self._opened(url, kept, link.fetch, say_stale=False)
            except LoadError:
                pass  # not in the cache: fetched
        return self._opened(url, self._fetcher(), link.fetch)

    def _fetcher(self) -> Fetcher:
        return Fetcher(
            None if self.offline else self.client, self.cache, self._clock, self.network.keep_days
        )

    def _opened(
        self,
        url: str,
        fetcher: Fetcher,
        fetch: Callable[[Fetcher], Document],
        say_stale: bool = True,
    ) -> Opened:
        """What `fetch` gives, and what follows it; the cache's part said once
        (`say_stale`: at all)."""
        said = bool(fetcher.stale) or not say_stale
        try:
            document = fetch(fetcher)
        except LoadError as error:
            raise LoadError(url, _reason(url, error)) from None
        notes = [self._note(url, fetcher.stale[0])] if fetcher.stale and not said else []
        then = document.then
        refine = None if then is None else partial(self._opened, url, fetcher, then, say_stale)
        return Opened(
            url,
            document.copy.path,
            document.focus,
            [*notes, *document.notes],
            document.parsed,
            refine,
        )

    def expand(self, article: Article, stub: Comment) -> list[Comment]:
        """The comments to put in the place of `stub`, a `more` stub of
        `article` (a Reddit thread), fetched and kept so that the thread opens
        again with them (see `reddit_more`); LoadError when they cannot be
        had, naming the request that failed."""
        from .reddit_more import expand_stub

        return expand_stub(self._fetcher(), article, stub)

    @property
    def client(self) -> WebClient:
        """The one client, made on the first request (httpx is imported then)."""
        if self._client is None:
            from .client import WebClient
            from .gate import HostGate
            from .hosts import HostMap
            from .reddit_api import CONNECTIONS

            gate = self._gate or HostGate(self.network.timeout, CONNECTIONS)
            self._client = WebClient(
                self.network.user_agent,
                self.network.timeout,
                HostMap(self.network.hosts),
                gate,
                self._transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _note(self, url: str, stale: Stale) -> str:
        fetched = datetime.fromtimestamp(stale.fetched, UTC)
        age = relative(fetched, datetime.fromtimestamp(self._clock(), UTC))
        why = "offline" if stale.reason == OFFLINE else stale.reason
        return f"{url}: {why}; read from the cache, fetched {age}"


def _reason(url: str, error: LoadError) -> str:
    """The error's reason, naming the request that failed when it is not `url`
    (offline, which request was not cached matters not)."""
    if error.name == url or isinstance(error, NotCached):
        return error.reason
    return f"{error.name}: {error.reason}"
