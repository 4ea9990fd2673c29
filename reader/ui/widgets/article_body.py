"""The article body: title, subtitle, byline, the facts a discussion site
gives (site, author, time, score, comment count, URL), the body and the
author's bio.

A Line-API `ScrollView` over the article wrapped once per width, at a
readable measure of at most `MEASURE` columns. Plain Rich text with markup
off: document text is never interpreted, and no widget is mounted per block.
A structured body (quotes, code, lists, links) is laid out by the block
renderer the thread uses too; a plain one wraps as plain text always has.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ... import times
from ...model import Article
from ...sanitize import neutralise
from ...search import Match
from ...store import BIO, BODY, SUBTITLE, TITLE, article_fields
from ...text import LINK, PARAGRAPH, Block, Span, block_at, links_of
from ..commands import BODY_COMMANDS, BODY_LINK_COMMANDS, bindings
from ..screens.full_text import FullTextScreen
from ..screens.links import LinksScreen
from .block_lines import (
    BLOCK_COMPONENT_CLASSES,
    BLOCK_CSS,
    BlockStyles,
    block_gap,
    block_lines,
    block_styles,
    gap_prefix,
    unwrapped_text,
)
from .comment_painter import posted_text
from .highlight_style import highlight_style
from .wrapping import wrap_lines

MEASURE = 80
MARGIN = 1
STYLE_NAMES = ("title", "subtitle", "byline", "bio-heading", "bio", "match", "current-match")


BlockKey = tuple[str, int] | None
Line = tuple[list[Segment], int]


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


@dataclass(slots=True)
class StructuredBlock:
    """A block of the body laid out by the block renderer (a link post's note too)."""

    string: str
    layout: Block
    previous: Block | None  # the block before it, for the gap between them


def _url_layout(url: str) -> Block:
    """The article's URL shown in full, as a link (wrapped at `/`, never cut)."""
    return Block(PARAGRAPH, spans=(Span(0, len(url), LINK),))


def article_blocks(
    article: Article, styles: dict[str, Style], in_file: int = 0
) -> list[tuple[BlockKey, Text | StructuredBlock]]:
    """The article as text blocks, to be separated by blank lines; each with its
    search key, None if not searched. The searched ones are exactly
    `article_fields` (the store's definition, which search reads too); the
    rest are the byline, the facts, the URL and the bio's heading around them."""
    blocks: list[tuple[BlockKey, Text | StructuredBlock]] = []
    body_layout = article.body_blocks
    for key, text in article_fields(article):
        kind, number = key
        if kind == TITLE:
            blocks.append((key, Text(neutralise(text), style=styles["title"])))
        elif kind == SUBTITLE:
            blocks.append((key, Text(neutralise(text), style=styles["subtitle"])))
        elif kind == BODY:
            previous = block_at(body_layout, number - 1) if number else None
            # Plain paragraphs too: the block renderer breaks a long URL at its `/`.
            blocks.append((key, StructuredBlock(text, block_at(body_layout, number), previous)))
        elif kind == BIO:
            if not number:
                heading = f"About {article.author}" if article.author else "About the author"
                blocks.append(
                    (None, Text("─── " + neutralise(heading), style=styles["bio-heading"]))
                )
            blocks.append((key, Text(neutralise(text), style=styles["bio"])))
        if kind in (TITLE, SUBTITLE) and (kind == SUBTITLE or not article.subtitle):
            blocks.extend(_header_blocks(article, styles, in_file))
    return blocks


def _header_blocks(
    article: Article, styles: dict[str, Style], in_file: int
) -> list[tuple[BlockKey, Text | StructuredBlock]]:
    """Who wrote the article and where, what the source says of it, and its URL."""
    blocks: list[tuple[BlockKey, Text | StructuredBlock]] = []
    if article.byline:
        byline = article.byline
        if article.source and article.source not in byline:
            byline = f"{byline} · {article.source}"  # the site or list, where it is not said
        blocks.append((None, Text(neutralise(byline), style=styles["byline"])))
    elif article.author or article.source:
        names = " · ".join(filter(None, [article.author, article.source]))
        blocks.append((None, Text(neutralise(names), style=styles["byline"])))
    facts = article_facts(article, in_file)
    if facts:
        blocks.append((None, Text(facts, style=styles["byline"])))
    if article.url and article.body:
        blocks.append((None, StructuredBlock(article.url, _url_layout(article.url), None)))
    elif article.url:
        note = "Link post: press o to open "
        layout = Block(PARAGRAPH, spans=(Span(len(note), len(note) + len(article.url), LINK),))
        blocks.append((None, StructuredBlock(note + article.url, layout, None)))
    return blocks


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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Strip] = []
        self._wrapped_width = -1
        self._wrapped_styles: dict[str, Style] = {}
        # Where each block's lines start: key -> [(line, character offset), ...].
        self._line_starts: dict[BlockKey, list[tuple[int, int]]] = {}
        self._matches: list[Match] = []
        self._current_match: Match | None = None
        self._in_file = 0

    def watch_article(self, article: Article | None) -> None:
        self._in_file = comments_in_file(article) if article is not None else 0
        self._wrapped_width = -1
        self._matches, self._current_match = [], None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._rewrap()

    def on_resize(self) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        # Focus and hover restyle the widget too; rewrap only if the text's own
        # styles changed (a theme), since wrapping a long article is not free.
        super().notify_style_update()
        if self.is_mounted and self._styles() != self._wrapped_styles:
            self._wrapped_width = -1
            self._rewrap()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width can change without a resize: a scrollbar that comes or goes.
        self._rewrap()
        return super().render_lines(crop)

    def _styles(self) -> dict[str, Style]:
        style = self.get_component_rich_style
        styles = {name: style(f"article-body--{name}", partial=True) for name in STYLE_NAMES}
        for name in BLOCK_COMPONENT_CLASSES:
            # The colour as resolved: a partial style drops `$text-muted`'s alpha.
            styles[name] = style(name, partial=True) + Style(color=style(name).color)
        for name in ("match", "current-match"):
            styles[name] = highlight_style(self, f"article-body--{name}")
        return styles

    def _block_styles(self, styles: dict[str, Style]) -> BlockStyles:
        return block_styles(styles.__getitem__, styles["match"], styles["current-match"])

    def _rewrap(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        if width == self._wrapped_width or not self.is_mounted:
            return
        self._wrapped_width = width
        measure = max(1, min(MEASURE, width - 2 * MARGIN))
        margin = [Segment(" " * MARGIN)]
        self._lines, self._line_starts = [], {}
        if self.article is not None:
            for number, (key, lines) in enumerate(self._block_lines(measure)):
                starts = self._line_starts.setdefault(key, [])
                for line_number, (segments, start) in enumerate(lines):
                    if number == 0 and line_number == 0 and not segments and start < 0:
                        continue  # no gap before the first block
                    if start >= 0:
                        starts.append((len(self._lines), start))
                    self._lines.append(Strip([*margin, *segments]).adjust_cell_length(width))
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _block_lines(self, measure: int) -> list[tuple[BlockKey, list[Line]]]:
        """Each block's lines at `measure` cells, after the blank line before it
        (start -1: not part of the block's text); search matches highlighted."""
        assert self.article is not None
        self._wrapped_styles = styles = self._styles()
        block_style = self._block_styles(styles)
        console = self.app.console
        spans: dict[BlockKey, list[tuple[int, int]]] = {}
        for match in self._matches:
            spans.setdefault(match.key, []).append((match.start, match.end))  # type: ignore[arg-type]
        current = self._current_match
        laid_out: list[tuple[BlockKey, list[Line]]] = []
        for key, block in article_blocks(self.article, styles, self._in_file):
            found = spans.get(key, [])
            current_span = (
                (current.start, current.end) if current is not None and current.key == key else None
            )
            if isinstance(block, Text):
                for start, end in found:
                    is_current = (start, end) == current_span
                    block.stylize(
                        styles["current-match"] if is_current else styles["match"], start, end
                    )
                lines = [([], -1), *wrap_lines(block, console, measure)]
            else:
                lines = self._structured_lines(
                    block, measure, console, block_style, found, current_span
                )
            laid_out.append((key, lines))
        return laid_out

    @staticmethod
    def _structured_lines(
        block: StructuredBlock,
        measure: int,
        console: Console,
        styles: BlockStyles,
        found: list[tuple[int, int]],
        current: tuple[int, int] | None,
    ) -> list[Line]:
        previous, layout = block.previous, block.layout
        lines: list[Line] = []
        if previous is None or block_gap(previous, layout):
            gap = gap_prefix(previous, layout, styles) if previous is not None else []
            lines.append((gap, -1))
        lines.extend(block_lines(block.string, layout, measure, console, styles, found, current))
        return lines

    def set_matches(self, matches: list[Match], current: Match | None) -> None:
        """Highlight `matches` (keys as in `article_search_text`), `current` distinctly."""
        self._matches, self._current_match = matches, current
        self._wrapped_width = -1
        self._rewrap()

    def go_to_match(self, match: Match) -> None:
        """Scroll so that the line holding `match` is on screen."""
        starts = self._line_starts.get(match.key, [])  # type: ignore[arg-type]
        line = next((line for line, start in reversed(starts) if start <= match.start), None)
        if line is None:
            return
        view = self.scrollable_content_region.height
        if not self.scroll_y <= line < self.scroll_y + view:
            self.scroll_to(y=max(0, line - view // 3), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        line = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        strip = self._lines[line] if line < len(self._lines) else Strip.blank(width)
        return strip.apply_style(self.rich_style)

    def action_links(self) -> None:
        """Pick one of the links of the article body."""
        article = self.article
        if article is None:
            return
        urls = links_of(article.body_blocks)
        if not urls:
            self.notify("No links in the body: o opens the article's URL", timeout=2, markup=False)
            return
        self.app.push_screen(LinksScreen(f"Links in {article.title}", urls))

    def action_full_text(self) -> None:
        """The body in full, long code lines unclipped."""
        article = self.article
        if article is None:
            return
        styles = self._block_styles(self._styles())
        text = unwrapped_text(article.body, article.body_blocks, self.app.console, styles)
        self.app.push_screen(FullTextScreen(article.title, text))

    def action_comments(self) -> None:
        self.post_message(self.JumpToComments())

    def action_half_page_down(self) -> None:
        self.scroll_relative(y=self.scrollable_content_region.height // 2, animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_relative(y=-(self.scrollable_content_region.height // 2), animate=False)
