"""The article pane: the body view and its search.

The pane is bound to the screen's open article; it hands the article to its
view and searches it again for the query in force. Nothing calls into it
when the article changes.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.reactive import reactive

from ...model import Article
from ...search.query import Match, Query
from ...store import DocumentStore
from .article_body import ArticleBody
from .search_pane import SearchPane


class BodyPane(SearchPane[Match]):
    """Finds in the article's title, subtitle, body and author bio."""

    article: reactive[Article | None] = reactive(None)

    def __init__(
        self, store: DocumentStore, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(ArticleBody(id="body"), id=id, classes=classes)
        self.store = store

    @property
    def body(self) -> ArticleBody:
        assert isinstance(self.view, ArticleBody)
        return self.view

    def find(self, query: Query) -> Iterator[Match]:
        article = self.article
        if article is None:
            return iter(())
        return self.store.search_article(article.id, query)

    def highlight(self, matches: list[Match], current: Match | None) -> None:
        self.body.set_matches(matches, current)

    def go_to(self, match: Match) -> None:
        self.body.go_to_match(match)

    def watch_article(self, article: Article | None) -> None:
        # The view first: the search highlights in the article it shows.
        self.body.article = article
        if self.search_query is not None:
            self.run_search(self.search_query)
