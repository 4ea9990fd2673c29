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

from ...errors import LoadError
from .. import limits
from .maildir import is_maildir, message_files, read_message
from .mbox import MboxFile, unescape

# The Message-ID header, folded or not, in a message's head.
_MESSAGE_ID_HEADER = re.compile(rb"^message-id:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
# Where a message's Message-ID is looked for: its head's first bytes.
_HEAD_BYTES = 65536


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
        if not stat.S_ISREG(os.stat(path).st_mode):
            return f"{path}: not a regular file"
        # Split as the load split it, a chunk at a time (never the whole file).
        for found in MboxFile(path).split():
            for buffer, body, end, _ in found:
                if _message_id(buffer[body : min(end, body + _HEAD_BYTES)]) == wanted:
                    return unescape(buffer[body:end])
    except OSError as error:
        return f"{path}: {error.strerror or error}"
    except LoadError as error:
        return str(error)
    return f"{path}: no message {message_id} in it any more"


def _message_id(message: bytes) -> bytes | None:
    """The message's Message-ID, from its head."""
    head = message.split(b"\n\n", 1)[0].replace(b"\r\n", b"\n")
    found = _MESSAGE_ID_HEADER.search(head)
    return found.group(1) if found else None
