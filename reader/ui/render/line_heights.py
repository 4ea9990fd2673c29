"""Heights of a long run of items in screen lines, and where each starts: the
thread's visible comments, the article body's pieces.

A height is an estimate until its item is wrapped, then exact. Line offsets
come from sums over blocks of `block` items: a height that changes updates one
block's sum, and finding the item at a line is a binary search over the block
starts, then within one block. So making a few items exact costs a few blocks'
worth of work, whatever the length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import MutableSequence
from itertools import accumulate


class LineHeights:
    """Each item's height in lines, its first line, and the item at a line."""

    def __init__(self, heights: MutableSequence[int], block: int = 256) -> None:
        """`heights` is kept, not copied: a caller that splices it says so with
        `changed()`."""
        self.heights = heights
        self.block = block
        self._block_sums: list[int] = []
        # How many of `_block_sums`, from the first, are up to date.
        self._summed = 0
        self._block_starts: list[int] | None = None
        self._block_offsets: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.heights)

    def __getitem__(self, index: int) -> int:
        return self.heights[index]

    def _starts(self) -> list[int]:
        if self._summed < len(self._block_sums) or self._summed * self.block < len(self.heights):
            heights, block, summed = self.heights, self.block, self._summed
            del self._block_sums[summed:]
            self._block_sums.extend(
                sum(heights[start : start + block])
                for start in range(summed * block, len(heights), block)
            )
            self._summed = len(self._block_sums)
        if self._block_starts is None:
            self._block_starts = [0, *accumulate(self._block_sums)]
        return self._block_starts

    def _offsets_in(self, block: int) -> list[int]:
        offsets = self._block_offsets.get(block)
        if offsets is None:
            start = block * self.block
            offsets = [0, *accumulate(self.heights[start : start + self.block])]
            self._block_offsets[block] = offsets
        return offsets

    @property
    def total(self) -> int:
        return self._starts()[-1]

    def line_of(self, index: int) -> int:
        """The first line of item `index` (the total past the last one)."""
        if index >= len(self.heights):
            return self.total
        block, within = divmod(index, self.block)
        return self._starts()[block] + self._offsets_in(block)[within]

    def index_at(self, line: int) -> int:
        """The item covering `line`, clamped to the items (-1 when there are none)."""
        if not self.heights:
            return -1
        starts = self._starts()
        block = min(max(bisect_right(starts, line) - 1, 0), len(starts) - 2)
        within = bisect_right(self._offsets_in(block), line - starts[block]) - 1
        return min(max(block * self.block + within, 0), len(self.heights) - 1)

    def set(self, index: int, height: int) -> int:
        """Record a measured height; the change from what was there."""
        change = height - self.heights[index]
        if change:
            self.heights[index] = height
            block = index // self.block
            if block < self._summed:
                self._block_sums[block] += change
            self._block_starts = None
            self._block_offsets.pop(block, None)
        return change

    def changed(self, start: int = 0) -> None:
        """Forget the sums from item `start` on: the heights from there on were
        spliced or replaced in place. (A fold in the middle of a long thread sums
        again only the blocks after it.)"""
        first = start // self.block
        self._summed = min(self._summed, first)
        self._block_starts = None
        for block in [block for block in self._block_offsets if block >= first]:
            del self._block_offsets[block]
