"""Finding article files and loading them, whatever is wrong with them.

Everything that can go wrong with one file becomes a `LoadError` naming it;
nothing here stops at a bad file or lets an exception escape. Files are only
ever opened for reading: most once, a big one for its first bytes and again
for the rest (an mbox: in chunks, and again for a thread's messages).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import LoadError
from ..model import Article
from . import limits
from .batch import Batch
from .mail.maildir import is_maildir
from .registry import FORMATS, SUFFIXES, Format, detect, is_article_name, suffix_list
from .sample import CUT_AS_TAKEN_SUFFIXES, SEED_TEXT_SUFFIXES, NotThisFormat, Sample
from .scrub import scrub_articles

EXTENSIONS = SUFFIXES

_MB = 1024 * 1024
# Enough of a file's start to tell a mailbox or JSON from other text.
_SNIFF_BYTES = 4096
# What is read of a file before its format is known: all of most files.
_SAMPLE_BYTES = 64 * 1024
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Its sniffer imports the mail parsers only for a file that starts like a mailbox.
_MBOX = next(entry for entry in FORMATS if entry.name == "mbox")
# Formats whose text may hold a lone surrogate whatever the bytes: the email
# package keeps a header's undecodable bytes as surrogates.
_RAW_BYTES_FORMATS = frozenset(("mbox", "maildir"))
# Its sniffer imports the feed reader only for a file that starts with `<`.
_FEED = next(entry for entry in FORMATS if entry.name == "feed")


def bundled_seeds() -> Path:
    """The sample articles shipped with reader.

    A wheel carries them inside the package (`reader/seeds`); a source checkout
    or editable install has them at the top of the repository.
    """
    packaged = _PACKAGE_DIR / "seeds"
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent / "seeds"
    return checkout if checkout.is_dir() else packaged


def _has_known_content(path: Path) -> bool:
    """Whether a file with an unknown suffix starts like a format reader
    detects by content (a mailbox, JSON, a feed)."""
    try:
        with open(path, "rb", opener=open_read_only) as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return True  # let loading report what is wrong with it
    sample = Sample(path, head)
    return _MBOX.sniff(sample) or head.lstrip()[:1] in (b"{", b"[") or _FEED.sniff(sample)


def find_files(paths: Iterable[Path]) -> Iterator[Path | LoadError]:
    """The article files named by `paths`, and what is wrong with the rest, as
    they are found: a caller that needs only the first file walks no further.

    Named files must have an article extension or content detected as a
    format (a mailbox, JSON); a Maildir is one entry. Directories are walked to
    any depth in name order, skipping hidden entries and files of other types;
    symbolic links are followed, but a directory already walked (a link loop)
    is not entered again, and a file reached twice is given once.
    """
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for path in paths:
        try:
            info = path.stat()
        except OSError as error:
            yield _os_error(path, error)
            continue
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in seen_dirs:
                continue  # named twice, or inside a directory named before
            seen_dirs.add((info.st_dev, info.st_ino))
            if is_maildir(path):
                if _first_time((info.st_dev, info.st_ino), seen_files):
                    yield path
                continue
            found = False
            for item in _walk(path, info.st_dev, seen_files, seen_dirs):
                # (a problem found says enough: `locked: permission denied`)
                found = True
                yield item
            if not found:
                yield LoadError(path, f"no {suffix_list()} files found")
        elif not stat.S_ISREG(info.st_mode):
            yield LoadError(path, "not a regular file")
        elif not is_article_name(path.name) and not _has_known_content(path):
            yield LoadError(path, f"not a {suffix_list()} file")
        elif _first_time((info.st_dev, info.st_ino), seen_files):
            yield path


def _first_time(key: tuple[int, int], seen: set[tuple[int, int]]) -> bool:
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(
    top: Path, device: int, seen_files: set[tuple[int, int]], seen_dirs: set[tuple[int, int]]
) -> Iterator[Path | LoadError]:
    """Depth-first, in name order, with an explicit stack of directory listings.

    A plain file is known by its directory entry (its type and inode come with
    the listing): only links and directories cost a `stat`, so a folder of
    10,000 articles is walked without 10,000 system calls.
    """
    stack: list[tuple[Path, int, Iterator[os.DirEntry[str]]]] = []
    listing = _listing(top)
    if isinstance(listing, LoadError):
        yield listing
        return
    stack.append((top, device, iter(listing)))
    while stack:
        directory, device, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if not entry.is_symlink() and entry.is_file(follow_symlinks=False):
            if is_article_name(entry.name) and _first_time((device, entry.inode()), seen_files):
                yield directory / entry.name
            continue
        path = directory / entry.name
        try:
            info = path.stat()
        except OSError as error:
            # A dangling link matters only if it looks like an article.
            if is_article_name(entry.name):
                yield _os_error(path, error)
            continue
        key = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            if key not in seen_dirs:
                seen_dirs.add(key)
                if is_maildir(path):
                    if _first_time(key, seen_files):
                        yield path
                    continue
                listing = _listing(path)
                if isinstance(listing, LoadError):
                    yield listing
                else:
                    stack.append((path, info.st_dev, iter(listing)))
        elif (
            stat.S_ISREG(info.st_mode)
            and is_article_name(entry.name)
            and _first_time(key, seen_files)
        ):
            yield path


def _listing(directory: Path) -> list[os.DirEntry[str]] | LoadError:
    """The directory's entries but hidden ones, in name order."""
    try:
        with os.scandir(directory) as entries:
            listing = [entry for entry in entries if not entry.name.startswith(".")]
    except OSError as error:
        return _os_error(directory, error)
    listing.sort(key=lambda entry: entry.name)
    return listing


def _may_hold_surrogates(found: Format, sample: Sample) -> bool:
    """Whether the articles `found` reads from `sample` may hold a lone
    surrogate to scrub: asked before the parse, which may free the bytes
    the sample's answer is read from."""
    return found.name in _RAW_BYTES_FORMATS or sample.may_hold_surrogates


def load_batches(
    path: Path, warnings: list[str] | None = None, parsed: Any = None, in_full: bool = False
) -> Iterator[Batch]:
    """Every article in one file or Maildir (a mailbox holds one per thread), in
    the batches its format gives them (most formats: one); raises LoadError
    for anything that stops the whole file, before the first batch or, for a
    file read in batches, after some.

    `parsed`: the JSON the file holds, when the caller has it already (a
    document fetched from the web, parsed to check it): not parsed again.
    `in_full`: every article will be read in full at once (`load_articles`):
    a mailbox reads each message once, not its head to list it and then all
    of it to read its thread.

    Non-fatal problems (unknown YAML keys, a mail that cannot be read) are
    appended to `warnings`.
    """
    found: Format | None = None
    try:
        sample = read_sample(path)
        if parsed is not None:
            sample.take_json(parsed)
        sample.in_full = in_full
        found = detect(sample)
        scrubbing = _may_hold_surrogates(found, sample)
        try:
            batches = found.parse(sample, warnings)
        except NotThisFormat:
            found = detect(sample)
            scrubbing = _may_hold_surrogates(found, sample)
            batches = found.parse(sample, warnings)
        for batch in batches:
            if scrubbing:
                scrub_articles(batch.articles)
            for article in batch.articles:
                article.path = path
            yield batch
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(path, "nested too deeply to parse") from None
    except MemoryError:
        raise LoadError(path, "out of memory while parsing") from None
    except Exception:
        # A parser bug (or a shape no check foresaw) must not take the reader
        # down with a traceback, nor show Python's words for it as the reason.
        what = f" as {found.label}" if found is not None else ""
        raise LoadError(path, f"could not parse{what}: unexpected content") from None


def load_articles(path: Path, warnings: list[str] | None = None) -> list[Article]:
    """Every article of `load_batches`, at once and in full (for `reader
    dump`): a preview's are given again by the batch after it, and an
    article listed before its text was read (a mailbox's thread) is read."""
    return [
        full
        for batch in load_batches(path, warnings, in_full=True)
        if not batch.preview
        for article in batch.articles
        if (full := read_in_full(article, path)) is not None
    ]


def read_in_full(article: Article, path: Path) -> Article | None:
    """`article` with its text: read now if it was listed before its text was
    read (None if none of it can be read any more: the format's warnings
    say why); LoadError if reading it fails."""
    if article.deferred is None:
        return article
    try:
        full = article.deferred.read()
    except Exception:  # a parser bug must not take the reader down
        raise LoadError(path, "could not read a thread: unexpected content") from None
    if full is not None:
        full.path = path
    return full


def read_sample(path: Path) -> Sample:
    """The file (or Maildir) at `path`, read: all of a small file or of seed
    text (which its parser needs whole), the first bytes of another big one
    and the rest when a parser asks for it (an mbox's reads the file itself,
    in chunks, and never whole)."""
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            if not is_maildir(path):
                raise LoadError(path, "is a directory")
            return Sample(path, None)
    except OSError as error:
        raise _os_error(path, error) from None
    if path.suffix.lower() in SEED_TEXT_SUFFIXES:
        data = read_file(path)
        _check_empty(path, data)
        return Sample(path, data)
    head = read_file(path, _SAMPLE_BYTES)
    if len(head) <= _SAMPLE_BYTES:
        _check_empty(path, head)
        return Sample(path, head)
    if head.isspace():
        _check_empty(path, read_file(path))
    return Sample(path, head[:_SAMPLE_BYTES], lambda: read_file(path))


def read_file(path: Path, most: int | None = None) -> bytes | bytearray:
    """The file's bytes (at most `most`, and a byte more if it holds more).
    Opened first and checked as opened, so that the type and size checks
    apply to the very file that is read."""
    try:
        with open(path, "rb", opener=open_read_only) as file:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise LoadError(path, "is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(path, "not a regular file")
            _check_size(path, info.st_size)
            limit = limits.MAX_FILE_BYTES if most is None else min(most, limits.MAX_FILE_BYTES)
            # Its size and a byte more: a read of the limit would allocate the
            # limit (256 MB, 4 ms), whatever the file holds. Seed text and JSON
            # into a bytearray, which their parsers free as they go (see `Sample`).
            wanted = min(info.st_size, limit) + 1
            data: bytes | bytearray
            if most is None and path.suffix.lower() in CUT_AS_TAKEN_SUFFIXES:
                data = _read_into(file, wanted)
            else:
                data = file.read(wanted)
            if len(data) == wanted and len(data) <= limit:
                # It grew since fstat(): on to a byte over the limit.
                data += file.read(limit + 1 - len(data))
    except OSError as error:
        raise _os_error(path, error) from None
    _check_size(path, len(data))
    return data


def _check_empty(path: Path, data: bytes | bytearray) -> None:
    # (`isspace` stops at the first other byte; `strip` would copy the file)
    if not data or data.isspace():
        raise LoadError(path, "empty file")


def _read_into(file: BinaryIO, size: int) -> bytearray:
    """Up to `size` bytes of `file`, read into a bytearray of that size (one
    allocation, no copy), cut to what was read."""
    data = bytearray(size)
    with memoryview(data) as view:
        read = 0
        while read < size:
            count = file.readinto(view[read:])
            if not count:
                break
            read += count
    del data[read:]
    return data


def open_read_only(path: str, flags: int) -> int:
    """`os.open` that cannot hang: a FIFO would otherwise block until a writer
    came along (O_NONBLOCK changes nothing for regular files)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _check_size(path: Path, size: int) -> None:
    if size > limits.MAX_FILE_BYTES:
        limit = f"{limits.MAX_FILE_BYTES / _MB:g} MB"
        raise LoadError(path, f"file is {size / _MB:.1f} MB, over the {limit} limit for an article")


def _os_error(path: Path, error: OSError) -> LoadError:
    """`no such file or directory`, `permission denied`, ... for `path`."""
    reason = error.strerror or str(error)
    return LoadError(path, reason[:1].lower() + reason[1:])
