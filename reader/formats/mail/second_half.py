"""The second half of a big mailbox's heads, read by a process of its own.

Listing an archive is reading its messages' heads, a few µs of Python each:
tens of thousands of them are most of the time a big archive takes to list
(the rest is threading them and making the list). The machine's second core
reads the second half of the mailbox meanwhile, in a process started for it
(`python -m reader.formats.mail.second_half`, which imports only this
package's readers of heads): the index reads the first half, then takes the
second's listings from it, in order. What the helper gives is what the index
would have read there itself (`index_half`, which the helper runs, is the
index's own reading), so the list is the same either way; a helper that
cannot start or fails leaves its half to the index, which then reads it
with the same function.

What goes between the processes is `marshal`'s: tuples, strings and numbers
only (never code), a request on the helper's standard input, the listings on
its standard output.
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
from .headerbounds import take_cuts
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
# What the index reads itself of what is still to read once the preview is
# given: a little more than half, as the helper starts up meanwhile (some
# 60 ms; measured in the app, at half and half the index then waited 0.1 s
# for the helper).
OWN_SHARE = 0.55


class MboxHalf:
    """An mbox's messages from one that starts at `start` (a byte offset) to
    the end of the file, as read there: where each is (its bytes after its
    `From ` line, and its `From ` line's line, counted from `start`'s) and
    its listing."""

    def __init__(self, starts: array[int], ends: array[int], lines: array[int]) -> None:
        self.starts, self.ends, self.lines = starts, ends, lines
        self.records: list[Record] = []


def index_mbox_half(path: str, start: int) -> MboxHalf:
    """The messages of the mbox at `path` from the message that starts at
    byte `start`, listed. Raises LoadError as the index's reading does."""
    box = MboxFile(Path(path), start)
    half = MboxHalf(box.starts, box.ends, box.lines)
    ids: dict[str, str] = {}
    for found in box.split():
        for buffer, body, end, _ in found:
            half.records.append(_record(buffer, body, end, ids))
    return half


def index_maildir_half(files: list[tuple[str, bool]]) -> tuple[list[Record], int]:
    """The listing of each Maildir message file of `files` (its path, and
    whether the folder's listing said it is a regular file), in order, and
    the bytes of those read."""
    ids: dict[str, str] = {}
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
    take_cuts()  # (a head cut is cut again, and said, when it is read in full)
    if listing is None:
        return None
    first = listing.first
    return (*listing[:5], None if first is None else tuple(first))


class Helper:
    """The helper process reading one half, started at once; `result` waits
    for what it read (None: it failed, and the caller reads the half)."""

    def __init__(self, request: tuple[Any, ...]) -> None:
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
    """The helper: one request from standard input, its answer to standard
    output. A LoadError is answered as its reason (the index says it)."""
    request = marshal.loads(sys.stdin.buffer.read())
    answer: Any
    if request[0] == "mbox":
        try:
            half = index_mbox_half(request[1], request[2])
        except LoadError as error:
            answer = ("error", error.reason)
        else:
            answer = (
                "mbox",
                half.starts.tobytes(),
                half.ends.tobytes(),
                half.lines.tobytes(),
                half.records,
            )
    else:
        answer = ("maildir", *index_maildir_half(request[1]))
    output = marshal.dumps(answer)
    with os.fdopen(sys.stdout.fileno(), "wb", closefd=False) as stdout:
        stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
