"""Finding article files and loading them, whatever is wrong with them.

Everything that can go wrong with one file becomes a `LoadError` naming it;
nothing here stops at a bad file or lets an exception escape. Files are only
ever opened for reading, once each.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..bulk import bulk_loading
from ..errors import LoadError
from ..model import Article
from ..store import DocumentStore
from .seedtext import parse_seed_lines, split_lines
from .yamlfmt import parse_yaml

MAX_FILE_BYTES = 256 * 1024 * 1024
EXTENSIONS = (".txt", ".yaml", ".yml")

_MB = 1024 * 1024
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)
_NOT_TEXT = "not UTF-8 text (binary file?)"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


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


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[LoadError]]:
    """The article files named by `paths`, and what was wrong with the rest.

    Named files must have an article extension. Directories are walked to any
    depth in name order, skipping hidden entries and files of other types;
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
            before = len(files)
            _walk(path, info, add_file, seen_dirs, errors)
            if len(files) == before:
                errors.append(LoadError(path, "no .txt, .yaml or .yml files found"))
        elif not stat.S_ISREG(info.st_mode):
            errors.append(LoadError(path, "not a regular file"))
        elif not is_article_name(path):
            errors.append(LoadError(path, "not a .txt, .yaml or .yml file"))
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


def load_file(path: Path, warnings: list[str] | None = None) -> Article:
    """The article in one file; raises LoadError for anything that goes wrong.

    Non-fatal problems (unknown YAML keys) are appended to `warnings`.
    """
    try:
        if path.suffix.lower() == ".txt":
            # No name for the text: it is freed once split, before the parse.
            article = parse_seed_lines(split_lines(_read_text(path)), path)
        else:
            article = parse_yaml(_read_text(path), path, warnings)
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(path, "nested too deeply to parse") from None
    except MemoryError:
        raise LoadError(path, "out of memory while parsing") from None
    except Exception as error:
        # A parser bug must not take the reader down with a traceback.
        raise LoadError(path, f"could not parse: {type(error).__name__}: {error}") from None
    article.path = path
    return article


def _read_text(path: Path) -> str:
    try:
        # Open first and check what was opened, so that the type and size
        # checks apply to the very file that is read.
        with open(path, "rb", opener=_open_read_only) as file:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise LoadError(path, "is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(path, "not a regular file")
            if not is_article_name(path):
                raise LoadError(path, "not a .txt, .yaml or .yml file")
            _check_size(path, info.st_size)
            # One byte more than allowed, in case the file grew since fstat().
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise _os_error(path, error) from None
    _check_size(path, len(data))
    return _decode(data, path)


def _open_read_only(path: str, flags: int) -> int:
    """`os.open` that cannot hang: a FIFO would otherwise block until a writer
    came along (O_NONBLOCK changes nothing for regular files)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _check_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES / _MB:g} MB"
        raise LoadError(path, f"file is {size / _MB:.1f} MB, over the {limit} limit for an article")


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (BOM optional), or UTF-16/32 when a BOM says so; never binary."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding.startswith("utf-8"):
            raise LoadError(path, _NOT_TEXT, data.count(b"\n", 0, error.start) + 1) from None
        raise LoadError(path, f"not valid {encoding.upper()} text") from None
    # NUL is valid UTF-8 but no text file has one: it is a binary file.
    nul = text.find("\0")
    if nul >= 0:
        raise LoadError(path, _NOT_TEXT, text.count("\n", 0, nul) + 1)
    if not text.strip():
        raise LoadError(path, "empty file")
    return text


def _os_error(path: Path, error: OSError) -> LoadError:
    """`no such file or directory`, `permission denied`, ... for `path`."""
    reason = error.strerror or str(error)
    return LoadError(path, reason[:1].lower() + reason[1:])


def load_all(
    paths: Iterable[Path], warnings: list[str] | None = None
) -> Iterator[Article | LoadError]:
    """Every article under `paths`, or the error that stopped it, in discovery
    order; problems with the paths themselves come first."""
    files, errors = discover(paths)
    yield from errors
    for path in files:
        try:
            yield load_file(path, warnings)
        except LoadError as error:
            yield error


def load_store(
    paths: Iterable[Path], warnings: list[str] | None = None
) -> tuple[DocumentStore, list[LoadError]]:
    """A store of every article that loads, each under its file name's stem."""
    store = DocumentStore()
    errors: list[LoadError] = []
    with bulk_loading():
        for result in load_all(paths, warnings):
            if isinstance(result, LoadError):
                errors.append(result)
            else:
                assert result.path is not None
                store.add(result, result.path.stem)
    return store, errors
