"""What an article's page and a page's feed are fetched by (the config's), and
which articles' pages are worth fetching: known at start-up, where what
fetches them (`page_fetches`) is imported only once it is needed.
"""

from __future__ import annotations

from typing import NamedTuple

from ...config.network import Network
from ...model import Article


class PageSettings(NamedTuple):
    """What the fetches go by: the config's `[network]`, whether the app is
    offline, and the feeds whose articles open with their whole text."""

    network: Network = Network()
    offline: bool = False
    whole_article: frozenset[str] = frozenset()


def wants_page(article: Article) -> bool:
    """Whether the article's page would add to it: its body is a summary or
    nothing, and it links to a page."""
    return bool(article.url) and (article.partial or not article.body)
