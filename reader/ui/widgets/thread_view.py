"""The comment thread: a virtualised, collapsible tree of wrapped comments.

A Line-API `ScrollView` over `ThreadRows`: only the comments on screen are
wrapped (and cached, LRU), every other comment's height is an estimate, so a
frame or a key press costs what is on screen, not what is in the thread.
Collapse and expand splice the visible rows instead of rebuilding them.

The first column is a gutter: `▌` beside every line of the comment under the
cursor, so the cursor shows without colour. The view is made of parts, one
concept each: its keys (`thread_navigation`), its search highlights
(`thread_highlights`) and its minimap's cells (`thread_minimap_feed`).

With a state this session (`marks`), comments new since the last visit carry
a mark in their header, and unread ones (there before, never drawn) a dimmer
one; a comment counts as seen once any of its lines has been drawn on screen
here (`seen` is told the comments of every frame). The scrollbar doubles as a
minimap of new comments and search matches.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Comment, Thread
from ...sanitize import neutralise
from ...search.query import Match
from ...state import ArticleState
from ...state.article_state import NEW, UNREAD
from ...text import links_of
from ..commands import THREAD_COMMANDS, THREAD_LINK_COMMANDS, bindings
from ..thread_matches import ThreadMatches
from ..thread_rows import ThreadRows
from .block_lines import BLOCK_COMPONENT_CLASSES, BLOCK_CSS, block_styles, unwrapped_text
from .comment_painter import (
    FIXED_LINES,
    CommentPainter,
    Mark,
    PaintedComment,
    PainterStyles,
    Span,
    text_width,
)
from .highlight_style import highlight_style
from .minimap import MinimapRender
from .thread_highlights import ThreadHighlights
from .thread_minimap_feed import ThreadMinimapFeed
from .thread_navigation import ThreadNavigation

GUIDE_LEVELS = 6
# The header mark of each kind of comment the state tells apart.
MARKS = {NEW: Mark.NEW, UNREAD: Mark.UNREAD}
# The gutter column, and what it shows beside the lines of the cursor's comment.
GUTTER = 1
CURSOR_MARKER = "▌"


class ThreadView(ThreadNavigation, ThreadHighlights, ThreadMinimapFeed, ScrollView, can_focus=True):
    """Shows one article's comments; the cursor is always on a visible comment."""

    BINDINGS = [*bindings(THREAD_COMMANDS), *bindings(THREAD_LINK_COMMANDS)]

    COMPONENT_CLASSES = {
        *(f"thread-view--guide-{level}" for level in range(GUIDE_LEVELS)),
        "thread-view--header",
        "thread-view--meta",
        "thread-view--folded",
        "thread-view--cursor",
        "thread-view--cursor-marker",
        "thread-view--empty",
        "thread-view--match",
        "thread-view--current-match",
        "thread-view--op",
        "thread-view--status",
        "thread-view--dead",
        "thread-view--stub",
        "thread-view--subject",
        *BLOCK_COMPONENT_CLASSES,
        "thread-view--new",
        "thread-view--unread",
        "thread-view--minimap-new",
        "thread-view--minimap-match",
    }

    DEFAULT_CSS = (
        """
    ThreadView {
        overflow-x: hidden;
        overflow-y: auto;
        /* The text width must not change as the scrollbar comes and goes:
           every change re-estimates the height of every comment. */
        scrollbar-gutter: stable;
        & > .thread-view--guide-0 { color: $primary; }
        & > .thread-view--guide-1 { color: $secondary; }
        & > .thread-view--guide-2 { color: $success; }
        & > .thread-view--guide-3 { color: $warning; }
        & > .thread-view--guide-4 { color: $accent; }
        & > .thread-view--guide-5 { color: $error; }
        & > .thread-view--header { text-style: bold; }
        /* Not $text-muted (auto 60%): under 4.5:1 on the focused cursor row. */
        & > .thread-view--meta { color: auto 70%; }
        & > .thread-view--folded { color: $text-primary; text-style: bold; }
        & > .thread-view--cursor { background: $boost; }
        & > .thread-view--cursor-marker { color: $foreground; }
        & > .thread-view--empty { color: $text-muted; text-style: italic; }
        /* `auto`: black or white, whichever reads on the background. Underline
           and (current) reverse keep matches visible without colour (NO_COLOR). */
        & > .thread-view--match {
            background: $warning 35%; color: auto 95%; text-style: underline;
        }
        & > .thread-view--current-match {
            background: $warning; color: auto 95%; text-style: bold underline reverse;
        }
        /* Green reads on dark surfaces only: light themes get their dark primary. */
        & > .thread-view--new { color: $text-success; text-style: bold; }
        &:light > .thread-view--new { color: $text-primary; }
        /* Unread: dimmer than new, as dim as the header's details (4.5:1 kept). */
        & > .thread-view--unread { color: auto 70%; }
        & > .thread-view--minimap-new { color: $success; }
        & > .thread-view--minimap-match { color: $warning; }
        &:focus > .thread-view--cursor { background: $surface-lighten-2; }
        /* New styles: 4.5:1 on the view and the cursor row in both themes. */
        & > .thread-view--op { color: $text-accent; text-style: bold; }
        &:light > .thread-view--op { color: $text-primary; }
        & > .thread-view--status { color: auto 70%; text-style: italic; }
        & > .thread-view--dead { color: auto 70%; }
        & > .thread-view--stub { color: auto 70%; text-style: italic; }
        & > .thread-view--subject { text-style: italic; }
    """
        + BLOCK_CSS
        + "}"
    )

    class CursorMoved(Message):
        """The cursor is on another comment (or on none: `index` -1)."""

        def __init__(self, view: ThreadView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    thread: reactive[Thread | None] = reactive(None, init=False, always_update=True)
    """The thread on show (None: nothing)."""

    cursor: reactive[int] = reactive(-1, init=False, always_update=True)
    """Thread index of the comment under the cursor (-1: no comments)."""

    marks: reactive[ArticleState | None] = reactive(None, init=False, always_update=True)
    """The open article's state (None: no state this session); set before
    `thread`, whose new and unread comments it marks."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: ThreadRows | None = None
        self._painted: LRUCache[tuple[int, int, bool], PaintedComment] = LRUCache(256)
        # Search highlights: the matches (the search pane's) and the current one.
        self._matches = ThreadMatches()
        self._current_match: Match | None = None
        self._painter: CommentPainter | None = None
        self._width = 0
        # While filtering: what the filter is for, to say when nothing matches.
        self._filter_note = ""
        # Told the comments drawn on screen (with a state this session).
        self.seen: Callable[[list[int]], None] | None = None
        # The config's `time = "absolute"`: headers give times in full.
        self.absolute_times = False
        # The minimap's cells, and what they were computed for.
        self._minimap_key: tuple[int, ...] | None = None
        self._minimap_cells = b""
        self._minimap_generation = 0
        self._minimap_styles: tuple[Style, Style] | None = None
        # The view's style while a frame is rendered (`render_lines`).
        self._frame_style: Style | None = None
        # The cursor moved while the view had no size: scroll to it on the first paint.
        self._scroll_pending = False

    def on_mount(self) -> None:
        self.vertical_scrollbar.renderer = partial(  # type: ignore[misc]
            MinimapRender, self._minimap_marks
        )

    # Loading -----------------------------------------------------------------

    def watch_thread(self, thread: Thread | None) -> None:
        """Show the thread fully expanded, the cursor on its first comment."""
        self._painted.clear()
        self._matches, self._current_match = ThreadMatches(), None
        self._filter_note = ""
        self._marks_changed()
        self.rows = None if thread is None else ThreadRows(thread, self._estimates())
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._scroll_pending = False
        self._set_cursor_quietly(0 if thread and len(thread) else -1)
        self._update_virtual_size()
        self.refresh()

    def watch_marks(self) -> None:
        self._painted.clear()
        self._marks_changed()
        self.refresh()

    # Geometry ----------------------------------------------------------------

    @property
    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    @property
    def _text_area_width(self) -> int:
        """The width comments are painted at: the content less the gutter."""
        return max(1, self._content_width - GUTTER)

    @property
    def _view_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _estimates(self) -> list[int]:
        """Every comment's guessed unfolded height at the current width."""
        thread = self.thread
        if thread is None:
            return []
        width = self._width or 80
        widths = [text_width(depth, width) for depth in range(max(thread.depths, default=0) + 1)]
        # One flat comprehension: this runs over every comment on each resize.
        return [
            FIXED_LINES + breaks + characters // widths[depth]
            for characters, breaks, depth in zip(
                thread.characters, thread.line_breaks, thread.depths, strict=True
            )
        ]

    def _update_virtual_size(self) -> None:
        lines = self.rows.total_lines if self.rows else 0
        self.virtual_size = Size(self._content_width, lines)

    def on_resize(self, event: events.Resize) -> None:
        # Re-estimating is left to the next paint (`_measure_screen`): a resize
        # of the terminal can pass through several layouts before one is drawn.
        self.refresh()

    def _follow_width(self) -> None:
        """Re-estimate when the text width changed (a resize, or a scrollbar came or went)."""
        width = self._text_area_width
        if width != self._width:
            self._width = width
            self._painted.clear()
            if self.rows is not None:
                self.rows.reestimate(self._estimates())
            self._update_virtual_size()
            self._scroll_to_cursor()
            self._marks_changed()

    # Painting ----------------------------------------------------------------

    def _styles(self) -> PainterStyles:
        def style(name: str) -> Style:
            # The colour as resolved (a partial style drops the alpha of
            # `$text-muted` and the like), but no background, so the cursor's
            # background shows through.
            full = self.get_component_rich_style(name)
            return self.get_component_rich_style(name, partial=True) + Style(color=full.color)

        match = highlight_style(self, "thread-view--match")
        current_match = highlight_style(self, "thread-view--current-match")
        return PainterStyles(
            guides=[style(f"thread-view--guide-{level}") for level in range(GUIDE_LEVELS)],
            header=style("thread-view--header"),
            meta=style("thread-view--meta"),
            folded=style("thread-view--folded"),
            match=match,
            current_match=current_match,
            blocks=block_styles(style, match, current_match),
            op=style("thread-view--op"),
            status=style("thread-view--status"),
            dead=style("thread-view--dead"),
            stub=style("thread-view--stub"),
            new=style("thread-view--new"),
            unread=style("thread-view--unread"),
            subject=style("thread-view--subject"),
        )

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painter = None
        self._minimap_styles = None
        self._painted.clear()

    def _painted_comment(self, index: int) -> PaintedComment:
        """Comment `index` painted at the current width (cached)."""
        assert self.thread is not None and self.rows is not None
        collapsed = self.rows.is_collapsed(index)
        key = (index, self._width, collapsed)
        painted = self._painted.get(key)
        if painted is None:
            if self._painter is None:
                self._painter = CommentPainter(
                    self.app.console, self._styles(), absolute_times=self.absolute_times
                )
            thread = self.thread
            painted = self._painter.paint(
                thread.comments[index],
                self._width,
                replies=len(thread.comments[index].replies),
                hidden=self.rows.hidden_count(index),
                collapsed=collapsed,
                matches=self._matches.spans_of(index),
                current=self._current_in(index),
                # Part of what is cached: the marks change only with `marks_changed`.
                mark=self._mark_of(index),
                subject=thread.shown_subject(index),
            )
            self._painted[key] = painted
        return painted

    def _mark_of(self, index: int) -> Mark:
        marks = self.marks
        if marks is None:
            return Mark.NONE
        return MARKS.get(marks.reading[index], Mark.NONE)

    def _current_in(self, index: int) -> tuple[int, Span] | None:
        """The current match's paragraph and span, if it is in comment `index`."""
        current = self._current_match
        if current is None or current.key[0] != index:  # type: ignore[index]
            return None
        return current.key[1], (current.start, current.end)  # type: ignore[index]

    def _comment_lines(self, index: int) -> list[Strip]:
        return self._painted_comment(index).strips

    def _measure(self, position: int) -> int:
        """Wrap the row at `position` and record its exact height."""
        assert self.rows is not None
        height = len(self._comment_lines(self.rows.rows[position]))
        self.rows.set_height(position, height)
        return height

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
            height = self._measure(position)
            changed |= before != height
            line += height
            position += 1
        if changed:
            self._update_virtual_size()
        if self.seen is not None:
            last = rows.row_at_line(min(bottom, rows.total_lines) - 1)
            self.seen(rows.rows[rows.row_at_line(top) : last + 1])

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
        width = self._width or self._text_area_width
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
        lines = self._comment_lines(index)
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

    # Links and full text -----------------------------------------------------

    def _cursor_comment(self) -> Comment | None:
        if self.thread is None or self.cursor < 0:
            return None
        return self.thread.comments[self.cursor]

    def action_links(self) -> None:
        """Pick one of the links of the comment under the cursor."""
        comment = self._cursor_comment()
        if comment is None:
            return
        urls = links_of(comment.blocks)
        if not urls:
            self.notify("No links in this comment", timeout=2, markup=False)
            return
        from ..screens.links import LinksScreen  # here: the first frame has no use for it

        self.app.push_screen(LinksScreen(f"Links in comment {comment.path}", urls))

    def action_full_text(self) -> None:
        """The comment under the cursor in full, long code lines unclipped."""
        comment = self._cursor_comment()
        if comment is None:
            return
        blocks = self._styles().blocks
        text = unwrapped_text(comment.text, comment.blocks, self.app.console, blocks)
        title = f"Comment {comment.path}" + (f" by {comment.author}" if comment.author else "")
        from ..screens.full_text import FullTextScreen  # here, as the links screen

        self.app.push_screen(FullTextScreen(title, text))

    # New and unread comments ------------------------------------------------

    def go_to_marked(self, kind: int, forward: bool) -> bool:
        """Put the cursor on the next (or previous) comment of `kind` (NEW,
        UNREAD), unfolding its ancestors; False when there is none that way."""
        marks = self.marks
        if marks is None or self.rows is None:
            return False
        if forward:
            index = marks.next_of(kind, self.cursor)
        else:
            index = marks.previous_of(kind, self.cursor if self.cursor >= 0 else len(marks.reading))
        if index is None:
            return False
        self.go_to_comment(index)
        return True

    def go_to_comment(self, index: int) -> None:
        """Put the cursor on comment `index`, unfolding just its ancestors."""
        if self.rows is None or not 0 <= index < len(self.rows.thread):
            return
        self.rows.reveal(index)
        self._painted.clear()
        self._marks_changed()
        self._update_virtual_size()
        self.cursor = index

    def marks_changed(self) -> None:
        """The open article's marks changed (marked read): repaint them."""
        self._painted.clear()
        self._marks_changed()
        self.refresh()

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
