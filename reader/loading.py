"""The one path from the paths a reader names to articles ready for the store.

The command line and the app share it: the command line reads ahead to the
first file that holds an article, and only to its first batch (so that when
no file does, it can say why and exit before any UI starts, and a big
mailbox is not read in full first), then the app's load worker takes the
rest from there, the batch read ahead first. Each file gives its articles in
one or more batches (a mailbox: its threads as they are read), prepared for
the store off the UI thread (indexed, and with their state when there is
one), or the `LoadError` that stopped it (for a file
read in batches, possibly after some); one bad file never stops the others.

A URL among the paths is fetched (or read from the cache) and its file read
like the others (`reader.web`), in its turn: the URLs after the one read ahead
are fetched a few at once ahead of their turn (`reader.web.ahead`), from when
the worker moves on from the file read ahead (whose later steps, a Hacker News
thread's reply order, are the article on screen: they go first, alone).

The batch read ahead may be a preview (a big mailbox's first thread, from its
first messages: see `Batch`); the file's next batch then says it takes the
preview's place. A file's preview is of use only for the first frame: the
batches of the files read after it give none.
"""

from __future__ import annotations

import os
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import LoadError
from .formats.batch import Batch
from .formats.loader import find_files, load_batches
from .formats.mail.maildir import SUBFOLDERS
from .model import Article
from .prepared import PreparedArticle, PreparedBatch, prepare

if TYPE_CHECKING:
    from .state import State
    from .web.ahead import FetchAhead
    from .web.session import WebSession


class Loading:
    """The files under some paths, and the documents of some URLs, read one at
    a time, in discovery order (the URLs fetched a few at once, ahead)."""

    def __init__(
        self,
        paths: Iterable[Path | str],
        rejected: Iterable[LoadError] = (),
        web: WebSession | None = None,
        fetch_at_once: int | None = None,
    ) -> None:
        """`paths` may hold URLs (strings), fetched through `web`, at most
        `fetch_at_once` at a time (None: `ahead.AT_ONCE`); `rejected`: what
        was named but cannot be read, reported first."""
        names = list(paths)
        # The walk of `paths`, taken as far as the files read need: the first
        # frame waits only for the first file, not for a walk of 10,000.
        self._found = _locations(names)
        self._web = web
        self._ahead = None if web is None else _fetch_ahead(web, names, fetch_at_once)
        self._walked = False
        # Problems so far: paths that are not articles, files that failed to read ahead.
        self.problems: list[LoadError] = list(rejected)
        # Non-fatal problems (unknown YAML keys, a mail that cannot be read).
        self.warnings: list[str] = []
        self.files_done = 0
        # Bytes of the files read so far (of `byte_count`), for the load's progress;
        # of a file read in batches, the part its batches so far have read.
        self.bytes_done = 0
        # Each file found, with its size (a stat, or a Maildir's listing), taken
        # once: for the total and as the file is read.
        self._sizes: dict[Path | str, int] = {}
        # Found and not read yet: files, URLs, and the problems found among them.
        self._pending: deque[Path | str | LoadError] = deque()
        # The file being read: its batches still to come, its size, and the
        # bytes of the files read before it.
        self._batches: Iterator[Batch] | None = None
        self._file: Path | str = ""
        self._size: int | None = 0
        self._bytes_before = 0
        self._read_ahead: list[Article] = []
        # How many articles of the file being read were a preview, given and
        # not yet replaced: its next batch takes their place.
        self._preview_given = 0
        # The memory between sessions each article's state is read from (None:
        # none this session); set by the app before the articles are taken.
        self.state: State | None = None

    @property
    def web(self) -> WebSession | None:
        """The session URLs are fetched through (None: no URL was named)."""
        return self._web

    @property
    def file_count(self) -> int | None:
        """How many files there are; None until the walk has found them all."""
        return len(self._sizes) if self._walked else None

    @cached_property
    def byte_count(self) -> int:
        """The size of all the files, measured on first use (by the load worker,
        off the UI thread: the rest of the walk, and a stat per file)."""
        for found in self._found:
            self._pending.append(self._note(found))
        self._walked = True
        return sum(map(self._size_of, self._sizes))

    def read_ahead(self) -> bool:
        """Read up to the first batch of articles; False when no file holds one
        (`problems` says why)."""
        while not self._read_ahead:
            result = self._next(previews=True)
            if result is None:
                return False
            if isinstance(result, LoadError):
                self.problems.append(result)
            else:
                self._read_ahead = result[0]
        return True

    def take_read_ahead(self, most_bytes: int) -> list[PreparedArticle]:
        """The articles read ahead, prepared for the store, when the files read
        so far are at most `most_bytes`; iterating then starts after them. Empty
        when nothing was read ahead, or when it is larger: iterating gives it."""
        if self.bytes_done > most_bytes:
            return []
        return self._prepared_read_ahead().articles

    def __iter__(self) -> Iterator[PreparedBatch | LoadError]:
        """Each batch of articles still to give (the one read ahead first),
        prepared for the store, or what stopped a file. Consumes the files."""
        if self._read_ahead:
            yield self._prepared_read_ahead()
        while (result := self._next()) is not None:
            if isinstance(result, LoadError):
                yield result
            else:
                articles, replacing = result
                yield PreparedBatch(self._prepared(articles), replacing)

    def _prepared_read_ahead(self) -> PreparedBatch:
        articles, self._read_ahead = self._read_ahead, []
        return PreparedBatch(self._prepared(articles))

    def _prepared(self, articles: list[Article]) -> list[PreparedArticle]:
        state = self.state
        return [prepare(article, state) for article in articles]

    def _next(self, previews: bool = False) -> tuple[list[Article], int] | LoadError | None:
        """The next batch of the file being read, else of the next file, with
        how many articles given before it (a preview) it takes the place of;
        the error that stopped a file, or a problem the walk found; None when
        every file is read. A preview is given only when `previews` (reading
        ahead)."""
        while True:
            if self._batches is None:
                if not previews and self._ahead is not None:
                    self._ahead.start()
                found = self._pending.popleft() if self._pending else self._walk_on()
                if found is None:
                    return None
                if isinstance(found, LoadError):
                    return found
                if isinstance(found, str):
                    self._batches, self._size = self._url_batches(found, previews), 0
                else:
                    self._batches = load_batches(found, self.warnings)
                    self._file = found
                    # (A Maildir's size is a stat of each message: taken when
                    # wanted, not before its preview is on screen.)
                    self._size = (
                        None
                        if self._sizes[found] < 0 and found.is_dir()
                        else (self._size_of(found))
                    )
            try:
                batch = next(self._batches)
            except StopIteration:
                self._file_done()
                continue
            except LoadError as error:
                self._file_done()
                return error
            if batch.size is not None and self._sizes.get(self._file, 0) < 0:
                # Counted by its format as it read it (a Maildir): no stat of each file.
                self._sizes[self._file] = batch.size
                self._size = batch.size
            replacing, self._preview_given = self._preview_given, 0
            if batch.preview and previews:
                self._preview_given = len(batch.articles)
            if batch.read >= 1:  # the file's last batch: it counts as read with it
                self._file_done()
            elif self._size is not None or not previews:
                self.bytes_done = self._bytes_before + round(self._file_size() * batch.read)
            if batch.preview and not previews:
                continue
            return batch.articles, replacing

    def _url_batches(self, url: str, previews: bool) -> Iterator[Batch]:
        if self._ahead is None:
            raise LoadError(url, "URLs are not read here")
        from .web.batches import url_batches  # here: reading files needs no web

        # A preview not wanted is not even read (a Hacker News thread's first step).
        yield from url_batches(self._ahead, url, self.warnings, previews)

    def _walk_on(self) -> Path | str | LoadError | None:
        """The next file or problem the walk finds; None once it has ended."""
        found = next(self._found, None)
        if found is None:
            self._walked = True
            return None
        return self._note(found)

    def _note(self, found: Path | str | LoadError) -> Path | str | LoadError:
        if isinstance(found, Path):
            self._sizes[found] = -1  # not measured yet
        elif isinstance(found, str):
            self._sizes[found] = 0  # a URL: its size is not known before it is fetched
        return found

    def _size_of(self, path: Path | str) -> int:
        size = self._sizes[path]
        if size < 0:
            size = self._sizes[path] = file_size(Path(path))
        return size

    def _file_size(self) -> int:
        """The size of the file being read (measured now, if not yet)."""
        if self._size is None:
            self._size = self._size_of(self._file)
        return self._size

    def _file_done(self) -> None:
        # A preview its file never gave again (it stopped) stays: it was read.
        self._preview_given = 0
        self._batches = None
        self.files_done += 1
        self._bytes_before += self._file_size()
        self.bytes_done = self._bytes_before


def _fetch_ahead(web: WebSession, names: list[Path | str], at_once: int | None) -> FetchAhead:
    from .web.ahead import AT_ONCE, FetchAhead  # here: reading files needs no web

    urls = [name for name in names if isinstance(name, str)]
    return FetchAhead(web, urls, AT_ONCE if at_once is None else at_once)


def _locations(names: Iterable[Path | str]) -> Iterator[Path | str | LoadError]:
    """The files under the paths of `names` and its URLs, in their order (files
    named twice within a run of paths are given once)."""
    for urls, run in groupby(names, key=lambda name: isinstance(name, str)):
        if urls:
            yield from run
        else:
            yield from find_files(run)  # type: ignore[arg-type]


def file_size(path: Path) -> int:
    """Bytes in the file (a Maildir: in its messages that are regular files);
    0 when it cannot be read, which loading it will report."""
    try:
        info = os.stat(path)
    except OSError:
        return 0
    if not stat.S_ISDIR(info.st_mode):
        return info.st_size
    return sum(_messages_size(os.path.join(path, folder)) for folder in SUBFOLDERS)


def _messages_size(folder: str) -> int:
    """Bytes in a Maildir folder's messages (its listing's entries: no path
    made for each of tens of thousands)."""
    size = 0
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_file(follow_symlinks=True):
                        size += entry.stat().st_size
                except OSError:
                    continue
    except OSError:
        return 0
    return size
