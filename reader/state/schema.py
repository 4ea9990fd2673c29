"""The state database's tables, and the migrations that build them.

`PRAGMA user_version` is the number of migrations applied. A release that
changes the schema appends a migration; one is never edited once released.
"""

from __future__ import annotations

import sqlite3

# Each migration is a list of statements, run in one transaction.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: sessions, articles, seen comments, search history, settings.
    (
        """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started REAL NOT NULL
    )""",
        # One row per article ever opened. `cursor` is the key of the comment
        # under the cursor, `body_scroll` the body's scroll offset in lines.
        """CREATE TABLE articles (
        key INTEGER PRIMARY KEY,
        first_session INTEGER NOT NULL,
        last_session INTEGER NOT NULL,
        cursor INTEGER,
        body_scroll REAL NOT NULL DEFAULT 0
    )""",
        # Every comment seen, with the session that first saw it. WITHOUT
        # ROWID: the primary key is the table, some 30 bytes a row.
        """CREATE TABLE seen (
        article INTEGER NOT NULL,
        comment INTEGER NOT NULL,
        session INTEGER NOT NULL,
        PRIMARY KEY (article, comment)
    ) WITHOUT ROWID""",
        """CREATE TABLE history (
        query TEXT PRIMARY KEY,
        used INTEGER NOT NULL
    )""",
        """CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    ),
    # 2: which comments were in the thread at each visit, not only which were
    # seen, so that "new" means arrived since the last visit.
    (
        # The session whose visit first recorded the thread's comments (NULL:
        # none has; an article opened only by a reader before this migration).
        "ALTER TABLE articles ADD COLUMN listed INTEGER",
        # Every comment known to be in the thread: `session` is the first
        # session that had it there, `seen` the first that drew it on screen
        # (NULL: never). WITHOUT ROWID, as `seen` was: some 30 bytes a row.
        """CREATE TABLE comments (
        article INTEGER NOT NULL,
        comment INTEGER NOT NULL,
        session INTEGER NOT NULL,
        seen INTEGER,
        PRIMARY KEY (article, comment)
    ) WITHOUT ROWID""",
        # A comment seen was there at that visit, and seen then.
        "INSERT INTO comments (article, comment, session, seen) "
        "SELECT article, comment, session, session FROM seen",
        "DROP TABLE seen",
    ),
    # 3: which items each feed listed, so that an item listed since the last
    # launch is new (as newsboat marks it).
    (
        # `feed` is the key of the feed's URL (or file), `article` the item's
        # article key, `session` the first session that listed it there.
        """CREATE TABLE feed_items (
        feed INTEGER NOT NULL,
        article INTEGER NOT NULL,
        session INTEGER NOT NULL,
        PRIMARY KEY (feed, article)
    ) WITHOUT ROWID""",
    ),
)

LATEST = len(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer reader: leave it alone."""


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the database up to `LATEST`, each step in its own transaction.

    The version is read again inside each transaction: another reader starting
    at the same moment may have just applied the step. `connection` is in
    autocommit mode (isolation_level None)."""
    if connection.execute("PRAGMA user_version").fetchone()[0] == LATEST:
        return
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > LATEST:
                raise NewerSchema(f"schema version {version}; this reader knows {LATEST}")
            if version == LATEST:
                connection.execute("COMMIT")
                return
            for statement in MIGRATIONS[version]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
