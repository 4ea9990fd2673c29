"""The thread's scrollbar as a minimap: track cells whose part of the thread
holds a new comment or a search match are drawn with a coloured bar, so a long
thread shows at a glance where to look.

The view says which cells to mark (`MinimapMarks`); this only draws them over
Textual's own scrollbar, thumb included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment, Segments
from rich.style import Style
from textual.scrollbar import ScrollBarRender

from .minimap_cells import MATCH, NEW

GLYPH = "━"


class MinimapMarks:
    """For a track of `size` cells: one byte per cell (`minimap_cells`: EMPTY, NEW or MATCH),
    and the styles to draw NEW and MATCH cells in (only their colour is used)."""

    def __init__(self, cells: bytes, new: Style, match: Style) -> None:
        self.cells = cells
        self.styles = {NEW: new, MATCH: match}


class MinimapRender(ScrollBarRender):
    """A vertical scrollbar that draws the view's marks over its cells."""

    def __init__(self, marks: Callable[[int], MinimapMarks | None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._marks = marks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.vertical:
            yield from super().__rich_console__(console, options)
            return
        size = options.height or console.height
        thickness = options.max_width or console.width
        (bar,) = super().__rich_console__(console, options)
        marks = self._marks(size)
        if marks is None or not any(marks.cells):
            yield bar
            return
        assert isinstance(bar, Segments)
        segments = list(bar.segments)
        for cell, mark in enumerate(marks.cells[: len(segments)]):
            if mark:
                style = segments[cell].style or Style()
                # The thumb is drawn reversed: its colour is its background.
                background = style.color if style.reverse else style.bgcolor
                colour = marks.styles[mark].color
                segments[cell] = Segment(
                    GLYPH * thickness,
                    Style(color=colour, bgcolor=background, meta=style.meta),
                )
        yield Segments(segments, new_lines=True)
