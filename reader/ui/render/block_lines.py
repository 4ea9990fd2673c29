"""Lays out one block of structured text (see `reader.text`) as screen lines.

Shared by the thread view and the article body, so that a quote, a code block
or a link looks the same in both. Each line comes with the character offset in
the block's string at which it starts, so that a search match can be scrolled
into view: the block's string is exactly what is drawn, apart from decorations
(quote bars, bullets, clip and continuation marks) that are not part of it.

Code is never re-wrapped: a line too long for the pane is clipped with a
visible mark; in a code block that is a unified diff, added and removed lines
and hunk headers have styles of their own (see `reader.diffs`). Prose wraps
at spaces; a word too long for a line is broken, and a URL is broken after a
`/` (or `?`, `&`, `=`, `-`) with a continuation mark, so that it is never cut
in the middle of a path segment where that can be helped. A mail's part
starts with a rule that names it (decorations too).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from operator import itemgetter
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ...diffs import ADDED, HUNK, REMOVED, diff_lines
from ...sanitize import neutralise_spans
from ...text import (
    CODE,
    EMPHASIS,
    HEADING,
    INLINE_CODE,
    ITEM,
    LINK,
    LINKS,
    MARKER,
    PART,
    QUOTE,
    RULE,
    STRONG,
    Block,
    block_at,
)
from ...text import Span as TextSpan

# A search match's place in a paragraph, `(start, end)` (a `reader.text.Span` is
# a styled part of a block: emphasis, a link).
MatchSpan = tuple[int, int]
Line = tuple[list[Segment], int]

QUOTE_BAR = "▎ "
CLIP_MARK = "→"
CONTINUATION_MARK = "↵"
PART_RULE = "── "
_WORD = re.compile(r"\S+")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://|^www\.", re.IGNORECASE)
_URL_BREAKS = "/?&=-#"


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


def block_gap(previous: Block, block: Block) -> bool:
    """Whether a blank line separates two blocks (list items sit together)."""
    return not (previous.kind == ITEM and block.kind == ITEM)


def gap_prefix(previous: Block, block: Block, styles: BlockStyles) -> list[Segment]:
    """What the blank line between two blocks shows: a quote's bar carries on
    through the gap between two paragraphs of the same quote."""
    if previous.kind == QUOTE and block.kind == QUOTE:
        return _quote_bars(min(previous.level, block.level), styles)
    return []


def block_lines(
    string: str,
    block: Block,
    width: int,
    console: Console,
    styles: BlockStyles,
    matches: list[MatchSpan] | None = None,
    current: MatchSpan | None = None,
    whole: tuple[str, int] | None = None,
) -> list[Line]:
    """The block's lines at `width` cells (each at most `width` wide).

    `whole` is the block's whole string and where `string` starts in it, when
    `string` is only a piece of it (a long body's): a diff's lines are told
    apart in the whole."""
    kind = block.kind
    # The block's own style goes first, under its spans and the search
    # highlights, so that a match inside a quote or code still shows. (A span,
    # not the Text's base style: `Text.render` drops that when it has no spans.)
    shown, positions = neutralise_spans(string)
    text = Text(shown)
    if kind != CODE or not _stylize_diff(text, styles, whole or (string, 0)):
        text.stylize(_base_style(kind, styles))
    for span in block.spans:
        # (The spans are over `string`; neutralising may have dropped or
        # widened some of its characters: a search's matches are over `shown`.)
        start, end = (span.start, span.end) if positions is None else _moved(span, positions)
        text.stylize(styles.for_span(span.kind), start, end)
    for match in matches or ():
        text.stylize(styles.current_match if match == current else styles.match, *match)
    if kind == CODE:
        return _code_lines(text, width, console, styles)
    if kind == RULE:
        return [([Segment("─" * max(1, width), styles.mark)], 0)]
    if kind == PART:
        return _part_lines(text, width, console, styles)
    if kind == QUOTE:
        prefix = _quote_bars(block.level, styles)
        return _prefixed(text, width, console, styles, prefix, prefix)
    if kind == ITEM:
        indent = "  " * max(0, block.level - 1)
        marker = (block.marker or "•") + " "
        first = [Segment(indent + marker, styles.mark)]
        rest = [Segment(" " * cell_len(indent + marker))]
        return _prefixed(text, width, console, styles, first, rest)
    return _prefixed(text, width, console, styles, [], [])


def _stylize_diff(text: Text, styles: BlockStyles, whole: tuple[str, int]) -> bool:
    """Give a code block's `text` its diff styles, if it is a diff; whether it is."""
    code, offset = whole
    lines = diff_lines(code)
    if not lines:
        return False
    text.stylize(styles.diff)
    length = len(text)
    # A long body draws a patch a piece at a time: only this piece's lines.
    for start, end, kind in lines[bisect_right(lines, offset, key=itemgetter(1)) :]:
        if start >= offset + length:
            break
        text.stylize(styles.for_diff_line(kind), max(start - offset, 0), min(end - offset, length))
    return True


def _part_lines(text: Text, width: int, console: Console, styles: BlockStyles) -> list[Line]:
    """A rule with the part's name in it: `── notes.txt ─────`."""
    rule = [Segment(PART_RULE, styles.mark)]
    lines = _prefixed(text, width, console, styles, rule, [Segment(" " * cell_len(PART_RULE))])
    segments, start = lines[-1]
    room = width - Segment.get_line_length(segments) - 1
    if room > 0:
        lines[-1] = ([*segments, Segment(" " + "─" * room, styles.mark)], start)
    return lines


def _moved(span: TextSpan, positions: list[int]) -> tuple[int, int]:
    """Where a span over a string is in the string neutralised."""
    last = len(positions) - 1
    return positions[min(span.start, last)], positions[min(span.end, last)]


def _base_style(kind: str, styles: BlockStyles) -> Style:
    return {
        PART: styles.part,
        QUOTE: styles.quote,
        CODE: styles.code,
        HEADING: styles.heading,
        LINKS: styles.links,
    }.get(kind, Style())


def unwrapped_text(
    strings: list[str], blocks: tuple[Block, ...] | None, console: Console, styles: BlockStyles
) -> Text:
    """A whole text laid out as wide as its longest line, nothing wrapped or
    clipped: for reading long code lines in full in a view that scrolls sideways."""
    text = Text(no_wrap=True, end="")
    lines: list[list[Segment]] = []
    for number, string in enumerate(strings):
        block = block_at(blocks, number)
        if number:
            previous = block_at(blocks, number - 1)
            if block_gap(previous, block):
                lines.append(gap_prefix(previous, block, styles))
        longest = max((cell_len(line) for line in string.split("\n")), default=0)
        # Room for the widest decoration: quote bars or an item's indent and bullet.
        width = longest + 2 * block.level + cell_len(block.marker) + 4
        lines.extend(segments for segments, _ in block_lines(string, block, width, console, styles))
    for number, segments in enumerate(lines):
        if number:
            text.append("\n")
        for segment in segments:
            text.append(segment.text, segment.style)
    return text


def _quote_bars(level: int, styles: BlockStyles) -> list[Segment]:
    return [Segment(QUOTE_BAR * max(1, level), styles.quote_bar)]


def _prefixed(
    text: Text,
    width: int,
    console: Console,
    styles: BlockStyles,
    first: list[Segment],
    rest: list[Segment],
) -> list[Line]:
    """`text` wrapped beside a prefix: `first` on its first line, `rest` after."""
    prefix_width = max(Segment.get_line_length(first), Segment.get_line_length(rest))
    inner = max(1, width - prefix_width)
    lines: list[Line] = []
    for start, end, continued in wrap_ranges(text.plain, inner):
        segments = list(text[start:end].render(console, end=""))
        if continued:
            segments.append(Segment(CONTINUATION_MARK, styles.mark))
        lines.append(([*(rest if lines else first), *segments], start))
    return lines


def _code_lines(text: Text, width: int, console: Console, styles: BlockStyles) -> list[Line]:
    """One screen line per line of code, clipped with a mark when too long."""
    lines: list[Line] = []
    start = 0
    for line in text.split("\n", allow_blank=True):
        length = len(line.plain)
        if line.cell_len > width:
            line.truncate(max(0, width - 1))
            line.append(CLIP_MARK, styles.mark)
        lines.append((list(line.render(console, end="")), start))
        start += length + 1
    return lines


def wrap_ranges(plain: str, width: int) -> list[tuple[int, int, bool]]:
    """Where each wrapped line of `plain` starts and ends, and whether it ends
    inside a broken word (drawn with a continuation mark).

    Lines break at spaces and at the text's own line breaks; the spaces at a
    break are not shown. A word wider than the line is broken: a URL after one
    of `_URL_BREAKS`, leaving a cell for the continuation mark.
    """
    ranges: list[tuple[int, int, bool]] = []
    offset = 0
    for hard_line in plain.split("\n"):
        _wrap_hard_line(hard_line, offset, width, ranges)
        offset += len(hard_line) + 1
    return ranges


def _wrap_hard_line(
    line: str, offset: int, width: int, ranges: list[tuple[int, int, bool]]
) -> None:
    """Wrap one line of `plain` (no line breaks) starting at `offset` in it."""
    line_start = line_end = used = 0  # the screen line being filled, in `line`
    emitted = len(ranges)
    for word in _WORD.finditer(line):
        word_start, word_end = word.span()
        size = cell_len(word.group())
        if line_end > line_start:
            lead = used + cell_len(line[line_end:word_start])
            if lead + size > width:
                ranges.append((offset + line_start, offset + line_end, False))
                line_start, lead = word_start, 0
        else:
            # An empty line: the first keeps the text's indentation, later ones do not.
            if len(ranges) > emitted:
                line_start = word_start
            lead = cell_len(line[line_start:word_start])
        if lead + size > width:
            line_start, used = _break_word(
                line, offset, line_start, word_start, word_end, width, ranges
            )
        else:
            used = lead + size
        line_end = word_end
    if line_end > line_start or len(ranges) == emitted:
        ranges.append((offset + line_start, offset + max(line_end, line_start), False))


def _break_word(
    line: str,
    offset: int,
    line_start: int,
    word_start: int,
    word_end: int,
    width: int,
    ranges: list[tuple[int, int, bool]],
) -> tuple[int, int]:
    """Emit the full lines of a word too wide for one; return where its last
    piece starts and how wide that piece is."""
    is_url = _URL.match(line[word_start:word_end]) is not None
    start, position = line_start, word_start
    while cell_len(line[start:word_end]) > width:
        lead = cell_len(line[start:position])
        room = max(1, width - lead - 1)  # a cell for the continuation mark
        cut = _fit(line, position, room)
        if is_url:
            breaks = [i + 1 for i in range(position, cut) if line[i] in _URL_BREAKS]
            if breaks and breaks[-1] - position > room // 3:
                cut = breaks[-1]
        cut = max(cut, position + 1)
        ranges.append((offset + start, offset + cut, True))
        start = position = cut
    return start, cell_len(line[start:word_end])


def _fit(line: str, start: int, room: int) -> int:
    """The end of the longest run from `start` that fits in `room` cells."""
    end, used = start, 0
    while end < len(line):
        size = cell_len(line[end])
        if used + size > room:
            break
        used += size
        end += 1
    return end
