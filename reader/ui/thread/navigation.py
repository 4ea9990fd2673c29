"""The thread view's keys: the cursor, folding and paging.

The cursor moves by comment, but like a pager's: `j` on a comment that runs
past the bottom first scrolls the rest of it into view (a page at most per
press), `k` likewise upwards, and the paging keys scroll by lines with the
cursor on the comment at the top. Every move is index arithmetic on the
visible rows (`ThreadRows`), whatever the size of the thread.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .view import ThreadView

    # A part of the thread view: type-checked as the view it is mixed into.
    _View = ThreadView
else:
    _View = object


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


class ThreadNavigation(_View):
    """Cursor movement, folds and paging, mixed into `ThreadView`."""

    # Cursor ------------------------------------------------------------------

    def place(self) -> ThreadPlace:
        rows = self.rows
        if rows is None:
            return ThreadPlace(-1, b"", None)
        folds = bytes(rows.collapsed)
        position = rows.position(self.cursor) if self.cursor >= 0 else None
        if position is None or not self.size.width:
            return ThreadPlace(self.cursor, folds, None)
        return ThreadPlace(self.cursor, folds, rows.line_of(position) - round(self.scroll_y))

    def restore_place(self, cursor: int, collapsed: Iterable[int], cursor_row: int | None) -> None:
        """Fold `collapsed` and put the cursor on comment `cursor`, its first
        line `cursor_row` lines from the top of the view (as `place` said it
        was in another version of the thread; -1: a comment this one lacks)."""
        rows = self.rows
        if rows is None:
            return
        for index in collapsed:
            if index >= 0:  # (-1 would fold the last comment)
                rows.set_collapsed(index, True)
        self._put_cursor(cursor, cursor_row)

    def return_to(self, place: ThreadPlace) -> None:
        """Back to `place` in this thread: folded as it was, the cursor on the
        same comment on the same line of the view."""
        rows = self.rows
        if rows is None or len(place.folds) != len(rows.collapsed):
            return
        rows.set_folds(place.folds)
        self._put_cursor(place.cursor, place.cursor_row)

    def _put_cursor(self, cursor: int, cursor_row: int | None) -> None:
        """The cursor on comment `cursor` (its ancestors unfolded), its first
        line `cursor_row` lines from the top of the view."""
        rows = self.rows
        assert rows is not None
        self._painted.clear()
        self._marks_changed()
        self._update_virtual_size()
        self.go_to_comment(cursor)
        position = rows.position(cursor) if cursor >= 0 else None
        if position is not None and cursor_row is not None and self.size.width:
            # The rows between the top of the view and the cursor, wrapped: with
            # their estimated heights the cursor would land off its line.
            above, lines = position, 0
            while above > 0 and lines < cursor_row:
                above -= 1
                lines += self._measure(above)
            self._measure(position)
            self._update_virtual_size()
            target = max(0, rows.line_of(position) - cursor_row)
            # Forced: a thread that has just grown past the view has no
            # scrollbar until the next layout, and without one Textual scrolls not.
            self.scroll_to(y=target, animate=False, immediate=True, force=True)
        self.refresh()

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved(self, self.cursor))

    def _set_cursor_quietly(self, index: int) -> None:
        """Move the cursor without scrolling to it (the caller has scrolled)."""
        self.set_reactive(type(self).cursor, index)
        self.refresh()
        self.post_message(self.CursorMoved(self, index))

    def _scroll_to_cursor(self, from_below: bool = False) -> None:
        """Scroll just enough that the cursor's comment is on screen. A comment
        taller than the view shows its top, or its end when `from_below`."""
        rows = self.rows
        if rows is None or self.cursor < 0:
            return
        if not self.size.width:
            # Not laid out yet (the first article, set as the screen mounts) or
            # hidden (a narrow screen): the comment would be wrapped a character
            # a line. Scrolled to on the first paint instead.
            self._scroll_pending = True
            return
        position = rows.position(self.cursor)
        if position is None:
            return
        height = self._measure(position)
        self._update_virtual_size()
        top = rows.line_of(position)
        view = self._view_height
        if height > view:
            target = top + height - view if from_below else top
        elif top < self.scroll_y:
            target = top
        elif top + height > self.scroll_y + view:
            target = top + height - view
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def _cursor_extent(self) -> tuple[int, int] | None:
        """The first line of the cursor's comment and the line past its end;
        None while the view is not laid out (hidden on a narrow screen, as
        when `j` comes in the same burst as the `tab` that shows it): none of
        the comment is on screen to page through first, so `j` / `k` move."""
        rows = self.rows
        if rows is None or self.cursor < 0 or not self.size.height:
            return None
        position = rows.position(self.cursor)
        if position is None:
            return None
        height = self._measure(position)
        self._update_virtual_size()
        top = rows.line_of(position)
        return top, top + height

    def _scroll_by(self, lines: int) -> None:
        target = max(0, min(self.max_scroll_y, round(self.scroll_y) + lines))
        self.scroll_to(y=target, animate=False, immediate=True)

    def _move_to(self, index: int | None) -> None:
        if index is not None and index >= 0:
            self.cursor = index

    def _visible_neighbour(self, step: int) -> int | None:
        rows = self.rows
        if rows is None or self.cursor < 0:
            return None
        position = rows.position(self.cursor)
        if position is None:
            return None
        target = position + step
        return rows.rows[target] if 0 <= target < len(rows) else None

    # Actions -----------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """The next comment; but first the rest of this one, if it runs past the bottom."""
        extent = self._cursor_extent()
        if extent is not None:
            top, end = extent
            view_top = round(self.scroll_y)
            view_end = view_top + self._view_height
            if top < view_end and end > view_end:
                self._scroll_by(min(end - view_end, self._page_lines()))
                return
        self._move_to(self._visible_neighbour(1))

    def action_cursor_up(self) -> None:
        """The previous comment, showing its end; but first the start of this one."""
        extent = self._cursor_extent()
        if extent is not None:
            top, end = extent
            view_top = round(self.scroll_y)
            if top < view_top < end:
                self._scroll_by(-min(view_top - top, self._page_lines()))
                return
        index = self._visible_neighbour(-1)
        if index is not None and index >= 0:
            self.set_reactive(type(self).cursor, index)
            self._scroll_to_cursor(from_below=True)
            self._set_cursor_quietly(index)

    def action_first(self) -> None:
        if self.rows and self.rows.rows:
            self.jumps.record(self.place())
            self.cursor = self.rows.rows[0]

    def action_last(self) -> None:
        if self.rows and self.rows.rows:
            self.jumps.record(self.place())
            self.cursor = self.rows.rows[-1]

    def _set_collapsed(self, index: int, collapsed: bool) -> None:
        assert self.rows is not None
        if self.rows.set_collapsed(index, collapsed):
            self._after_fold()

    def _after_fold(self) -> None:
        self._marks_changed()
        self._update_virtual_size()
        self._scroll_to_cursor()
        self.refresh()

    def action_toggle(self) -> None:
        if self.rows is not None and self.cursor >= 0:
            self._set_collapsed(self.cursor, not self.rows.is_collapsed(self.cursor))

    def action_collapse(self) -> None:
        """Collapse; or, when already collapsed or without replies, go to the parent."""
        if self.rows is None or self.thread is None or self.cursor < 0:
            return
        index = self.cursor
        if self.thread.descendant_count(index) and not self.rows.is_collapsed(index):
            self._set_collapsed(index, True)
        else:
            self.action_parent()

    def action_expand(self) -> None:
        if self.rows is not None and self.cursor >= 0:
            self._set_collapsed(self.cursor, False)

    def _move_or_say(self, index: int | None, why_not: str) -> None:
        """Move to `index`; at a boundary (None or -1) say briefly why nothing moved."""
        if index is None or index < 0:
            self.notify(why_not, markup=False, timeout=2)
        else:
            self._move_to(index)

    def action_parent(self) -> None:
        if self.thread is not None and self.cursor >= 0:
            self._move_or_say(self.thread.parents[self.cursor], "Top-level comment has no parent")

    def _shown_sibling(self, index: int | None, step: Callable[[int], int | None]) -> int | None:
        """`index`, or while the filter hides it, the next sibling `step` gives."""
        rows = self.rows
        while index is not None and rows is not None and rows.position(index) is None:
            index = step(index)
        return index

    def action_next_sibling(self) -> None:
        if self.thread is not None and self.cursor >= 0:
            step = self.thread.next_sibling
            self._move_or_say(self._shown_sibling(step(self.cursor), step), "No next sibling")

    def action_previous_sibling(self) -> None:
        if self.thread is not None and self.cursor >= 0:
            step = self.thread.previous_sibling
            self._move_or_say(self._shown_sibling(step(self.cursor), step), "No previous sibling")

    def _top_level_of(self, index: int) -> int:
        assert self.thread is not None
        top_level = self.thread.top_level
        return bisect_right(top_level, index) - 1

    def action_next_top_level(self) -> None:
        if self.thread is None or self.cursor < 0:
            return
        top_level = self.thread.top_level
        following = self._top_level_of(self.cursor) + 1
        index = top_level[following] if following < len(top_level) else None
        self._move_or_say(
            self._shown_sibling(index, self.thread.next_sibling), "No next top-level comment"
        )

    def action_previous_top_level(self) -> None:
        if self.thread is None or self.cursor < 0:
            return
        top_level = self.thread.top_level
        current = bisect_left(top_level, self.cursor)
        index = top_level[current - 1] if current > 0 else None
        self._move_or_say(
            self._shown_sibling(index, self.thread.previous_sibling),
            "No previous top-level comment",
        )

    def _refold(self) -> None:
        """After a bulk fold: keep the cursor on its nearest visible ancestor."""
        assert self.rows is not None and self.thread is not None
        self._painted.clear()
        index = self.cursor
        while index >= 0 and self.rows.position(index) is None:
            index = self.thread.parents[index]
        if index < 0 and self.rows.rows:
            index = self.rows.rows[0]
        self._set_cursor_quietly(index)
        self._after_fold()

    def action_collapse_all(self) -> None:
        if self.rows is not None:
            self.rows.collapse_all()
            self._refold()

    def action_expand_all(self) -> None:
        if self.rows is not None:
            self.rows.expand_all()
            self._refold()

    def action_show_depth(self, levels: int) -> None:
        if self.rows is not None:
            self.rows.show_depth(levels)
            self._refold()

    def _page_lines(self) -> int:
        """A page: the view's height less a line kept for context."""
        return max(1, self._view_height - 1)

    def _page(self, lines: int) -> None:
        """Scroll by `lines`; the cursor goes to the comment at the top of the view
        (at either end of the thread: to the first or last comment)."""
        rows = self.rows
        if rows is None or not rows.rows:
            return
        self._scroll_by(lines)
        target = round(self.scroll_y)
        position = rows.row_at_line(target)
        if lines > 0 and target >= self.max_scroll_y:
            position = len(rows) - 1
        elif lines < 0 and target <= 0:
            position = 0
        self._set_cursor_quietly(rows.rows[position])

    def action_page_down(self) -> None:
        self._page(self._page_lines())

    def action_page_up(self) -> None:
        self._page(-self._page_lines())

    def action_half_page_down(self) -> None:
        self._page(max(1, self._view_height // 2))

    def action_half_page_up(self) -> None:
        self._page(-max(1, self._view_height // 2))
