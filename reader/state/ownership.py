"""Whether a file is reader's own state database: only such a file is opened
as the state, and only such a file is ever set aside when damaged.

`reader --state mydoc.json mydoc.json` took the document for a damaged
database, moved it aside and wrote a database in its place. Reader's
databases carry its SQLite application id (header offset 68); one made
before the id was set is known by its tables' definitions on page 1. A
missing or empty file, or an SQLite database with no tables yet (reader
stopped as it made it), holds nothing to lose. Anything else is refused,
untouched.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# "RDR1": in the header of every database reader opens (PRAGMA application_id).
APPLICATION_ID = 0x52445231
_ID_AT = 68
_MAGIC = b"SQLite format 3\x00"
# Page 1 holds the schema table: enough of the file to find it.
_HEAD_BYTES = 64 * 1024
_OUR_TABLES = (b"CREATE TABLE sessions", b"CREATE TABLE articles")


def not_ours_reason(path: Path) -> str | None:
    """Why the file at `path` must not be opened as reader's state (never
    written, never moved), or None when it may be."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return None  # opening it as a database says why it cannot be
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return "not a regular file"
        head = os.read(descriptor, _HEAD_BYTES)
    except OSError:
        return None  # opening it as a database says why it cannot be
    finally:
        os.close(descriptor)
    if not head or int.from_bytes(head[_ID_AT : _ID_AT + 4], "big") == APPLICATION_ID:
        return None
    if all(table in head for table in _OUR_TABLES):
        return None  # made by a reader from before the application id
    if head.startswith(_MAGIC) and not head[_ID_AT : _ID_AT + 4].strip(b"\0"):
        if b"CREATE TABLE" not in head:
            return None
        return "an SQLite database of another program"
    return "not a reader state database"
