"""The state of one session: the API the UI calls.

    state = open_state(path)            # or None: no state this session
    article_state = state.prepare(article, thread)   # in the load worker
    state.mark_seen(article_state, index)            # on the UI thread: a memory append

Reads happen at open (history, theme, selected article) and in `prepare`;
every change is buffered and written by the writer thread (`writer.py`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from array import array
from collections.abc import Callable, Iterable
from contextlib import suppress
from itertools import compress, repeat
from pathlib import Path

from ..model import Article, Thread
from .article_state import NEW, READ, STUB, UNREAD, ArticleState
from .database import (
    StateUnavailable,
    connect,
    damaged_warning,
    is_damaged,
    move_aside,
    open_database,
)
from .identity import article_key, comment_keys, digest_key
from .writer import HISTORY_LIMIT, StateWriter

# Makes the state's writer from its connection, session and warning callback.
Writer = Callable[[sqlite3.Connection, int, Callable[[str], None]], StateWriter]

THEME = "theme"
SELECTED = "selected_article"
# Codes in `prepare` besides READ, UNREAD and STUB: a comment the database has
# only from this session on (another reader's, or a preview's of this one),
# and one it does not have at all.
_LATER, _UNLISTED = 4, 5
_STORED_KEYS = "SELECT key FROM articles"
# Turns both into NEW, or into UNREAD, in one C call.
_ABSENT = {
    kind: bytes([READ, NEW, UNREAD, STUB, kind, kind]) + bytes(250) for kind in (NEW, UNREAD)
}


class State:
    """The state database, open for one session. Thread-safe where it says so;
    everything else is for the UI thread."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        warnings: list[str],
        writer: Writer = StateWriter,
    ) -> None:
        self.path = path
        # The file opened: set aside at close if found damaged meanwhile, unless
        # another reader has put a fresh one in its place since.
        self._file = _file_identity(path)
        # A query found the database damaged inside (past what the check at
        # open read): it is set aside at close, so that the next start is fresh.
        self.damaged = False
        # Every problem so far, for the log (`open_state` returns the first ones).
        self.warnings = list(warnings)
        # Called with a warning that arises mid-session, from a background thread
        # (the writer, or the load worker in `prepare`).
        self.on_warning: Callable[[str], None] | None = None
        connection.execute("BEGIN IMMEDIATE")
        self.session = (
            connection.execute(
                "INSERT INTO sessions (started) VALUES (?)", (time.time(),)
            ).lastrowid
            or 0
        )
        connection.execute("COMMIT")
        self._reader = connect(path)
        self._reader_lock = threading.Lock()
        self._read_failed = False
        # The keys of the articles the database had as `prepare` first asked
        # (read then), and of those this session has written a row for.
        self._stored: set[int] | None = None
        self._written: set[int] = set()
        # Each feed's first session (None: never listed before this one), and
        # whether each of its items listed this session is new: asked once.
        self._feed_first: dict[int, int | None] = {}
        self._new_items: dict[tuple[int, int], bool] = {}
        try:
            settings = dict(self._reader.execute("SELECT name, value FROM settings").fetchall())
            history = self._reader.execute(
                "SELECT query FROM history ORDER BY used DESC LIMIT ?", (HISTORY_LIMIT,)
            ).fetchall()
        except BaseException:
            # Closed now, not when collected: by then the file may be set aside
            # and a fresh one made, whose WAL file closing this would remove.
            self._reader.close()
            raise
        # The settings the UI keeps (the theme, the panes' sizes, a sort), by name.
        self._settings: dict[str, str] = settings
        selected = settings.get(SELECTED)
        self._selected: int | None = int(selected) if selected is not None else None
        self._history = [query for (query,) in history[::-1]]
        # Where every change goes, buffered: the writer thread writes it.
        self.writer = writer(connection, self.session, self._warn)

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)

    def close(self) -> None:
        """Write everything still buffered and close. Call once, at exit. A
        database found damaged meanwhile is set aside, once closed."""
        self.writer.close()
        with self._reader_lock:
            self._reader.close()
        if (self.damaged or self.writer.damaged) and _file_identity(self.path) == self._file:
            # If it cannot be moved, the next start finds it damaged again.
            with suppress(StateUnavailable):
                move_aside(self.path)

    # Articles: thread-safe ----------------------------------------------------------

    def prepare(self, article: Article, thread: Thread) -> ArticleState:
        """The article's keys, new and unread comments and saved position.
        Thread-safe, and meant for the load worker: it hashes every comment and
        reads the article's known comments (one indexed range read)."""
        key = article_key(article)
        keys = comment_keys(key, thread)
        try:
            row, known = self._read_article(key)
        except sqlite3.Error as error:
            # The article is shown as never opened rather than the load failing.
            row, known = None, {}
            self.damaged = self.damaged or is_damaged(error)
            if not self._read_failed:
                self._read_failed = True
                self._warn(f"cannot read the state database ({error}); articles show as unread")
        opened_before = row is not None and row[0] < self.session
        # A comment the database does not have from an earlier visit is new,
        # once an earlier visit recorded the thread's comments; else unread
        # (a first visit, or an article a reader before schema 2 opened).
        listed = row[3] if row is not None and opened_before else None
        absent = NEW if listed is not None and listed < self.session else UNREAD
        # (An article the database does not have, most of an archive's: every
        # comment unlisted, without a look-up each.)
        reading = (
            bytearray(map(known.get, keys, repeat(_UNLISTED)))
            if known
            else bytearray((_UNLISTED,)) * len(keys)
        )
        if thread.stubs:
            for index, comment in enumerate(thread.comments):
                if comment.status == "more":
                    reading[index] = STUB
        unlisted = (
            array("q", compress(keys, map(_UNLISTED.__eq__, reading)))
            if known or thread.stubs
            else keys[:]
        )
        reading = reading.translate(_ABSENT[absent])
        cursor = None
        body_scroll = 0.0
        if row is not None:
            cursor = _index_of(keys, row[1])
            body_scroll = float(row[2])
        new_item = article.feed is not None and self._listed(article.feed, key)
        return ArticleState(
            key,
            keys,
            opened_before,
            reading,
            cursor,
            body_scroll,
            unlisted=unlisted,
            new_item=new_item,
        )

    def _listed(self, feed: str, article: int) -> bool:
        """Record that `feed` lists the item `article` now; whether it is new:
        the feed was listed at an earlier launch, and this item was not (on
        the first launch that lists a feed, none of its items is new)."""
        feed_key = digest_key(f"feed\0{feed}".encode("utf-8", "surrogatepass"))
        with self._reader_lock:
            known = self._new_items.get((feed_key, article))
            if known is not None:
                return known
            try:
                row = self._reader.execute(
                    "SELECT session FROM feed_items WHERE feed = ? AND article = ?",
                    (feed_key, article),
                ).fetchone()
                if feed_key not in self._feed_first:
                    (first,) = self._reader.execute(
                        "SELECT min(session) FROM feed_items WHERE feed = ?", (feed_key,)
                    ).fetchone()
                    self._feed_first[feed_key] = first
            except sqlite3.Error:
                return False  # shown as not new; `prepare` has said the database fails
            first = self._feed_first[feed_key]
            new = row is None and first is not None and first < self.session
            self._new_items[(feed_key, article)] = new
        if row is None:
            with self.writer.lock:
                self.writer.pending.items.append((feed_key, article))
        return new

    def _read_article(
        self, key: int
    ) -> tuple[tuple[int, int | None, float, int | None] | None, dict[int, int]]:
        """The article's row (first session, cursor key, body scroll, listed
        session) and what each comment the database knows was when this session
        began: READ, UNREAD, or _LATER (known only from this session on)."""
        with self._reader_lock:
            if self._stored is None:
                # One read of every article's key, not one query an article:
                # an archive lists thousands the database has never seen.
                self._stored = {stored for (stored,) in self._reader.execute(_STORED_KEYS)}
            if key not in self._stored and key not in self._written:
                return None, {}
            row = self._reader.execute(
                "SELECT first_session, cursor, body_scroll, listed FROM articles WHERE key = ?",
                (key,),
            ).fetchone()
            if row is None:
                return row, {}
            known = self._reader.execute(
                "SELECT comment, CASE WHEN session >= ?1 THEN ?2 WHEN seen < ?1 THEN ?3 "
                "ELSE ?4 END FROM comments WHERE article = ?5",
                (self.session, _LATER, READ, UNREAD, key),
            )
            return row, dict(known)

    # Changes: on the UI thread, each a memory append -----------------------------

    def opened(self, article: ArticleState) -> None:
        """The article is shown: this is a visit. Its comments are recorded as
        in the thread now (so that only later ones are new at the next launch),
        it is no longer unread, and it becomes the selected article to restore."""
        self._written.add(article.key)
        with self.writer.lock:
            self.writer.pending.opened.add(article.key)
            if article.unlisted:
                self.writer.pending.listed.append((article.key, article.unlisted))
            self.writer.pending.settings[SELECTED] = str(article.key)
        article.unlisted = array("q")
        self._selected = article.key

    def mark_seen(self, article: ArticleState, indices: Iterable[int]) -> None:
        """The comments at these display indices were on screen."""
        marked, keys, key = article.marked, article.comment_keys, article.key
        fresh = []
        for index in indices:
            if not marked[index]:
                marked[index] = 1
                fresh.append((key, keys[index]))
        if fresh:
            with self.writer.lock:
                self.writer.pending.seen.extend(fresh)

    def mark_read(self, article: ArticleState) -> None:
        """Every comment of the article seen; its new and unread marks are
        cleared now (an explicit request, unlike `mark_seen`). Stubs are not
        comments: nothing is written for them."""
        keys = article.comment_keys
        if STUB in article.reading:
            keys = array("q", compress(keys, map(STUB.__ne__, article.reading)))
        article.read_all()
        self._written.add(article.key)
        with self.writer.lock:
            self.writer.pending.opened.add(article.key)
            self.writer.pending.read.append((article.key, keys))

    def mark_all_read(self, articles: Iterable[ArticleState]) -> None:
        for article in articles:
            self.mark_read(article)

    def save_position(self, article: ArticleState, cursor: int | None, body_scroll: float) -> None:
        """Where the reader is in the article: the comment under the cursor (its
        display index; None: none) and the body's scroll offset."""
        article.cursor = cursor
        article.body_scroll = body_scroll
        key = article.comment_keys[cursor] if cursor is not None else None
        self._written.add(article.key)
        with self.writer.lock:
            self.writer.pending.positions[article.key] = (key, body_scroll)

    @property
    def selected_article(self) -> int | None:
        """The key of the article last shown (compare with `ArticleState.key`)."""
        return self._selected

    # Search history and theme ---------------------------------------------------

    @property
    def history(self) -> list[str]:
        """Past search queries, oldest first, at most 100 (from every session)."""
        return list(self._history)

    def add_history(self, query: str) -> None:
        if not query:
            return
        if query in self._history:
            self._history.remove(query)
        self._history.append(query)
        del self._history[:-HISTORY_LIMIT]
        with self.writer.lock:
            self.writer.pending.queries.append(query)

    @property
    def theme(self) -> str | None:
        """The theme last chosen, if any."""
        return self._settings.get(THEME)

    def remember_theme(self, name: str) -> None:
        self.remember(THEME, name)

    def setting(self, name: str) -> str | None:
        """What was last chosen for `name` (a choice the UI keeps), if anything."""
        return self._settings.get(name)

    def remember(self, name: str, value: str) -> None:
        """Keep `value` for `name` for the next sessions."""
        self._settings[name] = value
        with self.writer.lock:
            self.writer.pending.settings[name] = value


def _index_of(keys: array[int], key: int | None) -> int | None:
    if key is None:
        return None
    try:
        return keys.index(key)
    except ValueError:
        return None


def open_state(path: Path, writer: Writer = StateWriter) -> tuple[State | None, list[str]]:
    """The state at `path` for this session, and the warnings to show once. With
    no state possible (a read-only or full folder, a newer reader's database),
    None and a warning saying reader runs without it. `writer` makes the state's
    writer (tests: one without a thread, which writes when told)."""
    return _open_state(path, writer, set_aside=True)


def _open_state(path: Path, writer: Writer, set_aside: bool) -> tuple[State | None, list[str]]:
    """`open_state`; a database that its first reads find damaged inside (the
    check at open stops on a budget) is set aside, as a damaged header is, if
    `set_aside`, and a fresh one made."""
    try:
        connection, warnings = open_database(path)
    except StateUnavailable as error:
        return None, [f"running without saved state: {error}"]
    try:
        return State(path, connection, warnings, writer), warnings
    except sqlite3.Error as error:
        connection.close()
        if not (set_aside and not warnings and is_damaged(error)):
            return None, [*warnings, f"running without saved state: cannot use {path}: {error}"]
    try:
        aside = move_aside(path)
    except StateUnavailable as error:
        return None, [f"running without saved state: {error}"]
    state, warnings = _open_state(path, writer, set_aside=False)
    return state, [damaged_warning(path, aside), *warnings]


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino
