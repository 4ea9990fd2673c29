"""The comments pane: the thread view and its search, with the filter toggle.

Below the thread, a status line gives the full time of the comment under the
cursor (the header says it relative: `3 h ago`). A line, not a tooltip: a
tooltip needs the mouse to hover, and this is read from the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label

from ...model import Thread
from ...sanitize import neutralise
from ...search.query import Match, Query
from ...state import ArticleState
from ...store import DocumentStore
from ...times import absolute, parse_time
from ..thread_matches import ThreadMatches
from .reading_counts import SEPARATOR, reading_counts
from .search_pane import Matches, SearchPane
from .thread_view import ThreadView


class CommentStatus(Label):
    """The cursor comment's position and full time; hidden when it has no time."""

    DEFAULT_CSS = """
    CommentStatus {
        /* Split, not docked: the search bar docks at the bottom of what is left,
           above it. Two docked at one edge overlap: the line hid the bar. */
        split: bottom;
        height: 1;
        width: 1fr;
        padding: 0 1;
        color: $text-muted;
        display: none;
        &.-shown { display: block; }
    }
    """


class ThreadPane(SearchPane[Match]):
    """Finds in the open thread; matches inside folded comments are reachable."""

    FILTER_TOGGLE = True

    thread: reactive[Thread | None] = reactive(None, init=False, always_update=True)
    """The open article's thread (bound to the screen's): searched, and counted
    in the border's title."""

    marks: reactive[ArticleState | None] = reactive(None, init=False)
    """The open article's state (bound to the screen's, set before `thread`):
    its new and unread comments are counted in the title too."""

    def __init__(
        self, store: DocumentStore, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(ThreadView(id="thread"), id=id, classes=classes)
        self.store = store
        # The comments the filter shows, while it is on.
        self._filtered: set[int] | None = None

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield CommentStatus(id="comment-status")

    @on(ThreadView.CursorMoved)
    def _show_comment_time(self, event: ThreadView.CursorMoved) -> None:
        # Not stopped: the screen saves the position.
        status = self.query_one(CommentStatus)
        thread = self.thread_view.thread
        comment = thread.comments[event.index] if thread and event.index >= 0 else None
        if comment is None or not comment.posted:
            status.remove_class("-shown")
            return
        when = parse_time(comment.posted)
        said = neutralise(comment.posted) if when is None else absolute(when)
        # Content, not str: the time comes from the document. One line as wide
        # as the pane whatever it says: no relayout of the screen per move.
        status.update(Content(f"{comment.path} · posted {said}"), layout=False)
        status.add_class("-shown")

    @property
    def thread_view(self) -> ThreadView:
        assert isinstance(self.view, ThreadView)
        return self.view

    def find(self, query: Query) -> Iterator[Match]:
        thread = self.thread
        if thread is None:
            return iter(())
        return self.store.search_thread(thread.article_id, query)

    def keep(self) -> ThreadMatches:
        return ThreadMatches()

    def highlight(self, matches: Matches[Match], current: Match | None) -> None:
        assert isinstance(matches, ThreadMatches)
        self.thread_view.set_matches(matches, current)
        self._follow_filter()

    def matches_added(self, added: Matches[Match]) -> None:
        assert isinstance(added, ThreadMatches)
        self.thread_view.matches_added(added)
        if self.counted:
            # Every match is known: the filter shows each comment with one.
            self._follow_filter()

    def current_moved(self, current: Match) -> None:
        self.thread_view.set_current_match(current)

    def _follow_filter(self) -> None:
        """The filter follows the live query: every comment with a match (so far)
        is shown before any match is gone to. While the search counts, the shown
        set only grows, and only at its first match and when the count ends, so
        the view does not jump (nor refilter the thread) per batch."""
        view = self.thread_view
        query = self.search_query
        if query is not None and query.text and self.error is None and self.filtering:
            assert isinstance(self.matches, ThreadMatches)
            shown = set(self.matches.comments)
            if not self.counted:
                shown |= self._filtered or set()
            view.describe_filter(f"/{query.text}")
            if shown != self._filtered:
                self._filtered = shown
                view.filter_to(shown)
        elif self._filtered is not None:
            # No query (or an invalid one) filters nothing: every comment shows.
            self._filtered = None
            view.filter_to(None)

    def go_to(self, match: Match) -> None:
        self.thread_view.go_to_match(match)

    def watch_thread(self, thread: Thread | None) -> None:
        """A new article is open: its comment count in the title; the old
        thread's search ends, and the new one is searched for the query in force."""
        self.show_counts()
        self._filtered = None
        self.document_changed()

    def show_counts(self) -> None:
        """The title: how many comments, how many of them new and unread."""
        thread = self.thread
        if thread is None:
            self.border_title = "Comments"
            return
        counts = [str(thread.comment_count), *reading_counts(self.marks)]
        self.border_title = f"Comments ({SEPARATOR.join(counts)})"
