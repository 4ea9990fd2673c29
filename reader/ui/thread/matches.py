"""A thread search's matches, compact and indexed per comment only when asked.

A thread's search finds its matches in display order (comment by comment,
field by field), so they are sorted by comment index: a comment's matches are
one slice, found by binary search over a C array. They are kept as four
parallel arrays rather than a list of `Match` objects: a search that finds
100,000 matches then leaves no 100,000 objects for the cyclic collector to
walk at every full collection (each a UI stall of tens of milliseconds while
the count runs), and takes 16 bytes a match. Nothing is built per match to
show a batch or to move the current match with `n`. Nothing here imports
Textual.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from ...search.query import Match
from ..render.block_lines import MatchSpan


class ThreadMatches:
    """Matches with keys `(comment index, paragraph)`, in display order; grows
    with `extend` while the search counts."""

    __slots__ = ("_comments", "_ends", "_paragraphs", "_starts")

    def __init__(self, matches: Iterable[Match] = ()) -> None:
        self._comments = array("i")
        self._paragraphs = array("i")
        self._starts = array("i")
        self._ends = array("i")
        self.extend(matches)

    def extend(self, matches: Iterable[Match]) -> None:
        if isinstance(matches, ThreadMatches):
            # A batch from the search worker: copied in C.
            self._comments.extend(matches._comments)
            self._paragraphs.extend(matches._paragraphs)
            self._starts.extend(matches._starts)
            self._ends.extend(matches._ends)
            return
        for (comment, paragraph), start, end in matches:  # type: ignore[misc]
            self._comments.append(comment)
            self._paragraphs.append(paragraph)
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._comments)

    def __getitem__(self, position: int) -> Match:
        return Match(
            (self._comments[position], self._paragraphs[position]),
            self._starts[position],
            self._ends[position],
        )

    def __iter__(self) -> Iterator[Match]:
        return map(self.__getitem__, range(len(self)))

    @property
    def comments(self) -> array[int]:
        """The comment index of each match (so, of the comments with one, in order)."""
        return self._comments

    def _slice(self, first: int, stop: int) -> tuple[int, int]:
        """Where the matches of comments `first` to `stop - 1` are."""
        comments = self._comments
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
            spans.setdefault(self._paragraphs[position], []).append(
                (self._starts[position], self._ends[position])
            )
        return spans
