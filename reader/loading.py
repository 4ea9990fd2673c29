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
        self._pending = deque(files)
        self._read_ahead: list[Article] = []

    def read_ahead(self) -> bool:
        """Read files until one holds an article; False when none does (`problems`
        says why)."""
        while self._pending and not self._read_ahead:
            path = self._pending.popleft()
            self.files_done += 1
            try:
                self._read_ahead = load_articles(path, self.warnings)
            except LoadError as error:
                self.problems.append(error)
        return bool(self._read_ahead)

    def __iter__(self) -> Iterator[list[PreparedArticle] | LoadError]:
        """For each file still to give (the one read ahead first): its articles,
        prepared for the store, or what stopped it. Consumes the files."""
        if self._read_ahead:
            articles, self._read_ahead = self._read_ahead, []
            yield [DocumentStore.prepare(article) for article in articles]
        while self._pending:
            path = self._pending.popleft()
            self.files_done += 1
            try:
                articles = load_articles(path, self.warnings)
            except LoadError as error:
                yield error
                continue
            yield [DocumentStore.prepare(article) for article in articles]
