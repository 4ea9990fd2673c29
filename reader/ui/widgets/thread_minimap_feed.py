"""What the thread's scrollbar minimap marks: each track cell whose part of the
thread holds a search match or a new comment (hidden under a fold included).

Computed once per change of the rows, matches or marks, from the rows' line
offsets: a few bisections per cell, whatever the size of the thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .thread_view import ThreadView

    # A part of the thread view: type-checked as the view it is mixed into.
    _View = ThreadView
else:
    _View = object

from ...state.article_state import NEW as IS_NEW
from .minimap import MATCH, NEW, MinimapMarks


class ThreadMinimapFeed(_View):
    """The minimap's cells for `ThreadView`, mixed into it."""

    def _marks_changed(self) -> None:
        """Rows, matches or new marks changed: the minimap is drawn afresh."""
        self._minimap_generation += 1
        if self._vertical_scrollbar is not None:
            self._vertical_scrollbar.refresh()

    def _minimap_marks(self, size: int) -> MinimapMarks | None:
        """The scrollbar's `size` track cells, each marked if its part of the
        thread holds a search match or a new comment (hidden under a fold
        included). Computed per change of the rows, matches or marks, from the
        rows' line offsets: a few bisections per cell, whatever the thread."""
        rows, thread = self.rows, self.thread
        if rows is None or thread is None or not rows.rows or size <= 0:
            return None
        total = rows.total_lines
        key = (size, total, len(rows), self._minimap_generation)
        if key != self._minimap_key:
            self._minimap_key = key
            self._minimap_cells = self._minimap_cells_for(size, total)
        if self._minimap_styles is None:
            self._minimap_styles = (
                self.get_component_rich_style("thread-view--minimap-new"),
                self.get_component_rich_style("thread-view--minimap-match"),
            )
        return MinimapMarks(self._minimap_cells, *self._minimap_styles)

    def _minimap_cells_for(self, size: int, total: int) -> bytes:
        rows, thread = self.rows, self.thread
        assert rows is not None and thread is not None
        marks = self.marks
        new = marks.reading if marks is not None and IS_NEW in marks.reading else None
        matches = self._matches
        if new is None and not len(matches):
            return b""
        cells = bytearray(size)
        for cell in range(size):
            start = cell * total // size
            end = max(start, (cell + 1) * total // size - 1)
            first = rows.rows[rows.row_at_line(start)]
            last = rows.rows[rows.row_at_line(end)]
            # A folded comment's cell stands for its hidden replies too.
            stop = thread.ends[last] if rows.is_collapsed(last) else last + 1
            if matches.any_between(first, stop):
                cells[cell] = MATCH
            elif new is not None and new.find(IS_NEW, first, stop) >= 0:
                cells[cell] = NEW
        return bytes(cells)
