"""The rendered style of a search highlight, as the terminal will show it."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def highlight_style(widget: Widget, component: str) -> Style:
    """`component`'s style with its colours resolved: a partial style drops the
    alpha of `$warning 35%` and the `auto` text colour, so the text would keep
    the widget's colour on the highlight (1.5:1 on orange). Kept: the text
    style (underline, reverse), so a match shows under NO_COLOR too."""
    full = widget.get_component_rich_style(component)
    partial = widget.get_component_rich_style(component, partial=True)
    resolved = Style(color=full.color, bgcolor=full.bgcolor)
    if partial.reverse:
        # Reverse (for NO_COLOR) swaps the colours back to the CSS's.
        resolved = Style(color=full.bgcolor, bgcolor=full.color)
    return partial + resolved
