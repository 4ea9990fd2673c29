"""Fetching through the cache: fresh when the network answers, the kept copy
when it does not (or when reading offline), and why, so it can be said.

A response is kept only once it has been read as what it should be (JSON of
the right shape, a mailbox): a malformed answer never replaces a good copy.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ..config.network import DEFAULT_KEEP_DAYS
from ..errors import LoadError
from ..formats.jsondoc import decode_json
from .cache import CachedCopy, ResponseCache
from .request import FetchError, NotCached, Response, Validators

if TYPE_CHECKING:
    from .client import WebClient

T = TypeVar("T")
OFFLINE = "offline"
_NO_VALIDATORS = Validators()


class Stale(NamedTuple):
    """A kept copy read instead of a fresh one: its URL, why, and its time."""

    url: str
    reason: str
    fetched: float


class Fetcher:
    """GETs through `client` into `cache`; with `offline` (or no client), from
    the cache only. `stale` lists the kept copies read instead of fresh ones."""

    def __init__(
        self,
        client: WebClient | None,
        cache: ResponseCache,
        clock: Callable[[], float] = time.time,
        keep_days: float = DEFAULT_KEEP_DAYS,
    ) -> None:
        self._client = client
        self.cache = cache
        self._clock = clock
        # How long a feed's items are kept once it no longer lists them.
        self.keep_days = keep_days
        self.stale: list[Stale] = []

    def now(self) -> float:
        return self._clock()

    @property
    def offline(self) -> bool:
        return self._client is None

    def get(
        self,
        url: str,
        suffix: str,
        read: Callable[[bytes], T],
        kept: Callable[[bytes, T], bytes] | None = None,
    ) -> tuple[T, CachedCopy]:
        """What `read` makes of the URL's body (it raises ValueError with a
        reason for a body that is not what it should be), and its kept copy:
        the body, or what `kept` makes of it and of what was read (a gzipped
        mailbox is kept as the mailbox, which `read` must take too)."""
        cached = self.cache.lookup(url)
        if self._client is None:
            if cached is None:
                raise NotCached(url, "offline, and not in the cache")
            return self._from_cache(cached, OFFLINE, read)
        try:
            response = self._client.get(url, cached.validators if cached else None)
            now = self._clock()
            if response.status == 304 and cached is not None:
                copy = self.cache.touch(cached, now)
                return _read(copy, read), copy
            try:
                value = read(response.body)
            except ValueError as error:
                raise FetchError(url, str(error)) from None
            body = response.body if kept is None else kept(response.body, value)
            try:
                copy = self.cache.store(url, body, suffix, response.validators, now)
            except OSError as error:
                raise FetchError(url, f"cannot keep it in the cache: {error.strerror}") from None
            return value, copy
        except FetchError as error:
            if cached is None:
                raise
            return self._from_cache(cached, error.reason, read)

    def get_json(self, url: str, check: Callable[[Any], str | None]) -> tuple[Any, CachedCopy]:
        """The URL's JSON, which `check` accepts (it returns what is wrong, or None)."""

        def read(body: bytes) -> Any:
            data = parse_json(body)
            problem = check(data)
            if problem is not None:
                raise ValueError(problem)
            return data

        return self.get(url, ".json", read)

    def request(self, url: str) -> Response:
        """A fresh response, not kept (FetchError; NotCached when offline): for
        the parts of a document reader builds and keeps whole (`keep`)."""
        if self._client is None:
            raise NotCached(url, "offline, and not in the cache")
        return self._client.get(url)

    def request_json(self, url: str, check: Callable[[Any], str | None]) -> tuple[Any, Response]:
        """A fresh response's JSON, which `check` accepts (it returns what is
        wrong, or None), and the response; not kept. FetchError otherwise."""
        response = self.request(url)
        try:
            data = parse_json(response.body)
        except ValueError as error:
            raise FetchError(url, str(error)) from None
        problem = check(data)
        if problem is not None:
            raise FetchError(url, problem)
        return data, response

    def kept(self, url: str, reason: str) -> CachedCopy | None:
        """The copy kept under `url`, read instead of a fresh one for `reason`
        (said as `stale`); None when there is none."""
        cached = self.cache.lookup(url)
        if cached is not None:
            self.stale.append(Stale(cached.url, reason, cached.fetched))
        return cached

    def keep(self, url: str, document: bytes, suffix: str) -> CachedCopy:
        """Keep a document built from responses (as of now) as the URL's copy."""
        try:
            return self.cache.store(url, document, suffix, _NO_VALIDATORS, self._clock())
        except OSError as error:
            raise FetchError(url, f"cannot keep it in the cache: {error.strerror}") from None

    def _from_cache(
        self, cached: CachedCopy, reason: str, read: Callable[[bytes], T]
    ) -> tuple[T, CachedCopy]:
        value = _read(cached, read)
        self.stale.append(Stale(cached.url, reason, cached.fetched))
        return value, cached


def _read(copy: CachedCopy, read: Callable[[bytes], T]) -> T:
    try:
        return read(copy.path.read_bytes())
    except OSError as error:
        raise LoadError(copy.url, f"cannot read its cached copy: {error.strerror}") from None
    except ValueError as error:
        raise LoadError(copy.url, f"its cached copy: {error}") from None


def parse_json(body: bytes) -> Any:
    """JSON at any depth, or ValueError saying where it is malformed."""
    try:
        return decode_json(body.decode())
    except json.JSONDecodeError as error:
        raise ValueError(f"malformed JSON: {error.msg} (line {error.lineno})") from None
    except UnicodeDecodeError:
        raise ValueError("malformed JSON: not UTF-8 text") from None
