"""Fetching a URL's articles again (a refresh) or for the first time (a
front page story's thread), off the UI thread: read as `Loading` reads a URL
(`reader.web`), whole (no preview), and prepared for the store with their
state."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .prepared import PreparedArticle, prepare

if TYPE_CHECKING:
    from .state import State
    from .web.session import WebSession


class Fetched(NamedTuple):
    """A URL's articles, fetched and prepared, and what to tell the reader
    (a copy read from the cache instead of the network, and its age)."""

    url: str
    articles: list[PreparedArticle]
    warnings: list[str]


def fetch_prepared(web: WebSession, url: str, state: State | None) -> Fetched:
    """The articles `url` names, fetched now (else from the cache, as said in
    the warnings); a LoadError naming `url` when there are none."""
    from .web.batches import url_batches  # here: reading files needs no web

    warnings: list[str] = []
    articles = [
        article
        for batch in url_batches(web, url, warnings, previews=False)
        for article in batch.articles
    ]
    return Fetched(url, [prepare(article, state) for article in articles], warnings)
