"""The `[layout]` table: how the main screen shares the terminal.

    [layout]
    comments = 60   # the comments' share of the room beside the article list, in %
    list = 34       # the article list's width, in columns

Unset, reader uses the share last set with `<` / `>` (kept in the state),
else its defaults. Each problem is one message; that setting keeps its default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

# The comments' share, in percent, and how far `<` / `>` can take it.
COMMENTS_SHARE = 60
LEAST_SHARE, MOST_SHARE = 20, 85
LIST_WIDTH = 34
NARROWEST_LIST, WIDEST_LIST = 20, 80
KEYS = ("comments", "list")


class Layout(NamedTuple):
    """What the file sets (None: nothing, the default or the kept choice)."""

    comments: int | None = None
    list_width: int | None = None


def parse_layout(value: object, problem: Callable[[str, str], None]) -> Layout:
    """The `[layout]` table `value`; `problem(reason, key)` is told what is wrong."""
    if not isinstance(value, dict):
        problem("layout: expected a [layout] table", "layout")
        return Layout()
    for name in value:
        if name not in KEYS:
            problem(f"[layout]: unknown setting {name!r}", name)
    comments = _whole(value, "comments", LEAST_SHARE, MOST_SHARE, "%", problem)
    list_width = _whole(value, "list", NARROWEST_LIST, WIDEST_LIST, " columns", problem)
    return Layout(comments, list_width)


def _whole(
    table: dict[str, object],
    name: str,
    least: int,
    most: int,
    unit: str,
    problem: Callable[[str, str], None],
) -> int | None:
    value = table.get(name)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and least <= value <= most:
        return value
    problem(f"[layout]: {name}: expected a whole number from {least} to {most}{unit}", name)
    return None
