"""Unified diffs in code blocks: which lines are added, removed, hunk headers.

A code block is a diff when one of its lines is a hunk header (`@@ -12,7
+12,8 @@`): then each hunk's lines are told apart by their first character,
as many of them as the header counts (so a removed line that reads `--- x`
is not taken for the next file's header), and the lines outside hunks
(`diff --git`, `index`, `---`/`+++`, a patch mail's diffstat) are the files'
headers. Pure text: the views give each kind its style.
"""

from __future__ import annotations

import re
from functools import lru_cache

ADDED = "added"
REMOVED = "removed"
HUNK = "hunk"

_HUNK = re.compile(r"@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@", re.MULTILINE)
# A line that reads on in a hunk: context (a mailer may drop its space), a
# change, or `\ No newline at end of file`.
_CHANGES = {"-": REMOVED, "+": ADDED}


def is_diff(code: str) -> bool:
    return _HUNK.search(code) is not None


@lru_cache(maxsize=64)
def diff_lines(code: str) -> tuple[tuple[int, int, str], ...]:
    """The styled lines of a code block that is a diff, as (start, end, kind)
    character ranges (the line break left out); none for any other code.
    Cached: a view draws a long patch's lines a screenful at a time."""
    if not is_diff(code):
        return ()
    found: list[tuple[int, int, str]] = []
    old = new = 0  # the lines still to come in the current hunk
    start = 0
    for line in code.split("\n"):
        end = start + len(line)
        header = _HUNK.match(line)
        if header is not None:
            old, new = (int(count) if count is not None else 1 for count in header.groups())
            found.append((start, end, HUNK))
        elif old > 0 or new > 0:
            kind = _CHANGES.get(line[:1])
            if kind == REMOVED:
                old -= 1
            elif kind == ADDED:
                new -= 1
            elif line[:1] != "\\":
                old, new = old - 1, new - 1
            if kind is not None and end > start:
                found.append((start, end, kind))
        start = end + 1
    return tuple(found)
