"""What fetching a URL gives: the file to read, the comment it points at, and
what may follow it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

from .cache import CachedCopy
from .fetcher import Fetcher


class Document(NamedTuple):
    """A fetched thread or front page, kept as a file the format readers read."""

    copy: CachedCopy
    # The source id of the comment the URL named (the cursor's place), if any.
    focus: str | None = None
    # The JSON the file holds, when it is at hand (parsed to check it, or
    # built): the format reader takes it instead of parsing the file again.
    parsed: Any = None
    # A step that gives a better document, worth showing this one first for:
    # it takes requests this one did without (a Hacker News thread's deeper
    # order). None when this document is the last word.
    then: Callable[[Fetcher], Document] | None = None
    # What to tell the reader: a source that failed and the one used instead.
    notes: tuple[str, ...] = ()


class Link(Protocol):
    """A URL of a service reader knows, and how to fetch what it names."""

    def fetch(self, fetcher: Fetcher) -> Document: ...
