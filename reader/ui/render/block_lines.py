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

from bisect import bisect_right
from operator import itemgetter

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ...diffs import diff_lines
from ...sanitize import neutralise_spans
from ...text import (
    CODE,
    HEADING,
    ITEM,
    LINKS,
    PART,
    QUOTE,
    RULE,
    Block,
    block_at,
)
from ...text import Span as TextSpan
from .block_styles import BlockStyles
from .wrapping import wrap_ranges

# A search match's place in a paragraph, `(start, end)` (a `reader.text.Span` is
# a styled part of a block: emphasis, a link).
MatchSpan = tuple[int, int]
Line = tuple[list[Segment], int]

QUOTE_BAR = "▎ "
CLIP_MARK = "→"
CONTINUATION_MARK = "↵"
PART_RULE = "── "


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
    ranges = wrap_ranges(text.plain, inner)
    # Cut once at every line's ends: `text[start:end]` a line at a time copies
    # (and scans for control codes) the whole text after each line again.
    pieces = text.divide([offset for start, end, _ in ranges for offset in (start, end)])
    lines: list[Line] = []
    for number, (start, _, continued) in enumerate(ranges):
        segments = list(pieces[2 * number + 1].render(console, end=""))
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
