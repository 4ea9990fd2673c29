"""An mbox file: where its messages are, found as it is read, and each read again.

A message starts at a `From ` line at the start of the file or after a blank
line, and runs to the next one; a line of its body that read `From ` was
written `>From ` (and `>From `, `>>From `, as mboxrd quotes them), which is
undone when the message is read. A file whose lines end in a lone CR is split
at those too.

The file is read in chunks, once, as its messages are indexed (the index
needs only their heads), and is not kept: where each message is (its bytes
and the line of its `From ` line) is, and a message is read again from the
file when its thread is opened or searched. A mailbox rewritten meanwhile (a
mail client expunged it) no longer holds the same message there; the reader
of the thread checks the message it finds (`thread_text`).
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ...errors import LoadError
from .. import limits

_NEWLINE_FROM = re.compile(rb"\nFrom ")
_LONE_CR = re.compile(rb"\r(?!\n)")
_FROM_LINE = re.compile(rb"From ")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
# The first chunk is small, so that the first messages (a preview) come at
# once; the rest in chunks of some MB, each split in one go.
FIRST_CHUNK = 256 * 1024
CHUNK = 4 * 1024 * 1024
# Where a message start is looked for to cut a file in pieces (see `MboxFile.cut`).
_CUTTING_WINDOW = 256 * 1024
# A message as found: the buffer it is in, where it is there (after its
# `From ` line), and where it is in the file.
Found = tuple[bytes, int, int, int]


class MboxFile:
    """Where each message of an mbox is (its bytes after its `From ` line),
    in file order, numbered from 0 as they are found; of the file from
    `start`, a message's start (then lines are counted from there), and up
    to `stop` if it is set before the reading gets there (see `cut`), or on
    as long as `more` moves `stop` on."""

    def __init__(self, path: Path, start: int = 0) -> None:
        self.path = path
        self.starts = array("q")
        self.ends = array("q")
        self.lines = array("q")  # the line of each one's `From ` line
        self.size = 0  # of the file, as it was read
        self.start = start
        self.stop: int | None = None
        # Called when the reading gets to `stop`: whether it goes on (to a
        # `stop` it has moved on, or to the end: None).
        self.more: Callable[[], bool] | None = None
        self.read_to = start  # where the reading has got to
        self.line_at_stop = 0  # the line `stop` is on, once read to there

    def __len__(self) -> int:
        return len(self.starts)

    def where(self, number: int) -> str:
        return f"line {self.lines[number]}"

    def read(self, numbers: Iterable[int]) -> Iterator[bytes | str]:
        """Each message's bytes, `>From ` lines undone, in the order asked
        for; or why the file cannot be read."""
        try:
            descriptor = _open(self.path)
        except OSError as error:
            reason = _reason(error)
            for _ in numbers:
                yield reason
            return
        try:
            for number in numbers:
                start, end = self.starts[number], self.ends[number]
                try:
                    data = os.pread(descriptor, end - start, start)
                except OSError as error:
                    yield _reason(error)
                    continue
                yield unescape(data)
        finally:
            os.close(descriptor)

    def split(self) -> Iterator[list[Found]]:
        """Read the file through, giving its messages a chunk at a time (the
        first chunk small), each as a buffer and where it is in it; noted
        here as they are found. Raises LoadError if the file cannot be read."""
        try:
            descriptor = _open(self.path)
        except OSError as error:
            raise LoadError(self.path, _reason(error)) from None
        try:
            yield from self._split(descriptor)
        finally:
            os.close(descriptor)

    def cut(self, piece_bytes: int, most: int) -> list[int | None]:
        """What is still to read, cut in at most `most` pieces of about
        `piece_bytes`, each but the first starting at a message (a `From `
        line after a blank line): the pieces' bounds, where the reading has
        got to first, None (the end of the file) last."""
        left = self.size - self.read_to
        piece_bytes = max(piece_bytes, left // most + 1)
        bounds: list[int | None] = [self.read_to]
        try:
            descriptor = _open(self.path)
        except OSError:
            return [self.read_to, None]
        try:
            for middle in range(self.read_to + piece_bytes, self.size, piece_bytes):
                # From a little before: whether the line before is blank.
                low = middle - 1024
                window = os.pread(descriptor, _CUTTING_WINDOW, low)
                found = self._first_start(window, middle - low)
                if found is not None and bounds[-1] < low + found < self.size:  # type: ignore[operator]
                    bounds.append(low + found)
        except OSError:
            return [self.read_to, None]
        finally:
            os.close(descriptor)
        bounds.append(None)
        return bounds

    def _split(self, descriptor: int) -> Iterator[list[Found]]:
        self.size = os.fstat(descriptor).st_size
        if self.start:
            os.lseek(descriptor, self.start, os.SEEK_SET)
        buffer = b""
        base = self.start  # where `buffer` starts in the file
        pending: int | None = None  # in `buffer`: the start of the message going on
        scanned = 0  # `buffer` before this holds no start not found yet
        line, counted = 1, 0  # `line` is the line at `counted` in `buffer`
        chunk_size = FIRST_CHUNK
        while True:
            if self.stop is not None:
                chunk_size = max(0, min(chunk_size, self.stop - base - len(buffer)))
                if not chunk_size and self.more is not None and self.more():
                    # Another piece claimed: on to its end.
                    chunk_size = CHUNK
                    continue
            chunk = os.read(descriptor, chunk_size) if chunk_size else b""
            chunk_size = CHUNK
            self.read_to = base + len(buffer) + len(chunk)
            at_end = not chunk
            if base + len(buffer) + len(chunk) > limits.MAX_FILE_BYTES:
                raise LoadError(self.path, "grew over the size limit while it was read")
            if (b"\r" in chunk or buffer.endswith(b"\r")) and _lone_cr(buffer[-1:] + chunk, at_end):
                # Lines end in lone CRs: split by lines from the message going
                # on (the messages before are the same either way).
                # (Before the first message, `buffer` holds the file from its start.)
                keep = 0 if pending is None else pending
                if pending is not None:
                    self.lines.pop()  # found again, by lines
                line += buffer.count(b"\n", counted, keep)
                done = base + len(buffer) + len(chunk)
                rest = buffer[keep:] + chunk + _read_rest(descriptor, self.path, done)
                self.stop = None  # read to its end here, by lines
                yield self._by_lines(rest, base + keep, line)
                return
            if pending is not None:
                # What comes before the message going on has been given.
                base, buffer = base + pending, buffer[pending:]
                scanned, counted, pending = scanned - pending, counted - pending, 0
            buffer += chunk
            found: list[Found] = []
            starts = self._starts(buffer, scanned)
            if pending is None and _FROM_LINE.match(buffer):
                starts.insert(0, 0)  # the file (or what is read of it) starts with a message
            if at_end:
                starts.append(len(buffer))  # the last message ends with the file
            for start in starts:
                if pending is not None:
                    body = buffer.find(b"\n", pending, start) + 1 or start
                    self._found(buffer, base, body, start, found)
                if start < len(buffer):
                    line += buffer.count(b"\n", counted, start)
                    counted = start
                    self.lines.append(line)
                pending = start
            # A `\nFrom ` may start in the last bytes, and end in the next chunk.
            scanned = max(scanned, len(buffer) - len(_NEWLINE_FROM.pattern) + 1)
            if at_end:
                self.line_at_stop = line + buffer.count(b"\n", counted)
            if found:
                yield found
            if at_end:
                return

    def _found(self, buffer: bytes, base: int, body: int, end: int, found: list[Found]) -> None:
        """A message whose bytes (after its `From ` line) are `buffer[body:end]`."""
        self.starts.append(base + body)
        self.ends.append(base + end)
        found.append((buffer, body, end, base + end))

    @staticmethod
    def _first_start(buffer: bytes, scanned: int) -> int | None:
        """Where the first message starts in `buffer` past `scanned` (None: none does)."""
        for found in _NEWLINE_FROM.finditer(buffer, scanned):
            position = found.start()
            line_start = buffer.rfind(b"\n", 0, position) + 1
            if not buffer[line_start:position].strip():
                return position + 1
        return None

    @staticmethod
    def _starts(buffer: bytes, scanned: int) -> list[int]:
        """Where messages start in `buffer` past `scanned` (but the first):
        at a `From ` line after a blank line."""
        starts = []
        for found in _NEWLINE_FROM.finditer(buffer, scanned):
            position = found.start()
            line_start = buffer.rfind(b"\n", 0, position) + 1
            if not buffer[line_start:position].strip():
                starts.append(position + 1)
        return starts

    def _by_lines(self, data: bytes, base: int, line: int) -> list[Found]:
        """The messages of `data` (from file offset `base`, at line `line`,
        where a message starts), its lines ended by CR, LF or both."""
        found: list[Found] = []
        lines = data.splitlines(keepends=True)
        body: int | None = None  # where the message going on starts, after its `From ` line
        previous_blank = True
        position = 0
        for number, text in enumerate(lines):
            if previous_blank and _FROM_LINE.match(text):
                if body is not None:
                    self._found(data, base, body, position, found)
                body = position + len(text)
                self.lines.append(line + number)
            previous_blank = not text.strip()
            position += len(text)
        if body is not None:
            self._found(data, base, body, len(data), found)
        return found


def _lone_cr(data: bytes, at_end: bool) -> bool:
    """Whether `data` has a CR not followed by LF (one that ends it may be
    the first half of a CRLF, unless the file ends there)."""
    found = _LONE_CR.search(data)
    return found is not None and (at_end or found.start() < len(data) - 1)


def unescape(data: bytes) -> bytes:
    """A message's bytes with its `>From ` lines as they were written."""
    return _ESCAPED_FROM.sub(rb"\1", data) if b">From " in data else data


def _read_rest(descriptor: int, path: Path, done: int) -> bytes:
    rest = os.read(descriptor, limits.MAX_FILE_BYTES + 1 - done)
    if done + len(rest) > limits.MAX_FILE_BYTES:
        raise LoadError(path, "grew over the size limit while it was read")
    return rest


def _open(path: Path) -> int:
    """Opened for reading only, never waiting (a FIFO in its place)."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]
