"""Finding the line a setting is on, for messages: tomllib gives positions only
for syntax errors, so the file's text is scanned for the key."""

from __future__ import annotations

import re


def line_of(text: str, key: str) -> int | None:
    """The first line (1-based) that assigns `key`, bare or quoted, or None."""
    quoted = re.escape(key)
    pattern = re.compile(rf"^[ \t]*(?:{quoted}|\"{quoted}\"|'{quoted}')[ \t]*=", re.MULTILINE)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


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
