"""A search's matches kept compact: four parallel arrays of numbers (the
two numbers of each match's key, its start and its end), not a `Match`
object each.

A search that finds 100,000 matches (a common word in a big text: millions)
then leaves no objects for the cyclic collector to walk at every full
collection (each a UI stall of tens of milliseconds while the count runs),
and takes 16 bytes a match. A batch from the search worker is copied in C,
and nothing is made per match to show a batch or to move the current match
with `n`. A pane's matches say how a key is two numbers (`pair`, `key`);
they come in display order, so the matches of one key are one slice, found
by binary search. Nothing here imports Textual.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Iterator

from ...search.query import Match


class PairMatches:
    """Matches whose keys are two numbers each, in order; grows with `extend`
    while the search counts."""

    __slots__ = ("_ends", "_firsts", "_seconds", "_starts")

    def __init__(self, matches: Iterable[Match] = ()) -> None:
        self._firsts = array("i")
        self._seconds = array("i")
        self._starts = array("i")
        self._ends = array("i")
        self.extend(matches)

    @staticmethod
    def pair(key: Hashable) -> tuple[int, int]:
        """A match's key as its two numbers."""
        return key  # type: ignore[return-value]

    @staticmethod
    def key(first: int, second: int) -> Hashable:
        """The key that `pair` made two numbers of."""
        return first, second

    def extend(self, matches: Iterable[Match]) -> None:
        if isinstance(matches, PairMatches):
            # A batch from the search worker: copied in C.
            self._firsts.extend(matches._firsts)
            self._seconds.extend(matches._seconds)
            self._starts.extend(matches._starts)
            self._ends.extend(matches._ends)
            return
        pair = self.pair
        for key, start, end in matches:
            first, second = pair(key)
            self._firsts.append(first)
            self._seconds.append(second)
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._firsts)

    def __getitem__(self, position: int) -> Match:
        key = self.key(self._firsts[position], self._seconds[position])
        return Match(key, self._starts[position], self._ends[position])

    def __iter__(self) -> Iterator[Match]:
        return map(self.__getitem__, range(len(self)))
