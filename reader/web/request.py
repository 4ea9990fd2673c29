"""What a request and its answer are, apart from the client that makes them
(which imports httpx: what only reads the cache needs not)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from ..errors import LoadError


class FetchError(LoadError):
    """A URL that could not be fetched, and why (one line); the HTTP status
    when the server answered with an error."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(url, reason)
        self.status = status


class NotCached(FetchError):
    """Offline, a URL that was never fetched."""


class Validators(NamedTuple):
    """What a cached copy was served with, to ask whether it is still current."""

    etag: str | None = None
    last_modified: str | None = None


class Response(NamedTuple):
    """A response: 200 with its body, or 304 (the cached copy is current)."""

    url: str  # the URL that answered, after redirects (as asked, not as mapped)
    status: int
    body: bytes
    content_type: str
    validators: Validators
    # Every header, by name in any letter case (`Link`, `X-WP-TotalPages`).
    headers: Mapping[str, str] = MappingProxyType({})
