"""The state database (issue 11): identity keys, seen and new comments across
sessions, positions, search history, theme, and what happens when the
database is damaged, locked, from a newer reader or cannot be written."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model import Article, Comment, Thread
from reader.state import ArticleState, State, open_state, state_path
from reader.state import database as database_module
from reader.state.identity import article_key, comment_keys
from reader.state.schema import LATEST
from reader.store import DocumentStore
from tests.builders import reply_chain


def thread_of(article: Article) -> Thread:
    return DocumentStore.prepare(article).thread


def article(texts: list[str], **fields: object) -> Article:
    """An article whose top-level comments have these texts (author `a`)."""
    comments = [Comment(author="a", text=[text]) for text in texts]
    return Article(title="Title", url="https://example.test/1", comments=comments, **fields)  # type: ignore[arg-type]


def opened(path: Path) -> State:
    state, warnings = open_state(path)
    assert state is not None, warnings
    assert warnings == []
    return state


def prepared(state: State, item: Article) -> ArticleState:
    return state.prepare(item, thread_of(item))


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


def test_comment_keys_of_a_deep_chain_need_no_recursion() -> None:
    item = reply_chain(20_000)
    keys = comment_keys(article_key(item), thread_of(item))
    assert len(set(keys)) == 20_000


# Seen and new ----------------------------------------------------------------------------


def test_an_article_never_opened_is_unread_with_no_new_comments(db: Path) -> None:
    state = opened(db)
    first = prepared(state, article(["a", "b"]))
    assert first.unread
    assert (first.new_count, first.comment_count) == (0, 2)
    state.close()


def test_new_means_not_seen_in_an_earlier_session(db: Path) -> None:
    state = opened(db)
    one = prepared(state, article(["a", "b", "c"]))
    state.opened(one)
    state.mark_seen(one, [0, 1])
    state.close()

    state = opened(db)
    two = prepared(state, article(["a", "b", "c", "d"]))
    assert not two.unread
    assert [two.is_new(index) for index in range(4)] == [False, False, True, True]
    assert two.new_count == 2
    # Marking seen now does not change what counts as new in this session.
    state.opened(two)
    state.mark_seen(two, [2])
    assert two.new_count == 2
    state.close()

    state = opened(db)
    three = prepared(state, article(["a", "b", "c", "d"]))
    assert [three.is_new(index) for index in range(4)] == [False, False, False, True]
    state.close()


def test_next_and_previous_new(db: Path) -> None:
    state = opened(db)
    one = prepared(state, article(["a", "b", "c", "d", "e"]))
    state.opened(one)
    state.mark_seen(one, [0, 2, 4])
    state.close()
    state = opened(db)
    two = prepared(state, article(["a", "b", "c", "d", "e"]))
    assert two.next_new(-1) == 1
    assert two.next_new(1) == 3
    assert two.next_new(3) is None
    assert two.previous_new(5) == 3
    assert two.previous_new(3) == 1
    assert two.previous_new(1) is None
    state.close()


def test_mark_read_clears_the_new_marks_now_and_for_later(db: Path) -> None:
    state = opened(db)
    state.opened(prepared(state, article(["a", "b"])))
    state.close()
    state = opened(db)
    item = prepared(state, article(["a", "b"]))
    assert item.new_count == 2
    state.mark_read(item)
    assert item.new_count == 0
    state.close()
    state = opened(db)
    assert prepared(state, article(["a", "b", "c"])).new_count == 1
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
        assert not again.unread
        assert again.new_count == 0
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
    assert prepared(state, article(["same"], source_id="b")).new_count == 1
    state.close()


def test_a_comment_is_written_once_however_often_it_is_marked(db: Path) -> None:
    state = opened(db)
    item = prepared(state, article(["a", "b"]))
    for _ in range(50):
        state.mark_seen(item, [0, 1])
    assert state._writer.pending.seen == [
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
            if reader.execute("SELECT count(*) FROM seen").fetchone()[0] == 2:
                break
            state._writer._stop.wait(0.05)
        assert reader.execute("SELECT count(*) FROM seen").fetchone()[0] == 2
    state.close()


def test_a_locked_database_keeps_the_batch_for_the_next_round(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 20)
    state = opened(db)
    item = prepared(state, article(["a", "b"]))
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    state.mark_seen(item, [0, 1])
    state._writer.flush()
    assert len(state._writer.pending.seen) == 2
    assert state.warnings == []
    blocker.execute("COMMIT")
    blocker.close()
    state.close()
    with sqlite3.connect(db) as reader:
        assert reader.execute("SELECT count(*) FROM seen").fetchone()[0] == 2


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
    state = opened(db)
    heard: list[str] = []
    state.on_warning = heard.append
    item = prepared(state, article(["a", "b"]))
    with sqlite3.connect(db) as saboteur:
        saboteur.execute("DROP TABLE seen")
    state.mark_seen(item, [0])
    state._writer.flush()
    state.mark_seen(item, [1])
    state._writer.flush()
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
    assert first.unread and second.unread
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
        assert reader.execute("SELECT count(*) FROM seen").fetchone()[0] == 200_000
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
