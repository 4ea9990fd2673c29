"""An article search's matches, compact: three arrays of numbers, not a
`Match` object each.

A search of an article's own text finds its matches in reading order (field
by field: the title, the subtitle, the body's blocks, the bio), so each
field's matches are one slice, found by bisection over its key's number. A
common word in a big text file matches millions of times: as objects, and a
list of spans for each block to paint, they took several times the memory of
the text; here 16 bytes a match, and nothing is made per match to show a
batch of them or to move the current one with `n`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from ...search.fields import BIO, BODY, SUBTITLE, TITLE
from ...search.query import Match
from ..render.block_lines import MatchSpan

# The kinds of field, in reading order: a key is `kind << 32 | number`.
KINDS = (TITLE, SUBTITLE, BODY, BIO)
_KIND_NUMBER = {kind: number for number, kind in enumerate(KINDS)}


def _key_number(key: tuple[str, int]) -> int:
    kind, number = key
    return _KIND_NUMBER[kind] << 32 | number


class ArticleMatches:
    """Matches with keys `(TITLE|SUBTITLE|BODY|BIO, n)`, in reading order;
    grows with `extend` while the search counts."""

    __slots__ = ("_ends", "_keys", "_starts")

    def __init__(self, matches: Iterable[Match] = ()) -> None:
        self._keys = array("q")
        self._starts = array("i")
        self._ends = array("i")
        self.extend(matches)

    def extend(self, matches: Iterable[Match]) -> None:
        if isinstance(matches, ArticleMatches):
            # A batch from the search worker: copied in C.
            self._keys.extend(matches._keys)
            self._starts.extend(matches._starts)
            self._ends.extend(matches._ends)
            return
        for key, start, end in matches:
            self._keys.append(_key_number(key))  # type: ignore[arg-type]
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, position: int) -> Match:
        number = self._keys[position]
        key = (KINDS[number >> 32], number & 0xFFFFFFFF)
        return Match(key, self._starts[position], self._ends[position])

    def __iter__(self) -> Iterator[Match]:
        return map(self.__getitem__, range(len(self)))

    def spans_in(self, key: tuple[str, int], start: int, end: int) -> list[MatchSpan]:
        """The matches in field `key` that reach into its characters
        `start:end`, in order, as `(start, end)` (in a field the matches
        neither overlap nor touch out of order: their ends are sorted too)."""
        number = _key_number(key)
        keys = self._keys
        low = bisect_left(keys, number)
        high = bisect_left(keys, number + 1, lo=low)
        low = bisect_right(self._ends, start, low, high)
        high = bisect_left(self._starts, end, low, high)
        return list(zip(self._starts[low:high], self._ends[low:high], strict=True))

    @property
    def keys(self) -> set[tuple[str, int]]:
        """The fields with a match."""
        return {(KINDS[number >> 32], number & 0xFFFFFFFF) for number in set(self._keys)}
