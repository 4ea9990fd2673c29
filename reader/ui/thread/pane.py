"""The comments pane: the thread view and its search, with the filter toggle.

Below the thread, a status line gives the full time of the comment under the
cursor (the header says it relative: `3 h ago`). A line, not a tooltip: a
tooltip needs the mouse to hover, and this is read from the keyboard.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label

from ... import times
from ...model import Thread
from ...sanitize import neutralise
from ...search.query import Match
from ...sorts import SAID
from ...state import Reading
from ...state.article_state import NEW
from ...store import DocumentStore
from ..render.reading_counts import SEPARATOR, reading_counts
from ..search.pane import SearchPane
from .view import ThreadView


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
    """The open article's thread (bound to the screen's): handed to the view,
    and counted in the border's title."""
    note: reactive[str | None] = reactive(None, init=False)
    """Where the comments came from, when not from the article's own source
    (a blog's comment feed: flat, in time order): said after the counts."""

    def __init__(self, store: DocumentStore, reading: Reading | None = None, **kwargs: Any) -> None:
        view = ThreadView(store, reading, id="thread")
        super().__init__(view, view, **kwargs)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield CommentStatus(id="comment-status")

    @on(ThreadView.CursorMoved)
    def _show_comment_time(self, event: ThreadView.CursorMoved) -> None:
        # Not stopped: the screen saves the position.
        status = self.query_one(CommentStatus)
        comment = event.comment
        if comment is None or not comment.posted:
            status.remove_class("-shown")
            return
        said = times.posted_text(comment.posted, times.now(), in_full=True)
        # Content, not str: the time comes from the document. One line as wide
        # as the pane whatever it says: no relayout of the screen per move.
        status.update(Content(f"{comment.path} · posted {said}"), layout=False)
        status.add_class("-shown")

    @property
    def thread_view(self) -> ThreadView:
        assert isinstance(self.view, ThreadView)
        return self.view

    def watch_thread(self, thread: Thread | None) -> None:
        """A new article is open: its comment count in the title; the old
        thread's search ends, and the new one is searched for the query in force."""
        self.show_counts()
        # The view first: the search finds in the thread it shows.
        self.thread_view.thread = thread
        self.document_changed()

    def watch_note(self) -> None:
        self.show_counts()

    def show_counts(self) -> None:
        """The title: how many comments, how many of them new and unread, and
        their order where it is not the source's; then where they came from,
        when the source says (`Article.comments_note`)."""
        thread = self.thread
        if thread is None:
            self.border_title = "Comments"
            return
        counts = [str(thread.comment_count), *reading_counts(self.thread_view.reading.article)]
        if thread.order in SAID:
            counts.append(SAID[thread.order])
        title = f"Comments ({SEPARATOR.join(counts)})"
        if self.note:
            # Content, not markup: the note may quote the document's URLs.
            self.border_title = Content(title + SEPARATOR + neutralise(self.note))
        else:
            self.border_title = title

    def go_to_marked(self, kind: int, forward: bool, here: bool) -> str | None:
        """Put the cursor on the next (previous) comment of `kind` (NEW, UNREAD);
        with `here`, the comment under the cursor will do if it is of that kind.
        None when the cursor is on one; else what to say."""
        view = self.thread_view
        article = view.reading.article
        if article is None:
            return "No article open"
        on_it = here and view.cursor >= 0 and article.reading[view.cursor] == kind
        if on_it or view.go_to_marked(kind, forward):
            return None
        word = "new" if kind == NEW else "unread"
        if kind not in article.reading:
            return f"No {word} comments in this article"
        return f"No {word} comments {'after' if forward else 'before'} this one"
