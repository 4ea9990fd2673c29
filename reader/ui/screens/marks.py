"""The state's commands on the main screen: to the next (previous) new or
unread comment, from any pane, and marking an article, or every article, read.
"""

from __future__ import annotations

from textual.screen import Screen

from ...model import Article
from ...state import Reading
from ...state.article_state import NEW, UNREAD
from ...store import DocumentStore
from ..articles.list import ArticleList
from ..thread.pane import ThreadPane
from ..thread.view import ThreadView
from .pane_focus import PaneFocus

KINDS = {"new": NEW, "unread": UNREAD}


class Marks:
    """New and unread comments, and read marks, on `screen`."""

    def __init__(
        self, screen: Screen[None], store: DocumentStore, reading: Reading, panes: PaneFocus
    ) -> None:
        self.screen = screen
        self.store = store
        self.reading = reading
        self.panes = panes

    def go_to(self, kind: str, forward: bool) -> None:
        """The next (previous) comment of `kind` ("new", "unread"), shown in
        the comments pane; from another pane, the one under the cursor will do."""
        pane = self.screen.query_one(ThreadPane)
        said = pane.go_to_marked(KINDS[kind], forward, here=self.panes.current != "thread")
        if said is None:
            self.panes.show("thread")
        else:
            self.screen.notify(said, timeout=2, markup=False)

    def mark_read(self, article: Article | None) -> None:
        if article is None or not self.reading.mark_read():
            return
        self._changed({article.id})
        self.screen.notify("Marked read", timeout=2, markup=False)

    def mark_all_read(self) -> None:
        count = self.reading.mark_all_read(self.store.states)
        self._changed(None)
        self.screen.notify(
            f"Marked {count} article{'' if count == 1 else 's'} read", timeout=2, markup=False
        )

    def _changed(self, article_ids: set[str] | None) -> None:
        """The marks of these articles (None: all) changed: repaint them where shown."""
        self.screen.query_one("#articles", ArticleList).refresh_marks(article_ids)
        self.screen.query_one(ThreadView).marks_changed()
        self.screen.query_one(ThreadPane).show_counts()
