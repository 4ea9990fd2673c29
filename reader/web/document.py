"""What fetching a URL gives: the file to read, and the comment it points at."""

from __future__ import annotations

from typing import NamedTuple, Protocol

from .cache import CachedCopy
from .fetcher import Fetcher


class Document(NamedTuple):
    """A fetched thread or front page, kept as a file the format readers read."""

    copy: CachedCopy
    # The source id of the comment the URL named (the cursor's place), if any.
    focus: str | None = None
    # What to tell the reader: a source that failed and the one used instead.
    notes: tuple[str, ...] = ()


class Link(Protocol):
    """A URL of a service reader knows, and how to fetch what it names."""

    def fetch(self, fetcher: Fetcher) -> Document: ...
