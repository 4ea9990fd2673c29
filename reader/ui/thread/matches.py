"""A thread search's matches, compact (`PairMatches`: arrays, not objects)
and indexed per comment only when asked.

A thread's search finds its matches in display order (comment by comment,
field by field), so they are sorted by comment index: a comment's matches are
one slice, found by binary search over a C array. Nothing here imports
Textual.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

from ..render.block_lines import MatchSpan
from ..search.pair_matches import PairMatches


class ThreadMatches(PairMatches):
    """Matches with keys `(comment index, paragraph)`, in display order; grows
    with `extend` while the search counts."""

    __slots__ = ()

    @property
    def comments(self) -> array[int]:
        """The comment index of each match (so, of the comments with one, in order)."""
        return self._firsts

    def _slice(self, first: int, stop: int) -> tuple[int, int]:
        """Where the matches of comments `first` to `stop - 1` are."""
        comments = self._firsts
        low = bisect_left(comments, first)
        return low, bisect_left(comments, stop, lo=low)

    def any_between(self, first: int, stop: int) -> bool:
        """Whether any of comments `first` to `stop - 1` has a match."""
        low, high = self._slice(first, stop)
        return low < high

    def spans_of(self, index: int) -> dict[int, list[MatchSpan]] | None:
        """Comment `index`'s matches by paragraph (None: it has none)."""
        low, high = self._slice(index, index + 1)
        if low == high:
            return None
        spans: dict[int, list[MatchSpan]] = {}
        for position in range(low, high):
            spans.setdefault(self._seconds[position], []).append(
                (self._starts[position], self._ends[position])
            )
        return spans
