"""Telling a URL from a path among the places a reader names.

A URL must never reach `Path`, which would fold its `//` (`https:/host/...`):
it stays the string it was given, and is fetched (see `reader.web`).
"""

from __future__ import annotations

import re
from pathlib import Path

# RFC 3986: a scheme is a letter, then letters, digits, `+`, `-` or `.`.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """Whether `text` names a URL (`https://…`, `ftp://…`), not a file."""
    return _URL.match(text) is not None


def locations(names: list[str]) -> list[Path | str]:
    """Each of `names` as a path, or as the URL it is, in their order."""
    return [name if is_url(name) else Path(name) for name in names]
