"""The thread view keeping the reader's place: across a resize the text at
the top of the view stays at the top (as in less), and the cursor's comment
and the current match stay on screen if they were; a place (`place`) can be
gone back to, or restored in another version of the thread; folds keep the
cursor on a visible comment."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from . import cursor as moves
from .cursor import ThreadPlace
from .drawn_view import DrawnThreadView


class PlacedThreadView(DrawnThreadView):
    """A thread view that keeps the reader's place."""

    def _follow_width(self) -> None:
        """Re-estimate when the text width changed (a resize, or a scrollbar
        came or went), keeping the reader's place: the text at the top of the
        view stays at the top, as in less; the cursor's comment and the
        current match stay on screen if they were."""
        layout = self.thread_layout
        if self.text_width == layout.width:
            return
        anchor = self._top_text() if layout.width else None
        kept_top = self._kept_top
        if kept_top is not None and kept_top[1] == self.scroll_y:
            # Not scrolled since the last resize: the text it kept at the top,
            # not the start of the line that holds it (which would drift a
            # line up at each resize).
            anchor = kept_top[0]
        kept: list[Callable[[], tuple[int, int] | None]] = [self._cursor_lines, self._match_lines]
        shown = [self._on_screen(at()) for at in kept]
        layout.set_width(self.text_width)
        self._update_virtual_size()
        if anchor is None:
            self._scroll_to_cursor()
            self._marks_changed()
            return
        self._scroll_to_text(*anchor)
        for was_shown, at in zip(shown, kept, strict=True):
            lines = at()
            if was_shown and lines is not None and not self._on_screen(lines):
                self._scroll_to_line(lines[0])
        self._kept_top = anchor, self.scroll_y
        self._marks_changed()

    def _top_text(self) -> tuple[int, int, int] | None:
        """What the top line of the view shows: its comment, and the paragraph
        and character its text starts at (None: nothing on show)."""
        rows = self.rows
        if rows is None or not rows.rows or not self.size.height:
            return None
        top = round(self.scroll_y)
        position = rows.row_at_line(top)
        index = rows.rows[position]
        starts = self.thread_layout.painted(index).starts
        paragraph, start = starts[min(top - rows.line_of(position), len(starts) - 1)]
        return index, paragraph, start

    def _scroll_to_text(self, index: int, paragraph: int, start: int) -> None:
        """Scroll so that the line showing character `start` of `paragraph` of
        comment `index` is the view's top line."""
        rows = self.rows
        assert rows is not None
        position = rows.position(index)
        if position is None:
            return
        self.thread_layout.measure(position)
        line = self.thread_layout.painted(index).line_of(paragraph, start)
        self._update_virtual_size()
        self.scroll_to(y=rows.line_of(position) + line, animate=False, immediate=True, force=True)

    def _cursor_lines(self) -> tuple[int, int] | None:
        """The lines of the cursor's comment: its first, and the one past its
        end (None: no cursor)."""
        rows = self.rows
        position = rows.position(self.cursor) if rows is not None and self.cursor >= 0 else None
        if position is None or rows is None:
            return None
        top = rows.line_of(position)
        return top, top + rows.heights[position]

    def _match_lines(self) -> tuple[int, int] | None:
        """The line of the current match, and the one after (None: none shown)."""
        rows, match = self.rows, self._current
        if rows is None or match is None:
            return None
        index, paragraph = match.key  # type: ignore[misc]
        position = rows.position(index)
        if position is None or rows.is_collapsed(index):
            return None
        painted = self.thread_layout.painted(index)
        line = rows.line_of(position) + painted.line_of(paragraph, match.start)
        return line, line + 1

    def _on_screen(self, lines: tuple[int, int] | None) -> bool:
        """Whether any of lines `start:end` is on screen."""
        if lines is None:
            return False
        top = round(self.scroll_y)
        return lines[0] < top + self._view_height and lines[1] > top

    def _scroll_to_line(self, line: int) -> None:
        """Scroll as little as shows `line`."""
        top, view = round(self.scroll_y), self._view_height
        target = line if line < top else line - view + 1
        self.scroll_to(y=max(0, target), animate=False, immediate=True, force=True)

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
        height = self.thread_layout.measure(position)
        self._update_virtual_size()
        top = rows.line_of(position)
        return top, top + height

    def _scroll_by(self, lines: int) -> None:
        target = max(0, min(self.max_scroll_y, round(self.scroll_y) + lines))
        self.scroll_to(y=target, animate=False, immediate=True)

    def _move_or_say(self, index: int | None, why_not: str | None = None) -> None:
        """Move to `index`; at a boundary (None or -1) say briefly why nothing moved."""
        if index is not None and index >= 0:
            self.cursor = index
        elif why_not is not None:
            self.notify(why_not, markup=False, timeout=2)

    def place(self) -> ThreadPlace:
        """Where the reader is: to go back to, or to restore in another version
        of the thread."""
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
        self.thread_layout.forget()
        self._marks_changed()
        self._update_virtual_size()
        self.go_to_comment(cursor)
        position = rows.position(cursor) if cursor >= 0 else None
        if position is not None and cursor_row is not None and self.size.width:
            # The rows between the top of the view and the cursor, wrapped: with
            # their estimated heights the cursor would land off its line.
            self._measure_above(position, cursor_row)
            self.thread_layout.measure(position)
            self._update_virtual_size()
            target = max(0, rows.line_of(position) - cursor_row)
            # Forced: a thread that has just grown past the view has no
            # scrollbar until the next layout, and without one Textual scrolls not.
            self.scroll_to(y=target, animate=False, immediate=True, force=True)
        self.refresh()

    def go_to_comment(self, index: int) -> None:
        """Put the cursor on comment `index`, unfolding just its ancestors."""
        rows = self.rows
        if rows is None or not 0 <= index < len(rows.thread):
            return
        rows.reveal(index)
        self.thread_layout.forget()
        self._marks_changed()
        self._update_virtual_size()
        self.cursor = index

    def go_to_marked(self, kind: int, forward: bool) -> bool:
        """Put the cursor on the next (or previous) comment of `kind` (NEW,
        UNREAD), unfolding its ancestors; False when there is none that way."""
        if self.rows is None:
            return False
        index = self.reading.next_of(kind, self.cursor, forward)
        if index is None:
            return False
        self.jumps.record(self.place())
        self.go_to_comment(index)
        return True

    def marks_changed(self) -> None:
        """The open article's marks changed (marked read): repaint them."""
        self.thread_layout.forget()
        self._marks_changed()
        self.refresh()

    # Folding ------------------------------------------------------------------

    def _set_collapsed(self, index: int, collapsed: bool) -> None:
        assert self.rows is not None
        if self.rows.set_collapsed(index, collapsed):
            self._after_fold()

    def _after_fold(self) -> None:
        self._marks_changed()
        self._update_virtual_size()
        self._scroll_to_cursor()
        self.refresh()

    def _refold(self) -> None:
        """After a bulk fold: keep the cursor on its nearest visible ancestor."""
        assert self.rows is not None and self.thread is not None
        self.thread_layout.forget()
        self._set_cursor_quietly(moves.nearest_visible(self.thread, self.rows, self.cursor))
        self._after_fold()
