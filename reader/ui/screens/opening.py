"""The open article's thread on the main screen: an article opened in the
order chosen for its kind of source, where the reader left it (the comment
under the cursor, the body's scroll) and, the first time, at the comment its
URL named; and its comments put in the next order (`s`) with the cursor kept
on its comment.
"""

from __future__ import annotations

from typing import Any, Protocol

from ...model import Article, Thread
from ...state import Reading, State
from ...store import DocumentStore
from ..articles.list import ArticleList
from ..body.view import ArticleBody
from ..thread.pane import ThreadPane
from ..thread.view import ThreadView
from .thread_order import ThreadOrders, said


class ShowsThread(Protocol):
    """The screen the article opens on (the screen holds this)."""

    store: DocumentStore
    reading: Reading
    # The article shown and its thread (reactives of the screen: set, the panes show them).
    article: Article | None
    thread: Thread | None

    def notify(self, message: str, **options: Any) -> None: ...

    def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...


class ArticleOpening:
    """Opens articles on `screen`, and sorts the open one's comments."""

    def __init__(self, screen: ShowsThread, state: State | None) -> None:
        self.screen = screen
        # The order the comments are read in, for each kind of source.
        self.orders = ThreadOrders(state)

    def open(self, article_id: str) -> Article:
        """Show the article and its thread, where the reader left them."""
        screen = self.screen
        store = screen.store
        # The views show the new article at their start, which is not where the
        # reader is: nothing is remembered until the place is restored.
        article = store.article(article_id)
        # In the order chosen for its kind of source (the state follows).
        store.sort_thread(article_id, self.orders.of(article))
        screen.query_one(ThreadPane).note = article.comments_note
        with screen.reading.opening(store.state(article_id)) as saved:
            screen.article = article
            screen.thread = store.thread(article_id)
        if saved is not None:
            screen.query_one("#articles", ArticleList).mark_opened(article_id)
            self._restore_position(*saved)
        if article.focus is not None:
            # The comment the URL named, the first time the article opens.
            self._go_to_source_id(article.focus)
            article.focus = None
        return article

    def _restore_position(self, cursor: int | None, body_scroll: float) -> None:
        """Where the reader left the article: the comment under the cursor, and
        the body's scroll (once the body has laid out the new article)."""
        if cursor is not None:
            self.screen.query_one(ThreadView).go_to_comment(cursor)
        self.screen.query_one(ArticleBody).restore_scroll(body_scroll)

    def _go_to_source_id(self, source_id: str) -> None:
        thread = self.screen.thread
        if thread is None:
            return
        for index, comment in enumerate(thread.comments):
            if comment.source_id == source_id:
                self.screen.query_one(ThreadView).go_to_comment(index)
                return

    def sort_next(self) -> None:
        """The comments in the next order (source, best, newest, oldest), kept
        for the article's kind of source; the cursor stays on its comment."""
        screen = self.screen
        article = screen.article
        if article is None:
            return
        view = screen.query_one(ThreadView)
        place = view.place()
        old_of_new = screen.store.sort_thread(article.id, self.orders.next_for(article))
        if old_of_new is not None:
            screen.thread = screen.store.thread(article.id)
            new_of_old = {old: new for new, old in enumerate(old_of_new)}
            folded = [new_of_old[index] for index in place.collapsed]
            view.restore_place(new_of_old.get(place.cursor, -1), folded, place.cursor_row)
        order = screen.store.thread(article.id).order
        screen.notify(f"Comments {said(order)}", timeout=2, markup=False)
