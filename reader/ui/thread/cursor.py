"""Where the thread's cursor goes: index arithmetic on the thread and its
visible rows, whatever the size of the thread.

Pure functions (no widget): the view's keys call them, then move the cursor
and scroll. The cursor moves by comment, but like a pager's: `j` on a comment
that runs past the bottom first scrolls the rest of it into view (a page at
most per press), `k` likewise upwards (see `ThreadView`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import NamedTuple

from ...model import Comment, Thread
from .rows import ThreadRows


def neighbour(rows: ThreadRows, cursor: int, step: int) -> int | None:
    """The visible comment `step` rows from the cursor's, if there is one."""
    if cursor < 0:
        return None
    position = rows.position(cursor)
    if position is None:
        return None
    target = position + step
    return rows.rows[target] if 0 <= target < len(rows) else None


def shown_sibling(
    rows: ThreadRows, index: int | None, step: Callable[[int], int | None]
) -> int | None:
    """`index`, or while the filter hides it, the next sibling `step` gives."""
    while index is not None and rows.position(index) is None:
        index = step(index)
    return index


def next_top_level(thread: Thread, rows: ThreadRows, cursor: int) -> int | None:
    """The top-level comment after the cursor's (a shown one)."""
    top_level = thread.top_level
    following = bisect_right(top_level, cursor)
    index = top_level[following] if following < len(top_level) else None
    return shown_sibling(rows, index, thread.next_sibling)


def previous_top_level(thread: Thread, rows: ThreadRows, cursor: int) -> int | None:
    """The top-level comment before the cursor's (a shown one)."""
    top_level = thread.top_level
    current = bisect_left(top_level, cursor)
    index = top_level[current - 1] if current > 0 else None
    return shown_sibling(rows, index, thread.previous_sibling)


def nearest_visible(thread: Thread, rows: ThreadRows, cursor: int) -> int:
    """After a bulk fold: the cursor's comment or its nearest visible
    ancestor; the first visible comment if none is (-1: no rows)."""
    index = cursor
    while index >= 0 and rows.position(index) is None:
        index = thread.parents[index]
    if index < 0 and rows.rows:
        index = rows.rows[0]
    return index


def scroll_to_show(
    top: int, height: int, scroll_y: float, view: int, from_below: bool = False
) -> int | None:
    """Where to scroll so that lines `top` to `top + height` show in a view
    `view` lines high at `scroll_y`, moving as little as possible (None:
    they show already). A comment taller than the view shows its top, or its
    end when `from_below`."""
    if height > view:
        return top + height - view if from_below else top
    if top < scroll_y:
        return top
    if top + height > scroll_y + view:
        return top + height - view
    return None


def page_position(rows: ThreadRows, scrolled_to: int, max_scroll: float, lines: int) -> int:
    """The row the cursor goes to after paging `lines` to `scrolled_to`: the
    one at the top of the view, or at either end of the thread its first or
    last row."""
    if lines > 0 and scrolled_to >= max_scroll:
        return len(rows) - 1
    if lines < 0 and scrolled_to <= 0:
        return 0
    return rows.row_at_line(scrolled_to)


class ThreadPlace(NamedTuple):
    """Where the reader is in a thread: the comment under the cursor (-1:
    none), which comments are folded (a byte each), and the cursor comment's
    first line counted from the top of the view (None: not laid out)."""

    cursor: int
    folds: bytes
    cursor_row: int | None

    @property
    def collapsed(self) -> list[int]:
        """The folded comments."""
        return [index for index, folded in enumerate(self.folds) if folded]


def by_author(
    thread: Thread, cursor: int, forward: bool, wanted: Callable[[Comment], bool]
) -> int | None:
    """The next (or previous) comment after (before) the cursor's that
    `wanted` is true of, folded or not (None: none that way)."""
    comments = thread.comments
    indices = range(cursor + 1, len(comments)) if forward else range(cursor - 1, -1, -1)
    return next((index for index in indices if wanted(comments[index])), None)
