"""The search matches shown in a thread, indexed per comment only when asked.

A thread's search hands over its matches in display order (comment by comment,
field by field), so the list is sorted by comment index: a comment's matches
are one slice of it, found by binary search. Nothing is built per match, so
showing a batch of a search that finds 100,000 matches, or moving the current
match with `n`, costs what is on screen, not what was found. Nothing here
imports Textual.
"""

from __future__ import annotations

from bisect import bisect_left

from ..search import Match

# A match's place in a paragraph: `(start, end)`.
Span = tuple[int, int]


def _comment(match: Match) -> int:
    return match.key[0]  # type: ignore[index, no-any-return]


class ThreadMatches:
    """`matches` (keys `(comment index, paragraph)`, in display order) and the
    current one. The list is the search pane's: it grows in place while the
    search counts, and whoever appends says so to the view."""

    __slots__ = ("current", "matches")

    def __init__(self, matches: list[Match] | None = None, current: Match | None = None) -> None:
        self.matches: list[Match] = matches if matches is not None else []
        self.current = current

    def _slice(self, first: int, stop: int) -> tuple[int, int]:
        """Where the matches of comments `first` to `stop - 1` are in the list."""
        matches = self.matches
        low = bisect_left(matches, first, key=_comment)
        return low, bisect_left(matches, stop, lo=low, key=_comment)

    def any_between(self, first: int, stop: int) -> bool:
        """Whether any of comments `first` to `stop - 1` has a match."""
        low, high = self._slice(first, stop)
        return low < high

    def spans_of(self, index: int) -> dict[int, list[Span]] | None:
        """Comment `index`'s matches by paragraph (None: it has none)."""
        low, high = self._slice(index, index + 1)
        if low == high:
            return None
        spans: dict[int, list[Span]] = {}
        for match in self.matches[low:high]:
            spans.setdefault(match.key[1], []).append((match.start, match.end))  # type: ignore[index]
        return spans

    def current_in(self, index: int) -> tuple[int, Span] | None:
        """The current match's paragraph and span, if it is in comment `index`."""
        current = self.current
        if current is None or _comment(current) != index:
            return None
        return current.key[1], (current.start, current.end)  # type: ignore[index]
