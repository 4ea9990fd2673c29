"""Neutralise terminal control characters in untrusted document text.

Every C0 control other than newline, ESC included, is replaced by its visible
Unicode "control picture" (ESC becomes `␛`), DEL by `␡` and every C1 control
by `�`. With the introducing control byte gone, an escape sequence
(SGR colours, cursor moves, clear-screen, OSC 8 links, OSC 52 clipboard
writes) is inert printable text, and the reader sees that something was
there. Bidirectional override and isolate characters are dropped so that a
comment cannot reorder the text around it. Tabs become spaces so that cell
widths stay predictable.
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
    **_BIDI_CONTROLS,
    0x09: " " * TAB_SIZE,
}


# Any character `neutralise` changes; checking for one is far faster than
# translating, and almost all text has none.
_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def neutralise(text: str) -> str:
    """`text` made safe to print to a terminal, keeping its newlines."""
    return text if _UNSAFE.search(text) is None else text.translate(_TABLE)
