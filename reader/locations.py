"""Telling a URL from a path among the places a reader names.

Reading from the web is not supported yet: a URL must never reach `Path`,
which would fold its `//` and report a missing file (`https:/host/...: no such
file or directory`). It gets a reason of its own instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import LoadError

# RFC 3986: a scheme is a letter, then letters, digits, `+`, `-` or `.`.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
URL_REASON = "reading URLs is not supported yet: save the page and open the file"


def is_url(text: str) -> bool:
    """Whether `text` names a URL (`https://…`, `ftp://…`), not a file."""
    return _URL.match(text) is not None


def split_locations(names: list[str]) -> tuple[list[Path], list[LoadError]]:
    """The paths among `names`, and an error for each URL, in their order."""
    paths: list[Path] = []
    urls: list[LoadError] = []
    for name in names:
        if is_url(name):
            urls.append(LoadError(name, URL_REASON))
        else:
            paths.append(Path(name))
    return paths, urls
