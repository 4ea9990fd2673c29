"""The comment thread: a virtualised, collapsible tree of wrapped comments.

A Line-API `ScrollView` over a `ThreadLayout` (the visible rows, estimated
heights made exact as comments are wrapped, each comment painted once, LRU):
a frame or a key press costs what is on screen, not what is in the thread.
Collapse and expand splice the visible rows instead of rebuilding them. The
view is one class over pure parts it owns, each with one concept: the layout
(`layout`), where the cursor goes (`cursor`), the minimap's cells
(`minimap_cells`), the painter (`painter`) and its styles (`styles`).

The first column is a gutter: `▌` beside every line of the comment under the
cursor, so the cursor shows without colour. The view is its pane's search
target: it finds in the thread, highlights the matches (the pane's, read
through the search it is shown) and follows the comments filter.

With a state this session, comments new since the last visit carry a mark in
their header, and unread ones (there before, never drawn) a dimmer one; the
view tells its `Reading` the comments each frame draws (seen) and where the
cursor goes. The scrollbar doubles as a minimap of new comments and search
matches.

Where the reader is (`place`) can be gone back to: the pane's search starts
from it and returns to it when cancelled, and `'` returns to the place before
the last jump (`jumps`: `g`, `G`, a new or unread comment, a kept search).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Comment, Thread
from ...sanitize import neutralise
from ...search.fields import HEADER
from ...search.query import Match, Query
from ...state import Reading
from ...state.article_state import NEW, UNREAD
from ...store import DocumentStore
from ..commands import THREAD_COMMANDS, THREAD_LINK_COMMANDS, bindings
from ..messages import ShowFullText, ask_for_links
from ..render.block_lines import MatchSpan, unwrapped_text
from ..search.jumps import Jumps
from ..search.pane import Matches, SearchState
from . import cursor as moves
from .cursor import ThreadPlace
from .layout import ThreadLayout
from .matches import ThreadMatches
from .minimap import MinimapMarks, MinimapRender
from .minimap_cells import minimap_cells
from .painter import CommentPainter, Mark, PaintedComment
from .rows import ThreadRows
from .styles import COMPONENT_CLASSES, DEFAULT_CSS, painter_styles

# The header mark of each kind of comment the state tells apart.
MARKS = {NEW: Mark.NEW, UNREAD: Mark.UNREAD}
# The gutter column, and what it shows beside the lines of the cursor's comment.
GUTTER = 1
CURSOR_MARKER = "▌"


class ThreadView(ScrollView, can_focus=True):
    """Shows one article's comments; the cursor is always on a visible comment."""

    BINDINGS = [*bindings(THREAD_COMMANDS), *bindings(THREAD_LINK_COMMANDS)]
    COMPONENT_CLASSES = COMPONENT_CLASSES
    DEFAULT_CSS = DEFAULT_CSS

    class CursorMoved(Message):
        """The cursor is on another comment: `index` in the thread, `comment`
        itself (-1 and None: no comment)."""

        def __init__(self, view: ThreadView, index: int, comment: Comment | None) -> None:
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
        self.vertical_scrollbar.renderer = partial(  # type: ignore[misc]
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

    # The minimap ---------------------------------------------------------------

    def _marks_changed(self) -> None:
        """Rows, matches or new marks changed: the minimap is drawn afresh."""
        self._minimap_generation += 1
        if self._vertical_scrollbar is not None:
            self._vertical_scrollbar.refresh()

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

    # Search (the pane's `SearchTarget`: the thread's comments) -----------------

    def find(self, query: Query) -> Iterator[Match]:
        thread = self.thread
        return iter(()) if thread is None else self.store.search_thread(thread.article_id, query)

    def new_matches(self) -> ThreadMatches:
        return ThreadMatches()

    def starts_from(self, place: ThreadPlace) -> Callable[[Match], bool]:
        """From the comment under the cursor on (matches come in display order,
        which is the order of the comments' indices)."""
        cursor = place.cursor

        def at_or_after(match: Match) -> bool:
            return match.key[0] >= cursor  # type: ignore[index, no-any-return]

        return at_or_after

    @property
    def matches(self) -> ThreadMatches | None:
        """The matches on show (the search's, which are its pane's)."""
        search = self._search
        if search is None:
            return None
        matches = search.matches
        assert isinstance(matches, ThreadMatches)
        return matches

    def show_matches(self, search: SearchState[Match]) -> None:
        """Highlight the search's matches, its current one distinctly. As they
        grow, `matches_added` says what was appended; only the painted comments
        with a match, before or now, are painted again."""
        self._search, self._current = search, search.current_match
        matches = self.matches
        assert matches is not None
        before, self._highlighted = self._highlighted, set()
        had, self._had_matches = self._had_matches, bool(len(matches))
        if had or len(matches):
            # The current match, old or new, is in one of them.
            if self.thread_layout.forget(
                lambda index: index in before or matches.any_between(index, index + 1)
            ):
                self.refresh()
            self._marks_changed()
        self._follow_filter(search)

    def matches_added(self, added: Matches[Match], search: SearchState[Match]) -> None:
        """Repaint the painted comments `added` are in, and the minimap."""
        assert isinstance(added, ThreadMatches)
        if len(added):
            self._had_matches = True
            first, last = added.comments[0], added.comments[-1]
            if self.thread_layout.forget(lambda index: first <= index <= last):
                self.refresh()
            self._marks_changed()
        if search.counted:
            # Every match is known: the filter shows each comment with one.
            self._follow_filter(search)

    def current_moved(self, search: SearchState[Match]) -> None:
        """Only the comments of the old and the new current match are painted again."""
        before, self._current = self._current, search.current_match
        changed = {match.key[0] for match in (before, self._current) if match is not None}  # type: ignore[index]
        self.thread_layout.forget(changed.__contains__)
        self.refresh()

    def go_to(self, match: Match) -> None:
        """Unfold just the ancestors of the match's comment, put the cursor on it
        and scroll so the line of the match is on screen."""
        rows = self.rows
        if rows is None:
            return
        index, paragraph = match.key  # type: ignore[misc]
        rows.reveal(index)
        self._marks_changed()
        if paragraph != HEADER:
            # The match is in the comment's own text: a fold would hide it.
            rows.set_collapsed(index, False)
        # Nothing painted is stale: a painted comment is cached with its fold.
        self._set_cursor_quietly(index)
        position = rows.position(index)
        assert position is not None
        self.thread_layout.measure(position)
        within = self.thread_layout.painted(index).line_of(paragraph, match.start)
        view = self._view_height
        if not self.scroll_y <= rows.line_of(position) + within < self.scroll_y + view:
            # A third of the view above the match's line: the rows there wrapped
            # first, or the painting of the frame would move the match off the
            # line scrolled to (rows are estimated, code many times its height).
            self._measure_above(position, view // 3 - within)
            line = rows.line_of(position) + within
            self.scroll_to(y=max(0, line - view // 3), animate=False, immediate=True)
        self._update_virtual_size()
        self.refresh()

    def _follow_filter(self, search: SearchState[Match]) -> None:
        """The filter follows the live query: every comment with a match (so far)
        is shown before any match is gone to. While the search counts, the shown
        set only grows, and only at its first match and when the count ends, so
        the view does not jump (nor refilter the thread) per batch."""
        query = search.search_query
        rows = self.rows
        if rows is None:
            return
        if query is not None and query.text and search.error is None and search.filtering:
            matches = self.matches
            assert matches is not None
            shown = set(matches.comments)
            if not search.counted:
                shown |= self._filtered or set()
            if self._filter_note != f"/{query.text}":
                self._filter_note = f"/{query.text}"
                self.refresh()
            if shown != self._filtered:
                self._filtered = shown
                rows.filter(shown)
                self._refold()
        elif self._filtered is not None:
            # No query (or an invalid one) filters nothing: every comment shows.
            self._filtered = None
            rows.unfilter()
            self._refold()

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

    def _refold(self) -> None:
        """After a bulk fold: keep the cursor on its nearest visible ancestor."""
        assert self.rows is not None and self.thread is not None
        self.thread_layout.forget()
        self._set_cursor_quietly(moves.nearest_visible(self.thread, self.rows, self.cursor))
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
