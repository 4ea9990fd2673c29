"""The article body cut into pieces that wrap on their own, kept as a few
arrays of numbers, and each piece's height at a width guessed from them.

Each block of the article (title, byline, facts, a paragraph, the bio, ...)
is one piece, unless it is longer than `CHUNK` characters: then it is cut
into pieces of about that length, at a line break or a space where there is
one (code only at a line break), so that a body that is one 10 MB line wraps
a few kilobytes at a time and no Rich `Text` of the whole line is ever built.

A piece is six numbers in arrays (its block, where it starts and ends in the
block's string, the cells its text takes, its line breaks, its shape), some
20 bytes, not an object: a 251 MB text file is a million paragraphs, and the
objects made for each took more memory than the text. The arrays of a body's
plain paragraphs are made by C loops over its strings (`map(len, ...)`), so
that opening such a body costs a fraction of a second.

A paragraph cut in pieces wraps as if each piece were a paragraph of its own
without the blank line between them: the last line of a piece may be shorter
than a wrap of the whole would make it. Only text longer than `CHUNK` is cut.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import compress, repeat

from rich.cells import cell_len

from ...text import CODE, ITEM, PART, QUOTE, RULE, Block, block_at
from ..render.block_lines import PART_RULE, block_gap
from .blocks import AnyBlock, ArticleBlocks, BlockKey, StructuredBlock
from .piece_lines import Piece

# About 50 lines of prose at 80 columns: what one piece costs to wrap is
# what a key press can afford.
CHUNK = 4096
# Characters whose cell widths are sampled to estimate a piece's width
# (wide CJK characters take two cells each).
SAMPLE = 256
# A word-wrapped line leaves a few cells unused at its end, on average.
WRAP_WASTE = 3
# A piece's shape, as its height is guessed: one line, its own lines (code), or
# wrapped in the cells the block renderer leaves after its decoration
# (`WRAPPED + decoration`, the decoration at most `MAX_DECORATION` cells).
ONE_LINE, OWN_LINES, WRAPPED = 0, 1, 2
MAX_DECORATION = 255 - WRAPPED


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


def cells_of(string: str, start: int, end: int) -> int:
    """The cells `string[start:end]` takes, estimated from a sample."""
    length = end - start
    sample = string[start : start + SAMPLE]
    if sample.isascii():
        return length
    return length * cell_len(sample) // max(1, len(sample))


def shape_of(layout: Block | None) -> int:
    """How a block's height is guessed (None: a plain block, no layout)."""
    if layout is not None and layout.kind == RULE:
        return ONE_LINE
    if layout is not None and layout.kind == CODE:
        return OWN_LINES
    return WRAPPED + min(MAX_DECORATION, _decoration(layout))


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


def _has_gap(block: AnyBlock) -> bool:
    if isinstance(block, StructuredBlock) and block.previous is not None:
        return block_gap(block.previous, block.layout)
    return True


class PieceTable:
    """Every block of an article cut into pieces, in order, as arrays."""

    def __init__(self, blocks: ArticleBlocks) -> None:
        self.blocks = blocks
        self.block = array("i")  # the block each piece is of
        self.start = array("i")  # where it starts in its block's string
        self.end = array("i")  # and ends
        self.cells = array("i")  # the cells its text takes unwrapped (estimated)
        self.breaks = array("i")  # its line breaks
        self.gap = bytearray()  # 1: a blank line before it (a block's first piece)
        self.shape = bytearray()  # ONE_LINE, OWN_LINES or WRAPPED + decoration
        for number in range(blocks.body_start):
            self._add_block(number)
        self._add_body()
        for number in range(blocks.tail_start, len(blocks)):
            self._add_block(number)

    def __len__(self) -> int:
        return len(self.block)

    def _add_block(self, number: int) -> None:
        """Block `number`, cut into pieces, one by one."""
        _, block = self.blocks[number]
        layout = block.layout if isinstance(block, StructuredBlock) else None
        self._add_pieces(number, block.string, layout, number > 0 and _has_gap(block))

    def _add_pieces(self, number: int, string: str, layout: Block | None, gap: bool) -> None:
        shape = shape_of(layout)
        for start, end in piece_ranges(string, layout is not None and layout.kind == CODE):
            self.block.append(number)
            self.start.append(start)
            self.end.append(end)
            self.cells.append(cells_of(string, start, end))
            self.breaks.append(string.count("\n", start, end))
            self.gap.append(gap)
            self.shape.append(shape)
            gap = False

    def _add_body(self) -> None:
        """The body's blocks, each one piece but the long ones, made in bulk."""
        body, layouts, first = self.blocks.body, self.blocks.layouts, self.blocks.body_start
        count = len(body)
        lengths = array("i", map(len, body))
        cells = array("i", lengths)
        for number in compress(range(count), map(_not_ascii, body)):
            cells[number] = cells_of(body[number], 0, lengths[number])
        breaks = array("i", map(str.count, body, repeat("\n")))
        if layouts is None:
            gaps, shapes = bytearray(b"\1") * count, bytearray([shape_of(None)]) * count
        else:
            gaps = bytearray(
                number == 0 or block_gap(layouts[number - 1], block_at(layouts, number))
                for number in range(count)
            )
            shapes = bytearray(shape_of(block_at(layouts, number)) for number in range(count))
        done = 0
        for number in compress(range(count), map(CHUNK.__lt__, lengths)):
            self._add_run(first + done, first + number, lengths, cells, breaks, gaps, shapes)
            layout = block_at(layouts, number)
            self._add_pieces(first + number, body[number], layout, bool(gaps[number]))
            done = number + 1
        self._add_run(first + done, first + count, lengths, cells, breaks, gaps, shapes)

    def _add_run(
        self,
        begin: int,
        stop: int,
        lengths: array[int],
        cells: array[int],
        breaks: array[int],
        gaps: bytearray,
        shapes: bytearray,
    ) -> None:
        """Blocks `begin` to `stop - 1` of the body, each one whole piece."""
        at, until = begin - self.blocks.body_start, stop - self.blocks.body_start
        self.block.extend(range(begin, stop))
        self.start.extend(repeat(0, stop - begin))
        self.end.extend(lengths[at:until])
        self.cells.extend(cells[at:until])
        self.breaks.extend(breaks[at:until])
        self.gap.extend(gaps[at:until])
        self.shape.extend(shapes[at:until])

    def piece(self, index: int) -> Piece:
        """Piece `index`, with its block made (to be wrapped)."""
        key, block = self.blocks[self.block[index]]
        return Piece(key, block, self.start[index], self.end[index], bool(self.gap[index]))

    def key(self, index: int) -> BlockKey:
        """The search key of piece `index`'s block."""
        return self.blocks.key_of(self.block[index])

    def of_block(self, number: int) -> range:
        """The pieces of block `number`."""
        low = bisect_left(self.block, number)
        return range(low, bisect_left(self.block, number + 1, lo=low))

    def estimates(self, measure: int) -> array[int]:
        """Every piece's height in lines at `measure` cells, guessed from its
        length (and the blank line before it)."""
        usable = [0] * 256
        for shape in range(WRAPPED, 256):
            inner = max(1, measure - (shape - WRAPPED))
            usable[shape] = inner - WRAP_WASTE if inner > 4 * WRAP_WASTE else inner
        if self.shape.count(WRAPPED) == len(self.shape):
            # Plain paragraphs only (a text file): one division a piece.
            room = usable[WRAPPED]
            return array(
                "i",
                [
                    breaks + (-(-cells // room) or 1) + gap
                    for cells, breaks, gap in zip(self.cells, self.breaks, self.gap, strict=True)
                ],
            )
        return array(
            "i",
            [
                gap
                + (
                    1
                    if shape == ONE_LINE
                    else breaks + 1
                    if shape == OWN_LINES
                    else breaks + (-(-cells // usable[shape]) or 1)
                )
                for cells, breaks, gap, shape in zip(
                    self.cells, self.breaks, self.gap, self.shape, strict=True
                )
            ],
        )


def _not_ascii(string: str) -> bool:
    return not string.isascii()
