"""A URL's articles, read as a file's are: fetched (or taken from the cache)
into a file, then parsed by `load_batches` like any other file, so that a
thread fetched and the same thread saved by hand are read alike and share
their read marks (an article is known by its source's id, not its file)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import LoadError
from ..formats.batch import Batch
from ..formats.loader import load_batches
from .session import WebSession


def url_batches(session: WebSession, url: str, warnings: list[str]) -> Iterator[Batch]:
    """The batches of the document `url` names; every LoadError names `url`.
    A copy read from the cache instead of the network is said in `warnings`."""
    opened = session.open(url)
    warnings.extend(opened.notes)
    try:
        yield from load_batches(opened.path, warnings)
    except LoadError as error:
        raise LoadError(url, error.reason, error.line) from None
