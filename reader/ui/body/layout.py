"""The article body laid out at a width: its pieces' heights, estimated until
wrapped and exact after, and the lines of the pieces wrapped (cached, LRU).

Only what is on screen is wrapped, as in the thread view: each piece's height
is guessed from its length (`PieceTable.estimates`) until the view asks for
its lines, and line offsets are block sums (`LineHeights`). So a resize or
opening an article costs a few screens of wrapping, whatever its length. No
widget: the wrapping is the caller's (`paint`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.cache import LRUCache
from textual.strip import Strip

from ..render.line_heights import LineHeights
from .blocks import ArticleBlocks
from .pieces import PieceTable

# Pieces kept wrapped: many screens' worth, so that scrolling back is free.
PAINTED_PIECES = 512

# A piece's screen lines, and where in its block's string each starts (-1: the
# blank line before it).
PaintedPiece = tuple[list[Strip], list[int]]
# Wraps piece `index` of a table at the current width.
Paint = Callable[[PieceTable, int], PaintedPiece]


class BodyLayout:
    """One article's pieces at the current width, and their wrapped lines."""

    def __init__(self, paint: Paint) -> None:
        self._paint = paint
        self.blocks: ArticleBlocks | None = None
        self.pieces: PieceTable | None = None
        self.heights = LineHeights([])
        # 1 for the pieces whose height is exact at the current width.
        self._measured = bytearray()
        self._painted: LRUCache[int, PaintedPiece] = LRUCache(PAINTED_PIECES)
        # The width the pieces are laid out at (-1: none yet).
        self.width = -1

    def show(self, blocks: ArticleBlocks | None) -> None:
        """Lay another article out (None: nothing), at the next `set_width`."""
        self.blocks, self.pieces = blocks, None
        self.heights, self._measured = LineHeights([]), bytearray()
        self._painted.clear()
        self.width = -1

    def set_width(self, width: int, measure: int) -> bool:
        """Lay the article out `width` cells wide, its text `measure` wide;
        True if that changed anything (every height is estimated again)."""
        if width == self.width:
            return False
        self.width = width
        if self.pieces is None and self.blocks is not None:
            self.pieces = PieceTable(self.blocks)
        if self.pieces is not None:
            self.heights = LineHeights(self.pieces.estimates(measure))
            self._measured = bytearray(len(self.pieces))
        self._painted.clear()
        return True

    def painted(self, index: int) -> PaintedPiece:
        """Piece `index` wrapped at the current width (cached); its height
        becomes exact."""
        painted = self._painted.get(index)
        if painted is None:
            assert self.pieces is not None
            painted = self._painted[index] = self._paint(self.pieces, index)
        if not self._measured[index]:
            self._measured[index] = 1
            self.heights.set(index, len(painted[0]))
        return painted

    def exact_height(self, index: int) -> int:
        """Piece `index`'s height, wrapped first if it was a guess."""
        if not self._measured[index]:
            self.painted(index)
        return self.heights[index]

    def forget_painted(self) -> None:
        """Wrap every piece again when next shown (its styles or highlights
        changed); heights stay, which neither changes."""
        self._painted.clear()

    # Where things are, in lines ------------------------------------------------

    def anchor(self, top: int) -> tuple[int, float] | None:
        """The piece at line `top` and how far into it that line is (None:
        nothing laid out, or the very top): kept at the top across a resize."""
        heights = self.heights
        if not len(heights) or not top:
            return None
        index = heights.index_at(top)
        return index, (top - heights.line_of(index)) / max(1, heights[index])

    def line_of_anchor(self, anchor: tuple[int, float]) -> int:
        index, fraction = anchor
        return self.heights.line_of(index) + round(fraction * self.heights[index])

    def measure_around(self, top: int, view: int) -> int:
        """Make the pieces of the `view` lines from line `top` exact, and two
        views above and one below them, so that paging lands on exact lines (a
        page up scrolls through the page above in steps, each of which makes
        the page above it exact); the line that was at `top`, where it is now."""
        heights = self.heights
        index = heights.index_at(top)
        offset = min(top - heights.line_of(index), self.exact_height(index) - 1)
        above, before = offset, index - 1
        while before >= 0 and above < 2 * view:
            above += self.exact_height(before)
            before -= 1
        new_top = heights.line_of(index) + offset
        line, after = heights.line_of(index), index
        while after < len(heights) and line < new_top + 2 * view:
            line += self.exact_height(after)
            after += 1
        return new_top

    def measure_end(self, view: int) -> None:
        """Make the last `view` lines exact, so that the last line is where it
        shows at the bottom of a view, not where an estimate put it."""
        below, index = 0, len(self.heights) - 1
        while index >= 0 and below < view:
            below += self.exact_height(index)
            index -= 1

    def measure_above(self, line: int, characters: int) -> None:
        """Make the pieces above `line` exact, from the top, up to `characters`
        of their text (a saved scroll restored as it was saved)."""
        heights, pieces = self.heights, self.pieces
        index = done = 0
        while (
            pieces is not None
            and index < len(heights)
            and heights.line_of(index + 1) <= line
            and done < characters
        ):
            self.exact_height(index)
            done += pieces.end[index] - pieces.start[index]
            index += 1

    def place_at(self, line: int) -> tuple[int, int] | None:
        """Where the searched text at `line` or after it starts: its block and
        the offset in the block's string (None: no searched text from there)."""
        pieces = self.pieces
        assert pieces is not None
        index = self.heights.index_at(line)
        if pieces.key(index) is not None:
            # The line may be part way through the piece: from that line.
            _, starts = self.painted(index)
            within = line - self.heights.line_of(index)
            return pieces.block[index], next(
                (start for start in starts[within:] if start >= 0), pieces.end[index]
            )
        index = next((n for n in range(index, len(pieces)) if pieces.key(n) is not None), -1)
        return None if index < 0 else (pieces.block[index], pieces.start[index])

    def line_of(self, key: tuple[str, int], offset: int) -> int | None:
        """The line that shows character `offset` of the block with search key
        `key` (None: no such block, or a character not shown)."""
        pieces = self.pieces
        if pieces is None:
            return None
        number = pieces.blocks.number_of(key)
        index = next(
            (i for i in reversed(pieces.of_block(number)) if pieces.start[i] <= offset), None
        )
        if number < 0 or index is None:
            return None
        _, starts = self.painted(index)
        within = next((n for n in range(len(starts) - 1, -1, -1) if 0 <= starts[n] <= offset), None)
        return None if within is None else self.heights.line_of(index) + within
