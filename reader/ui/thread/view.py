"""The comment thread: a virtualised, collapsible tree of wrapped comments,
read from the keyboard.

The view is one class in layers, each a concept: the thread drawn, with its
cursor (`drawn_view`), the reader's place kept (`placed_view`), the pane's
search target (`searched_view`), and here its keys. It stands over pure parts
it owns: the layout (`layout`), where the cursor goes (`cursor`), the
minimap's cells (`minimap_cells`), the painter (`painter`) and its styles
(`styles`).

Where the reader is (`place`) can be gone back to: the pane's search starts
from it and returns to it when cancelled, and `'` returns to the place before
the last jump (`jumps`: `g`, `G`, a new or unread comment, a kept search).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.message import Message

from ...model import Comment
from ...sanitize import neutralise
from ..commands import THREAD_COMMANDS, THREAD_LINK_COMMANDS, bindings
from ..messages import ShowFullText, ask_for_links
from ..render.block_lines import unwrapped_text
from . import cursor as moves
from .searched_view import SearchedThreadView
from .styles import COMPONENT_CLASSES, DEFAULT_CSS, painter_styles


class ThreadView(SearchedThreadView, can_focus=True):
    """Shows one article's comments; the cursor is always on a visible comment."""

    BINDINGS = [*bindings(THREAD_COMMANDS), *bindings(THREAD_LINK_COMMANDS)]
    COMPONENT_CLASSES = COMPONENT_CLASSES
    DEFAULT_CSS = DEFAULT_CSS

    # Keys: moving --------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """The next comment; but first the rest of this one, if it runs past the bottom."""
        extent = self._cursor_extent()
        if extent is not None:
            top, end = extent
            view_end = round(self.scroll_y) + self._view_height
            if top < view_end and end > view_end:
                self._scroll_by(min(end - view_end, self._page_lines()))
                return
        if self.rows is not None:
            self._move_or_say(moves.neighbour(self.rows, self.cursor, 1))

    def action_cursor_up(self) -> None:
        """The previous comment, showing its end; but first the start of this one."""
        extent = self._cursor_extent()
        if extent is not None:
            top, end = extent
            view_top = round(self.scroll_y)
            if top < view_top < end:
                self._scroll_by(-min(view_top - top, self._page_lines()))
                return
        index = moves.neighbour(self.rows, self.cursor, -1) if self.rows is not None else None
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

    def action_by_author(self, forward: bool) -> None:
        """The next (previous) comment by the cursor's comment's author."""
        comment = self._cursor_comment()
        if comment is None or not comment.author:
            self.notify("This comment has no author to follow", timeout=2, markup=False)
            return
        author = comment.author
        where = "after" if forward else "before"
        self._jump_to(
            lambda other: other.author == author,
            forward,
            f"No comment by {neutralise(author)} {where} this one",
        )

    def action_by_op(self, forward: bool) -> None:
        """The next (previous) comment by the article's author."""
        where = "after" if forward else "before"
        self._jump_to(lambda other: other.is_op, forward, f"No comment by the OP {where} this one")

    def _jump_to(self, wanted: Callable[[Comment], bool], forward: bool, why_not: str) -> None:
        """A jump to the next (previous) comment `wanted` is true of."""
        thread = self.thread
        if thread is None or self.cursor < 0:
            return
        index = moves.by_author(thread, self.cursor, forward, wanted)
        if index is None:
            self.notify(why_not, timeout=2, markup=False)
            return
        self.jumps.record(self.place())
        self.go_to_comment(index)

    def action_parent(self) -> None:
        if self.thread is not None and self.cursor >= 0:
            self._move_or_say(self.thread.parents[self.cursor], "Top-level comment has no parent")

    def action_next_sibling(self) -> None:
        self._to_sibling(forward=True)

    def action_previous_sibling(self) -> None:
        self._to_sibling(forward=False)

    def _to_sibling(self, forward: bool) -> None:
        thread, rows = self.thread, self.rows
        if thread is not None and rows is not None and self.cursor >= 0:
            step = thread.next_sibling if forward else thread.previous_sibling
            index = moves.shown_sibling(rows, step(self.cursor), step)
            self._move_or_say(index, f"No {'next' if forward else 'previous'} sibling")

    def action_next_top_level(self) -> None:
        thread, rows = self.thread, self.rows
        if thread is not None and rows is not None and self.cursor >= 0:
            index = moves.next_top_level(thread, rows, self.cursor)
            self._move_or_say(index, "No next top-level comment")

    def action_previous_top_level(self) -> None:
        thread, rows = self.thread, self.rows
        if thread is not None and rows is not None and self.cursor >= 0:
            index = moves.previous_top_level(thread, rows, self.cursor)
            self._move_or_say(index, "No previous top-level comment")

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
        position = moves.page_position(rows, round(self.scroll_y), self.max_scroll_y, lines)
        self._set_cursor_quietly(rows.rows[position])

    def action_page_down(self) -> None:
        self._page(self._page_lines())

    def action_page_up(self) -> None:
        self._page(-self._page_lines())

    def action_half_page_down(self) -> None:
        self._page(max(1, self._view_height // 2))

    def action_half_page_up(self) -> None:
        self._page(-max(1, self._view_height // 2))

    # Keys: folding -------------------------------------------------------------

    def action_toggle(self) -> None:
        if self.rows is None or self.cursor < 0:
            return
        comment = self._cursor_comment()
        if comment is not None and comment.status == "more":
            # A stub folds nothing: it asks for the comments it stands for.
            self.post_message(self.ExpandAsked(self.cursor, comment))
            return
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

    # Keys: links and full text -------------------------------------------------

    def action_toggle_quotes(self) -> None:
        """Fold every quote to one line saying how long it is, or show them."""
        self.quotes_folded = not self.quotes_folded
        self._painter = None
        self.thread_layout.forget()
        self._update_virtual_size()
        self._scroll_to_cursor()
        self.refresh()
        said = "folded" if self.quotes_folded else "shown"
        self.notify(f"Quoted text {said}", timeout=1.5, markup=False)

    class ExpandAsked(Message):
        """`space` on a `more` stub: its comments fetched into its place (the
        screen fetches them)."""

        def __init__(self, index: int, stub: Comment) -> None:
            super().__init__()
            self.index = index
            self.stub = stub

    class SortAsked(Message):
        """`s`: the comments in their next order (the screen sorts the thread)."""

    def action_sort(self) -> None:
        self.post_message(self.SortAsked())

    @property
    def cursor_comment(self) -> Comment | None:
        """The comment under the cursor (None: no comment)."""
        return self._cursor_comment()

    def _cursor_comment(self) -> Comment | None:
        if self.thread is None or self.cursor < 0:
            return None
        return self.thread.comments[self.cursor]

    def action_links(self) -> None:
        """Pick one of the links of the comment under the cursor."""
        comment = self._cursor_comment()
        if comment is not None:
            title = f"Links in comment {comment.path}"
            ask_for_links(self, title, comment.text, comment.blocks, "No links in this comment")

    def action_full_text(self) -> None:
        """The comment under the cursor in full, long code lines unclipped."""
        comment = self._cursor_comment()
        if comment is None:
            return
        blocks = painter_styles(self).blocks
        text = unwrapped_text(comment.text, comment.blocks, self.app.console, blocks)
        title = f"Comment {comment.path}" + (f" by {comment.author}" if comment.author else "")
        self.post_message(ShowFullText(title, text))

    # Mouse -------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        rows = self.rows
        offset = event.get_content_offset(self)
        if rows is None or not rows.rows or offset is None:
            return
        line = round(self.scroll_y) + offset.y
        if line >= rows.total_lines:
            return
        position = rows.row_at_line(line)
        index = rows.rows[position]
        self.cursor = index
        if line == rows.line_of(position):
            self.action_toggle()
