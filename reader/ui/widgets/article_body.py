"""The article body: title, subtitle, byline, paragraphs and the author's bio.

A Line-API `ScrollView` over the article wrapped once per width, at a
readable measure of at most `MEASURE` columns. Plain Rich text with markup
off: document text is never interpreted, and no widget is mounted per block.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Article
from ...sanitize import neutralise
from ...search import Match
from ...store import BIO, BODY, SUBTITLE, TITLE
from ..commands import BODY_COMMANDS, bindings
from .highlight_style import highlight_style
from .wrapping import wrap_lines

MEASURE = 80
MARGIN = 1
STYLE_NAMES = ("title", "subtitle", "byline", "bio-heading", "bio", "match", "current-match")


BlockKey = tuple[str, int] | None


def article_blocks(article: Article, styles: dict[str, Style]) -> list[tuple[BlockKey, Text]]:
    """The article as text blocks, to be separated by blank lines; each with its
    search key (see `reader.store.article_search_text`), None if not searched."""
    blocks: list[tuple[BlockKey, Text]] = [
        ((TITLE, 0), Text(neutralise(article.title), style=styles["title"]))
    ]
    if article.subtitle:
        blocks.append(((SUBTITLE, 0), Text(neutralise(article.subtitle), style=styles["subtitle"])))
    if article.byline:
        blocks.append((None, Text(neutralise(article.byline), style=styles["byline"])))
    elif article.author or article.source:
        names = " · ".join(filter(None, [article.author, article.source]))
        blocks.append((None, Text(neutralise(names), style=styles["byline"])))
    if article.published:
        blocks.append((None, Text(neutralise(article.published), style=styles["byline"])))
    blocks.extend(
        ((BODY, number), Text(neutralise(paragraph)))
        for number, paragraph in enumerate(article.body)
    )
    if article.author_bio:
        heading = f"About {article.author}" if article.author else "About the author"
        blocks.append((None, Text("─── " + neutralise(heading), style=styles["bio-heading"])))
        blocks.extend(
            ((BIO, number), Text(neutralise(paragraph), style=styles["bio"]))
            for number, paragraph in enumerate(article.author_bio.split("\n\n"))
        )
    return blocks


class ArticleBody(ScrollView, can_focus=True):
    """Shows the selected article's text."""

    BINDINGS = bindings(BODY_COMMANDS)

    COMPONENT_CLASSES = {
        "article-body--title",
        "article-body--subtitle",
        "article-body--byline",
        "article-body--bio-heading",
        "article-body--bio",
        "article-body--match",
        "article-body--current-match",
    }

    DEFAULT_CSS = """
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
    }
    """

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

    def watch_article(self) -> None:
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
        for name in ("match", "current-match"):
            styles[name] = highlight_style(self, f"article-body--{name}")
        return styles

    def _rewrap(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        if width == self._wrapped_width or not self.is_mounted:
            return
        self._wrapped_width = width
        measure = max(1, min(MEASURE, width - 2 * MARGIN))
        margin = [Segment(" " * MARGIN)]
        self._lines, self._line_starts = [], {}
        if self.article is not None:
            for number, (key, block) in enumerate(self._blocks()):
                if number:
                    self._lines.append(Strip.blank(width))
                starts = self._line_starts.setdefault(key, [])
                for segments, start in wrap_lines(block, self.app.console, measure):
                    starts.append((len(self._lines), start))
                    self._lines.append(Strip([*margin, *segments]).adjust_cell_length(width))
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _blocks(self) -> list[tuple[BlockKey, Text]]:
        """The article's blocks, with the search matches highlighted."""
        assert self.article is not None
        self._wrapped_styles = styles = self._styles()
        blocks = article_blocks(self.article, styles)
        if self._matches:
            by_key = {key: text for key, text in blocks}
            match_style, current_style = styles["match"], styles["current-match"]
            for match in self._matches:
                text = by_key.get(match.key)  # type: ignore[arg-type]
                if text is not None:
                    is_current = match == self._current_match
                    text.stylize(
                        current_style if is_current else match_style, match.start, match.end
                    )
        return blocks

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

    def action_comments(self) -> None:
        self.post_message(self.JumpToComments())

    def action_half_page_down(self) -> None:
        self.scroll_relative(y=self.scrollable_content_region.height // 2, animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_relative(y=-(self.scrollable_content_region.height // 2), animate=False)
