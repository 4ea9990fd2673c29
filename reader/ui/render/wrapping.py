"""Word-wrapping text into screen lines while remembering where each starts:
Rich text as Rich wraps it, and plain text with words too wide for a line
broken (a URL after a `/` where it can be)."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

_WORD = re.compile(r"\S+")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://|^www\.", re.IGNORECASE)
_URL_BREAKS = "/?&=-#"


def wrap_lines(text: Text, console: Console, width: int) -> list[tuple[list[Segment], int]]:
    """`text` wrapped to `width` cells: each line's segments and the character
    offset in `text` at which the line starts."""
    plain = text.plain
    lines: list[tuple[list[Segment], int]] = []
    start = 0
    for line in text.wrap(console, width, overflow="fold"):
        lines.append((list(line.render(console, end="")), start))
        start = _next_line_start(plain, start + len(line.plain))
    return lines


def _next_line_start(plain: str, position: int) -> int:
    """Where the next wrapped line starts: past the spaces and newline the wrap ate."""
    length = len(plain)
    while position < length and plain[position] in " \n":
        position += 1
    return position


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
