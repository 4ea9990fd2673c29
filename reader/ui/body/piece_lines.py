"""A piece of the article body (see `pieces.py`) wrapped into screen lines,
with the search's matches highlighted in it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from operator import itemgetter
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ...text import CODE, ITEM, Block
from ..render.block_lines import MatchSpan, block_lines, gap_prefix
from ..render.block_styles import BlockStyles
from ..render.wrapping import wrap_lines
from .blocks import AnyBlock, BlockKey, PlainBlock

Line = tuple[list[Segment], int]


class Piece(NamedTuple):
    """Characters `start:end` of a block's string, wrapped on their own; made
    when the piece is drawn."""

    key: BlockKey
    block: AnyBlock
    start: int
    end: int
    gap: bool  # a blank line before it: the first piece of a block, not of the article


def piece_lines(
    piece: Piece,
    measure: int,
    console: Console,
    styles: dict[str, Style],
    block_styles: BlockStyles,
    found: list[MatchSpan],
    current: MatchSpan | None,
) -> list[Line]:
    """The piece's lines at `measure` cells, after the blank line before it if
    any (start -1: not part of the block's text); search matches (offsets in
    the block's string) highlighted. Each line's start is an offset in the
    block's string."""
    start, end = piece.start, piece.end
    block = piece.block
    string = block.string[start:end]
    matches = _clipped(found, start, end)
    current_here = next(iter(_clipped([current], start, end)), None) if current else None
    lines: list[Line] = []
    if isinstance(block, PlainBlock):
        if piece.gap:
            lines.append(([], -1))
        # Neutralised when the block was made. The style as a span: Rich drops a
        # Text's own style when it renders one without spans.
        text = Text(string)
        text.stylize(styles[block.style])
        for span in matches:
            is_current = span == current_here
            text.stylize(styles["current-match"] if is_current else styles["match"], *span)
        wrapped = wrap_lines(text, console, measure)
    else:
        layout = _piece_layout(block.layout, start, end, len(block.string))
        previous = block.previous
        if piece.gap:
            gap = gap_prefix(previous, layout, block_styles) if previous is not None else []
            lines.append((gap, -1))
        whole = (block.string, start) if layout.kind == CODE else None
        wrapped = block_lines(
            string, layout, measure, console, block_styles, matches, current_here, whole
        )
    lines.extend((segments, offset + start) for segments, offset in wrapped)
    return lines


def _clipped(spans: list[MatchSpan], start: int, end: int) -> list[MatchSpan]:
    """The parts of `spans` (in order, not overlapping, as a search finds them)
    inside `start:end`, as offsets from `start`: found by bisection, since a
    common word matches thousands of times in a long line."""
    clipped = []
    for position in range(bisect_right(spans, start, key=itemgetter(1)), len(spans)):
        span = spans[position]
        if span[0] >= end:
            break
        low, high = max(span[0], start), min(span[1], end)
        if low < high:
            clipped.append((low - start, high - start))
    return clipped


def _piece_layout(layout: Block, start: int, end: int, length: int) -> Block:
    """The block's layout for its characters `start:end`: its spans clipped,
    and a list item's bullet only on its first piece."""
    if start == 0 and end == length:
        return layout
    spans = tuple(
        replace(span, start=max(span.start, start) - start, end=min(span.end, end) - start)
        for span in layout.spans
        if span.start < end and span.end > start
    )
    marker = layout.marker
    if start and layout.kind == ITEM:
        marker = " " * cell_len(marker or "•")  # later pieces line up under the text
    return layout.replaced(marker, spans)
