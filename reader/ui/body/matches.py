"""An article search's matches, compact (`PairMatches`: arrays, not objects).

A search of an article's own text finds its matches in reading order (field
by field: the title, the subtitle, the body's blocks, the bio), so each
field's matches are one slice, found by bisection. A common word in a big
text file matches millions of times: as objects, and a list of spans for
each block to paint, they took several times the memory of the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable

from ...search.fields import BIO, BODY, SUBTITLE, TITLE
from ..render.block_lines import MatchSpan
from ..search.pair_matches import PairMatches

# The kinds of field, in reading order: a key's first number.
KINDS = (TITLE, SUBTITLE, BODY, BIO)
_KIND_NUMBER = {kind: number for number, kind in enumerate(KINDS)}


class ArticleMatches(PairMatches):
    """Matches with keys `(TITLE|SUBTITLE|BODY|BIO, n)`, in reading order;
    grows with `extend` while the search counts."""

    __slots__ = ()

    @staticmethod
    def pair(key: Hashable) -> tuple[int, int]:
        kind, number = key  # type: ignore[misc]
        return _KIND_NUMBER[kind], number

    @staticmethod
    def key(first: int, second: int) -> Hashable:
        return KINDS[first], second

    def spans_in(self, key: tuple[str, int], start: int, end: int) -> list[MatchSpan]:
        """The matches in field `key` that reach into its characters
        `start:end`, in order, as `(start, end)` (in a field the matches
        neither overlap nor touch out of order: their ends are sorted too)."""
        kind, number = self.pair(key)
        low = bisect_left(self._firsts, kind)
        high = bisect_right(self._firsts, kind, lo=low)
        low = bisect_left(self._seconds, number, low, high)
        high = bisect_right(self._seconds, number, low, high)
        low = bisect_right(self._ends, start, low, high)
        high = bisect_left(self._starts, end, low, high)
        return list(zip(self._starts[low:high], self._ends[low:high], strict=True))

    @property
    def keys(self) -> set[Hashable]:
        """The fields with a match."""
        return {self.key(*pair) for pair in set(zip(self._firsts, self._seconds, strict=True))}
