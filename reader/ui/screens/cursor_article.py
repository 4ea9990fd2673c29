"""The article the list's cursor is on, opened: moved by the reader, once the
frame that shows the cursor on it is made and written (a big thread costs
tens of ms to show), and not at all if the cursor has moved on by then; moved
by the app (a search's result, the article restored), at once. An article
listed before its text was read (a mailbox's thread) is read first, a big one
off the UI thread (in a worker of the screen's, `read_thread`), then opened if
the reader is still on it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from ...loading import Loading
from ...model import Article
from ...prepared import PreparedArticle
from ...state import State
from ...store import DocumentStore
from ..articles.list import ArticleList
from .arrivals import Arrivals

# A listed thread with more comments than this is read off the UI thread
# (some 5 ms a hundred messages): a smaller one is read as it is opened.
READ_AT_ONCE_COMMENTS = 100
# How long after the key's frame the article opens. The frame is written to
# the terminal by Textual's writer thread, which needs the interpreter for
# it: opening at once, the UI thread held it up to 5 ms at a time (the
# switch interval) before the frame was out; meanwhile the UI thread waits.
FRAME_WRITE_SECONDS = 0.004


class OpensArticles(Protocol):
    """The screen the articles open on (the screen holds this)."""

    store: DocumentStore
    state: State | None
    files: Loading
    arrivals: Arrivals

    @property
    def article(self) -> Article | None: ...

    @property
    def app(self) -> Any: ...

    def open_article(self, article_id: str) -> None: ...

    def run_worker(self, work: Callable[[], object], **options: Any) -> Any: ...

    def call_after_refresh(self, callback: Callable[[], object]) -> bool: ...

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Any: ...

    def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...


class CursorArticle:
    """Opens on `screen` the article the list's cursor is on."""

    def __init__(self, screen: OpensArticles) -> None:
        self.screen = screen
        # The article the list's cursor went to, opened after the frame that shows it.
        self._wanted: str | None = None

    def highlighted(self, article_id: str, by_reader: bool) -> None:
        """The list's cursor went to `article_id` (`by_reader`: a key, a click)."""
        shown = self.screen.article
        if shown is None or shown.id != article_id:
            self._wanted = article_id
            if by_reader:
                self.screen.call_after_refresh(self._frame_out)
            else:
                self.open_wanted()

    def _frame_out(self) -> None:
        """The key's frame is made: open the article once it is written."""
        self.screen.set_timer(FRAME_WRITE_SECONDS, self.open_wanted)

    def open_wanted(self, at_once: bool = False) -> None:
        """Open the article the cursor went to, if it is still on it."""
        wanted, self._wanted = self._wanted, None
        highlighted = self.screen.query_one("#articles", ArticleList).highlighted_id
        if wanted is None or wanted != highlighted:
            return  # moved on: a later call opens where the cursor is
        shown = self.screen.article
        if shown is None or shown.id != wanted:
            self._show(wanted, at_once)

    def _show(self, article_id: str, at_once: bool = False) -> None:
        """Open the article; one listed before its text was read is read
        first, a big one off the UI thread (`read_thread`, unless `at_once`),
        then opened if the cursor is still on it."""
        screen = self.screen
        screen.arrivals.following = None  # the reader has gone elsewhere
        if screen.store.is_listed(article_id):
            if not at_once and screen.store.comment_count(article_id) > READ_AT_ONCE_COMMENTS:
                self.read_thread(article_id)
                return
            self._have_read(article_id, self._read_listed(article_id))
            return
        screen.open_article(article_id)

    def read_thread(self, article_id: str) -> None:
        """Read a big listed thread off the UI thread, in a worker of the
        screen's (a later one replaces it), then open it if the reader is
        still on it."""
        work = partial(self._read_off_thread, article_id)
        self.screen.run_worker(work, name="read_thread", group="read", thread=True, exclusive=True)

    def _read_off_thread(self, article_id: str) -> None:
        """In the worker: read a big listed thread (the interpreter's switch
        interval lowered meanwhile, so that a key waits for it at most 0.1
        ms), then open it if the reader is still on it."""
        from ..switch_interval import WORKING  # here: a big thread's, after the first frame

        with WORKING.lowered():
            read = self._read_listed(article_id)
        self.screen.app.call_from_thread(self._have_read, article_id, read)

    def read_if_listed(self, article_id: str) -> None:
        """An article about to open that was listed before its text was read
        is read now."""
        if self.screen.store.is_listed(article_id):
            self._put_read(article_id, self._read_listed(article_id))

    def _read_listed(self, article_id: str) -> PreparedArticle | None:
        """An article listed before its text was read (a mailbox's thread),
        read and prepared, with its state. Safe off the UI thread."""
        try:
            return self.screen.store.read(article_id, self.screen.state)
        except Exception:  # a parser bug must not take the reader down
            self.screen.files.warnings.append(f"{article_id}: the thread could not be read")
            return None

    def _put_read(self, article_id: str, prepared: PreparedArticle | None) -> None:
        """Put a listed article read (`_read_listed`) in its place."""
        screen = self.screen
        if prepared is not None and screen.store.is_listed(article_id):
            article = screen.store.replace(article_id, prepared)
            screen.query_one("#articles", ArticleList).replace_entry(
                article, screen.store.comment_count(article_id)
            )
        if screen.arrivals.done:  # (while files load, their end reports everything)
            screen.arrivals.report_new_errors("reading")

    def _have_read(self, article_id: str, prepared: PreparedArticle | None) -> None:
        """A listed article was read: put in its place and, if the reader is
        still on it, opened (with the place a preview of it left them, if it
        is the full version of the preview they were reading)."""
        screen = self.screen
        self._put_read(article_id, prepared)
        following, screen.arrivals.following = screen.arrivals.following, None
        if following is not None and following.article_id == article_id:
            screen.arrivals.open_in_place(following)
            return
        shown = screen.article
        on_it = screen.query_one("#articles", ArticleList).highlighted_id == article_id
        if on_it and (shown is None or shown.id != article_id):
            screen.open_article(article_id)
