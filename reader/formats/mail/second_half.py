"""The second half of a big mailbox's heads, read by a process of its own.

Listing an archive is reading its messages' heads, a few µs of Python each:
tens of thousands of them are most of the time a big archive takes to list
(the rest is threading them and making the list). The machine's second core
reads part of the mailbox meanwhile, in a process started for it (`python -m
reader.formats.mail.second_half`, which imports only this package's readers
of heads). What is left to read once the preview is given is cut in pieces
(`Pieces`): the index reads them from the front, the helper from the back,
each claiming its next piece as it goes, until none is left; so each reads
as much as it can while the other reads, however busy its core is. The
index then takes the helper's listings, in order. What the helper gives is
what the index would have read there itself (`index_mbox_half`,
`index_maildir_half`, which the helper runs, are the index's own reading),
so the list is the same either way; a helper that cannot start or fails
leaves its pieces to the index, which then reads them with the same
functions.

What goes between the processes is `marshal`'s: tuples, strings and numbers
only (never code), a request on the helper's standard input, the listings on
its standard output; the pieces are claimed through a pipe that holds a byte
for each (one `read` of a byte claims one: it cannot go to both).
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

from ...errors import LoadError
from .. import limits
from .headerbounds import forget_cuts
from .heads import list_head
from .maildir import MessageFile, read_message
from .mbox import MboxFile

# A message's listing as it travels: `Listing`'s fields, its `first` as a
# tuple; None where the index must read the message in full (`list_head`
# gave none); for a Maildir, a str where the message cannot be read (why).
Record = tuple[Any, ...] | str | None
# Only a mailbox this big is halved: below it, starting the helper (some
# 60 ms of the other core) and taking its listings gain less than they cost.
HALVED_MBOX_BYTES = 8 * 2**20
HALVED_MAILDIR_MESSAGES = 5000
# Only a mailbox this big has its helper started before the preview is given
# (see `mailbox._parse`), and only with a core idle (`idle_core`).
EARLY_MBOX_BYTES = 32 * 2**20
EARLY_MAILDIR_MESSAGES = 25_000
# The pieces what is left is cut in: small enough that neither side waits
# long for the other once none is left, big enough that claiming one (a
# system call) costs nothing beside reading it.
PIECE_BYTES = 2**20
PIECE_MESSAGES = 500
# (At most this many: a byte of a pipe each.)
MOST_PIECES = 4096


def idle_core() -> bool:
    """Whether a core is idle now for the helper: fewer threads running or
    ready to run on the whole machine (this one among them: the kernel's
    count, `/proc/loadavg`'s fourth field) than it has cores, and this
    process allowed on two of them. False where that cannot be told."""
    try:
        with open("/proc/loadavg", "rb") as file:
            running = int(file.read().split()[3].split(b"/")[0])
        usable = len(os.sched_getaffinity(0))
    except (OSError, ValueError, IndexError, AttributeError):
        return False
    return usable >= 2 and running < (os.cpu_count() or 1)


class Pieces:
    """What is left to read of a mailbox, in pieces: piece `k` runs from
    `bounds[k]` to `bounds[k + 1]` (a byte offset of an mbox, None for its
    end; a message number of a Maildir). The first is the index's; each
    other is claimed by reading a byte of `tokens`, the index's from the
    front (`claim`), the helper's from the back, so the index's pieces
    are the first `claimed`, the helper's the rest."""

    def __init__(self, bounds: list[int | None]) -> None:
        self.bounds = bounds
        tokens, writing = os.pipe()
        try:
            os.write(writing, b"." * (len(bounds) - 2))
        except OSError:
            os.close(tokens)
            raise
        finally:
            # With no writer left, reading the pipe once it is empty ends at
            # once: no piece left.
            os.close(writing)
        self.tokens = tokens
        self.claimed = 1

    @property
    def stop(self) -> int | None:
        """Where the index's pieces end."""
        return self.bounds[self.claimed]

    @property
    def left(self) -> int:
        """How many pieces are not the index's (the helper's, once none is left)."""
        return len(self.bounds) - 1 - self.claimed

    def claim(self) -> bool:
        """Claim the next piece from the front for the index; False when every
        piece is claimed (the rest is the helper's)."""
        if self.tokens < 0 or not claim_token(self.tokens):
            return False
        self.claimed += 1
        return True

    def close(self) -> None:
        if self.tokens >= 0:
            os.close(self.tokens)
            self.tokens = -1


def claim_token(tokens: int) -> bool:
    """Whether a piece could be claimed: a byte read from the pipe `tokens`."""
    try:
        return os.read(tokens, 1) == b"."
    except OSError:
        return False


class MboxHalf:
    """An mbox's messages from one that starts at `start` (a byte offset) to
    `stop` (another's start) or the end of the file, as read there: where
    each is (its bytes after its `From ` line, and its `From ` line's line,
    counted from `start`'s), its listing, and the line breaks read."""

    def __init__(self, starts: array[int], ends: array[int], lines: array[int]) -> None:
        self.starts, self.ends, self.lines = starts, ends, lines
        self.records: list[Record] = []
        self.line_breaks = 0


def index_mbox_half(
    path: str, start: int, stop: int | None = None, ids: dict[str, str] | None = None
) -> MboxHalf | None:
    """The messages of the mbox at `path` from the message that starts at
    byte `start` to the one at `stop` (None: to the end), listed, each
    Message-ID the one string `ids` keeps for it; None if its lines end in
    lone CRs before `stop` (then it is read to its end by lines: not a
    piece). Raises LoadError as the index's reading does."""
    box = MboxFile(Path(path), start)
    box.stop = stop
    half = MboxHalf(box.starts, box.ends, box.lines)
    if ids is None:
        ids = {}
    for found in box.split():
        for buffer, body, end, _ in found:
            half.records.append(_record(buffer, body, end, ids))
    if stop is not None and box.stop is None:
        return None
    half.line_breaks = box.line_at_stop - 1
    return half


def index_maildir_half(
    files: list[tuple[str, bool]], ids: dict[str, str] | None = None
) -> tuple[list[Record], int]:
    """The listing of each Maildir message file of `files` (its path, and
    whether the folder's listing said it is a regular file), in order, each
    Message-ID the one string `ids` keeps for it, and the bytes of those read."""
    if ids is None:
        ids = {}
    records: list[Record] = []
    size = 0
    for path, regular in files:
        data = read_message(MessageFile("", path, regular), limits.MAX_FILE_BYTES)
        if isinstance(data, str):
            records.append(data)
        else:
            size += len(data)
            records.append(_record(b"\n" + data, 1, len(data) + 1, ids))
    return records, size


def _record(data: bytes, start: int, end: int, ids: dict[str, str]) -> Record:
    try:
        listing = list_head(data, start, end, ids)
    except Exception:  # read in full by the index, which says what is wrong
        listing = None
    forget_cuts()  # (a head cut is cut again, and said, when it is read in full)
    if listing is None:
        return None
    first = listing.first
    return (*listing[:5], None if first is None else tuple(first))


class Helper:
    """The helper process reading pieces, started at once; `result` waits
    for what it read (None: it failed, and the caller reads its pieces)."""

    def __init__(self, request: tuple[Any, ...], tokens: int) -> None:
        """`request` is what to read; `tokens` the pipe its pieces are
        claimed through (passed to the helper)."""
        self._process: subprocess.Popen[bytes] | None = None
        if not sys.executable:
            return  # (an embedded interpreter: the caller reads the half)
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                close_fds=True,
                pass_fds=(tokens,),
            )
        except OSError:
            return
        # Written by a thread: a request bigger than the pipe holds would
        # wait for the helper's start-up.
        threading.Thread(target=self._send, args=(marshal.dumps(request),), daemon=True).start()

    def _send(self, request: bytes) -> None:
        process = self._process
        assert process is not None and process.stdin is not None
        try:
            process.stdin.write(request)
            process.stdin.close()
        except OSError:
            pass  # it ended: `result` says so

    def result(self) -> Any:
        """What the helper gave, once it has read its half; None if it failed."""
        process = self._process
        if process is None or process.stdout is None:
            return None
        try:
            output = process.stdout.read()
            process.stdout.close()
            if process.wait() != 0:
                return None
            return marshal.loads(output)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        finally:
            self.close()

    def close(self) -> None:
        """End the helper if it still runs (the load was abandoned)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def _serve() -> int:
    """The helper: one request from standard input (what to read: an mbox's
    path, or a Maildir's files, their paths joined by NULs and whether each
    is a regular file, a byte each; the pieces' bounds from the second
    piece on; the pipe they are claimed through), its answer to standard
    output: each piece it claimed, from the back, read, given in the
    mailbox's order. A LoadError is answered as its reason (the index says
    it); a piece that is no piece (lone CRs) ends it with an error (the
    index reads the helper's pieces itself)."""
    kind, source, bounds, tokens = marshal.loads(sys.stdin.buffer.read())
    if kind == "maildir":
        paths, regular = source
        source = list(zip(paths.split("\0"), regular, strict=True))
    pieces: list[Any] = []
    # One string for each Message-ID in every piece (`marshal` writes it once
    # and reads it as one): the index takes them as they come.
    ids: dict[str, str] = {}
    for piece in range(len(bounds) - 2, -1, -1):
        if not claim_token(tokens):
            break
        start, stop = bounds[piece], bounds[piece + 1]
        if kind == "maildir":
            pieces.append(index_maildir_half(source[start:stop], ids))
            continue
        try:
            half = index_mbox_half(source, start, stop, ids)
        except LoadError as error:
            _answer(("error", error.reason))
            return 0
        if half is None:
            return 1
        pieces.append(
            (
                half.starts.tobytes(),
                half.ends.tobytes(),
                half.lines.tobytes(),
                half.records,
                half.line_breaks,
            )
        )
    _answer((kind, pieces[::-1]))
    return 0


def _answer(answer: tuple[Any, ...]) -> None:
    output = marshal.dumps(answer)
    with os.fdopen(sys.stdout.fileno(), "wb", closefd=False) as stdout:
        stdout.write(output)


if __name__ == "__main__":
    sys.exit(_serve())
