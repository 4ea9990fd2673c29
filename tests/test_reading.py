"""The reader in the open article (`state.Reading`), driven without an app:
what the views report is remembered, except while another article is being
put on show, and marks are read and cleared through it."""

from __future__ import annotations

from pathlib import Path

from reader.state import Reading
from reader.state.article_state import NEW, READ, UNREAD

from .test_state import article, opened, prepared


def test_opening_an_article_gives_where_the_reader_left_it_and_saves_nothing_meanwhile(
    tmp_path: Path,
) -> None:
    db = tmp_path / "state.db"
    item = article(["one", "two", "three"])
    state = opened(db)
    reading = Reading(state)
    with reading.opening(prepared(state, item)) as saved:
        assert saved == (None, 0.0), "never opened: nothing saved"
    reading.cursor_moved(2)
    reading.body_scrolled(7.0)
    state.close()

    state = opened(db)
    reading = Reading(state)
    with reading.opening(prepared(state, item)) as saved:
        # The views start at the top as the article is shown: not remembered.
        reading.cursor_moved(0)
        reading.body_scrolled(0.0)
    assert saved == (2, 7.0)
    reading.cursor_moved(1)  # the body's scroll is kept with the new cursor
    state.close()
    assert prepared(opened(db), item).cursor == 1
    assert prepared(opened(db), item).body_scroll == 7.0


def test_without_a_state_nothing_is_remembered_and_no_comment_is_marked() -> None:
    reading = Reading()
    with reading.opening(None) as saved:
        pass
    assert saved is None and not reading.remembering
    reading.seen([0, 1])
    reading.cursor_moved(1)
    assert reading.mark_of(0) is None and reading.next_of(NEW, -1, forward=True) is None
    assert not reading.mark_read() and reading.mark_all_read([]) == 0


def test_drawn_comments_are_read_at_the_next_visit_and_marks_are_found_both_ways(
    tmp_path: Path,
) -> None:
    db = tmp_path / "state.db"
    state = opened(db)
    reading = Reading(state)
    with reading.opening(prepared(state, article(["a", "b", "c"]))):
        pass
    reading.seen([0])
    state.close()

    state = opened(db)
    reading = Reading(state)
    with reading.opening(prepared(state, article(["a", "b", "c", "d"]))):
        pass
    assert [reading.mark_of(index) for index in range(4)] == [READ, UNREAD, UNREAD, NEW]
    assert reading.next_of(UNREAD, 1, forward=True) == 2
    assert reading.next_of(UNREAD, -1, forward=False) == 2, "from the end"
    assert reading.next_of(NEW, 3, forward=True) is None
    assert reading.mark_read()
    assert [reading.mark_of(index) for index in range(4)] == [READ] * 4
    state.close()
