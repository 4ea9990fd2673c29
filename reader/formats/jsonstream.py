"""Reading a big JSON document a piece at a time, one array's items handed
over as each is read (issue 24: a 77 MB Reddit thread was held as its text
and then as its whole parsed tree, 2 and 4 times its size, beside the
comments made from it).

The document's bytes come in chunks, decoded one at a time and let go as
they are; the members on the way to the streamed array are walked here, and
every other value (and each item of the array) is read whole by the `json`
module's C scanner, so a document is read at the speed of `json.loads`.
Anything unexpected (malformed JSON, bytes that are not UTF-8, a value nested
too deeply for the scanner, text after the document) raises `NotStreamable`:
the caller reads the file whole then, which says what is wrong as it always has.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from json.decoder import JSONDecodeError
from typing import Any

# How much of the file is cut off at a time.
CHUNK_BYTES = 1 << 20

_SPACE = re.compile(r"[ \t\n\r]*")
# The C scanner `json.loads` uses: the value starting at an index, and its end.
scan_value = json.JSONDecoder().scan_once


class NotStreamable(Exception):
    """The document is not one this reading can take: read it whole."""


def chunks_of(data: bytes | bytearray) -> list[bytes]:
    """`data` cut into chunks, in order. A bytearray is emptied as it is cut,
    from its end (it gives its memory back each time it halves: the bytes are
    held at most 1.5 times over); bytes are copied, to be let go afterwards."""
    if not isinstance(data, bytearray):
        return [
            bytes(data[start : start + CHUNK_BYTES]) for start in range(0, len(data), CHUNK_BYTES)
        ]
    chunks: list[bytes] = []
    while data:
        cut = max(len(data) - CHUNK_BYTES, 0)
        with memoryview(data) as view:
            chunks.append(bytes(view[cut:]))
        del data[cut:]
    chunks.reverse()
    return chunks


def read_streamed(
    chunks: list[bytes], path: tuple[int | str, ...], each: Callable[[list[Any]], None]
) -> Any:
    """The JSON document of `chunks` (UTF-8 bytes, a byte-order mark allowed),
    whose array at `path` (an index in an array, a key in an object, ...) is
    not kept: each of its items is given to `each` as it is read, alone in a
    list for `each` to empty (so that nothing here holds it afterwards), and
    the array reads as empty. Where the document has no array at `path` it
    is read whole. `chunks` is emptied as it is read."""
    text = _Text(chunks)
    try:
        document = _walk(text, path, each)
    except (JSONDecodeError, StopIteration, RecursionError, UnicodeDecodeError):
        raise NotStreamable from None
    if text.next_character():
        raise NotStreamable  # more after the document (JSON lines, or garbage)
    return document


def _walk(text: _Text, path: tuple[int | str, ...], each: Callable[[list[Any]], None]) -> Any:
    """The value at the reading position, with the array at `path` below it streamed."""
    opener = text.next_character()
    if not path:
        if opener != "[":
            return text.value()
        text.pos += 1
        if text.next_character() != "]":
            while True:
                each([text.value()])
                if text.after_member("]"):
                    break
        else:
            text.pos += 1
        return []
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        if opener != "[":
            return text.value()
        text.pos += 1
        items: list[Any] = []
        if text.next_character() == "]":
            text.pos += 1
            return items
        while True:
            items.append(_walk(text, rest, each) if len(items) == step else text.value())
            if text.after_member("]"):
                return items
    if opener != "{":
        return text.value()
    text.pos += 1
    members: dict[str, Any] = {}
    if text.next_character() == "}":
        text.pos += 1
        return members
    while True:
        if text.next_character() != '"':
            raise NotStreamable
        key = text.value()
        if text.next_character() != ":":
            raise NotStreamable
        text.pos += 1
        if key == step:
            if key in members:
                raise NotStreamable  # a second array to stream: `json` keeps the last
            members[key] = _walk(text, rest, each)
        else:
            members[key] = text.value()
        if text.after_member("}"):
            return members


class _Text:
    """The decoded text of the chunks read so far, less what was read before
    the last refill; `pos` is the reading position in `text`."""

    def __init__(self, chunks: list[bytes]) -> None:
        # Taken from the end: reversed once, each chunk then popped and freed.
        chunks.reverse()
        self._chunks = chunks
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0

    def _refill(self) -> bool:
        """Decode at least as much text again as is left unread (so that a
        value found cut short and read again costs at most twice its length),
        dropping what was read; False at the end of the chunks."""
        chunks = self._chunks
        if not chunks:
            return False
        parts = [self.text[self.pos :]]
        wanted, got = max(len(parts[0]), 1), 0
        while chunks and got < wanted:
            piece = self._decoder.decode(chunks.pop(), final=not chunks)
            if "\0" in piece:
                raise NotStreamable  # a binary file (`decode_text` says so)
            parts.append(piece)
            got += len(piece)
        self.text, self.pos = "".join(parts), 0
        return True

    def next_character(self) -> str:
        """The next character that is not white space ("" at the end), not read."""
        while True:
            match = _SPACE.match(self.text, self.pos)
            self.pos = match.end() if match is not None else self.pos
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._refill():
                return ""

    def value(self) -> Any:
        """The JSON value at the reading position, read past."""
        self.next_character()
        while True:
            try:
                value, end = scan_value(self.text, self.pos)
            except (JSONDecodeError, StopIteration):
                # Cut short by the chunk's end, or malformed: read on to know.
                if not self._refill():
                    raise
                continue
            if end == len(self.text) and self._chunks:
                # A number (or a word) may go on in the next chunk.
                self._refill()
                continue
            self.pos = end
            return value

    def after_member(self, closer: str) -> bool:
        """Past the `,` after a member (False) or the container's `closer` (True)."""
        character = self.next_character()
        if character == ",":
            self.pos += 1
            return False
        if character == closer:
            self.pos += 1
            return True
        raise NotStreamable
