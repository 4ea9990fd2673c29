"""Maildir folders: telling one from other directories, and reading its messages.

A Maildir keeps one message a file in `cur/` (seen by a mail client) and `new/`
(not yet), with `tmp/` for deliveries in progress. A copy often keeps only one
of the two, so a folder with either is a Maildir when it holds nothing else but
those three and hidden files; a folder of articles that happens to hold a `new/`
stays a folder to walk.

Messages are read here rather than through `mailbox.Maildir`, which needs both
folders, stops the whole mailbox at the first file it cannot open, and opens
whatever a name points to: here every probe is guarded, only regular files are
read (a FIFO would block, a link to a device would never end), each within the
size limit, and a message that cannot be read is a reason for that message only.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter, eq
from pathlib import Path
from typing import NamedTuple

from .. import limits

SUBFOLDERS = ("cur", "new")
_OTHER_ENTRIES = frozenset(("tmp",))
# Between a message's unique name and its flags (`:2,S`), as mail clients write it.
_INFO_SEPARATOR = ":"


class MessageFile(NamedTuple):
    """A message file: its key (its name without flags), for order and
    messages, its path (a string: a Maildir holds tens of thousands), and
    whether the folder's listing said it is a regular file (no link)."""

    key: str
    path: str
    regular: bool = False


def is_maildir(path: Path) -> bool:
    """Whether `path` is a Maildir: `cur/` and `new/`, or one of them with
    nothing else beside it but `tmp/` and hidden files. Never raises: a folder
    that cannot be looked into is not a Maildir (the walk reports it)."""
    present = [name for name in SUBFOLDERS if _is_dir(path / name)]
    if len(present) == len(SUBFOLDERS):
        return True
    if not present:
        return False
    try:
        names = os.listdir(path)
    except OSError:
        return False
    allowed = _OTHER_ENTRIES.union(SUBFOLDERS)
    return all(name in allowed or name.startswith(".") for name in names)


def message_files(path: Path) -> list[MessageFile]:
    """Every message of the Maildir at `path`, in key order (the order the
    messages were delivered in, as Maildir names begin with their time);
    hidden files (`.gitkeep`, editor droppings) are not mail. Raises OSError
    when no subfolder can be listed."""
    found: list[MessageFile] = []
    listed = 0
    error: OSError | None = None
    for name in SUBFOLDERS:
        folder = os.path.join(path, name)
        if not _is_dir(folder):
            continue
        try:
            with os.scandir(folder) as entries:
                # (Whether each is a regular file, from the listing itself.)
                names = [
                    (entry.name, entry.is_file(follow_symlinks=False))
                    for entry in entries
                    if not entry.name.startswith(".")
                ]
        except OSError as problem:
            error = problem
            continue
        listed += 1
        # Joined by hand: `os.path.join` for each of tens of thousands of names
        # was a tenth of listing the folder.
        prefix = folder + os.sep
        found.extend(
            MessageFile(name.split(_INFO_SEPARATOR, 1)[0], prefix + name, regular)
            for name, regular in names
        )
    if not listed and error is not None:
        raise error
    # By key alone (strings compared, not tuples: half the time); keys are
    # unique but for a message in both folders or named twice with other
    # flags, and those go in the order of their paths, as a sort of the
    # whole entries puts them.
    found.sort(key=_KEY)
    keys = list(map(_KEY, found))
    if any(map(eq, keys, keys[1:])):
        found.sort()
    return found


def read_message(file: MessageFile, limit: int) -> bytes | str:
    """The message's bytes, or why it cannot be read: not a regular file (a
    FIFO, a device, a folder), over `limit` bytes, or the system's reason."""
    if file.regular:
        data = _read_small(file.path, limit)
        if data is not None:
            return data
    try:
        descriptor = os.open(file.path, _READ_ONLY)
    except OSError as error:
        return _reason(error)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > limit:
            return f"{info.st_size / 2**20:.1f} MB, over the {limit / 2**20:g} MB limit"
        # Read with the descriptor alone: a file object for each of tens of
        # thousands of messages cost a third of reading a Maildir.
        data = os.read(descriptor, info.st_size + 1)
        if len(data) > info.st_size:  # it grew since fstat(): on to a byte over the limit
            while len(data) <= limit and (more := os.read(descriptor, limit + 1 - len(data))):
                data += more
            if len(data) > limit:
                return f"over the {limit / 2**20:g} MB limit"
    except OSError as error:
        return _reason(error)
    finally:
        os.close(descriptor)
    return data


def _read_small(path: str, limit: int) -> bytes | None:
    """All of a message file the folder's listing said is a regular file, if
    one read gives it (most messages are a few kB), with no stat first (a
    quarter of a message's reading); None for anything else, to be looked at
    first. A link put in its place since the listing is not followed here:
    it is looked at as any link is, before it is read."""
    try:
        descriptor = os.open(path, _READ_ONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        data = os.read(descriptor, _ONE_READ)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if 0 < len(data) < _ONE_READ and len(data) <= limit else None


class MaildirMessages:
    """A Maildir's messages, numbered in key order. A message is read again
    from its file when its thread is read: one a mail client renamed
    meanwhile (its flags are in its name) is found again by its key."""

    def __init__(self, path: Path, files: list[MessageFile]) -> None:
        self.path = path
        self._files = files
        # Where the index's reading stops (the rest for another reader), and
        # what, called there, moves it on if the index is to read on.
        self.stop = len(files)
        self.more: Callable[[], bool] | None = None
        # The bytes of the messages the index has read (see `Batch.size`).
        self.size = 0

    def __len__(self) -> int:
        return len(self._files)

    def files_from(self, start: int) -> list[tuple[str, bool]]:
        """The files of the messages from number `start` on: each one's path,
        and whether the listing said it is a regular file."""
        return [(file.path, file.regular) for file in self._files[start:]]

    def joined_from(self, start: int) -> tuple[str, bytes]:
        """`files_from(start)` as the helper is sent it: the paths joined by
        NULs, and a byte for each one's regular flag (taken in C: a tuple a
        file cost the index 25 ms for an archive's 50,000)."""
        files = self._files[start:]
        return "\0".join(map(_PATH, files)), bytes(map(_REGULAR, files))

    def where(self, number: int) -> str:
        return f"message {self._files[number].key}"

    def read(self, numbers: Iterable[int]) -> Iterator[bytes | str]:
        renamed: dict[str, str] | None = None
        for number in numbers:
            file = self._files[number]
            data = read_message(file, limits.MAX_FILE_BYTES)
            if isinstance(data, str) and not os.path.lexists(file.path):
                if renamed is None:
                    renamed = _listed_again(self.path)
                moved = renamed.get(file.key)
                if moved is not None:
                    data = read_message(MessageFile(file.key, moved), limits.MAX_FILE_BYTES)
            yield data


def _listed_again(path: Path) -> dict[str, str]:
    """Where each message of the Maildir is now, by key (none if it cannot be listed)."""
    try:
        return {file.key: file.path for file in message_files(path)}
    except OSError:
        return {}


_KEY = attrgetter("key")
_PATH = attrgetter("path")
_REGULAR = attrgetter("regular")
# What a message file the listing said is regular is read with first: all
# of most messages (a file this size or more is looked at first).
_ONE_READ = 64 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# A FIFO opened without O_NONBLOCK waits for a writer, for ever.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_READ_ONLY = os.O_RDONLY | _NONBLOCK | _NOCTTY


def _is_dir(path: Path | str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]
