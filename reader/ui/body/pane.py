"""The article pane: the body view and its search.

The pane is bound to the screen's open article; it hands the article to its
view and searches it again for the query in force. Nothing calls into it
when the article changes.
"""

from __future__ import annotations

from typing import Any

from textual.reactive import reactive

from ...model import Article
from ...search.query import Match
from ...state import Reading
from ...store import DocumentStore
from ..search.pane import SearchPane
from .view import ArticleBody


class BodyPane(SearchPane[Match]):
    """Finds in the article's title, subtitle, body and author bio."""

    article: reactive[Article | None] = reactive(None)

    def __init__(self, store: DocumentStore, reading: Reading | None = None, **kwargs: Any) -> None:
        body = ArticleBody(store, reading, id="body")
        super().__init__(body, body, **kwargs)

    @property
    def body(self) -> ArticleBody:
        assert isinstance(self.view, ArticleBody)
        return self.view

    def watch_article(self, article: Article | None) -> None:
        # The view first: the search highlights in the article it shows.
        self.body.article = article
        if self.search_query is not None:
            self.run_search(self.search_query)
