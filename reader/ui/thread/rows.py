"""The flat model behind the thread view: which comments are visible, and where.

`rows` holds the thread indices of the visible comments in display order
(sorted, since display order is index order); `heights` holds each visible
row's height in screen lines, parallel to `rows`. Collapsing or expanding a
comment splices both lists rather than rebuilding them, and the line offsets
of the rows are a running sum computed in C (`itertools.accumulate`) only when
something asks for them after a change. Nothing here imports Textual.

A row's height is an estimate until the view has actually wrapped the comment
at the current width, then exact; the view measures what it draws, so the
rows on screen are always exact and the rest only steer the scrollbar.

Line offsets come from sums over blocks of `BLOCK` rows (`LineHeights`, as
the article body's): a height that changes updates one block's sum, and
finding a row by line is a binary search over the block starts, then within
one block. So a key press costs a few blocks' worth of work, whatever the size
of the thread.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

from ...model import Thread
from ..render.line_heights import LineHeights

# A folded comment is one line: its header, with the start of its text.
FOLDED_HEIGHT = 1
BLOCK = 1024


class ThreadRows:
    """Collapsed state, visible rows and their line offsets for one thread."""

    def __init__(self, thread: Thread, estimates: list[int]) -> None:
        """`estimates[i]` is the guessed height of comment `i` unfolded."""
        self.thread = thread
        self.collapsed = bytearray(len(thread))
        # While filtering: 1 for the comments to show; and the folds to go back to.
        self.shown: bytearray | None = None
        self._saved_collapsed: bytearray | None = None
        self.estimates = array("i", estimates)
        # Compact int arrays, not lists: a list of a million row numbers would
        # hold a million int objects too (36 bytes a row, not 4).
        self.rows = array("i", range(len(thread)))
        self.lines = LineHeights(array("i", estimates), BLOCK)

    # Queries -------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.rows)

    def position(self, index: int) -> int | None:
        """Position of comment `index` among the visible rows, or None if hidden."""
        position = bisect_left(self.rows, index)
        if position < len(self.rows) and self.rows[position] == index:
            return position
        return None

    def is_collapsed(self, index: int) -> bool:
        """Folded to its header line (a comment without replies folds too)."""
        return bool(self.collapsed[index])

    def hidden_count(self, index: int) -> int:
        """How many comments collapsing `index` hides (0 when it is expanded)."""
        return self.thread.descendant_count(index) if self.is_collapsed(index) else 0

    @property
    def heights(self) -> array[int]:
        """Each visible row's height in screen lines, parallel to `rows`."""
        return self.lines.heights  # type: ignore[return-value]

    def line_of(self, position: int) -> int:
        """The first screen line of the row at `position`."""
        return self.lines.line_of(position)

    @property
    def total_lines(self) -> int:
        return self.lines.total

    def row_at_line(self, line: int) -> int:
        """Position of the row covering screen line `line` (clamped to the rows)."""
        return self.lines.index_at(line)

    # Heights -------------------------------------------------------------

    def set_height(self, position: int, height: int) -> bool:
        """Record a measured height; True if it differed from what was there."""
        return bool(self.lines.set(position, height))

    def reestimate(self, estimates: list[int]) -> None:
        """Start again from estimates, after the width changed."""
        self.estimates = array("i", estimates)
        self.lines = LineHeights(self._estimated(self.rows), BLOCK)

    def _estimated(self, rows: array[int]) -> array[int]:
        estimates, collapsed = self.estimates, self.collapsed
        return array(
            "i", [FOLDED_HEIGHT if collapsed[index] else estimates[index] for index in rows]
        )

    # Collapsing and expanding ---------------------------------------------

    def set_collapsed(self, index: int, collapsed: bool) -> bool:
        """Collapse or expand one comment, splicing the visible rows; True if changed."""
        if bool(self.collapsed[index]) == collapsed:
            return False
        self.collapsed[index] = collapsed
        position = self.position(index)
        if position is None:
            # Hidden under a collapsed ancestor: only its state changes.
            return True
        start = position + 1
        if collapsed:
            stop = bisect_left(self.rows, self.thread.ends[index], lo=start)
            del self.rows[start:stop]
            del self.heights[start:stop]
        else:
            revealed = self._visible_in(index + 1, self.thread.ends[index])
            self.rows[start:start] = revealed
            self.heights[start:start] = self._estimated(revealed)
        self.heights[position] = FOLDED_HEIGHT if collapsed else self.estimates[index]
        self.lines.changed(position)
        return True

    def reveal(self, index: int) -> None:
        """Expand just the ancestors needed to make comment `index` visible;
        while filtering, a comment outside the filter joins it (with its ancestors)."""
        shown = self.shown
        if shown is not None and not shown[index]:
            self._show_with_ancestors(shown, index)
            self._rebuild()
        for ancestor in reversed(self.thread.ancestors(index)):
            self.set_collapsed(ancestor, False)

    def set_folds(self, folds: bytes) -> bool:
        """Fold exactly the comments `folds` says (a byte each, as `collapsed`
        holds them); True if that changed anything."""
        if self.collapsed == folds:
            return False
        self.collapsed = bytearray(folds)
        self._rebuild()
        return True

    def collapse_all(self) -> None:
        """Fold every comment: the top level shows, one line each."""
        self.collapsed = bytearray(b"\x01") * len(self.thread)
        self._rebuild()

    def expand_all(self) -> None:
        self.collapsed = bytearray(len(self.thread))
        self._rebuild()

    def show_depth(self, levels: int) -> None:
        """Show the thread down to `levels` levels: deeper replies are collapsed away."""
        ends, depths = self.thread.ends, self.thread.depths
        self.collapsed = bytearray(
            depths[i] >= levels - 1 and ends[i] > i + 1 for i in range(len(ends))
        )
        self._rebuild()

    def filter(self, indices: set[int]) -> None:
        """Show only these comments and their ancestors, unfolded; remember the folds."""
        if self._saved_collapsed is None:
            self._saved_collapsed = self.collapsed
        shown = bytearray(len(self.thread))
        for index in indices:
            self._show_with_ancestors(shown, index)
        self.shown = shown
        self.collapsed = bytearray(len(self.thread))
        self._rebuild()

    def _show_with_ancestors(self, shown: bytearray, index: int) -> None:
        parents = self.thread.parents
        while index >= 0 and not shown[index]:
            shown[index] = 1
            index = parents[index]

    def unfilter(self) -> None:
        """Show every comment again, folded as before the filter."""
        if self._saved_collapsed is None:
            return
        self.collapsed = self._saved_collapsed
        self._saved_collapsed = None
        self.shown = None
        self._rebuild()

    def _visible_in(self, start: int, stop: int) -> array[int]:
        """Visible comments among indices `start:stop`, honouring folds and filter."""
        collapsed, ends, shown = self.collapsed, self.thread.ends, self.shown
        found = array("i")
        index = start
        while index < stop:
            if shown is not None and not shown[index]:
                # Nothing below a comment outside the filter is in it either.
                index = ends[index]
                continue
            found.append(index)
            index = ends[index] if collapsed[index] else index + 1
        return found

    def _rebuild(self) -> None:
        self.rows = self._visible_in(0, len(self.thread))
        self.lines = LineHeights(self._estimated(self.rows), BLOCK)
