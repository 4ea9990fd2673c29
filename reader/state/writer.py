"""The state's writer thread: changes are buffered in memory by the UI thread
and written in one short transaction per batch, at least every `INTERVAL`
seconds and on close, so the UI never waits on the disk or on another reader's
transaction."""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

from .database import is_damaged

# Seconds between batches: a process killed with SIGKILL loses at most this much.
INTERVAL = 0.5
# Search history kept, most recent last.
HISTORY_LIMIT = 100


@dataclass(slots=True)
class Batch:
    """Changes not yet written. `seen` holds (article, comment) key pairs;
    `read` whole articles' keys (every comment seen), `listed` the keys of
    comments in a thread opened (there at this visit); later positions and
    settings replace earlier."""

    seen: list[tuple[int, int]] = field(default_factory=list)
    read: list[tuple[int, array[int]]] = field(default_factory=list)
    listed: list[tuple[int, array[int]]] = field(default_factory=list)
    # (feed, article) keys of a feed's items listed this session.
    items: list[tuple[int, int]] = field(default_factory=list)
    opened: set[int] = field(default_factory=set)
    positions: dict[int, tuple[int | None, float]] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.seen
            or self.read
            or self.listed
            or self.items
            or self.opened
            or self.positions
            or self.settings
            or self.queries
        )


class StateWriter:
    """Owns the write connection; `pending` is the only thing other threads touch,
    and only under `lock`."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        session: int,
        warn: Callable[[str], None],
        interval: float | None = INTERVAL,
    ) -> None:
        """Writes every `interval` seconds on a thread of its own (None: no
        thread; only `flush` and `close` write, when the caller says)."""
        self.connection = connection
        self.session = session
        self.lock = threading.Lock()
        self.pending = Batch()
        self._warn = warn
        self._failed = False
        # Writing failed on a database damaged inside (its owner sets it aside).
        self.damaged = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if interval is not None:
            self._thread = threading.Thread(
                target=self._run, args=(interval,), name="reader-state-writer", daemon=True
            )
            self._thread.start()

    def _run(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self.flush()

    def flush(self) -> None:
        """Write what is pending. A locked database (another reader's long
        transaction) keeps the batch for the next round; any other failure ends
        writing for the session, with one warning."""
        with self.lock:
            batch, self.pending = self.pending, Batch()
        if not batch or self._failed:
            return
        try:
            self._write(batch)
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF in (5, 6) and not self._stop.is_set():
                # SQLITE_BUSY, SQLITE_LOCKED: try again next round, nothing lost.
                with self.lock:
                    self.pending = _merged(batch, self.pending)
                return
            self._give_up(error)
        except sqlite3.Error as error:
            self._give_up(error)

    def _give_up(self, error: sqlite3.Error) -> None:
        self._failed = True
        self.damaged = is_damaged(error)
        if self.damaged:
            what = "is damaged (set aside when reader quits, to start afresh)"
        else:
            what = f"cannot be written ({error})"
        self._warn(f"the state database {what}; nothing more is remembered this session")

    def close(self) -> None:
        """Stop the thread, write what is left, close the connection."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.flush()
        self.connection.close()

    def _write(self, batch: Batch) -> None:
        execute, executemany = self.connection.execute, self.connection.executemany
        session = self.session
        execute("BEGIN IMMEDIATE")
        try:
            # The first visit that lists the thread's comments is `listed`.
            executemany(
                "INSERT INTO articles (key, first_session, last_session, listed) "
                "VALUES (?1, ?2, ?2, ?2) ON CONFLICT (key) DO UPDATE SET "
                "last_session = excluded.last_session, listed = coalesce(listed, excluded.listed)",
                ((key, session) for key in batch.opened),
            )
            executemany(
                "INSERT INTO articles (key, first_session, last_session, cursor, body_scroll) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "cursor = excluded.cursor, body_scroll = excluded.body_scroll",
                (
                    (key, session, session, cursor, scroll)
                    for key, (cursor, scroll) in batch.positions.items()
                ),
            )
            # There since the first session that had it; seen in the first that drew it.
            insert_listed = (
                "INSERT OR IGNORE INTO comments (article, comment, session) VALUES (?, ?, ?)"
            )
            for article, keys in batch.listed:
                executemany(insert_listed, ((article, comment, session) for comment in keys))
            insert_seen = (
                "INSERT INTO comments (article, comment, session, seen) VALUES (?1, ?2, ?3, ?3) "
                "ON CONFLICT (article, comment) DO UPDATE SET seen = coalesce(seen, excluded.seen)"
            )
            executemany(
                insert_seen, ((article, comment, session) for article, comment in batch.seen)
            )
            for article, keys in batch.read:
                executemany(insert_seen, ((article, comment, session) for comment in keys))
            executemany(
                "INSERT OR IGNORE INTO feed_items (feed, article, session) VALUES (?, ?, ?)",
                ((feed, article, session) for feed, article in batch.items),
            )
            executemany(
                "INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)",
                batch.settings.items(),
            )
            if batch.queries:
                executemany(
                    "INSERT OR REPLACE INTO history (query, used) "
                    "VALUES (?, (SELECT coalesce(max(used), 0) + 1 FROM history))",
                    ((query,) for query in batch.queries),
                )
                execute(
                    "DELETE FROM history WHERE used <= "
                    "(SELECT used FROM history ORDER BY used DESC LIMIT 1 OFFSET ?)",
                    (HISTORY_LIMIT,),
                )
            execute("COMMIT")
        except BaseException:
            if self.connection.in_transaction:
                execute("ROLLBACK")
            raise


def _merged(first: Batch, then: Batch) -> Batch:
    """`first` followed by `then`, as one batch."""
    first.seen.extend(then.seen)
    first.read.extend(then.read)
    first.listed.extend(then.listed)
    first.items.extend(then.items)
    first.opened |= then.opened
    first.positions.update(then.positions)
    first.settings.update(then.settings)
    first.queries.extend(then.queries)
    return first
