"""The thread view's look: its component classes, its CSS, and the painter's
styles as the CSS resolves them (read again whenever the theme changes)."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from textual.widget import Widget

from ..render.block_styles import BLOCK_COMPONENT_CLASSES, BLOCK_CSS, BlockStyles, block_styles
from ..render.highlight_style import highlight_style


class PainterStyles(NamedTuple):
    """The Rich styles the painter draws with, taken from the view's CSS."""

    guides: list[Style]
    header: Style
    meta: Style
    folded: Style
    match: Style
    current_match: Style
    # The marks of a comment new since the last visit, and of an unread one.
    new: Style = Style()
    unread: Style = Style()
    # Structured text (quotes, code, links), and what the header says about
    # the comment: `OP`, its status (`[deleted]`), a dead comment's dimmed text
    # and the line of a stub for replies the file does not hold.
    blocks: BlockStyles = BlockStyles(*[Style()] * 13)
    op: Style = Style()
    status: Style = Style()
    dead: Style = Style()
    stub: Style = Style()
    # A mail's subject, where it differs from its parent's.
    subject: Style = Style()


GUIDE_LEVELS = 6

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


def painter_styles(view: Widget) -> PainterStyles:
    """The painter's styles, as the view's CSS resolves its component classes."""

    def style(name: str) -> Style:
        # The colour as resolved (a partial style drops the alpha of
        # `$text-muted` and the like), but no background, so the cursor's
        # background shows through.
        full = view.get_component_rich_style(name)
        return view.get_component_rich_style(name, partial=True) + Style(color=full.color)

    match = highlight_style(view, "thread-view--match")
    current_match = highlight_style(view, "thread-view--current-match")
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
