"""The article body: title, subtitle, byline, the facts a discussion site
gives (site, author, time, score, comment count, URL, a page's feeds), the
body and the author's bio.

A Line-API `ScrollView` over the article at a readable measure of at most
`MEASURE` columns. Plain Rich text with markup off: document text is never
interpreted, and no widget is mounted per block. A structured body (quotes,
code, lists, links) is laid out by the block renderer the thread uses too; a
plain one wraps as plain text always has.

Only what is on screen is wrapped, as in the thread view: the article is cut
into pieces (`body_pieces`), each piece's height is estimated from its length
until it is wrapped (cached, LRU), and line offsets are block sums
(`line_heights`). So a resize or opening an article costs a few screens of
wrapping, whatever its length, a body of one 10 MB line included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ... import times
from ...model import Article
from ...sanitize import neutralise
from ...search.fields import BIO, BODY, SUBTITLE, TITLE, article_fields
from ...search.query import Match, Query
from ...state import Reading
from ...store import DocumentStore
from ...text import LINK, PARAGRAPH, Block, Span, block_at
from ...times import posted_text
from ..commands import BODY_COMMANDS, BODY_LINK_COMMANDS, bindings
from ..messages import ShowFullText, ask_for_links
from ..render.block_lines import (
    BLOCK_COMPONENT_CLASSES,
    BLOCK_CSS,
    BlockStyles,
    block_styles,
    unwrapped_text,
)
from ..render.highlight_style import highlight_style
from ..render.line_heights import LineHeights
from ..search.jumps import Jumps
from ..search.pane import Matches, SearchState
from .pieces import (
    BlockKey,
    Piece,
    PlainBlock,
    StructuredBlock,
    estimate,
    piece_lines,
    pieces_of,
)

MEASURE = 80
MARGIN = 1
# Pieces kept wrapped: many screens' worth, so that scrolling back is free.
PAINTED_PIECES = 512
# How much text above a saved scroll position is wrapped to restore it exactly.
RESTORE_CHARACTERS = 256 * 1024
STYLE_NAMES = ("title", "subtitle", "byline", "bio-heading", "bio", "match", "current-match")


def comments_in_file(article: Article) -> int:
    """The article's comments the file holds (stubs for missing ones are none),
    as the store counted them when it indexed the thread: no walk of the tree
    each time an article is shown."""
    thread = article.comments[0].thread if article.comments else None
    return thread.comment_count if thread is not None else 0


def article_facts(article: Article, in_file: int) -> str:
    """What the source says about the article, on one line: when, its score and
    how many comments it claims (and how many the file holds when fewer)."""
    facts = []
    if article.published:
        facts.append(posted_text(article.published, times.now()))
    if article.score is not None:
        facts.append(f"{article.score} point{'' if article.score == 1 else 's'}")
    claimed = article.comment_count
    if claimed is not None:
        said = f"{claimed} comment{'' if claimed == 1 else 's'}"
        facts.append(said if claimed == in_file else f"{said} ({in_file} in this file)")
    return " · ".join(facts)


def _url_layout(url: str) -> Block:
    """The article's URL shown in full, as a link (wrapped at `/`, never cut)."""
    return Block(PARAGRAPH, spans=(Span(0, len(url), LINK),))


def article_blocks(
    article: Article, in_file: int = 0
) -> list[tuple[BlockKey, PlainBlock | StructuredBlock]]:
    """The article as text blocks, to be separated by blank lines; each with its
    search key, None if not searched. The searched ones are exactly
    `article_fields` (the store's definition, which search reads too); the
    rest are the byline, the facts, the URL and the bio's heading around them."""
    blocks: list[tuple[BlockKey, PlainBlock | StructuredBlock]] = []
    body_layout = article.body_blocks
    for key, text in article_fields(article):
        kind, number = key
        if kind == TITLE:
            blocks.append((key, PlainBlock(neutralise(text), "title")))
        elif kind == SUBTITLE:
            blocks.append((key, PlainBlock(neutralise(text), "subtitle")))
        elif kind == BODY:
            previous = block_at(body_layout, number - 1) if number else None
            # Plain paragraphs too: the block renderer breaks a long URL at its `/`.
            blocks.append((key, StructuredBlock(text, block_at(body_layout, number), previous)))
        elif kind == BIO:
            if not number:
                heading = f"About {article.author}" if article.author else "About the author"
                blocks.append((None, PlainBlock("─── " + neutralise(heading), "bio-heading")))
            blocks.append((key, PlainBlock(neutralise(text), "bio")))
        if kind in (TITLE, SUBTITLE) and (kind == SUBTITLE or not article.subtitle):
            blocks.extend(_header_blocks(article, in_file))
    return blocks


def _header_blocks(
    article: Article, in_file: int
) -> list[tuple[BlockKey, PlainBlock | StructuredBlock]]:
    """Who wrote the article and where, what the source says of it, and its URL."""
    blocks: list[tuple[BlockKey, PlainBlock | StructuredBlock]] = []
    if article.byline:
        byline = article.byline
        if article.source and article.source not in byline:
            byline = f"{byline} · {article.source}"  # the site or list, where it is not said
        blocks.append((None, PlainBlock(neutralise(byline), "byline")))
    elif article.author or article.source:
        names = " · ".join(filter(None, [article.author, article.source]))
        blocks.append((None, PlainBlock(neutralise(names), "byline")))
    facts = article_facts(article, in_file)
    if facts:
        blocks.append((None, PlainBlock(facts, "byline")))
    if article.url and article.body:
        blocks.append((None, StructuredBlock(article.url, _url_layout(article.url), None)))
    elif article.url:
        note = "Link post: press o to open "
        layout = Block(PARAGRAPH, spans=(Span(len(note), len(note) + len(article.url), LINK),))
        blocks.append((None, StructuredBlock(note + article.url, layout, None)))
    if article.feeds:
        blocks.append((None, _feeds_block(article.feeds)))
    return blocks


def _feeds_block(feeds: tuple[str, ...]) -> StructuredBlock:
    """The page's feeds (RSS, Atom), each a link, and the key that opens them."""
    text = "Feed: " if len(feeds) == 1 else "Feeds: "
    spans = []
    for number, feed in enumerate(feeds):
        if number:
            text += " · "
        spans.append(Span(len(text), len(text) + len(feed), LINK))
        text += feed
    text += " (F opens it)" if len(feeds) == 1 else " (F opens each in turn)"
    return StructuredBlock(text, Block(PARAGRAPH, spans=tuple(spans)), None)


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
        self._pieces: list[Piece] = []
        # The pieces of each searched block, by key, in order (for `go_to_match`).
        self._pieces_of: dict[BlockKey, list[int]] = {}
        self._heights = LineHeights([])
        # 1 for the pieces whose height is exact at the current width.
        self._measured = bytearray()
        # Each piece's screen lines, and where in its block's string each starts.
        self._painted: LRUCache[int, tuple[list[Strip], list[int]]] = LRUCache(PAINTED_PIECES)
        self._width = -1
        self._styles_now: dict[str, Style] | None = None
        self._matches: dict[BlockKey, list[tuple[int, int]]] = {}
        self._current_match: Match | None = None
        self._in_file = 0
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
        self._in_file = comments_in_file(article) if article is not None else 0
        self._matches, self._current_match = {}, None
        self._saved_scroll = 0.0
        self.jumps.forget()
        self._pieces, self._heights, self._measured = [], LineHeights([]), bytearray()
        self._painted.clear()
        self._width = -1
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
            self._painted.clear()
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
        """Cut the article into pieces and estimate their heights when the width
        changed (a resize, a scrollbar that came or went, a new article),
        keeping the line at the top of the view at the top."""
        width = max(1, self.scrollable_content_region.width)
        if width == self._width or not self.is_mounted:
            return
        anchor = self._anchor()
        if not self._pieces and self.article is not None:
            blocks = article_blocks(self.article, self._in_file)
            self._pieces = pieces_of(blocks)
            self._pieces_of = {}
            for index, piece in enumerate(self._pieces):
                if piece.key is not None:
                    self._pieces_of.setdefault(piece.key, []).append(index)
        self._width = width
        measure = self._measure_width
        self._heights = LineHeights([estimate(piece, measure) for piece in self._pieces])
        self._measured = bytearray(len(self._pieces))
        self._painted.clear()
        self._update_virtual_size()
        if anchor is not None:
            index, fraction = anchor
            line = self._heights.line_of(index) + round(fraction * self._heights[index])
            self.scroll_to(y=line, animate=False, immediate=True)

    def _anchor(self) -> tuple[int, float] | None:
        """The piece at the top of the view and how far into it the view starts."""
        heights = self._heights
        if not len(heights) or not self.scroll_y:
            return None
        top = round(self.scroll_y)
        index = heights.index_at(top)
        return index, (top - heights.line_of(index)) / max(1, heights[index])

    @property
    def _measure_width(self) -> int:
        return max(1, min(MEASURE, self._width - 2 * MARGIN))

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(max(1, self._width), self._heights.total)

    def _piece(self, index: int) -> tuple[list[Strip], list[int]]:
        """Piece `index` wrapped at the current width (cached); its height
        becomes exact."""
        painted = self._painted.get(index)
        if painted is None:
            if self._styles_now is None:
                self._styles_now = self.draw_styles()
            styles = self._styles_now
            piece = self._pieces[index]
            current = self._current_match
            lines = piece_lines(
                piece,
                self._measure_width,
                self.app.console,
                styles,
                self._block_styles(styles),
                self._matches.get(piece.key, []),
                (current.start, current.end)
                if current is not None and current.key == piece.key
                else None,
            )
            margin = Segment(" " * MARGIN)
            width = self._width
            painted = (
                [Strip([margin, *segments]).adjust_cell_length(width) for segments, _ in lines],
                [start for _, start in lines],
            )
            self._painted[index] = painted
        if not self._measured[index]:
            self._measured[index] = 1
            self._heights.set(index, len(painted[0]))
        return painted

    def _exact_height(self, index: int) -> int:
        if not self._measured[index]:
            self._piece(index)
        return self._heights[index]

    def _measure_screen(self) -> None:
        """Make the pieces on screen exact, and two pages above and one below
        them so that paging lands on exact lines (a page up scrolls through
        the page above in steps, each of which makes the page above it exact);
        what is at the top of the view stays there as the pieces above it
        become exact."""
        self._follow_width()
        heights = self._heights
        if not len(heights):
            return
        if self._saved_scroll and self.size.height:
            self._take_saved_scroll()
        view = self._view_height
        total = heights.total
        top = round(self.scroll_y)
        index = heights.index_at(top)
        offset = min(top - heights.line_of(index), self._exact_height(index) - 1)
        above, before = offset, index - 1
        while before >= 0 and above < 2 * view:
            above += self._exact_height(before)
            before -= 1
        new_top = heights.line_of(index) + offset
        line, after = heights.line_of(index), index
        while after < len(heights) and line < new_top + 2 * view:
            line += self._exact_height(after)
            after += 1
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
        heights = self._heights
        strip = None
        if line < heights.total:
            index = heights.index_at(line)
            strips, _ = self._piece(index)
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
        return self._heights.total if self._width > 0 else None

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
        heights, pieces = self._heights, self._pieces
        index = characters = 0
        while (
            index < len(heights)
            and heights.line_of(index + 1) <= target
            and characters < RESTORE_CHARACTERS
        ):
            self._exact_height(index)
            characters += pieces[index].end - pieces[index].start
            index += 1
        self._update_virtual_size()
        self.scroll_to(y=target, animate=False, immediate=True)

    # Search ------------------------------------------------------------------

    @property
    def highlighted_blocks(self) -> set[BlockKey]:
        """The blocks (search keys) with a match highlighted."""
        return set(self._matches)

    def set_matches(self, matches: list[Match], current: Match | None) -> None:
        """Highlight `matches` (keys as in `article_search_text`), `current` distinctly."""
        spans: dict[BlockKey, list[tuple[int, int]]] = {}
        for match in matches:
            spans.setdefault(match.key, []).append((match.start, match.end))  # type: ignore[arg-type]
        for found in spans.values():
            found.sort()  # in order, as `piece_lines` finds a piece's by bisection
        if not spans and not self._matches:
            return  # Nothing was highlighted and nothing is: nothing to repaint.
        self._matches, self._current_match = spans, current
        self._painted.clear()
        self.refresh()

    # Searching (a `SearchTarget`: the article's own text) -----------------------

    def find(self, query: Query) -> Iterator[Match]:
        article = self.article
        return iter(()) if article is None else self.store.search_article(article.id, query)

    def new_matches(self) -> list[Match]:
        return []

    def show_matches(self, search: SearchState[Match]) -> None:
        self.set_matches(list(search.matches), search.current_match)

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
        heights, pieces = self._heights, self._pieces
        top = round(place)
        if not top or not len(heights):
            return lambda match: True
        # The order of the searched blocks is that of their first pieces.
        order = {key: number for number, key in enumerate(self._pieces_of)}
        index = heights.index_at(top)
        start = pieces[index].start
        if pieces[index].key is not None:
            # The top line may be part way through the piece: from that line.
            _, starts = self._piece(index)
            line = top - heights.line_of(index)
            start = next((n for n in starts[line:] if n >= 0), pieces[index].end)
        else:
            index = next((n for n in range(index, len(pieces)) if pieces[n].key is not None), -1)
            if index < 0:
                return lambda match: False  # nothing searched below: every match is above
            start = pieces[index].start
        threshold = (order[pieces[index].key], start)
        return lambda match: (order.get(match.key, -1), match.start) >= threshold  # type: ignore[arg-type]

    def go_to_match(self, match: Match) -> None:
        """Scroll so that the line holding `match` is on screen."""
        self._follow_width()
        pieces = self._pieces_of.get(match.key, [])  # type: ignore[arg-type]
        index = next((i for i in reversed(pieces) if self._pieces[i].start <= match.start), None)
        if index is None:
            return
        _, starts = self._piece(index)
        within = next(
            (n for n in range(len(starts) - 1, -1, -1) if 0 <= starts[n] <= match.start), None
        )
        if within is None:
            return
        self._update_virtual_size()
        line = self._heights.line_of(index) + within
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
        below, index = 0, len(self._heights) - 1
        while index >= 0 and below < self._view_height:
            below += self._exact_height(index)
            index -= 1
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
