"""The thread laid out at a width: its visible rows and each comment's lines.

`ThreadRows` says which comments are visible and how tall each is (estimated
from its size until it is wrapped, exact after); this keeps the rows in step
with the text width and paints each comment once (cached, LRU), measuring it
as it does. A frame or a key then costs what is on screen, not what is in the
thread. No widget: the painting is the caller's (`paint`), so the layout is
driven and measured on its own in tests.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.cache import LRUCache

from ...model import Thread
from .painted_comment import PaintedComment
from .painter import FIXED_LINES, text_width
from .rows import ThreadRows

# Painted comments kept: a few screens' worth.
PAINTED_COMMENTS = 256
# The width estimates are made for before the view has one.
DEFAULT_WIDTH = 80

# Paints comment `index` at `width`, folded or not.
Paint = Callable[[int, int, bool], PaintedComment]


class ThreadLayout:
    """One thread's rows at the current text width, and its painted comments."""

    def __init__(self, paint: Paint) -> None:
        self._paint = paint
        self.thread: Thread | None = None
        self.rows: ThreadRows | None = None
        # The text width comments are painted at (0: not known yet).
        self.width = 0
        self._painted: LRUCache[tuple[int, int, bool], PaintedComment] = LRUCache(PAINTED_COMMENTS)

    def show(self, thread: Thread | None) -> None:
        """Lay `thread` out fully expanded (None: nothing)."""
        self._painted.clear()
        self.thread = thread
        self.rows = None if thread is None else ThreadRows(thread, self.estimates())

    def estimates(self) -> list[int]:
        """Every comment's guessed unfolded height at the current width."""
        thread = self.thread
        if thread is None:
            return []
        width = self.width or DEFAULT_WIDTH
        widths = [text_width(depth, width) for depth in range(max(thread.depths, default=0) + 1)]
        # One flat comprehension: this runs over every comment on each resize.
        return [
            FIXED_LINES + breaks + characters // widths[depth]
            for characters, breaks, depth in zip(
                thread.characters, thread.line_breaks, thread.depths, strict=True
            )
        ]

    def set_width(self, width: int) -> bool:
        """Paint at `width` from now on; True if it changed (every height is
        estimated again, and every painted comment forgotten)."""
        if width == self.width:
            return False
        self.width = width
        self._painted.clear()
        if self.rows is not None:
            self.rows.reestimate(self.estimates())
        return True

    def painted(self, index: int) -> PaintedComment:
        """Comment `index` painted at the current width, as it is folded now."""
        assert self.rows is not None
        collapsed = self.rows.is_collapsed(index)
        key = (index, self.width, collapsed)
        painted = self._painted.get(key)
        if painted is None:
            painted = self._painted[key] = self._paint(index, self.width, collapsed)
        return painted

    def measure(self, position: int) -> int:
        """Paint the row at `position` and record its exact height."""
        assert self.rows is not None
        height = len(self.painted(self.rows.rows[position]).strips)
        self.rows.set_height(position, height)
        return height

    def forget(self, comment: Callable[[int], bool] | None = None) -> bool:
        """Drop the painted lines of the comments `comment` is true of (None:
        all); True if there were any (the comments on screen are always
        painted, so False says none of them changed)."""
        if comment is None:
            had = bool(len(self._painted))
            self._painted.clear()
            return had
        forgotten = [key for key in list(self._painted.keys()) if comment(key[0])]
        for key in forgotten:
            self._painted.discard(key)
        return bool(forgotten)
