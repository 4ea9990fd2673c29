"""The article list pane: searching it narrows the list to the matching articles."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult

from ...store import DocumentStore
from ..search.pane import SearchPane
from .list import ArticleList
from .progress import LoadProgress
from .searched_list import FoundArticle


class ArticlesPane(SearchPane[FoundArticle]):
    """Searches every loaded article (title, body and comments)."""

    def __init__(
        self, store: DocumentStore, *, id: str | None = None, classes: str | None = None
    ) -> None:
        articles = ArticleList(store, id="articles")
        super().__init__(articles, articles, id=id, classes=classes)
        # What the border says of the load, and of what is being fetched (None: nothing).
        self._loaded = ""
        self._fetching: str | None = None

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield LoadProgress()

    def show_progress(
        self, files_done: int, file_count: int | None, bytes_done: int, byte_count: int | None
    ) -> None:
        """How much of the load is done, while it runs."""
        for progress in self.query(LoadProgress):
            progress.show(files_done, file_count, bytes_done, byte_count)

    def set_resting_subtitle(self, subtitle: str) -> None:
        self._loaded = subtitle
        super().set_resting_subtitle(" · ".join(filter(None, (subtitle, self._fetching))))

    def show_fetching(self, said: str | None) -> None:
        """What is being fetched (`fetching 3/30`), beside the load's word; None: nothing."""
        self._fetching = said
        self.set_resting_subtitle(self._loaded)

    def loading_done(self) -> None:
        self.query(LoadProgress).remove()

    @property
    def article_list(self) -> ArticleList:
        assert isinstance(self.view, ArticleList)
        return self.view

    @on(ArticleList.Highlighted)
    def _moved(self, event: ArticleList.Highlighted) -> None:
        """The counter follows `j` / `k` in the narrowed list; `n` / `N` go on from there."""
        # Not stopped: the screen shows the highlighted article. The matches
        # are looked through only while searching: a key costs the entries
        # on screen, never every article (or match).
        if not self.searching:
            return
        ids = [article_id for article_id, _ in self.matches]
        if event.article_id in ids:
            self.current = ids.index(event.article_id)
            self._update_status()
