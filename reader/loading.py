"""The one path from the paths a reader names to articles ready for the store.

The command line and the app share it: the command line reads ahead to the
first file that holds an article (so that when no file does, it can say why
and exit before any UI starts), then the app's load worker takes every file
from there, the one read ahead first. Each file gives its articles, indexed
for the store off the UI thread, or the `LoadError` that stopped it; one bad
file never stops the others.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from .errors import LoadError
from .formats.loader import discover, load_articles
from .model import Article
from .store import DocumentStore, PreparedArticle


class Loading:
    """The files under some paths, read one at a time, in discovery order."""

    def __init__(self, paths: Iterable[Path]) -> None:
        files, problems = discover(paths)
        # Problems so far: paths that are not articles, files that failed to read ahead.
        self.problems: list[LoadError] = problems
        # Non-fatal problems (unknown YAML keys, a mail that cannot be read).
        self.warnings: list[str] = []
        self.file_count = len(files)
        self.files_done = 0
        # Bytes of the files read so far (of `byte_count`), for the load's progress.
        self.bytes_done = 0
        self._files = files
        self._pending = deque(files)
        self._read_ahead: list[Article] = []

    @cached_property
    def byte_count(self) -> int:
        """The size of all the files, measured on first use (by the load worker,
        off the UI thread: a stat per file)."""
        return sum(map(file_size, self._files))

    def read_ahead(self) -> bool:
        """Read files until one holds an article; False when none does (`problems`
        says why)."""
        while self._pending and not self._read_ahead:
            path = self._pending.popleft()
            self.files_done += 1
            self.bytes_done += file_size(path)
            try:
                self._read_ahead = load_articles(path, self.warnings)
            except LoadError as error:
                self.problems.append(error)
        return bool(self._read_ahead)

    def take_read_ahead(self, most_bytes: int) -> list[PreparedArticle]:
        """The articles read ahead, prepared for the store, when the files read
        so far are at most `most_bytes`; iterating then starts after them. Empty
        when nothing was read ahead, or when it is larger: iterating gives it."""
        if self.bytes_done > most_bytes:
            return []
        articles, self._read_ahead = self._read_ahead, []
        return [DocumentStore.prepare(article) for article in articles]

    def __iter__(self) -> Iterator[list[PreparedArticle] | LoadError]:
        """For each file still to give (the one read ahead first): its articles,
        prepared for the store, or what stopped it. Consumes the files."""
        if self._read_ahead:
            articles, self._read_ahead = self._read_ahead, []
            yield [DocumentStore.prepare(article) for article in articles]
        while self._pending:
            path = self._pending.popleft()
            try:
                articles = load_articles(path, self.warnings)
            except LoadError as error:
                self._done(path)
                yield error
                continue
            prepared = [DocumentStore.prepare(article) for article in articles]
            self._done(path)
            yield prepared

    def _done(self, path: Path) -> None:
        self.files_done += 1
        self.bytes_done += file_size(path)


def file_size(path: Path) -> int:
    """Bytes in the file (a Maildir: in its messages); 0 when it cannot be read,
    which loading it will report."""
    try:
        if not path.is_dir():
            return path.stat().st_size
        return sum(
            entry.stat().st_size
            for folder in ("cur", "new")
            for entry in (path / folder).iterdir()
            if entry.is_file()
        )
    except OSError:
        return 0
