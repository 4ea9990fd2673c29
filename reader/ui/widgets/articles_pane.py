"""The article list pane: searching it narrows the list to the matching articles."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult

from ...search.query import Query
from ...store import DocumentStore
from .article_list import ArticleList
from .load_progress import LoadProgress
from .search_pane import SearchPane

# What a search of the list finds: an article id and how many of its comments match.
FoundArticle = tuple[str, int]


class ArticlesPane(SearchPane[FoundArticle]):
    """Searches every loaded article (title, body and comments)."""

    def __init__(
        self, store: DocumentStore, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(ArticleList(id="articles"), id=id, classes=classes)
        self.store = store
        # The article to select when the search ends: the one highlighted before
        # the search narrowed the list, or the one opened since.
        self._selection_before: str | None = None

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield LoadProgress()

    def show_progress(
        self, files_done: int, file_count: int | None, bytes_done: int, byte_count: int | None
    ) -> None:
        """How much of the load is done, while it runs."""
        for progress in self.query(LoadProgress):
            progress.show(files_done, file_count, bytes_done, byte_count)

    def loading_done(self) -> None:
        self.query(LoadProgress).remove()

    @property
    def article_list(self) -> ArticleList:
        assert isinstance(self.view, ArticleList)
        return self.view

    def find(self, query: Query) -> Iterator[FoundArticle]:
        return self.store.search_all(query)

    def highlight(self, matches: list[FoundArticle], current: FoundArticle | None) -> None:
        articles = self.article_list
        if self.searching and self.search_query and self.search_query.text:
            if not articles.narrowed:
                self._selection_before = articles.highlighted_id
            if self.counted or not articles.narrowed:
                articles.narrow(matches)
            articles.highlight_id(current[0] if current else None)
        elif articles.narrowed:
            articles.show_all()
            articles.highlight_id(self._selection_before)

    @on(ArticleList.Highlighted)
    def _moved(self, event: ArticleList.Highlighted) -> None:
        """The counter follows `j` / `k` in the narrowed list; `n` / `N` go on from there."""
        # Not stopped: the screen shows the highlighted article.
        ids = [article_id for article_id, _ in self.matches]
        if self.searching and event.article_id in ids:
            self.current = ids.index(event.article_id)
            self._update_status()

    @on(ArticleList.Selected)
    def _opened(self, event: ArticleList.Selected) -> None:
        # Not stopped: the screen opens the article.
        if self.article_list.narrowed:
            self._selection_before = event.article_id

    def go_to(self, match: FoundArticle) -> None:
        self.article_list.highlight_id(match[0])
