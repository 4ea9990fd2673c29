"""The thread view's search matches: highlighted in the painted comments, the
current one distinctly, and brought on screen.

The matches are the search pane's `ThreadMatches`, kept rather than copied;
as they grow, or as `n` moves the current match, only the painted comments
concerned are painted again, so a step costs what is on screen, not what
was found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .thread_view import ThreadView

    # A part of the thread view: type-checked as the view it is mixed into.
    _View = ThreadView
else:
    _View = object

from ...search.fields import HEADER
from ...search.query import Match
from ..thread_matches import ThreadMatches


class ThreadHighlights(_View):
    """Search highlights and the comments filter, mixed into `ThreadView`."""

    # Search ------------------------------------------------------------------

    def set_matches(self, matches: ThreadMatches, current: Match | None) -> None:
        """Highlight `matches`, `current` distinctly. They are kept, not
        copied: when they grow, `matches_added` says what was appended."""
        before = self._matches
        self._matches, self._current_match = matches, current
        if not len(before) and not len(matches):
            # Nothing was highlighted and nothing is (a query typed on with no
            # match): nothing on screen changes.
            return
        # Only the painted comments with a match, before or now, change (the
        # current match, old or new, is one of them).
        if self._forget_painted(
            lambda index: (
                before.any_between(index, index + 1) or matches.any_between(index, index + 1)
            )
        ):
            self.refresh()
        self._marks_changed()

    def matches_added(self, added: ThreadMatches) -> None:
        """`added` were appended to the matches on show: repaint the comments
        they are in, if painted, and the minimap."""
        if not len(added):
            return
        first, last = added.comments[0], added.comments[-1]
        if self._forget_painted(lambda index: first <= index <= last):
            self.refresh()
        self._marks_changed()

    def set_current_match(self, current: Match) -> None:
        """Make `current` the match shown distinctly: only the comments of the
        old and the new current match are painted again."""
        before, self._current_match = self._current_match, current
        changed = {match.key[0] for match in (before, current) if match is not None}  # type: ignore[index]
        self._forget_painted(changed.__contains__)
        self.refresh()

    def _forget_painted(self, comment: Callable[[int], bool]) -> bool:
        """Drop the painted lines of the comments `comment` is true of; True if
        there were any (the comments on screen are always painted)."""
        painted = self._painted.keys()
        forgotten = [key for key in painted if comment(key[0])]
        for key in forgotten:
            self._painted.discard(key)
        return bool(forgotten)

    def go_to_match(self, match: Match) -> None:
        """Unfold just the ancestors of the match's comment, put the cursor on it
        and scroll so the line of the match is on screen."""
        if self.rows is None:
            return
        index, paragraph = match.key  # type: ignore[misc]
        self.rows.reveal(index)
        self._marks_changed()
        if paragraph != HEADER:
            # The match is in the comment's own text: a fold would hide it.
            self.rows.set_collapsed(index, False)
        # Nothing painted is stale: a painted comment is cached with its fold.
        self._set_cursor_quietly(index)
        position = self.rows.position(index)
        assert position is not None
        self._measure(position)
        self._update_virtual_size()
        painted = self._painted_comment(index)
        line = self.rows.line_of(position) + painted.line_of(paragraph, match.start)
        view = self._view_height
        if not self.scroll_y <= line < self.scroll_y + view:
            self.scroll_to(y=max(0, line - view // 3), animate=False, immediate=True)
        self.refresh()

    def describe_filter(self, note: str) -> None:
        """Name what the filter is for (`/query`), to say when nothing matches."""
        if note != self._filter_note:
            self._filter_note = note
            self.refresh()

    def filter_to(self, indices: set[int] | None) -> None:
        """Show only these comments with their ancestors (None: everything again)."""
        if self.rows is None:
            return
        if indices is None:
            self.rows.unfilter()
        else:
            self.rows.filter(indices)
        self._refold()
