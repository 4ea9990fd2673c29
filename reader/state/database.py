"""Opening the state database: its settings, a damaged file moved aside, and a
state folder that cannot be written to."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from .ownership import APPLICATION_ID, not_ours_reason
from .schema import NewerSchema, migrate

# How long a write waits for another reader's transaction to end, in ms.
BUSY_TIMEOUT_MS = 5000
# SQLite's primary result codes for a file that is not (or no longer) a database.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
# SQLite's primary result codes for a lock held by another connection.
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
# How long opening may spend checking the database for damage inside, in s.
INTEGRITY_BUDGET_S = 0.1
# The files SQLite keeps next to the database in WAL mode.
SIDE_FILES = ("-wal", "-shm")


class StateUnavailable(Exception):
    """The state cannot be kept this session; the message says why, in one line."""


def is_damaged(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGED


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from
    the thread it is handed to. Raises `sqlite3.Error`."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL: readers never block the writer; a killed process loses only what
        # it had not committed. NORMAL sync is durable across a crash of the
        # process (not of the machine), at a fraction of FULL's cost.
        _execute_when_free(connection, "PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        # Sorts and indices in memory: never a temporary file outside the folder.
        connection.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        connection.close()
        raise
    return connection


def _execute_when_free(connection: sqlite3.Connection, statement: str) -> None:
    """Run `statement`, retrying while another connection holds the lock.

    Switching a new database to WAL takes an exclusive lock, and when two
    readers start at once SQLite may answer "database is locked" at once,
    without waiting `busy_timeout` (its way of avoiding a deadlock)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute(statement)
            return
        except sqlite3.OperationalError as error:
            code = getattr(error, "sqlite_errorcode", 0)
            if code & 0xFF not in _BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def open_database(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """Open (creating if need be) and migrate the database at `path`.

    A damaged file of reader's (its header, or inside) is moved aside as
    `state.db.corrupt-<timestamp>` (with its WAL files) and a fresh one made,
    with one warning; a file that is not reader's is never opened nor moved.
    Raises `StateUnavailable` when there can be no state this session."""
    reason = not_ours_reason(path)
    if reason is not None:
        raise StateUnavailable(f"{path} is {reason}: left as it is")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StateUnavailable(f"cannot create {path.parent}: {error.strerror}") from error
    try:
        return _open(path), []
    except _Damaged:
        warning = damaged_warning(path, move_aside(path))
    try:
        return _open(path), [warning]
    except _Damaged as error:
        raise StateUnavailable(f"cannot make a fresh {path}: {error}") from error


class _Damaged(Exception):
    pass


def _open(path: Path) -> sqlite3.Connection:
    try:
        connection = connect(path)
    except sqlite3.Error as error:
        if is_damaged(error):
            raise _Damaged(str(error)) from error
        raise StateUnavailable(f"cannot open {path}: {error}") from error
    try:
        migrate(connection)
        _claim(connection)
        check_integrity(connection)
    except NewerSchema as error:
        connection.close()
        raise StateUnavailable(f"{path} is from a newer reader ({error})") from error
    except sqlite3.Error as error:
        connection.close()
        if is_damaged(error):
            raise _Damaged(str(error)) from error
        raise StateUnavailable(f"cannot use {path}: {error}") from error
    return connection


def _claim(connection: sqlite3.Connection) -> None:
    """Mark the database as reader's (see `ownership`), once."""
    if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def check_integrity(connection: sqlite3.Connection) -> None:
    """Raise `_Damaged` if SQLite's quick check finds the database damaged
    inside (its header intact, so that it opened: every query after would
    fail with "database disk image is malformed"). The check stops unfinished
    after `INTEGRITY_BUDGET_S`: a huge database is not read in full at every
    start, and one damaged past that point is found by the query that fails."""
    deadline = time.monotonic() + INTEGRITY_BUDGET_S
    connection.set_progress_handler(lambda: time.monotonic() > deadline, 1000)
    try:
        rows = connection.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.OperationalError as error:
        if is_damaged(error):
            raise _Damaged(str(error)) from error
        if "interrupt" not in str(error):
            raise
        return  # out of time: taken as sound
    finally:
        connection.set_progress_handler(None, 0)
    if rows != [("ok",)]:
        raise _Damaged(str(rows[0][0]) if rows else "failed its integrity check")


def damaged_warning(path: Path, aside: Path) -> str:
    return f"{path} was damaged; moved it aside as {aside.name} and started afresh"


def move_aside(path: Path) -> Path:
    """Rename a damaged database and its WAL files out of the way, keeping them
    for whoever wants to look. Raises `StateUnavailable` if that fails."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    suffix = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{suffix}")
        suffix += 1
    try:
        os.replace(path, aside)
        for side in SIDE_FILES:
            # A stale WAL must never be applied to the fresh database.
            side_path = Path(f"{path}{side}")
            if side_path.exists():
                os.replace(side_path, Path(f"{aside}{side}"))
    except OSError as error:
        raise StateUnavailable(f"{path} is damaged and cannot be moved aside") from error
    return aside
