"""Finding article files and loading them, whatever is wrong with them.

Everything that can go wrong with one file becomes a `LoadError` naming it;
nothing here stops at a bad file or lets an exception escape. Files are only
ever opened for reading, once each.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import LoadError
from ..model import Article
from .batch import Batch
from .registry import FORMATS, SUFFIXES, detect, suffix_list
from .sample import Sample

MAX_FILE_BYTES = 256 * 1024 * 1024
EXTENSIONS = SUFFIXES

_MB = 1024 * 1024
# Enough of a file's start to tell a mailbox or JSON from other text.
_SNIFF_BYTES = 4096
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Its sniffer imports the mail parsers only for a file that starts like a mailbox.
_MBOX = next(entry for entry in FORMATS if entry.name == "mbox")


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


def is_article_name(path: Path) -> bool:
    """Whether the file name has an article extension, in any letter case."""
    return path.suffix.lower() in EXTENSIONS


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _has_known_content(path: Path) -> bool:
    """Whether a file with an unknown suffix starts like a format reader
    detects by content (a mailbox, JSON)."""
    try:
        with open(path, "rb", opener=_open_read_only) as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return True  # let loading report what is wrong with it
    sample = Sample(path, head)
    return _MBOX.sniff(sample) or head.lstrip()[:1] in (b"{", b"[")


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[LoadError]]:
    """The article files named by `paths`, and what was wrong with the rest.

    Named files must have an article extension or content detected as a
    format (a mailbox, JSON); a Maildir is one entry. Directories are walked to
    any depth in name order, skipping hidden entries and files of other types;
    symbolic links are followed, but a directory already walked (a link loop)
    is not entered again, and a file reached twice is listed once.
    """
    files: list[Path] = []
    errors: list[LoadError] = []
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def add_file(path: Path, info: os.stat_result) -> None:
        key = (info.st_dev, info.st_ino)
        if key not in seen_files:
            seen_files.add(key)
            files.append(path)

    for path in paths:
        try:
            info = path.stat()
        except OSError as error:
            errors.append(_os_error(path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in seen_dirs:
                continue  # named twice, or inside a directory named before
            if is_maildir(path):
                seen_dirs.add((info.st_dev, info.st_ino))
                add_file(path, info)
                continue
            before = len(files)
            _walk(path, info, add_file, seen_dirs, errors)
            if len(files) == before:
                errors.append(LoadError(path, f"no {suffix_list()} files found"))
        elif not stat.S_ISREG(info.st_mode):
            errors.append(LoadError(path, "not a regular file"))
        elif not is_article_name(path) and not _has_known_content(path):
            errors.append(LoadError(path, f"not a {suffix_list()} file"))
        else:
            add_file(path, info)
    return files, errors


def _walk(
    top: Path,
    top_info: os.stat_result,
    add_file: Callable[[Path, os.stat_result], None],
    seen_dirs: set[tuple[int, int]],
    errors: list[LoadError],
) -> None:
    """Depth-first, in name order, with an explicit stack of directory listings."""
    seen_dirs.add((top_info.st_dev, top_info.st_ino))
    stack: list[Iterator[Path]] = [iter(_listing(top, errors))]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        try:
            info = path.stat()
        except OSError as error:
            # A dangling link matters only if it looks like an article.
            if is_article_name(path):
                errors.append(_os_error(path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key not in seen_dirs:
                seen_dirs.add(key)
                if is_maildir(path):
                    add_file(path, info)
                else:
                    stack.append(iter(_listing(path, errors)))
        elif stat.S_ISREG(info.st_mode) and is_article_name(path):
            add_file(path, info)


def _listing(directory: Path, errors: list[LoadError]) -> list[Path]:
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as error:
        errors.append(_os_error(directory, error))
        return []
    return [directory / name for name in names]


def load_batches(path: Path, warnings: list[str] | None = None) -> Iterator[Batch]:
    """Every article in one file or Maildir (a mailbox holds one per thread), in
    the batches its format gives them (most formats: one); raises LoadError
    for anything that stops the whole file, before the first batch or, for a
    file read in batches, after some.

    Non-fatal problems (unknown YAML keys, a mail that cannot be read) are
    appended to `warnings`.
    """
    try:
        sample = _read_sample(path)
        for batch in detect(sample).parse(sample, warnings):
            for article in batch.articles:
                article.path = path
            yield batch
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(path, "nested too deeply to parse") from None
    except MemoryError:
        raise LoadError(path, "out of memory while parsing") from None
    except Exception as error:
        # A parser bug must not take the reader down with a traceback.
        raise LoadError(path, f"could not parse: {type(error).__name__}: {error}") from None


def load_articles(path: Path, warnings: list[str] | None = None) -> list[Article]:
    """Every article of `load_batches`, at once (for `reader dump`)."""
    return [article for batch in load_batches(path, warnings) for article in batch.articles]


def _read_sample(path: Path) -> Sample:
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            if not is_maildir(path):
                raise LoadError(path, "is a directory")
            return Sample(path, None)
        # Open first and check what was opened, so that the type and size
        # checks apply to the very file that is read.
        with open(path, "rb", opener=_open_read_only) as file:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise LoadError(path, "is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(path, "not a regular file")
            _check_size(path, info.st_size)
            # One byte more than allowed, in case the file grew since fstat().
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise _os_error(path, error) from None
    _check_size(path, len(data))
    if not data.strip():
        raise LoadError(path, "empty file")
    return Sample(path, data)


def _open_read_only(path: str, flags: int) -> int:
    """`os.open` that cannot hang: a FIFO would otherwise block until a writer
    came along (O_NONBLOCK changes nothing for regular files)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _check_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES / _MB:g} MB"
        raise LoadError(path, f"file is {size / _MB:.1f} MB, over the {limit} limit for an article")


def _os_error(path: Path, error: OSError) -> LoadError:
    """`no such file or directory`, `permission denied`, ... for `path`."""
    reason = error.strerror or str(error)
    return LoadError(path, reason[:1].lower() + reason[1:])
