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

Widths follow what every terminal draws, so that a line measured to fit is
drawn to fit: what terminals join or widen each their own way is taken apart.
An emoji sequence's zero-width joiners, its presentation selectors (VS15,
VS16) and skin-tone modifiers, and tag characters are dropped (a family emoji
is drawn as its members, each two cells everywhere); a flag's regional
indicators become their letters (🇫🇷 reads FR). Invisible characters that
terminals draw as nothing or as a cell (zero-width spaces and joiners, the
byte-order mark, the soft hyphen) and the right-to-left and left-to-right
marks are dropped, as the bidirectional controls are: nothing hides in a name.
`neutralise_spans` gives where each position of the text went, for the
styles laid over it.
"""

from __future__ import annotations

import re

TAB_SIZE = 4

_C0_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_DIRECTION_MARKS = dict.fromkeys([0x200E, 0x200F, 0x061C])
_INVISIBLE = dict.fromkeys([0x00AD, 0x180E, *range(0x200B, 0x200E), *range(0x2060, 0x2065), 0xFEFF])
_EMOJI_JOINERY = dict.fromkeys(
    [*range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)]
)
_REGIONAL_LETTERS = {0x1F1E6 + offset: ord("A") + offset for offset in range(26)}

_TABLE: dict[int, int | str | None] = {
    **_C0_PICTURES,
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
    **dict.fromkeys(range(0xD800, 0xE000), 0xFFFD),
    **_BIDI_CONTROLS,
    **_DIRECTION_MARKS,
    **_INVISIBLE,
    **_EMOJI_JOINERY,
    **_REGIONAL_LETTERS,
    0x09: " " * TAB_SIZE,
}


# Any character `neutralise` changes; checking for one is far faster than
# translating, and almost all text has none.
def _character_class(codes: list[int]) -> str:
    """A regex class of `codes` (sorted), as ranges: a class of 2,000 single
    characters is searched more slowly (and a class of single characters takes
    longer to compile: these are built as the module is imported)."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


_UNSAFE = re.compile(_character_class(sorted(_TABLE)))
# What does not become exactly one character: positions after it move.
_RESIZED = re.compile(
    _character_class(sorted(code for code, to in _TABLE.items() if not isinstance(to, int)))
)


def neutralise(text: str) -> str:
    """`text` made safe to print to a terminal, keeping its newlines."""
    # Printable ASCII (space to `~`) holds nothing to change, and is told in C
    # at memory speed: most text is, and the class search is a step a character.
    if text.isascii() and text.isprintable():
        return text
    return text if _UNSAFE.search(text) is None else text.translate(_TABLE)


def neutralise_spans(text: str) -> tuple[str, list[int] | None]:
    """`neutralise(text)`, and where each position of `text` (and its end) is
    in it, or None where every position stays (almost always): a link's or
    an emphasis's span over `text` is laid over the result through it."""
    shown = neutralise(text)
    if len(shown) == len(text) and _RESIZED.search(text) is None:
        return shown, None
    positions = [0] * (len(text) + 1)
    at = 0
    for index, character in enumerate(text):
        positions[index] = at
        replacement = _TABLE.get(ord(character), character)
        at += 1 if isinstance(replacement, int) else len(replacement or "")
    positions[len(text)] = at
    return shown, positions


def inert_line(text: str) -> str:
    """`text` with no control character left to act on a terminal, and on one
    line (a newline shown as `␊`): for messages that name files, whose names
    may hold escape sequences or newlines."""
    return neutralise(text).replace("\n", "\u240a")
