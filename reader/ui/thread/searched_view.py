"""The thread view as its pane's search target: it finds in the thread,
highlights the matches (the pane's, read through the search it is shown),
brings a match on screen and follows the comments filter."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...search.fields import HEADER
from ...search.query import Match, Query
from ..search.target import Matches, SearchState
from .cursor import ThreadPlace
from .matches import ThreadMatches
from .placed_view import PlacedThreadView


class SearchedThreadView(PlacedThreadView):
    """A thread view that its pane searches (a `SearchTarget`)."""

    def find(self, query: Query) -> Iterator[Match]:
        thread = self.thread
        return iter(()) if thread is None else self.store.search_thread(thread.article_id, query)

    def new_matches(self) -> ThreadMatches:
        return ThreadMatches()

    def starts_from(self, place: ThreadPlace) -> Callable[[Match], bool]:
        """From the comment under the cursor on (matches come in display order,
        which is the order of the comments' indices)."""
        cursor = place.cursor

        def at_or_after(match: Match) -> bool:
            return match.key[0] >= cursor  # type: ignore[index, no-any-return]

        return at_or_after

    def show_matches(self, search: SearchState[Match]) -> None:
        """Highlight the search's matches, its current one distinctly. As they
        grow, `matches_added` says what was appended; only the painted comments
        with a match, before or now, are painted again."""
        self._search, self._current = search, search.current_match
        matches = self.matches
        assert matches is not None
        before, self._highlighted = self._highlighted, set()
        had, self._had_matches = self._had_matches, bool(len(matches))
        if had or len(matches):
            # The current match, old or new, is in one of them.
            if self.thread_layout.forget(
                lambda index: index in before or matches.any_between(index, index + 1)
            ):
                self.refresh()
            self._marks_changed()
        self._follow_filter(search)

    def matches_added(self, added: Matches[Match], search: SearchState[Match]) -> None:
        """Repaint the painted comments `added` are in, and the minimap."""
        assert isinstance(added, ThreadMatches)
        if len(added):
            self._had_matches = True
            first, last = added.comments[0], added.comments[-1]
            if self.thread_layout.forget(lambda index: first <= index <= last):
                self.refresh()
            self._marks_changed()
        if search.counted:
            # Every match is known: the filter shows each comment with one.
            self._follow_filter(search)

    def current_moved(self, search: SearchState[Match]) -> None:
        """Only the comments of the old and the new current match are painted again."""
        before, self._current = self._current, search.current_match
        changed = {match.key[0] for match in (before, self._current) if match is not None}  # type: ignore[index]
        self.thread_layout.forget(changed.__contains__)
        self.refresh()

    def go_to(self, match: Match) -> None:
        """Unfold just the ancestors of the match's comment, put the cursor on it
        and scroll so the line of the match is on screen."""
        rows = self.rows
        if rows is None:
            return
        index, paragraph = match.key  # type: ignore[misc]
        rows.reveal(index)
        self._marks_changed()
        if paragraph != HEADER:
            # The match is in the comment's own text: a fold would hide it.
            rows.set_collapsed(index, False)
        # Nothing painted is stale: a painted comment is cached with its fold.
        self._set_cursor_quietly(index)
        position = rows.position(index)
        assert position is not None
        self.thread_layout.measure(position)
        within = self.thread_layout.painted(index).line_of(paragraph, match.start)
        view = self._view_height
        if not self.scroll_y <= rows.line_of(position) + within < self.scroll_y + view:
            # A third of the view above the match's line: the rows there wrapped
            # first, or the painting of the frame would move the match off the
            # line scrolled to (rows are estimated, code many times its height).
            self._measure_above(position, view // 3 - within)
            line = rows.line_of(position) + within
            self.scroll_to(y=max(0, line - view // 3), animate=False, immediate=True)
        self._update_virtual_size()
        self.refresh()

    def _follow_filter(self, search: SearchState[Match]) -> None:
        """The filter follows the live query: every comment with a match (so far)
        is shown before any match is gone to. While the search counts, the shown
        set only grows, and only at its first match and when the count ends, so
        the view does not jump (nor refilter the thread) per batch."""
        query = search.search_query
        rows = self.rows
        if rows is None:
            return
        if query is not None and query.text and search.error is None and search.filtering:
            matches = self.matches
            assert matches is not None
            shown = set(matches.comments)
            if not search.counted:
                shown |= self._filtered or set()
            if self._filter_note != f"/{query.text}":
                self._filter_note = f"/{query.text}"
                self.refresh()
            if shown != self._filtered:
                self._filtered = shown
                rows.filter(shown)
                self._refold()
        elif self._filtered is not None:
            # No query (or an invalid one) filters nothing: every comment shows.
            self._filtered = None
            rows.unfilter()
            self._refold()
