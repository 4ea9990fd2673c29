"""A message's raw bytes, found again in its mailbox by its Message-ID: what
`|` pipes to a command (as mutt does, for `git am`) and what is saved to a file.

Nothing is kept from the load: the mailbox is read again (an mbox split as the
load split it, a Maildir's files one by one), only when asked, and never
written to.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .. import limits
from .mailbox import mbox_messages
from .maildir import is_maildir, message_files, read_message

# The Message-ID header, folded or not, in a message's head.
_MESSAGE_ID_HEADER = re.compile(rb"^message-id:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


def raw_message(path: Path, message_id: str) -> bytes | str:
    """The message `message_id` of the mailbox (an mbox file or a Maildir) at
    `path`, as it is there (an mbox's `From ` line left out, `>From` lines
    unescaped), or why it cannot be had."""
    wanted = message_id.strip().encode("utf-8", "replace")
    if not wanted.startswith(b"<"):
        wanted = b"<" + wanted + b">"
    try:
        if is_maildir(path):
            for file in message_files(path):
                data = read_message(file, limits.MAX_FILE_BYTES)
                if isinstance(data, bytes) and _message_id(data) == wanted:
                    return data
            return f"{path}: no message {message_id} in it any more"
        data = _read(path)
    except OSError as error:
        return f"{path}: {error.strerror or error}"
    if isinstance(data, str):
        return f"{path}: {data}"
    for _, message, _ in mbox_messages(data):
        if isinstance(message, str):
            continue
        if _message_id(bytes(message[:65536])) == wanted:
            return bytes(message)
    return f"{path}: no message {message_id} in it any more"


def _message_id(message: bytes) -> bytes | None:
    """The message's Message-ID, from its head."""
    head = message.split(b"\n\n", 1)[0].replace(b"\r\n", b"\n")
    found = _MESSAGE_ID_HEADER.search(head)
    return found.group(1) if found else None


def _read(path: Path) -> bytes | str:
    """The mailbox's bytes, if it is a regular file within the limit (never
    waiting on a FIFO), else why not."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > limits.MAX_FILE_BYTES:
            return "over the size limit"
        with open(descriptor, "rb", closefd=False) as file:
            return file.read(limits.MAX_FILE_BYTES + 1)
    finally:
        os.close(descriptor)
