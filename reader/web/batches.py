"""A URL's articles, read as a file's are: fetched (or taken from the cache)
into a file, then parsed by `load_batches` like any other file, so that a
thread fetched and the same thread saved by hand are read alike and share
their read marks (an article is known by its source's id, not its file).

A document that a better one follows (a Hacker News thread, whose deeper
order takes more requests) is given as a preview, which the better one's
batch then takes the place of: the first frame waits only for the first."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import LoadError
from ..formats.batch import Batch
from ..formats.loader import load_batches
from .session import Opened, WebSession

# How much of a URL's document a preview counts as read: some, not all (a
# batch read to the end is its file's last).
PREVIEW_READ = 0.5


def url_batches(
    session: WebSession, url: str, warnings: list[str], previews: bool = True
) -> Iterator[Batch]:
    """The batches of the document `url` names; every LoadError names `url`.
    A copy read from the cache instead of the network is said in `warnings`.
    Without `previews`, a document a better one follows is not read at all."""
    opened = session.open(url)
    while opened.refine is not None:
        warnings.extend(opened.notes)
        if previews:
            for batch in _batches(url, opened, warnings):
                yield batch._replace(read=min(batch.read, PREVIEW_READ), preview=True)
        opened = opened.refine()
    warnings.extend(opened.notes)
    yield from _batches(url, opened, warnings)


def _batches(url: str, opened: Opened, warnings: list[str]) -> Iterator[Batch]:
    try:
        for batch in load_batches(opened.path, warnings, opened.parsed):
            for article in batch.articles:
                article.origin, article.focus = url, opened.focus
                # A feed's items are listed in the feed the URL names, not in
                # the cache's copy of it.
                if article.feed is not None:
                    article.feed = url
            yield batch
    except LoadError as error:
        raise LoadError(url, error.reason, error.line) from None
