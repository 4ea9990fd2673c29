"""The styles structured text is drawn with (quotes, code, links, a diff's
lines, search matches), as a view's component classes and their CSS."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.style import Style

from ...diffs import ADDED, HUNK, REMOVED
from ...text import EMPHASIS, INLINE_CODE, LINK, MARKER, STRONG


class BlockStyles(NamedTuple):
    """The Rich styles blocks are drawn with, taken from a view's CSS."""

    quote: Style
    quote_bar: Style
    code: Style
    heading: Style
    link: Style
    marker: Style
    links: Style
    emphasis: Style
    strong: Style
    inline_code: Style
    mark: Style
    match: Style
    current_match: Style
    # A code block that is a diff: its other lines, and its changes and hunks.
    diff: Style = Style()
    diff_added: Style = Style()
    diff_removed: Style = Style()
    diff_hunk: Style = Style()
    # The name of a mail's part on the line that starts it.
    part: Style = Style()

    def for_span(self, kind: str) -> Style:
        return {
            EMPHASIS: self.emphasis,
            STRONG: self.strong,
            INLINE_CODE: self.inline_code,
            LINK: self.link,
            MARKER: self.marker,
        }.get(kind, Style())

    def for_diff_line(self, kind: str) -> Style:
        return {ADDED: self.diff_added, REMOVED: self.diff_removed, HUNK: self.diff_hunk}[kind]


# The styles of blocks as component classes of the view that draws them, and
# their CSS (nested inside the view's rule). Every colour reads at 4.5:1 or
# more on the view and on its cursor row in both the dark and light themes:
# `auto 70%` is dimmed but readable; the theme's accent and success colours
# only read on a dark background, so a light theme gets its own. A diff's
# lines take git's colours, as GitHub draws them on dark and on light (the
# themes' own green and red fall under 4.5:1 on the cursor row); its other
# lines the text's colour, so that the code colour is not taken for added.
BLOCK_STYLE_NAMES = (
    "quote",
    "quote-bar",
    "code",
    "heading",
    "link",
    "marker",
    "links",
    "emphasis",
    "strong",
    "inline-code",
    "mark",
    "diff",
    "diff-added",
    "diff-removed",
    "diff-hunk",
    "part",
)
BLOCK_COMPONENT_CLASSES = frozenset(f"block--{name}" for name in BLOCK_STYLE_NAMES)
BLOCK_CSS = """
    & > .block--quote { color: auto 70%; }
    & > .block--quote-bar { color: auto 70%; }
    & > .block--code { color: $text-success; }
    & > .block--heading { text-style: bold; color: $text-accent; }
    & > .block--link { text-style: underline; }
    & > .block--marker { color: auto 70%; }
    & > .block--links { color: auto 70%; }
    & > .block--emphasis { text-style: italic; }
    & > .block--strong { text-style: bold; }
    & > .block--inline-code { color: $text-success; }
    & > .block--mark { color: auto 70%; }
    & > .block--part { text-style: bold; }
    & > .block--diff { color: $foreground; }
    & > .block--diff-added { color: #7ee787; }
    & > .block--diff-removed { color: #ffa198; }
    & > .block--diff-hunk { color: #79c0ff; }
    &:light > .block--diff-added { color: #116329; }
    &:light > .block--diff-removed { color: #82071e; }
    &:light > .block--diff-hunk { color: #0550ae; }
    &:light > .block--code { color: $text-secondary; }
    &:light > .block--inline-code { color: $text-secondary; }
    &:light > .block--heading { color: $text-primary; }
"""


def block_styles(style: Callable[[str], Style], match: Style, current_match: Style) -> BlockStyles:
    """The block styles from a view's component classes: `style(name)` resolves one."""
    named = {name.replace("-", "_"): style(f"block--{name}") for name in BLOCK_STYLE_NAMES}
    return BlockStyles(**named, match=match, current_match=current_match)
