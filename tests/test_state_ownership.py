"""Issue 23 §11 and §12: only reader's own database is opened as its state or
ever moved aside. `reader --state mydoc.json mydoc.json` moved the document
aside as damaged and wrote a database in its place; a database damaged inside
(its header intact) was never set aside, and state stayed off at every start."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.model import Article, Comment
from reader.prepared import prepare
from reader.state import State, open_state
from reader.state import database as database_module
from reader.state.ownership import APPLICATION_ID
from tests.builders import write

DOCUMENT = 'title: My document\nbody: "Words I wrote."\n'


def test_a_document_given_as_the_state_is_refused_and_left_alone(tmp_path: Path) -> None:
    document = write(tmp_path / "mydoc.yaml", DOCUMENT)
    state, warnings = open_state(document)
    assert state is None
    assert warnings == [
        f"running without saved state: {document} is not a reader state database: left as it is"
    ]
    assert document.read_text() == DOCUMENT
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mydoc.yaml"]


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE bookmarks (url TEXT)")
    before = path.read_bytes()
    state, warnings = open_state(path)
    assert state is None
    assert "an SQLite database of another program" in warnings[0]
    assert path.read_bytes() == before


def test_a_fifo_given_as_the_state_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    os.mkfifo(path)
    state, warnings = open_state(path)
    assert state is None
    assert "not a regular file" in warnings[0]


def test_an_empty_file_becomes_the_database(tmp_path: Path) -> None:
    path = write(tmp_path / "state.db", b"")
    state, warnings = open_state(path)
    assert state is not None and warnings == []
    state.close()


def test_a_database_is_marked_as_readers_and_one_from_before_the_mark_is_accepted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.db"
    state, _ = open_state(path)
    assert state is not None
    state.remember_theme("nord")
    state.close()
    with sqlite3.connect(path) as database:
        assert database.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        database.execute("PRAGMA application_id = 0")  # as a reader before the mark made it
    state, warnings = open_state(path)
    assert state is not None and warnings == []
    assert state.theme == "nord"
    state.close()


def damage_inside(path: Path) -> None:
    """Overwrite every page after the first (the header and schema stay whole)."""
    with sqlite3.connect(path) as database:
        page = database.execute("PRAGMA page_size").fetchone()[0]
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    assert len(data) > 2 * page, "the database has pages past the first"
    data[page:] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))


def test_a_database_damaged_inside_is_moved_aside_at_open(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    state, _ = open_state(path)
    assert state is not None
    state.close()
    with sqlite3.connect(path) as database:
        rows = [(1, number, 1, 1) for number in range(5_000)]
        database.executemany("INSERT INTO comments VALUES (?, ?, ?, ?)", rows)
    damage_inside(path)
    state, warnings = open_state(path)
    assert state is not None, warnings
    assert len(warnings) == 1 and "was damaged; moved it aside" in warnings[0]
    (aside,) = [aside for aside in tmp_path.glob("state.db.corrupt-*") if aside.name[-4] != "-"]
    assert aside.stat().st_size > 0
    state.remember_theme("nord")
    state.close()


def a_session(path: Path, work: Callable[[State], object]) -> None:
    """A session of reader's with the state at `path`, which does `work`."""
    state, warnings = open_state(path)
    assert state is not None, warnings
    work(state)
    state.close()


def damaged_past_the_check(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database of reader's damaged inside, where the check at open does not
    reach (its budget spent before it gets there: a huge database)."""
    a_session(path, lambda state: state.remember_theme("nord"))
    with sqlite3.connect(path) as database:
        rows = [(1, number, 1, 1) for number in range(5_000)]
        database.executemany("INSERT INTO comments VALUES (?, ?, ?, ?)", rows)
    damage_inside(path)
    monkeypatch.setattr(database_module, "check_integrity", lambda connection: None)


def set_aside(folder: Path) -> list[Path]:
    return [aside for aside in folder.glob("state.db.corrupt-*") if aside.name[-4] != "-"]


def test_damage_found_by_the_first_reads_sets_the_database_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first such error, not only the check at open: state is kept this
    session, in a fresh database, rather than off at every start."""
    path = tmp_path / "state.db"
    damaged_past_the_check(path, monkeypatch)
    state, warnings = open_state(path)
    assert state is not None, warnings
    assert len(warnings) == 1 and "was damaged; moved it aside" in warnings[0]
    assert len(set_aside(tmp_path)) == 1
    state.remember_theme("gruvbox")
    state.close()
    state, warnings = open_state(path)
    assert state is not None and warnings == [] and state.theme == "gruvbox"
    state.close()


def test_damage_found_during_a_session_sets_the_database_aside_at_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.db"
    article = Article(title="A", comments=[Comment(author="ann", text=["hello"])])
    a_session(path, lambda state: state.opened(state.prepare(article, prepare(article).thread)))
    state, _ = open_state(path)
    assert state is not None
    damage_inside(path)  # while it is open, after its first reads
    heard: list[str] = []
    state.on_warning = heard.append
    state.prepare(article, prepare(article).thread)
    assert heard and "cannot read the state database" in heard[0]
    assert set_aside(tmp_path) == [], "not while it is open"
    state.close()
    assert len(set_aside(tmp_path)) == 1
    state, warnings = open_state(path)
    assert state is not None and warnings == []
    state.close()


def test_a_fresh_database_in_its_place_is_never_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another reader may have set it aside and made a fresh one meanwhile."""
    path = tmp_path / "state.db"
    state, _ = open_state(path)
    assert state is not None
    state.damaged = True
    os.replace(path, tmp_path / "elsewhere.db")
    fresh, _ = open_state(path)
    assert fresh is not None
    state.close()
    assert path.exists() and set_aside(tmp_path) == []
    fresh.close()
