"""Line offsets over block sums: right after any splice, and a splice sums
again only the blocks from where it happened."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ui.render.line_heights import LineHeights


class CountedHeights(list[int]):
    """Heights that count the slices read from them (each block's sum reads one)."""

    slices = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            self.slices += 1
        return super().__getitem__(index)


def test_a_splice_near_the_end_sums_again_only_the_blocks_after_it() -> None:
    heights = CountedHeights([3] * 100_000)
    lines = LineHeights(heights, block=256)
    assert lines.total == 300_000
    heights.slices = 0
    del heights[90_001:90_500]
    heights[90_000] = 1
    lines.changed(90_000)
    assert lines.total == 3 * (100_000 - 499) - 2
    blocks_from_the_splice = -(-(len(heights) - 90_000 // 256 * 256) // 256)
    # The blocks from the splice's on, and the offsets within one block.
    assert heights.slices <= blocks_from_the_splice + 1


operation = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 10_000), st.integers(1, 9)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 600)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.integers(1, 600)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(operation, max_size=12), st.sampled_from([1, 7, 256]))
def test_offsets_match_the_running_sum_after_any_splices(
    operations: list[tuple[str, int, int]], block: int
) -> None:
    heights = [1 + index % 5 for index in range(1_500)]
    lines = LineHeights(heights, block=block)
    for name, where, amount in operations:
        where = where % (len(heights) + 1)
        if name == "set" and where < len(heights):
            lines.set(where, amount)
        elif name == "delete":
            del heights[where : where + amount]
            lines.changed(where)
        elif name == "insert":
            heights[where:where] = [2] * amount
            lines.changed(where)
        assert lines.total == sum(heights)
    starts = [0, *accumulate(heights)]
    for index in range(0, len(heights), 37):
        assert lines.line_of(index) == starts[index]
        assert lines.index_at(starts[index]) == index
