"""What the thread's scrollbar minimap marks: each track cell whose part of the
thread holds a search match or a new comment (hidden under a fold included).

Computed from the rows' line offsets: a few bisections per cell, whatever the
size of the thread. Pure (the view draws the cells, `minimap.MinimapRender`).
"""

from __future__ import annotations

from ...model import Thread
from ...state.article_state import NEW as IS_NEW
from .matches import ThreadMatches
from .rows import ThreadRows

# What a cell shows: nothing, a new comment, a search match (which wins).
EMPTY, NEW, MATCH = 0, 1, 2


def minimap_cells(
    rows: ThreadRows,
    thread: Thread,
    size: int,
    matches: ThreadMatches | None,
    new: bytearray | None,
) -> bytes:
    """The `size` track cells (`EMPTY`, `NEW` or `MATCH` each) for the visible
    rows; `new` says of each comment whether it is new (`state.article_state`'s
    `reading`: NEW among READ, UNREAD and STUB)."""
    if (new is None or IS_NEW not in new) and not matches:
        return b""
    total = rows.total_lines
    cells = bytearray(size)
    for cell in range(size):
        start = cell * total // size
        end = max(start, (cell + 1) * total // size - 1)
        first = rows.rows[rows.row_at_line(start)]
        last = rows.rows[rows.row_at_line(end)]
        # A folded comment's cell stands for its hidden replies too.
        stop = thread.ends[last] if rows.is_collapsed(last) else last + 1
        if matches is not None and matches.any_between(first, stop):
            cells[cell] = MATCH
        elif new is not None and new.find(IS_NEW, first, stop) >= 0:
            cells[cell] = NEW
    return bytes(cells)
