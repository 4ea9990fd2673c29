"""The state database (issue 11): identity keys, seen and new comments across
sessions, positions, search history, theme, and what happens when the
database is damaged, locked, from a newer reader or cannot be written."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

from reader.model import Article, Comment, Thread
from reader.prepared import prepare
from reader.state import ArticleState, State, open_state, state_path
from reader.state import database as database_module
from reader.state import schema as schema_module
from reader.state.article_state import NEW, READ, STUB, UNREAD
from reader.state.identity import article_key, comment_keys, digest_key
from reader.state.schema import LATEST
from reader.state.session import Writer
from reader.state.writer import StateWriter
from tests.builders import reply_chain


def thread_of(article: Article) -> Thread:
    return prepare(article).thread


def article(texts: list[str], **fields: object) -> Article:
    """An article whose top-level comments have these texts (author `a`)."""
    comments = [Comment(author="a", text=[text]) for text in texts]
    return Article(title="Title", url="https://example.test/1", comments=comments, **fields)  # type: ignore[arg-type]


def opened(path: Path, writer: Writer = StateWriter) -> State:
    state, warnings = open_state(path, writer)
    assert state is not None, warnings
    assert warnings == []
    return state


def told(path: Path) -> State:
    """A state whose writer has no thread: it writes when told (`flush`), so
    what is pending stays pending until then."""
    return opened(path, partial(StateWriter, interval=None))


def prepared(state: State, item: Article) -> ArticleState:
    return state.prepare(item, thread_of(item))


# Comments drawn on screen, as the database holds them.
SEEN_COUNT = "SELECT count(*) FROM comments WHERE seen IS NOT NULL"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.db"


# Identity -----------------------------------------------------------------------------


def test_an_article_is_known_by_its_source_id_then_url_then_title_and_author() -> None:
    by_id = Article(title="A", url="https://x.test/1", source_id="123")
    assert article_key(by_id) == article_key(Article(title="Other", source_id="123"))
    by_url = Article(title="A", url="https://x.test/1")
    assert article_key(by_url) == article_key(Article(title="B", url="https://x.test/1"))
    assert article_key(by_url) != article_key(Article(title="A", url="https://x.test/2"))
    by_text = Article(title="A", author="Ann")
    assert article_key(by_text) == article_key(Article(title="A", author="Ann", body=["x"]))
    assert article_key(by_text) != article_key(Article(title="A", author="Bob"))


def test_an_articles_key_does_not_depend_on_its_file() -> None:
    here = Article(title="A", author="Ann", path=Path("/one/a.txt"), format="txt")
    there = Article(title="A", author="Ann", path=Path("/two/b.yaml"), format="yaml")
    assert article_key(here) == article_key(there)


def keys_by_text(item: Article) -> dict[str, int]:
    thread = thread_of(item)
    keys = comment_keys(article_key(item), thread)
    return {comment.text[0]: keys[index] for index, comment in enumerate(thread.comments)}


def redownload() -> tuple[Article, Article]:
    """The same thread twice: the second has a comment added, one removed and the
    top level reordered."""
    first = Article(
        title="T",
        comments=[
            Comment(author="a", text=["one"], replies=[Comment(author="b", text=["one.1"])]),
            Comment(author="c", text=["two"], replies=[Comment(author="d", text=["two.1"])]),
            Comment(author="e", text=["gone"]),
        ],
    )
    second = Article(
        title="T",
        comments=[
            Comment(author="c", text=["two"], replies=[Comment(author="d", text=["two.1"])]),
            Comment(author="x", text=["added"]),
            Comment(
                author="a",
                text=["one"],
                replies=[Comment(author="z", text=["one.0"]), Comment(author="b", text=["one.1"])],
            ),
        ],
    )
    return first, second


def test_comment_keys_survive_a_redownload_with_comments_added_removed_and_reordered() -> None:
    before, after = (keys_by_text(item) for item in redownload())
    for text in ("one", "one.1", "two", "two.1"):
        assert before[text] == after[text], text
    assert len(set(after.values())) == len(after)


def test_a_comment_key_depends_on_its_author_text_and_parent() -> None:
    base = keys_by_text(Article(title="T", comments=[Comment(author="a", text=["x"])]))
    other_author = keys_by_text(Article(title="T", comments=[Comment(author="b", text=["x"])]))
    assert base["x"] != other_author["x"]
    moved = Article(
        title="T", comments=[Comment(author="p", text=["p"], replies=[Comment("a", text=["x"])])]
    )
    assert keys_by_text(moved)["x"] != base["x"]


def test_identical_siblings_get_distinct_keys_in_a_stable_order() -> None:
    def thread_keys() -> list[int]:
        item = article(["same", "same", "other", "same"])
        return list(comment_keys(article_key(item), thread_of(item)))

    keys = thread_keys()
    assert len(set(keys)) == 4
    assert thread_keys() == keys
    # The replies of two identical siblings are told apart too.
    twins = Article(
        title="T",
        comments=[
            Comment(author="a", text=["same"], replies=[Comment(author="b", text=["re"])]),
            Comment(author="a", text=["same"], replies=[Comment(author="b", text=["re"])]),
        ],
    )
    assert len(set(comment_keys(article_key(twins), thread_of(twins)))) == 4


def test_a_reply_of_the_second_of_two_identical_siblings_is_keyed_under_it() -> None:
    """Its key follows its own parent: removing the first twin's identical reply
    in a re-download does not give the second twin's reply a new key."""

    def twins(first_has_reply: bool) -> tuple[Article, Comment]:
        reply = Comment(author="b", text=["re"])
        first = Comment(author="a", text=["same"])
        if first_has_reply:
            first.replies.append(Comment(author="b", text=["re"]))
        second = Comment(author="a", text=["same"], replies=[reply])
        return Article(title="T", comments=[first, second]), reply

    def key_of(item: Article, comment: Comment) -> int:
        thread = thread_of(item)
        return comment_keys(article_key(item), thread)[thread.comments.index(comment)]

    assert key_of(*twins(True)) == key_of(*twins(False))


def test_a_comment_with_a_source_id_keeps_its_key_when_edited_or_moved() -> None:
    def key(text: str, parent: str | None) -> int:
        reply = Comment(author="a", text=[text], source_id="c7")
        roots = [Comment(author="p", text=[parent], replies=[reply])] if parent else [reply]
        item = Article(title="T", source_id="s1", comments=roots)
        thread = thread_of(item)
        return comment_keys(article_key(item), thread)[thread.comments.index(reply)]

    assert key("first", None) == key("edited", "a parent")


def test_a_comment_with_a_source_id_is_keyed_as_earlier_sessions_stored_it() -> None:
    # The digest of the article's key and the id: what the databases written
    # so far hold for each such comment (a mailbox's messages, HN, Reddit).
    reply = Comment(author="b", text=["re"], source_id="<r@example.org>")
    root = Comment(author="a", text=["hello"], source_id="<é@example.org>", replies=[reply])
    item = Article(title="T", source_id="<t@example.org>", comments=[root])
    key = article_key(item)
    prefix = key.to_bytes(8, "little", signed=True) + b"id\0"
    assert list(comment_keys(key, thread_of(item))) == [
        digest_key(prefix + "<é@example.org>".encode()),
        digest_key(prefix + b"<r@example.org>"),
    ]


def test_comment_keys_of_a_deep_chain_need_no_recursion() -> None:
    item = reply_chain(20_000)
    keys = comment_keys(article_key(item), thread_of(item))
    assert len(set(keys)) == 20_000


# Seen, new and unread ------------------------------------------------------------------------


def reading_of(item: ArticleState) -> list[int]:
    return list(item.reading)


def visit(db: Path, item: Article, seen: list[int] | None = None) -> ArticleState:
    """A session that opens the article and draws the comments at `seen` (all: None)."""
    state = opened(db)
    marks = prepared(state, item)
    state.opened(marks)
    state.mark_seen(marks, range(len(item.comments)) if seen is None else seen)
    state.close()
    return marks


def test_a_first_visit_has_nothing_new_and_every_comment_unread(db: Path) -> None:
    state = opened(db)
    first = prepared(state, article(["a", "b"]))
    assert not first.opened_before
    assert (first.new_count, first.unread_count, first.comment_count) == (0, 2, 2)
    assert reading_of(first) == [UNREAD, UNREAD]
    state.close()


def test_an_article_the_database_lacks_has_every_comment_but_its_stubs_unlisted(
    db: Path,
) -> None:
    """(Its marks made without a look-up each: an archive lists thousands.)"""
    state = opened(db)
    fresh = prepared(state, article(["a", "b", "c"]))
    assert list(fresh.unlisted) == list(fresh.comment_keys)
    assert fresh.unlisted is not fresh.comment_keys  # (a copy: `opened` may change either)
    stubbed = prepared(state, with_stub(["a", "b"]))
    assert list(stubbed.unlisted) == [key for i, key in enumerate(stubbed.comment_keys) if i != 2]
    state.close()


def test_new_means_arrived_since_the_last_visit_unread_means_there_but_never_drawn(
    db: Path,
) -> None:
    """The issue's 481 "new" of 487: comments there at the last visit but never
    drawn are unread, not new; only the comment added since is new."""
    visit(db, article(["a", "b", "c"]), seen=[0])
    state = opened(db)
    two = prepared(state, article(["a", "b", "c", "d"]))
    assert two.opened_before
    assert reading_of(two) == [READ, UNREAD, UNREAD, NEW]
    assert (two.new_count, two.unread_count) == (1, 2)
    # Fixed for the session: seeing them now changes nothing until the next launch.
    state.opened(two)
    state.mark_seen(two, [1, 3])
    assert reading_of(two) == [READ, UNREAD, UNREAD, NEW]
    state.close()

    state = opened(db)
    three = prepared(state, article(["a", "b", "c", "d", "e"]))
    assert reading_of(three) == [READ, READ, UNREAD, READ, NEW]
    state.close()


def test_a_comment_there_at_any_earlier_visit_is_never_new_again(db: Path) -> None:
    visit(db, article(["a"]), seen=[])
    visit(db, article(["a", "b"]), seen=[])
    state = opened(db)
    later = prepared(state, article(["a", "b", "c"]))
    assert reading_of(later) == [UNREAD, UNREAD, NEW]
    state.close()


def test_an_article_loaded_but_not_opened_is_no_visit(db: Path) -> None:
    state = opened(db)
    prepared(state, article(["a", "b"]))
    state.close()
    state = opened(db)
    again = prepared(state, article(["a", "b", "c"]))
    assert not again.opened_before and reading_of(again) == [UNREAD] * 3
    state.close()


def test_opening_an_article_twice_in_a_session_lists_its_comments_once(db: Path) -> None:
    state = told(db)
    item = prepared(state, article(["a", "b"]))
    state.opened(item)
    state.opened(item)
    assert [len(keys) for _, keys in state.writer.pending.listed] == [2]
    state.close()


def with_stub(texts: list[str]) -> Article:
    """An article whose first comment has a reply and a stub for 5 more replies."""
    item = article(texts)
    stub = Comment(text=["5 more replies not in this file"], status="more", more=5)
    item.comments[0].replies.extend([Comment(author="r", text=["reply"]), stub])
    return item


def test_stubs_are_never_new_unread_counted_or_written(db: Path) -> None:
    """The issue's reddit thread: 197 comments, "345 new" with its 167 stubs."""
    state = told(db)
    first = prepared(state, with_stub(["a", "b"]))
    stub = 2
    assert first.reading[stub] == STUB
    assert (first.comment_count, first.unread_count) == (3, 3)
    state.opened(first)
    state.mark_seen(first, range(4))
    ((_, listed),) = state.writer.pending.listed
    assert first.comment_keys[stub] not in listed and len(listed) == 3
    assert all(comment != first.comment_keys[stub] for _, comment in state.writer.pending.seen)
    state.close()

    state = opened(db)
    # A stub that is new to the file is not a new comment either.
    second = prepared(state, with_stub(["a", "b"]))
    second_thread = thread_of(with_stub(["a", "b", "c"]))
    later = state.prepare(with_stub(["a", "b", "c"]), second_thread)
    assert reading_of(second) == [READ, READ, STUB, READ]
    assert reading_of(later) == [READ, READ, STUB, READ, NEW]
    assert later.next_of(NEW, -1) == 4 and later.next_of(UNREAD, -1) is None
    state.mark_read(later)
    ((_, read),) = state.writer.pending.read
    assert len(read) == 4 and later.comment_keys[stub] not in read
    assert reading_of(later) == [READ, READ, STUB, READ, READ]
    state.close()
    with sqlite3.connect(db) as reader:
        assert reader.execute("SELECT count(*) FROM comments").fetchone()[0] == 4


def test_next_and_previous_new_and_unread(db: Path) -> None:
    visit(db, article(["a", "b", "c", "d", "e"]), seen=[0, 2, 4])
    state = opened(db)
    two = prepared(state, article(["a", "b", "c", "d", "e", "f", "g"]))
    assert reading_of(two) == [READ, UNREAD, READ, UNREAD, READ, NEW, NEW]
    assert two.next_of(UNREAD, -1) == 1
    assert two.next_of(UNREAD, 1) == 3
    assert two.next_of(UNREAD, 3) is None
    assert two.previous_of(UNREAD, 7) == 3
    assert two.previous_of(UNREAD, 1) is None
    assert two.next_of(NEW, 0) == 5
    assert two.previous_of(NEW, 6) == 5
    assert two.previous_of(NEW, 5) is None
    state.close()


def test_mark_read_clears_the_new_and_unread_marks_now_and_for_later(db: Path) -> None:
    visit(db, article(["a", "b"]), seen=[])
    state = opened(db)
    item = prepared(state, article(["a", "b", "c"]))
    assert (item.new_count, item.unread_count) == (1, 2)
    state.mark_read(item)
    assert (item.new_count, item.unread_count) == (0, 0)
    state.close()
    state = opened(db)
    assert reading_of(prepared(state, article(["a", "b", "c", "d"]))) == [READ] * 3 + [NEW]
    state.close()


def test_mark_all_read_marks_every_article_opened_and_seen(db: Path) -> None:
    first = article(["a", "b"])
    second = article(["c"], source_id="other")
    state = opened(db)
    state.mark_all_read([prepared(state, first), prepared(state, second)])
    state.close()
    state = opened(db)
    for item in (first, second):
        again = prepared(state, item)
        assert again.opened_before
        assert (again.new_count, again.unread_count) == (0, 0)
    state.close()


def test_two_articles_do_not_share_seen_marks(db: Path) -> None:
    state = opened(db)
    one = prepared(state, article(["same"]))
    state.opened(one)
    state.mark_seen(one, [0])
    other = prepared(state, article(["same"], source_id="b"))
    state.opened(other)
    state.close()
    state = opened(db)
    assert reading_of(prepared(state, article(["same"], source_id="b"))) == [UNREAD]
    state.close()


def test_a_comment_is_written_once_however_often_it_is_marked(db: Path) -> None:
    state = told(db)
    item = prepared(state, article(["a", "b"]))
    for _ in range(50):
        state.mark_seen(item, [0, 1])
    assert state.writer.pending.seen == [
        (item.key, item.comment_keys[0]),
        (item.key, item.comment_keys[1]),
    ]
    state.close()


def test_the_writer_thread_writes_marks_without_waiting_for_close(db: Path) -> None:
    state = opened(db)
    item = prepared(state, article(["a", "b"]))
    state.mark_seen(item, [0, 1])
    with sqlite3.connect(db) as reader:
        for _ in range(200):
            if reader.execute(SEEN_COUNT).fetchone()[0] == 2:
                break
            threading.Event().wait(0.05)
        assert reader.execute(SEEN_COUNT).fetchone()[0] == 2
    state.close()


def test_a_locked_database_keeps_the_batch_for_the_next_round(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 20)
    state = told(db)
    item = prepared(state, article(["a", "b"]))
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    state.mark_seen(item, [0, 1])
    state.writer.flush()
    assert len(state.writer.pending.seen) == 2
    assert state.warnings == []
    blocker.execute("COMMIT")
    blocker.close()
    state.close()
    with sqlite3.connect(db) as reader:
        assert reader.execute(SEEN_COUNT).fetchone()[0] == 2


# Positions, history, theme ------------------------------------------------------------------


def test_positions_and_the_selected_article_are_restored(db: Path) -> None:
    state = opened(db)
    first = prepared(state, article(["a", "b", "c"]))
    second = prepared(state, article(["x"], source_id="2"))
    state.opened(first)
    state.save_position(first, 2, 7.0)
    state.opened(second)
    state.save_position(second, None, 3.0)
    state.close()
    state = opened(db)
    # The comment under the cursor is found by its key, wherever it now is.
    first = prepared(state, article(["new", "a", "b", "c"]))
    second = prepared(state, article(["x"], source_id="2"))
    assert (first.cursor, first.body_scroll) == (3, 7.0)
    assert (second.cursor, second.body_scroll) == (None, 3.0)
    assert state.selected_article == second.key
    state.close()


def test_the_cursor_of_a_comment_that_is_gone_is_none(db: Path) -> None:
    state = opened(db)
    item = prepared(state, article(["a", "b"]))
    state.save_position(item, 1, 0.0)
    state.close()
    state = opened(db)
    assert prepared(state, article(["a"])).cursor is None
    state.close()


def test_search_history_persists_deduplicated_and_bounded(db: Path) -> None:
    state = opened(db)
    for number in range(130):
        state.add_history(f"query {number}")
    state.add_history("query 5")
    state.add_history("")
    expected = [f"query {number}" for number in range(31, 130)] + ["query 5"]
    assert state.history == expected
    state.close()
    state = opened(db)
    assert state.history == expected
    state.close()
    with sqlite3.connect(db) as reader:
        assert reader.execute("SELECT count(*) FROM history").fetchone()[0] == 100


def test_the_theme_is_remembered(db: Path) -> None:
    state = opened(db)
    assert state.theme is None
    state.remember_theme("nord")
    state.close()
    state = opened(db)
    assert state.theme == "nord"
    state.close()


# Where the database is, and when there is none ----------------------------------------------


def test_the_state_path_follows_the_options_and_the_environment(tmp_path: Path) -> None:
    default = Path(os.environ["XDG_STATE_HOME"]) / "reader" / "state.db"
    assert state_path(None, False, {}) == default
    assert state_path(tmp_path / "s.db", False, {}) == tmp_path / "s.db"
    assert state_path(None, True, {}) is None
    assert state_path(tmp_path / "s.db", False, {"READER_STATE": "off"}) is None
    assert state_path(None, False, {"READER_STATE": "on"}) == default


def test_a_new_database_has_the_latest_schema_in_wal_mode(db: Path) -> None:
    opened(db).close()
    with sqlite3.connect(db) as reader:
        assert reader.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# Schema 1, as a reader before "new means new" left it on users' disks (its
# migration, frozen here as released: the test must not follow later edits).
VERSION_1 = (
    "CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL)",
    """CREATE TABLE articles (key INTEGER PRIMARY KEY, first_session INTEGER NOT NULL,
    last_session INTEGER NOT NULL, cursor INTEGER, body_scroll REAL NOT NULL DEFAULT 0)""",
    """CREATE TABLE seen (article INTEGER NOT NULL, comment INTEGER NOT NULL,
    session INTEGER NOT NULL, PRIMARY KEY (article, comment)) WITHOUT ROWID""",
    "CREATE TABLE history (query TEXT PRIMARY KEY, used INTEGER NOT NULL)",
    "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "PRAGMA user_version = 1",
)


def version_1_database(db: Path, item: Article, seen: list[int]) -> None:
    """A schema-1 database of one earlier session that opened `item`, drew the
    comments at `seen` and left the cursor on the first; and a search and a theme."""
    key = article_key(item)
    keys = comment_keys(key, thread_of(item))
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db, isolation_level=None)
    for statement in VERSION_1:
        connection.execute(statement)
    connection.execute("INSERT INTO sessions (started) VALUES (1.0)")
    connection.execute(
        "INSERT INTO articles VALUES (?, 1, 1, ?, 2.5)", (key, keys[seen[0]] if seen else None)
    )
    connection.executemany("INSERT INTO seen VALUES (?, ?, 1)", ((key, keys[i]) for i in seen))
    connection.execute("INSERT INTO history VALUES ('old query', 1)")
    connection.execute("INSERT INTO settings VALUES ('theme', 'nord')")
    connection.close()


def test_a_schema_1_database_keeps_what_it_knows(db: Path) -> None:
    """Its seen comments were there at the last visit, and seen; what it never
    recorded is unread, not new (it did not know what was there); from this
    visit on, comments that arrive are new."""
    version_1_database(db, article(["a", "b", "c", "d"]), seen=[0, 2])
    state = opened(db)
    assert (state.history, state.theme) == (["old query"], "nord")
    item = prepared(state, article(["a", "b", "c", "d", "e"]))
    assert item.opened_before and (item.cursor, item.body_scroll) == (0, 2.5)
    assert reading_of(item) == [READ, UNREAD, READ, UNREAD, UNREAD]
    state.opened(item)
    state.close()
    with sqlite3.connect(db) as reader:
        assert reader.execute("PRAGMA user_version").fetchone()[0] == LATEST
        tables = {name for (name,) in reader.execute("SELECT name FROM sqlite_master")}
        assert "seen" not in tables
    state = opened(db)
    later = prepared(state, article(["a", "b", "c", "d", "e", "f"]))
    assert reading_of(later) == [READ, UNREAD, READ, UNREAD, UNREAD, NEW]
    state.close()


def test_a_migration_that_fails_leaves_the_database_as_it_was(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crash-safe: each step is one transaction, so a step cut short (here by a
    statement that fails after the others ran) leaves schema 1 whole."""
    version_1_database(db, article(["a", "b"]), seen=[1])
    broken = (*schema_module.MIGRATIONS[1], "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(schema_module, "MIGRATIONS", (schema_module.MIGRATIONS[0], broken))
    state, warnings = open_state(db)
    assert state is None and "cannot use" in warnings[0]
    with sqlite3.connect(db) as reader:
        assert reader.execute("PRAGMA user_version").fetchone()[0] == 1
        assert reader.execute("SELECT count(*) FROM seen").fetchone()[0] == 1
        columns = [row[1] for row in reader.execute("PRAGMA table_info(articles)")]
        assert "listed" not in columns
    monkeypatch.undo()
    state = opened(db)
    assert reading_of(prepared(state, article(["a", "b"]))) == [UNREAD, READ]
    state.close()


def test_a_damaged_database_is_moved_aside_with_one_warning(db: Path) -> None:
    state = opened(db)
    state.remember_theme("nord")
    state.close()
    # Its header's magic string overwritten: SQLite no longer knows it; its
    # application id still says it is reader's.
    garbage = b"this is not SQLite" + db.read_bytes()[18:]
    db.write_bytes(garbage)
    state, warnings = open_state(db)
    assert state is not None
    assert len(warnings) == 1
    assert "damaged" in warnings[0]
    assert state.theme is None
    state.close()
    (aside,) = db.parent.glob("state.db.corrupt-*")
    assert aside.read_bytes() == garbage
    assert aside.name in warnings[0]


def test_a_database_from_a_newer_reader_is_left_alone(db: Path) -> None:
    opened(db).close()
    with sqlite3.connect(db) as writer:
        writer.execute(f"PRAGMA user_version = {LATEST + 1}")
    before = db.read_bytes()
    state, warnings = open_state(db)
    assert state is None
    assert len(warnings) == 1
    assert "newer reader" in warnings[0]
    assert db.read_bytes() == before
    assert list(db.parent.glob("*.corrupt-*")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_state_folder_means_no_state_and_one_warning(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        state, warnings = open_state(folder / "reader" / "state.db")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert state is None
    assert len(warnings) == 1
    assert warnings[0].startswith("running without saved state")
    assert list(folder.iterdir()) == []


def test_a_state_folder_that_is_a_file_means_no_state(tmp_path: Path) -> None:
    blocker = tmp_path / "reader"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    state, warnings = open_state(blocker / "state.db")
    assert state is None
    assert len(warnings) == 1
    assert warnings[0].startswith("running without saved state")


def test_a_write_failure_mid_session_warns_once_and_stops_writing(db: Path) -> None:
    state = told(db)
    heard: list[str] = []
    state.on_warning = heard.append
    item = prepared(state, article(["a", "b"]))
    with sqlite3.connect(db) as saboteur:
        saboteur.execute("DROP TABLE comments")
    state.mark_seen(item, [0])
    state.writer.flush()
    state.mark_seen(item, [1])
    state.writer.flush()
    state.close()
    assert len(heard) == 1
    assert "nothing more is remembered" in heard[0]
    assert state.warnings == heard


def test_an_unreadable_database_mid_session_shows_articles_as_unread(db: Path) -> None:
    state = opened(db)
    state.opened(prepared(state, article(["a"])))
    state.close()
    state = opened(db)
    heard: list[str] = []
    state.on_warning = heard.append
    with sqlite3.connect(db) as saboteur:
        saboteur.execute("DROP TABLE articles")
    first, second = prepared(state, article(["a"])), prepared(state, article(["b"], source_id="2"))
    assert not first.opened_before and not second.opened_before
    assert len(heard) == 1
    assert "articles show as unread" in heard[0]
    state.close()


# Size ------------------------------------------------------------------------------------------


def test_a_seen_comment_costs_under_60_bytes_on_disk(db: Path) -> None:
    """So that a million seen comments stay under 60 MB: 200 articles of 1,000
    comments marked through the API, then the database's bytes counted."""
    state = opened(db)
    for number in range(200):
        item = article(
            [f"comment {number}.{index}" for index in range(1000)], source_id=str(number)
        )
        prepared_item = prepared(state, item)
        state.opened(prepared_item)
        state.mark_seen(prepared_item, range(1000))
    state.close()
    size = sum(path.stat().st_size for path in db.parent.iterdir())
    with sqlite3.connect(db) as reader:
        assert reader.execute(SEEN_COUNT).fetchone()[0] == 200_000
    print(f"{size / 200_000:.1f} bytes per seen comment")
    assert size / 200_000 < 60


def test_state_and_config_import_neither_textual_nor_rich() -> None:
    probe = (
        "import sys, reader.state, reader.config; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == "[]\n"
