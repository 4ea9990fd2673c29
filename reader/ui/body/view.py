"""The article body: title, subtitle, byline, the facts a discussion site
gives (site, author, time, score, comment count, URL, a page's feeds), the
body and the author's bio.

A Line-API `ScrollView` over the article at a readable measure of at most
`MEASURE` columns, which paints only the lines on screen, from the article's
own strings (`ArticleBlocks`): nothing is made per paragraph until it is
drawn. Plain Rich text with markup off: document text is never interpreted,
and no widget is mounted per block. A structured body (quotes, code, lists,
links) is laid out by the block renderer the thread uses too; a plain one
wraps as plain text always has.

The article is cut into pieces (`PieceTable`, arrays of numbers), whose
heights are guessed until they are wrapped (`BodyLayout`, LRU), so a resize
or opening an article costs a few screens of wrapping, whatever its length,
a body of one 10 MB line or of a million paragraphs included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Article
from ...search.query import Match, Query
from ...state import Reading
from ...store import DocumentStore
from ..commands import BODY_COMMANDS, BODY_LINK_COMMANDS, bindings
from ..messages import ShowFullText, ask_for_links
from ..render.block_lines import unwrapped_text
from ..render.block_styles import BLOCK_COMPONENT_CLASSES, BLOCK_CSS, BlockStyles, block_styles
from ..render.highlight_style import highlight_style
from ..search.jumps import Jumps
from ..search.target import Matches, SearchState
from .blocks import ArticleBlocks, comments_in_file
from .layout import BodyLayout, PaintedPiece
from .matches import ArticleMatches
from .piece_lines import piece_lines
from .pieces import PieceTable

MEASURE = 80
MARGIN = 1
# How much text above a saved scroll position is wrapped to restore it exactly.
RESTORE_CHARACTERS = 256 * 1024
STYLE_NAMES = ("title", "subtitle", "byline", "bio-heading", "bio", "match", "current-match")


class ArticleBody(ScrollView, can_focus=True):
    """Shows the selected article's text."""

    BINDINGS = [*bindings(BODY_COMMANDS), *bindings(BODY_LINK_COMMANDS)]

    COMPONENT_CLASSES = {
        "article-body--title",
        "article-body--subtitle",
        "article-body--byline",
        "article-body--bio-heading",
        "article-body--bio",
        "article-body--match",
        "article-body--current-match",
        *BLOCK_COMPONENT_CLASSES,
    }

    DEFAULT_CSS = (
        """
    ArticleBody {
        overflow-x: hidden;
        & > .article-body--title { text-style: bold; color: $text-accent; }
        /* $text-accent is under 4.5:1 on a light background. */
        &:light > .article-body--title { color: $text-primary; }
        & > .article-body--subtitle { text-style: italic; }
        & > .article-body--byline { color: $text-muted; }
        & > .article-body--bio-heading { color: $text-secondary; text-style: bold; }
        & > .article-body--bio { color: $text-muted; text-style: italic; }
        /* As the thread's: readable (4.5:1) in any theme, and underlined for NO_COLOR. */
        & > .article-body--match {
            background: $warning 35%; color: auto 95%; text-style: underline;
        }
        & > .article-body--current-match {
            background: $warning; color: auto 95%; text-style: bold underline reverse;
        }
    """
        + BLOCK_CSS
        + "}"
    )

    article: reactive[Article | None] = reactive(None)

    class JumpToComments(Message):
        """The reader asked to go from the body to the comments."""

    def __init__(self, store: DocumentStore, reading: Reading | None = None, **kwargs: Any) -> None:
        """`store` is searched (the body is its pane's `SearchTarget`); `reading`
        is told where the body is scrolled to."""
        super().__init__(**kwargs)
        self.store = store
        self.reading = reading or Reading()
        self.body_layout = BodyLayout(self._paint)
        self._styles_now: dict[str, Style] | None = None
        self._matches = ArticleMatches()
        self._current_match: Match | None = None
        # A saved scroll to take once the article is laid out on screen.
        self._saved_scroll = 0.0
        # Where the reader was before their last jump in this article (`'`):
        # a scroll position.
        self.jumps: Jumps[float] = Jumps()

    def on_mount(self) -> None:
        # Every scroll is remembered (a dict update, with a state this session).
        self.watch(self, "scroll_y", self._scrolled, init=False)

    def _scrolled(self, scroll_y: float) -> None:
        self.reading.body_scrolled(scroll_y)

    def watch_article(self, article: Article | None) -> None:
        self._matches, self._current_match = ArticleMatches(), None
        self._saved_scroll = 0.0
        self.jumps.forget()
        blocks = None if article is None else ArticleBlocks(article, comments_in_file(article))
        self.body_layout.show(blocks)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._follow_width()

    def on_resize(self) -> None:
        # Re-estimating is left to the next paint: a resize of the terminal can
        # pass through several layouts before one is drawn.
        self.refresh()

    def notify_style_update(self) -> None:
        # Focus and hover restyle the widget too; repaint only if the text's own
        # styles changed (a theme). Styles never change a piece's height.
        super().notify_style_update()
        styles_now = self._styles_now
        if self.is_mounted and styles_now is not None and self.draw_styles() != styles_now:
            self._styles_now = None
            self.body_layout.forget_painted()
            self.refresh()

    def draw_styles(self) -> dict[str, Style]:
        """What the body draws with, by name, as its CSS resolves them now."""
        style = self.get_component_rich_style
        # The colour as resolved: a partial style drops `$text-muted`'s alpha.
        styles = {
            name: style(f"article-body--{name}", partial=True)
            + Style(color=style(f"article-body--{name}").color)
            for name in STYLE_NAMES
        }
        for name in BLOCK_COMPONENT_CLASSES:
            styles[name] = style(name, partial=True) + Style(color=style(name).color)
        for name in ("match", "current-match"):
            styles[name] = highlight_style(self, f"article-body--{name}")
        return styles

    def _block_styles(self, styles: dict[str, Style]) -> BlockStyles:
        return block_styles(styles.__getitem__, styles["match"], styles["current-match"])

    # Layout: estimated heights, exact once wrapped --------------------------

    @property
    def _view_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _follow_width(self) -> None:
        """Lay the article out again when the width changed (a resize, a
        scrollbar that came or went, a new article), keeping the line at the
        top of the view at the top."""
        if not self.is_mounted:
            return
        width = max(1, self.scrollable_content_region.width)
        layout = self.body_layout
        anchor = layout.anchor(round(self.scroll_y)) if width != layout.width else None
        if not layout.set_width(width, self._measure_width(width)):
            return
        self._update_virtual_size()
        if anchor is not None:
            self.scroll_to(y=layout.line_of_anchor(anchor), animate=False, immediate=True)

    @staticmethod
    def _measure_width(width: int) -> int:
        return max(1, min(MEASURE, width - 2 * MARGIN))

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(max(1, self.body_layout.width), self.body_layout.heights.total)

    def _paint(self, pieces: PieceTable, index: int) -> PaintedPiece:
        """Wrap piece `index` at the current width, its matches highlighted."""
        if self._styles_now is None:
            self._styles_now = self.draw_styles()
        styles = self._styles_now
        piece = pieces.piece(index)
        key, current = piece.key, self._current_match
        found = [] if key is None else self._matches.spans_in(key, piece.start, piece.end)
        width = self.body_layout.width
        lines = piece_lines(
            piece,
            self._measure_width(width),
            self.app.console,
            styles,
            self._block_styles(styles),
            found,
            (current.start, current.end) if current is not None and current.key == key else None,
        )
        margin = Segment(" " * MARGIN)
        return (
            [Strip([margin, *segments]).adjust_cell_length(width) for segments, _ in lines],
            [start for _, start in lines],
        )

    def _measure_screen(self) -> None:
        """Make the pieces on screen exact, and two pages above and one below
        them so that paging lands on exact lines (a page up scrolls through
        the page above in steps, each of which makes the page above it exact);
        what is at the top of the view stays there as the pieces above it
        become exact."""
        self._follow_width()
        heights = self.body_layout.heights
        if not len(heights):
            return
        if self._saved_scroll and self.size.height:
            self._take_saved_scroll()
        total = heights.total
        top = round(self.scroll_y)
        new_top = self.body_layout.measure_around(top, self._view_height)
        if heights.total != total:
            self._update_virtual_size()
        # Not while a scroll is animated (`g` from far down, a page): that would
        # stop it part way; where it ends is what matters.
        if new_top != top and not self.app.animator.is_being_animated(self, "scroll_y"):
            self.scroll_to(y=new_top, animate=False, immediate=True)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure_screen()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = round(self.scroll_y) + y
        heights = self.body_layout.heights
        strip = None
        if line < heights.total:
            index = heights.index_at(line)
            strips, _ = self.body_layout.painted(index)
            within = line - heights.line_of(index)
            if within < len(strips):
                strip = strips[within]
        if strip is None:
            strip = Strip.blank(self.scrollable_content_region.width)
        return strip.apply_style(self.rich_style)

    @property
    def content_lines(self) -> int | None:
        """How many lines the article takes at the current width (estimated
        until wrapped; None: not laid out yet)."""
        return self.body_layout.heights.total if self.body_layout.width > 0 else None

    @property
    def scroll_target(self) -> float:
        """Where the body is scrolled, or is to be once laid out."""
        return self._saved_scroll or self.scroll_y

    def restore_scroll(self, y: float) -> None:
        """Scroll to `y`, where the reader left this article, once it is laid
        out on screen (on a narrow screen it is hidden until its pane shows)."""
        self._saved_scroll = y
        self.refresh()

    def _take_saved_scroll(self) -> None:
        """Scroll to the saved line with the lines above it exact, as they were
        when it was saved (read from the top); past `RESTORE_CHARACTERS` of text
        above it, the rest is estimated, so that opening an article never wraps
        more than that."""
        target, self._saved_scroll = round(self._saved_scroll), 0.0
        self.body_layout.measure_above(target, RESTORE_CHARACTERS)
        self._update_virtual_size()
        self.scroll_to(y=target, animate=False, immediate=True)

    # Search ------------------------------------------------------------------

    @property
    def highlighted_blocks(self) -> set[tuple[str, int]]:
        """The blocks (search keys) with a match highlighted."""
        return self._matches.keys

    def set_matches(self, matches: Matches[Match], current: Match | None) -> None:
        """Highlight `matches` (keys as in `article_search_text`, in its
        order), `current` distinctly."""
        if not isinstance(matches, ArticleMatches):
            matches = ArticleMatches(matches)
        if not matches and not self._matches:
            return  # Nothing was highlighted and nothing is: nothing to repaint.
        self._matches, self._current_match = matches, current
        self.body_layout.forget_painted()
        self.refresh()

    # Searching (a `SearchTarget`: the article's own text) -----------------------

    def find(self, query: Query) -> Iterator[Match]:
        article = self.article
        return iter(()) if article is None else self.store.search_article(article.id, query)

    def new_matches(self) -> ArticleMatches:
        return ArticleMatches()

    def show_matches(self, search: SearchState[Match]) -> None:
        self.set_matches(search.matches, search.current_match)

    def matches_added(self, added: Matches[Match], search: SearchState[Match]) -> None:
        self.show_matches(search)

    def current_moved(self, search: SearchState[Match]) -> None:
        self.show_matches(search)

    def go_to(self, match: Match) -> None:
        self.go_to_match(match)

    def place(self) -> float:
        return self.scroll_target

    def return_to(self, place: float) -> None:
        self.scroll_to(y=place, animate=False, immediate=True)

    def starts_from(self, place: float) -> Callable[[Match], bool]:
        """From the line at the top of the view on: matches come in the order
        of the article's blocks, and within a block in the order of its text."""
        self._follow_width()
        layout = self.body_layout
        top = round(place)
        if not top or not len(layout.heights) or layout.pieces is None:
            return lambda match: True
        threshold = layout.place_at(top)
        if threshold is None:
            return lambda match: False  # nothing searched below: every match is above
        number_of = layout.pieces.blocks.number_of
        return lambda match: (number_of(match.key), match.start) >= threshold  # type: ignore[arg-type]

    def go_to_match(self, match: Match) -> None:
        """Scroll so that the line holding `match` is on screen."""
        self._follow_width()
        line = self.body_layout.line_of(match.key, match.start)  # type: ignore[arg-type]
        if line is None:
            return
        self._update_virtual_size()
        view = self._view_height
        if not self.scroll_y <= line < self.scroll_y + view:
            self.scroll_to(y=max(0, line - view // 3), animate=False, immediate=True)

    # Keys ----------------------------------------------------------------------

    def action_scroll_home(self) -> None:
        self.jumps.record(self.place())
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        """The end of the article: its last page made exact first, so that the
        last line lands at the bottom of the view, not where an estimate put it."""
        self.jumps.record(self.place())
        self._follow_width()
        self.body_layout.measure_end(self._view_height)
        self._update_virtual_size()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_links(self) -> None:
        """Pick one of the links of the article body."""
        article = self.article
        if article is not None:
            none = "No links in the body: o opens the article's URL"
            ask_for_links(
                self, f"Links in {article.title}", article.body, article.body_blocks, none
            )

    def action_full_text(self) -> None:
        """The body in full, long code lines unclipped."""
        article = self.article
        if article is None:
            return
        styles = self._block_styles(self.draw_styles())
        text = unwrapped_text(article.body, article.body_blocks, self.app.console, styles)
        self.post_message(ShowFullText(article.title, text))

    def action_comments(self) -> None:
        self.post_message(self.JumpToComments())

    def action_half_page_down(self) -> None:
        self.scroll_relative(y=self.scrollable_content_region.height // 2, animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_relative(y=-(self.scrollable_content_region.height // 2), animate=False)
