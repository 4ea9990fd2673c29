"""What the painter makes of a comment: its screen lines, each with where in
the comment's text it starts, and the mark its header carries."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from textual.strip import Strip


class Mark(Enum):
    """What a comment's header says of it besides the source's words: new
    (arrived since the last visit), unread (there before, never on screen)."""

    NONE = ""
    NEW = "● new "
    UNREAD = "○ "


class PaintedComment(NamedTuple):
    """A comment's screen lines, and for each line the (paragraph, character
    offset) it starts at, so a match can be scrolled into view."""

    strips: list[Strip]
    starts: list[tuple[int, int]]

    def add(self, strip: Strip, start: tuple[int, int]) -> None:
        self.strips.append(strip)
        self.starts.append(start)

    def line_of(self, paragraph: int, offset: int) -> int:
        """The line showing character `offset` of `paragraph` (HEADER: the header)."""
        found = 0
        for line, (line_paragraph, start) in enumerate(self.starts):
            if line_paragraph == paragraph and start <= offset:
                found = line
            elif line_paragraph > paragraph:
                break
        return found
