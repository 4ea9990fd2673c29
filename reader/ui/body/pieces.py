"""The article body cut into pieces that wrap on their own, lazily.

Each block of the article (title, byline, facts, a paragraph, the bio, ...)
is one piece, unless it is longer than `CHUNK` characters: then it is cut
into pieces of about that length, at a line break or a space where there is
one (code only at a line break), so that a body that is one 10 MB line wraps
a few kilobytes at a time and no Rich `Text` of the whole line is ever built.
A piece's height at a width is estimated from its length until it is wrapped.

A paragraph cut in pieces wraps as if each piece were a paragraph of its own
without the blank line between them: the last line of a piece may be shorter
than a wrap of the whole would make it. Only text longer than `CHUNK` is cut.
"""

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

from ...text import CODE, ITEM, PART, QUOTE, RULE, Block
from ..render.block_lines import (
    PART_RULE,
    BlockStyles,
    MatchSpan,
    block_gap,
    block_lines,
    gap_prefix,
)
from ..render.wrapping import wrap_lines

# About 50 lines of prose at 80 columns: what one piece costs to wrap is
# what a key press can afford.
CHUNK = 4096
# Characters whose cell widths are sampled to estimate a piece's width
# (wide CJK characters take two cells each).
SAMPLE = 256
# A word-wrapped line leaves a few cells unused at its end, on average.
WRAP_WASTE = 3

BlockKey = tuple[str, int] | None
Line = tuple[list[Segment], int]


class PlainBlock(NamedTuple):
    """A block of the article in one style (title, byline, bio, ...)."""

    string: str
    style: str  # its name in the view's styles, which a theme changes


class StructuredBlock(NamedTuple):
    """A block of the body laid out by the block renderer (a link post's note too)."""

    string: str
    layout: Block
    previous: Block | None  # the block before it, for the gap between them


class Piece(NamedTuple):
    """Characters `start:end` of a block's string, wrapped on their own."""

    key: BlockKey
    block: PlainBlock | StructuredBlock
    start: int
    end: int
    gap: bool  # a blank line before it: the first piece of a block, not of the article
    cells: int  # the cells its text takes unwrapped (estimated from a sample)
    breaks: int  # its line breaks


def pieces_of(blocks: list[tuple[BlockKey, PlainBlock | StructuredBlock]]) -> list[Piece]:
    """Every block cut into pieces, in order."""
    pieces: list[Piece] = []
    for key, block in blocks:
        string = block.string
        code = isinstance(block, StructuredBlock) and block.layout.kind == CODE
        gap = bool(pieces) and _has_gap(block)
        for start, end in piece_ranges(string, code):
            pieces.append(
                Piece(
                    key,
                    block,
                    start,
                    end,
                    gap,
                    _cells(string, start, end),
                    string.count("\n", start, end),
                )
            )
            gap = False
    return pieces


def _has_gap(block: PlainBlock | StructuredBlock) -> bool:
    if isinstance(block, PlainBlock) or block.previous is None:
        return True
    return block_gap(block.previous, block.layout)


def piece_ranges(string: str, code: bool) -> list[tuple[int, int]]:
    """Where to cut `string` into pieces of about `CHUNK` characters: after a
    line break or a space in the second half of each (the separator belongs
    to no piece); code only at a line break, prose anywhere if it has neither."""
    length = len(string)
    ranges: list[tuple[int, int]] = []
    start = 0
    while length - start > CHUNK:
        limit = start + CHUNK
        cut = string.rfind("\n", start + CHUNK // 2, limit)
        if cut < 0 and code:
            cut = string.find("\n", limit)
            if cut < 0:
                break  # one code line to the end: a single screen line, clipped
        elif cut < 0:
            cut = string.rfind(" ", start + CHUNK // 2, limit)
        if cut < 0:
            ranges.append((start, limit))  # a word of kilobytes: broken as the wrap would
            start = limit
            continue
        ranges.append((start, cut))
        start = cut + 1
    ranges.append((start, length))
    return ranges


def _cells(string: str, start: int, end: int) -> int:
    length = end - start
    sample = string[start : start + SAMPLE]
    if sample.isascii():
        return length
    return length * cell_len(sample) // max(1, len(sample))


def estimate(piece: Piece, measure: int) -> int:
    """The piece's height in lines at `measure` cells, guessed from its length."""
    block = piece.block
    layout = block.layout if isinstance(block, StructuredBlock) else None
    if layout is not None and layout.kind == RULE:
        lines = 1
    elif layout is not None and layout.kind == CODE:
        lines = piece.breaks + 1
    else:
        inner = max(1, measure - _decoration(layout))
        usable = inner - WRAP_WASTE if inner > 4 * WRAP_WASTE else inner
        lines = piece.breaks + max(1, -(-piece.cells // usable))
    return lines + piece.gap


def _decoration(layout: Block | None) -> int:
    """Cells the block renderer puts before each line of a block."""
    if layout is None:
        return 0
    if layout.kind == QUOTE:
        return 2 * max(1, layout.level)
    if layout.kind == ITEM:
        return 2 * max(0, layout.level - 1) + cell_len(layout.marker or "•") + 1
    if layout.kind == PART:
        return cell_len(PART_RULE)
    return 0


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
    for span in spans[bisect_right(spans, start, key=itemgetter(1)) :]:
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
    return replace(layout, spans=spans, marker=marker)
