"""Finding the line a setting is on, for messages: tomllib gives positions only
for syntax errors, so the file's text is scanned for the key."""

from __future__ import annotations

import re

# A line that assigns a key, bare (`a`, `a.b`) or quoted, and the key as written.
_ASSIGNMENT = re.compile(
    r"""^[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s="'\[#][^=\n]*?)[ \t]*=""", re.MULTILINE
)


def key_lines(text: str) -> dict[str, int]:
    """The first line (1-based) that assigns each key, bare or quoted, found in
    one pass: a file with thousands of problems is not scanned once per problem."""
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for found in _ASSIGNMENT.finditer(text):
        line += text.count("\n", counted, found.start())
        counted = found.start()
        key = found.group(1)
        if key[0] in "\"'":
            key = key[1:-1]
        lines.setdefault(key, line)
    return lines


def syntax_error_line(message: str, text: str) -> tuple[int | None, str]:
    """The line of a `tomllib.TOMLDecodeError` message (about `text`) and the
    message without its position."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if found is not None:
        return int(found.group(1)), f"{message[: found.start()]} (column {found.group(2)})"
    found = re.search(r"\s*\(at end of document\)", message)
    if found is not None:
        return text.count("\n") + 1, f"{message[: found.start()]} (at the end of the file)"
    return None, message
