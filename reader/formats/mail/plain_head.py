"""A message's head read by hand, when its header lines are plain ASCII.

Most list mail has a head of printable ASCII header lines: it is split here
into the wanted headers (unfolded, the first of each) and where the body
starts. A head `email` would read differently (8-bit or odd lines, a line
that is no header, a Content-Disposition it must decode) gives None, for
`email` to read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# The bytes of a head `read_head` reads (any other is `email`'s to read).
PRINTABLE = bytes(range(0x20, 0x7F)) + b"\t\n"
# Header lines as `email` tells them: a name and a colon, then continuations;
# `BAD_LINE` finds a line after a line break that is neither.
_FIRST_LINE = re.compile(rb"[!-9;-~]+:")
BAD_LINE = re.compile(rb"\n(?![ \t]|[!-9;-~]+:)")
# The wanted headers, each as its line starts (after a line break), its value
# with its continuations; and Content-Disposition, which `email` must read.
_WANTED_LINE = re.compile(
    r"\n(from|subject|date|message-id|in-reply-to|references|list-id|archived-at"
    r"|content-type|content-transfer-encoding|content-disposition):[ \t]*"
    r"([^\n]*(?:\n[ \t][^\n]*)*)",
    re.IGNORECASE,
)
# Header names as most mailers write them, lower-cased without a call.
NAMES = {
    name: name.lower()
    for name in (
        *("From", "Date", "Message-ID", "Message-Id", "In-Reply-To", "References"),
        *("Content-Type", "Content-Transfer-Encoding", "Content-Disposition"),
        *("Subject", "List-Id", "List-ID", "Archived-At"),
    )
}


class Head(NamedTuple):
    """The wanted headers of a message or part (unfolded, the first of each),
    and where its body starts."""

    headers: dict[str, str]
    body_start: int


def read_head(data: bytes) -> Head | None:
    """The head of a message or part whose header lines are plain ASCII;
    None for anything `email` would read differently (or that needs its
    Content-Disposition)."""
    end = data.find(b"\n\n")
    crlf = data.find(b"\n\r\n", 0, len(data) if end < 0 else end + 2)
    if crlf >= 0:
        end = crlf
    if end <= 0:
        return None
    body_start = data.index(b"\n", end + 1) + 1
    head = data[:end].removesuffix(b"\r").replace(b"\r\n", b"\n")
    if b"\r" in head or head.translate(None, PRINTABLE):
        return None
    if _FIRST_LINE.match(head) is None or BAD_LINE.search(head) is not None:
        return None  # a line `email` would not read as a header, or `From `
    headers: dict[str, str] = {}
    for name, value in _WANTED_LINE.findall("\n" + head.decode("ascii")):
        name = NAMES.get(name) or name.lower()
        if name == "content-disposition":
            return None
        if name not in headers:  # `email` reads the first one
            headers[name] = value.replace("\n", "") if "\n" in value else value  # unfolded
    return Head(headers, body_start)
