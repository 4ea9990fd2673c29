"""How the main screen lays its three panes out, and shares the terminal
between them.

Under `NARROW_BELOW` columns one pane shows at a time, the whole width. Wider,
the article list is a column on the left and the rest is the reading area:
the body above the comments, until the comments would get at least
`READING_MOST` columns beside the body, where the two stand side by side. So
the comments never get narrower as the terminal grows past `NARROW_BELOW`:
stacked, the reading area is at most `READING_MOST` wide (the list takes what
is left), and side by side starts only once the comments' column is that wide.

The comments get `share` percent of the reading area (its height stacked, its
width side by side); a body shorter than its part gives the comments the rest
(a link post's, a few lines, most of all). `pane_layout` is pure; `PaneSizes`
applies it to the screen.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.geometry import Size
from textual.widget import Widget

from ...config.layout import COMMENTS_SHARE, LEAST_SHARE, LIST_WIDTH, MOST_SHARE, Layout
from ...state import State
from ..body.view import ArticleBody

# The panes in tab order: the container's id, and the id of the view inside it.
PANES = ("articles", "body", "thread")
NARROW_BELOW = 100
READING_MOST = 120
# Lines of the screen that are not the panes': the header and the footer.
CHROME_ROWS = 2
# A pane's border, top and bottom or left and right.
BORDER = 2
# The fewest lines of its text a stacked body keeps, and the fewest columns
# a body keeps beside the comments (one with no text of its own, this many).
BODY_LEAST_ROWS = 3
BODY_LEAST_COLUMNS = 40
NARROW, STACKED, SIDE_BY_SIDE = "-narrow", "-medium", "-wide"
KINDS = (NARROW, STACKED, SIDE_BY_SIDE)
# The state's name for the comments' share the reader chose.
COMMENTS_SETTING = "layout.comments"


class PaneLayout(NamedTuple):
    """The layout (its screen class), the list's width, and the body pane's
    height (stacked) or width (side by side); the comments take the rest."""

    kind: str
    list_width: int
    body: int


def pane_layout(
    width: int,
    height: int,
    share: int,
    list_width: int = LIST_WIDTH,
    body_lines: int | None = None,
    body_text: bool = True,
) -> PaneLayout:
    """The layout for a `width` x `height` terminal, the comments getting
    `share` percent of the reading area. `body_lines` is how many lines the
    body's text takes (None: not known yet); `body_text` is False for an
    article with no text of its own (a link post)."""
    if width < NARROW_BELOW:
        return PaneLayout(NARROW, width, 0)
    reading = width - list_width
    # Whether the body has text or not (an article's layout kind never
    # depends on it: moving down the list would flip the screen around).
    body = max(BODY_LEAST_COLUMNS, reading - reading * share // 100)
    if reading - body >= READING_MOST:
        if not body_text:
            body = BODY_LEAST_COLUMNS
        return PaneLayout(SIDE_BY_SIDE, list_width, body)
    reading = min(reading, READING_MOST)
    rows = max(0, height - CHROME_ROWS)
    body = max(BODY_LEAST_ROWS + BORDER, rows - rows * share // 100)
    if body_lines is not None:
        body = min(body, max(BODY_LEAST_ROWS, body_lines) + BORDER)
    return PaneLayout(STACKED, width - reading, body)


class PaneSizes:
    """Keeps the main screen's panes laid out as `pane_layout` says, for the
    comments' share the reader chose (`<` / `>`)."""

    def __init__(self, share: int = COMMENTS_SHARE, list_width: int = LIST_WIDTH) -> None:
        self.share = share
        self.list_width = list_width
        self._applied: PaneLayout | None = None

    def change_share(self, step: int) -> str:
        """The comments' share `step` points more (or less), within bounds:
        what to tell the reader."""
        share = max(LEAST_SHARE, min(MOST_SHARE, self.share + step))
        if share == self.share:
            return f"The comments have {share}% already"
        self.share = share
        return f"Comments: {share}% of the room"

    def choose_share(self, screen: Widget, step: int, state: State | None) -> str:
        """More (or less) of the reading area for the comments (`change_share`),
        applied to `screen` and kept in `state`: what to tell the reader."""
        said = self.change_share(step)
        self.apply(screen, screen.size)
        if state is not None:
            state.remember(COMMENTS_SETTING, str(self.share))
        return said

    @classmethod
    def chosen(cls, layout: Layout, kept: str | None) -> PaneSizes:
        """The sizes the config sets (`layout`), else the share kept from an
        earlier session (`kept`, if it is one), else the defaults."""
        share = layout.comments
        if share is None and kept is not None and kept.isdigit():
            share = max(LEAST_SHARE, min(MOST_SHARE, int(kept)))
        return cls(share or COMMENTS_SHARE, layout.list_width or LIST_WIDTH)

    def kind(self, width: int, height: int) -> str:
        """The layout's screen class at a terminal size (before any is applied)."""
        return pane_layout(width, height, self.share, self.list_width).kind

    def follow(self, screen: Widget) -> None:
        """Size the panes of `screen` now, and again whenever the body's text
        takes another number of lines: a short one gives the comments the room
        it does not use."""
        self.apply(screen, screen.app.size)
        screen.watch(
            screen.query_one(ArticleBody),
            "virtual_size",
            lambda: self.apply(screen, screen.size),
            init=False,
        )

    def apply(self, screen: Widget, size: Size) -> None:
        """Size the panes of `screen` for a terminal of `size` (before Textual
        lays it out, so it is laid out once)."""
        body = screen.query_one(ArticleBody)
        article = body.article
        layout = pane_layout(
            size.width,
            size.height,
            self.share,
            self.list_width,
            body.content_lines,
            article is None or bool(article.body),
        )
        if layout == self._applied:
            return
        self._applied = layout
        screen.update_classes({kind: kind == layout.kind for kind in KINDS}, animate=False)
        articles = screen.query_one("#articles-pane").styles
        body_pane = screen.query_one("#body-pane").styles
        # What a layout does not size is its CSS's (an inline size overrides it).
        articles.width = None if layout.kind == NARROW else layout.list_width
        body_pane.height = layout.body if layout.kind == STACKED else None
        body_pane.width = layout.body if layout.kind == SIDE_BY_SIDE else None


MAIN_CSS = """
MainScreen {
    #panes { height: 1fr; }
    .pane {
        border: round $foreground 30%;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        background: $surface;
        &:focus-within {
            border: round $accent;
            border-title-color: $text;
            border-title-style: bold;
            border-subtitle-color: $text;
        }
        & > ArticleList, & > ArticleBody, & > ThreadView {
            height: 1fr;
            border: none;
            background: $surface;
        }
    }
    #reading { height: 1fr; }
    /* The list's width and the body's size are the layout's (`PaneSizes`). */
    &.-wide {
        #reading { layout: horizontal; width: 1fr; }
        #body-pane { height: 1fr; }
        #thread-pane { width: 1fr; height: 1fr; }
    }
    &.-medium {
        #reading { layout: vertical; width: 1fr; }
        #thread-pane { height: 1fr; }
    }
    &.-narrow {
        #articles-pane, #reading, #body-pane, #thread-pane { display: none; }
        .pane { width: 1fr; height: 1fr; }
        &.-show-articles #articles-pane { display: block; }
        &.-show-body #reading, &.-show-body #body-pane { display: block; }
        &.-show-thread #reading, &.-show-thread #thread-pane { display: block; }
    }
}
"""
