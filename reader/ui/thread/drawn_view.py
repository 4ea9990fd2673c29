"""The comment thread drawn: a virtualised, collapsible tree of wrapped
comments, with a cursor.

A Line-API `ScrollView` over a `ThreadLayout` (the visible rows, estimated
heights made exact as comments are wrapped, each comment painted once, LRU):
a frame or a key press costs what is on screen, not what is in the thread.
Collapse and expand splice the visible rows instead of rebuilding them.

The first column is a gutter: `▌` beside every line of the comment under the
cursor, so the cursor shows without colour. With a state this session,
comments new since the last visit carry a mark in their header, and unread
ones (there before, never drawn) a dimmer one; the view tells its `Reading`
the comments each frame draws (seen) and where the cursor goes. The
scrollbar doubles as a minimap of new comments and search matches.

The layers above it keep the reader's place (`placed_view`), make the view
its pane's search target (`searched_view`) and give it its keys (`view`).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from ...model import Comment, Thread
from ...sanitize import neutralise
from ...search.query import Match
from ...state import Reading
from ...state.article_state import NEW, UNREAD
from ...store import DocumentStore
from ..render.block_lines import MatchSpan
from ..search.jumps import Jumps
from ..search.target import SearchState
from . import cursor as moves
from .cursor import ThreadPlace
from .layout import ThreadLayout
from .matches import ThreadMatches
from .minimap import MinimapMarks, MinimapRender
from .minimap_cells import minimap_cells
from .painted_comment import Mark, PaintedComment
from .painter import CommentPainter
from .rows import ThreadRows
from .styles import painter_styles

# The header mark of each kind of comment the state tells apart.
MARKS = {NEW: Mark.NEW, UNREAD: Mark.UNREAD}
# The gutter column, and what it shows beside the lines of the cursor's comment.
GUTTER = 1
CURSOR_MARKER = "▌"


class DrawnThreadView(ScrollView):
    """Shows one article's comments; the cursor is always on a visible comment."""

    class CursorMoved(Message, namespace="thread_view"):
        """The cursor is on another comment: `index` in the thread, `comment`
        itself (-1 and None: no comment)."""

        def __init__(self, view: DrawnThreadView, index: int, comment: Comment | None) -> None:
            super().__init__()
            self.view = view
            self.index = index
            self.comment = comment

    thread: reactive[Thread | None] = reactive(None, init=False, always_update=True)
    """The thread on show (None: nothing)."""

    cursor: reactive[int] = reactive(-1, init=False, always_update=True)
    """Thread index of the comment under the cursor (-1: no comments)."""

    def __init__(self, store: DocumentStore, reading: Reading | None = None, **kwargs: Any) -> None:
        """`store` is searched (the view is its pane's `SearchTarget`); `reading`
        is told what is drawn and where the cursor is, and says which comments
        are new and unread (its article is the open one, set before `thread`)."""
        super().__init__(**kwargs)
        self.store = store
        self.reading = reading or Reading()
        self.thread_layout = ThreadLayout(self._paint)
        self._painter: CommentPainter | None = None
        # The search shown (its matches are the pane's), the match drawn as the
        # current one, the painted comments that have a highlight, and whether
        # any match was shown.
        self._search: SearchState[Match] | None = None
        self._current: Match | None = None
        self._highlighted: set[int] = set()
        self._had_matches = False
        # While filtering: the comments shown, and what the filter is for (to
        # say when nothing matches).
        self._filtered: set[int] | None = None
        self._filter_note = ""
        # The config's `time = "absolute"`: headers give times in full.
        self.absolute_times = False
        # The minimap's cells, and what they were computed for.
        self._minimap_key: tuple[int, ...] | None = None
        self._minimap_cells = b""
        self._minimap_generation = 0
        self._minimap_styles: tuple[Style, Style] | None = None
        # The scrollbar that draws the minimap (None until mounted).
        self._minimap_bar: ScrollBar | None = None
        # The view's style while a frame is rendered (`render_lines`).
        self._frame_style: Style | None = None
        # The cursor moved while the view had no size: scroll to it on the first paint.
        self._scroll_pending = False
        # The text a resize kept at the top of the view, and the scroll it left.
        self._kept_top: tuple[tuple[int, int, int], float] | None = None
        # Quoted text folded to a line each (`T`, as mutt's).
        self.quotes_folded = False
        # Where the reader was before their last jump in this thread (`'`).
        self.jumps: Jumps[ThreadPlace] = Jumps()

    def on_mount(self) -> None:
        self._minimap_bar = self.vertical_scrollbar
        self._minimap_bar.renderer = partial(  # type: ignore[misc]
            MinimapRender, self.minimap_marks
        )

    @property
    def rows(self) -> ThreadRows | None:
        """The visible rows of the thread on show."""
        return self.thread_layout.rows

    # Loading -----------------------------------------------------------------

    def watch_thread(self, thread: Thread | None) -> None:
        """Show the thread fully expanded, the cursor on its first comment."""
        self.thread_layout.show(thread)
        self._search, self._current, self._highlighted = None, None, set()
        self._had_matches = False
        self._filtered, self._filter_note = None, ""
        self._marks_changed()
        self.jumps.forget()
        self._kept_top = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._scroll_pending = False
        self._set_cursor_quietly(0 if thread and len(thread) else -1)
        self._update_virtual_size()
        self.refresh()

    # Geometry ----------------------------------------------------------------

    @property
    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    @property
    def text_width(self) -> int:
        """The width comments are painted at: the content less the gutter."""
        return max(1, self._content_width - GUTTER)

    @property
    def _view_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _update_virtual_size(self) -> None:
        rows = self.rows
        self.virtual_size = Size(self._content_width, rows.total_lines if rows else 0)

    def on_resize(self, event: events.Resize) -> None:
        # Re-estimating is left to the next paint (`_measure_screen`): a resize
        # of the terminal can pass through several layouts before one is drawn.
        self.refresh()

    def _follow_width(self) -> None:
        """Lay the thread out again when the text width changed (a resize, or
        a scrollbar came or went)."""
        if self.thread_layout.set_width(self.text_width):
            self._update_virtual_size()
            self._marks_changed()

    # Painting ----------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painter = None
        self._minimap_styles = None
        self.thread_layout.forget()

    def _paint(self, index: int, width: int, collapsed: bool) -> PaintedComment:
        """Comment `index` painted (for the layout, which caches it)."""
        layout = self.thread_layout
        assert layout.thread is not None and layout.rows is not None
        if self._painter is None:
            self._painter = CommentPainter(
                self.app.console,
                painter_styles(self),
                absolute_times=self.absolute_times,
                quotes_folded=self.quotes_folded,
            )
        thread = layout.thread
        comment = thread.comments[index]
        matches = self.matches
        spans = matches.spans_of(index) if matches is not None else None
        current = self._current_in(index)
        if spans or current:
            self._highlighted.add(index)
        return self._painter.paint(
            comment,
            width,
            replies=len(comment.replies),
            hidden=layout.rows.hidden_count(index),
            collapsed=collapsed,
            matches=spans,
            current=current,
            # Part of what is cached: the marks change only with `marks_changed`.
            mark=MARKS.get(self.reading.mark_of(index), Mark.NONE),  # type: ignore[arg-type]
            subject=thread.shown_subject(index),
        )

    def _current_in(self, index: int) -> tuple[int, MatchSpan] | None:
        """The current match's paragraph and span, if it is in comment `index`."""
        current = self._current
        if current is None or current.key[0] != index:  # type: ignore[index]
            return None
        return current.key[1], (current.start, current.end)  # type: ignore[index]

    def _measure_screen(self) -> None:
        """Make the heights of the rows on screen exact before drawing them."""
        self._follow_width()
        rows = self.rows
        if rows is None or not rows.rows:
            return
        if self._scroll_pending and self.size.width:
            self._scroll_pending = False
            self._scroll_to_cursor()
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        position = rows.row_at_line(top)
        line = rows.line_of(position)
        changed = False
        while position < len(rows) and line < bottom:
            before = rows.heights[position]
            height = self.thread_layout.measure(position)
            changed |= before != height
            line += height
            position += 1
        if changed:
            self._update_virtual_size()
        if self.reading.remembering:
            last = rows.row_at_line(min(bottom, rows.total_lines) - 1)
            self.reading.seen(rows.rows[rows.row_at_line(top) : last + 1])

    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure_screen()
        # The view's style once a frame, not once a line: each look-up walks
        # the ancestors' backgrounds (a third of a frame's cost, measured).
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def _empty_text(self) -> str:
        """What the pane says when it shows no comment ("" for no article)."""
        thread = self.thread
        if thread is None:
            return ""
        if not len(thread):
            return "No comments"
        return f"No comments match {self._filter_note}".rstrip()

    def render_line(self, y: int) -> Strip:
        rows = self.rows
        width = self.thread_layout.width or self.text_width
        line = round(self.scroll_y) + y
        if rows is None or not rows.rows:
            if y == 0 and (empty := self._empty_text()):
                style = self.get_component_rich_style("thread-view--empty")
                # A segment, not markup: the note quotes the query as typed.
                segments = [Segment(" " * (GUTTER + 1)), Segment(neutralise(empty), style)]
                strip = Strip(segments).adjust_cell_length(self._content_width)
                return strip.apply_style(self.rich_style)
            return Strip.blank(self._content_width, self.rich_style)
        if line >= rows.total_lines:
            return Strip.blank(self._content_width, self.rich_style)
        position = rows.row_at_line(line)
        index = rows.rows[position]
        lines = self.thread_layout.painted(index).strips
        offset = line - rows.line_of(position)
        strip = lines[offset] if offset < len(lines) else Strip.blank(width)
        if index == self.cursor:
            gutter = Segment(
                CURSOR_MARKER, self.get_component_rich_style("thread-view--cursor-marker")
            )
            strip = Strip.join([Strip([gutter]), strip]).apply_style(
                self.get_component_rich_style("thread-view--cursor")
            )
        else:
            strip = Strip.join([Strip([Segment(" " * GUTTER)]), strip])
        style = self._frame_style
        return strip.apply_style(self.rich_style if style is None else style)

    @property
    def matches(self) -> ThreadMatches | None:
        """The matches on show (the search's, which are its pane's)."""
        search = self._search
        if search is None:
            return None
        matches = search.matches
        assert isinstance(matches, ThreadMatches)
        return matches

    # The minimap ---------------------------------------------------------------

    def _marks_changed(self) -> None:
        """Rows, matches or new marks changed: the minimap is drawn afresh."""
        self._minimap_generation += 1
        if self._minimap_bar is not None:
            self._minimap_bar.refresh()

    def minimap_marks(self, size: int) -> MinimapMarks | None:
        """The scrollbar's `size` track cells, each marked if its part of the
        thread holds a search match or a new comment; computed once per change
        of the rows, matches or marks."""
        rows, thread = self.rows, self.thread
        if rows is None or thread is None or not rows.rows or size <= 0:
            return None
        key = (size, rows.total_lines, len(rows), self._minimap_generation)
        if key != self._minimap_key:
            self._minimap_key = key
            article = self.reading.article
            new = article.reading if article is not None else None
            self._minimap_cells = minimap_cells(rows, thread, size, self.matches, new)
        if self._minimap_styles is None:
            self._minimap_styles = (
                self.get_component_rich_style("thread-view--minimap-new"),
                self.get_component_rich_style("thread-view--minimap-match"),
            )
        return MinimapMarks(self._minimap_cells, *self._minimap_styles)

    # The cursor ----------------------------------------------------------------

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._cursor_moved(self.cursor)

    def _cursor_moved(self, index: int) -> None:
        thread = self.thread
        comment = thread.comments[index] if thread is not None and index >= 0 else None
        self.reading.cursor_moved(index)
        self.post_message(self.CursorMoved(self, index, comment))

    def _set_cursor_quietly(self, index: int) -> None:
        """Move the cursor without scrolling to it (the caller has scrolled)."""
        self.set_reactive(type(self).cursor, index)
        self.refresh()
        self._cursor_moved(index)

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
        height = self.thread_layout.measure(position)
        self._update_virtual_size()
        view = self._view_height
        top = rows.line_of(position)
        target = moves.scroll_to_show(top, height, self.scroll_y, view, from_below)
        if target is not None and target < top:
            # The rows above it on screen, exact first: the comment stays put.
            self._measure_above(position, top - target)
            target = rows.line_of(position) - (top - target)
        if target is not None:
            self.scroll_to(y=target, animate=False, immediate=True)

    def _measure_above(self, position: int, lines: int) -> None:
        """Wrap the rows above `position` that fill `lines` lines: those a
        scroll puts on screen above it, to make exact before scrolling."""
        rows = self.rows
        assert rows is not None
        above = position
        while above > 0 and lines > 0:
            above -= 1
            lines -= self.thread_layout.measure(above)
        self._update_virtual_size()
