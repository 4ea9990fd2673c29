"""Mailing lists: an mbox file or a Maildir directory, one article per thread.

A mailbox is indexed as mutt indexes it: from its messages' heads alone (a
few µs each, `heads`), which give the threads and their order (`threads`),
each thread's title, author and date, and its messages' authors and ids. A
thread is given listed (`Article.deferred`): its messages' bodies are read
from the mailbox again when it is opened, searched or dumped
(`thread_text`). A message whose head only `email` reads is read in full
during the index; one that cannot be read at all is skipped with a warning
(its replies move up to its parent), and so, when its thread is read, is one
whose body cannot be.

The index must see every message before it knows which thread comes first
(a reply may come anywhere; the earliest thread may start last). So a
mailbox of more than `PREVIEW_MESSAGES` messages first gives a preview
(`Batch.preview`): its first messages alone are indexed and threaded, and
their first thread is given read in full, with the replies they hold; a few
ms. The index then goes on over the rest, and its first batch runs on to the
thread that holds the preview's first message, and ends with it: the
preview's listed version, in its place in the order. The preview reports
nothing: what could not be read is reported by the index, or when the thread
is read, as a load without a preview reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from itertools import islice

from ...errors import LoadError
from ..batch import Batch
from ..sample import Sample
from .index import Found, Half, MailboxIndex
from .maildir import MaildirMessages, is_maildir, message_files
from .mbox import MboxFile
from .messages import Messages
from .second_half import (
    EARLY_MAILDIR_MESSAGES,
    EARLY_MBOX_BYTES,
    HALVED_MAILDIR_MESSAGES,
    HALVED_MBOX_BYTES,
    MOST_PIECES,
    PIECE_BYTES,
    PIECE_MESSAGES,
    Helper,
    Pieces,
    idle_core,
)
from .thread_list import listed_threads

# An mbox starts with a `From ` line, then a header line.
_MBOX_START = re.compile(rb"From \S+[^\n]*\r?\n[!-9;-~]+:")
# A bigger mailbox first gives a preview: the first thread among this many
# first messages, before the rest of the archive is read.
PREVIEW_MESSAGES = 100


def sniff_mbox(sample: Sample) -> bool:
    return not sample.is_dir and _MBOX_START.match(sample.head(4096)) is not None


def sniff_maildir(sample: Sample) -> bool:
    return sample.is_dir and is_maildir(sample.path)


def parse_mbox(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    box = MboxFile(sample.path)
    yield from _parse(box, _mbox_messages(box), warnings, escaped=True, in_full=sample.in_full)


def parse_maildir(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    try:
        files = message_files(sample.path)
    except OSError as error:
        raise LoadError(
            sample.path, f"cannot read the Maildir: {error.strerror or error}"
        ) from None
    box = MaildirMessages(sample.path, files)
    yield from _parse(box, _maildir_messages(box), warnings, escaped=False, in_full=sample.in_full)


def _mbox_messages(box: MboxFile) -> Iterator[Found]:
    """Each message as the file is read (a preview needs only the first)."""
    for chunk in box.split():
        for buffer, start, end, offset in chunk:
            yield Found(buffer, start, end, offset / box.size if box.size else 1.0)


def _maildir_messages(box: MaildirMessages) -> Iterator[Found]:
    """Each message's bytes (or why they cannot be read) in key order, up to
    `box.stop` (see `_halved`)."""
    count = len(box)
    for number, data in enumerate(box.read(_until_stop(box)), 1):
        if isinstance(data, str):
            yield Found(data, 0, 0, number / count)
        else:
            box.size += len(data)
            yield Found(b"\n" + data, 1, len(data) + 1, number / count)


def _until_stop(box: MaildirMessages) -> Iterator[int]:
    number = 0
    while number < box.stop or (box.more is not None and box.more()):
        yield number
        number += 1


def _parse(
    messages: Messages,
    found: Iterator[Found],
    warnings: list[str] | None,
    escaped: bool,
    in_full: bool = False,
) -> Iterator[Batch]:
    """Index the messages `found` (`escaped`: an mbox's, `>From ` quoted). A
    mailbox of more than `PREVIEW_MESSAGES` messages gives a preview first:
    the index takes those first messages alone, and their first thread is
    read and given with the replies those hold; then the index goes on.

    `in_full`: every thread is to be read at once (`reader dump`). The index
    then reads each message in full as it comes, and keeps it for its
    thread's read (`MailboxIndex.kept`): no preview (nothing is shown before
    the end), no helper (it lists heads, and each message is read here)."""
    index = MailboxIndex(messages, escaped, warnings, in_full)
    if in_full:
        index.take(found, warnings)
        yield from listed_threads(index, None, 0.0)
        return
    # The preview adds no warnings: what goes wrong before it is given is
    # reported after it, in the order a load without a preview reports it.
    held: list[str] = []
    seen = index.take(islice(found, PREVIEW_MESSAGES), held)
    preview = index.preview() if seen < 1 else None
    # The helper starts before the preview is given only for a big archive
    # and with a core idle now: it then reads while the app starts up and
    # makes its first frame, on a core the app does not use. Else it starts
    # once the preview is given: on a busy machine, started before, its
    # start and reading slowed the first frame by a third.
    early = preview is None or _starts_early(messages)
    helper = _halved(messages) if early else None
    try:
        if preview is not None:
            yield Batch(preview.articles, seen, preview=True)
        if warnings is not None:
            warnings.extend(held)
        if not early:
            helper = _halved(messages)
        index.take(found, warnings)
        if helper is not None:
            index.take_half(helper, warnings)
    finally:
        if helper is not None:
            helper.close()
    if preview is None:
        yield from listed_threads(index, None, 0.0)
    else:
        yield from listed_threads(index, preview.number, seen)


def _starts_early(messages: Messages) -> bool:
    """Whether the helper is started before the preview is given: the
    archive is big enough for what it reads meanwhile to count (a smaller
    one's first frame is the figure at stake), and a core is idle now."""
    if isinstance(messages, MboxFile):
        big = messages.size - messages.read_to >= EARLY_MBOX_BYTES
    else:
        big = isinstance(messages, MaildirMessages) and len(messages) >= EARLY_MAILDIR_MESSAGES
    return big and idle_core()


def _halved(messages: Messages) -> Half | None:
    """What is still to read of a big mailbox, cut in pieces shared with a
    helper process, which starts reading them at once (see `second_half`);
    None for a mailbox not worth it."""
    if isinstance(messages, MboxFile):
        if messages.size - messages.read_to < HALVED_MBOX_BYTES:
            return None
        bounds = messages.cut(PIECE_BYTES, MOST_PIECES)
        request: tuple[object, ...] = ("mbox", str(messages.path), bounds[1:])
    elif isinstance(messages, MaildirMessages):
        count = len(messages)
        if count < HALVED_MAILDIR_MESSAGES:
            return None
        size = max(PIECE_MESSAGES, count // MOST_PIECES + 1)
        bounds = [*range(0, count, size), count]
        # Its files from the second piece on, numbered from there: their paths
        # as one string and whether each is a regular file as one byte (a
        # tuple a file took the index 30 ms to make and send, the helper as
        # long to read).
        request = ("maildir", messages.joined_from(size), [bound - size for bound in bounds[1:]])
    else:
        return None
    if len(bounds) < 3:
        return None  # one piece: nothing to share
    try:
        pieces = Pieces(bounds)
    except OSError:
        return None
    half = Half(pieces, Helper((*request, pieces.tokens), pieces.tokens))
    messages.stop = pieces.stop
    messages.more = partial(_claim, pieces, messages)
    return half


def _claim(pieces: Pieces, messages: MboxFile | MaildirMessages) -> bool:
    """The next piece claimed for the index's reading, which goes on to its end."""
    if not pieces.claim():
        return False
    messages.stop = pieces.stop
    return True
