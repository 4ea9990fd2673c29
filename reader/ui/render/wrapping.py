"""Word-wrapping Rich text into screen lines while remembering where each starts."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.text import Text


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
