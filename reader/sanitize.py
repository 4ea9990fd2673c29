"""Neutralise terminal control characters in untrusted document text.

Every C0 control other than newline, ESC included, is replaced by its visible
Unicode "control picture" (ESC becomes `␛`), DEL by `␡` and every C1 control
by `�`. With the introducing control byte gone, an escape sequence
(SGR colours, cursor moves, clear-screen, OSC 8 links, OSC 52 clipboard
writes) is inert printable text, and the reader sees that something was
there. Bidirectional override and isolate characters are dropped so that a
comment cannot reorder the text around it. Tabs become spaces so that cell
widths stay predictable. A lone UTF-16 surrogate (a file name's undecodable
byte, as Python keeps it) cannot be written to a terminal at all: it becomes `�`.
"""

from __future__ import annotations

import re

TAB_SIZE = 4

_C0_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])

_TABLE: dict[int, int | str | None] = {
    **_C0_PICTURES,
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
    **dict.fromkeys(range(0xD800, 0xE000), 0xFFFD),
    **_BIDI_CONTROLS,
    0x09: " " * TAB_SIZE,
}


# Any character `neutralise` changes; checking for one is far faster than
# translating, and almost all text has none.
def _character_class(codes: list[int]) -> str:
    """A regex class of `codes` (sorted), as ranges: a class of 2,000 single
    characters is searched more slowly."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


_UNSAFE = re.compile(_character_class(sorted(_TABLE)))


def neutralise(text: str) -> str:
    """`text` made safe to print to a terminal, keeping its newlines."""
    return text if _UNSAFE.search(text) is None else text.translate(_TABLE)


def inert_line(text: str) -> str:
    """`text` with no control character left to act on a terminal, and on one
    line (a newline shown as `␊`): for messages that name files, whose names
    may hold escape sequences or newlines."""
    return neutralise(text).replace("\n", "\u240a")
