"""Items of a feed new since the last launch (issue 21): the state records
which items each feed listed, so that an item a feed lists for the first
time, at a launch after one that listed the feed, is new for that session."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from reader.model import Article
from reader.prepared import prepare
from reader.state import State, open_state
from reader.state.writer import StateWriter

FEED = "https://blog.example/feed/"


def told(path: Path) -> State:
    state, warnings = open_state(path, partial(StateWriter, interval=None))
    assert state is not None and warnings == []
    return state


def item(number: int, feed: str | None = FEED) -> Article:
    return Article(title=f"Item {number}", source_id=f"{feed}#{number}", feed=feed)


def launch(path: Path, items: list[Article]) -> list[bool]:
    """One session that lists `items`: whether each is new."""
    state = told(path)
    try:
        return [state.prepare(article, prepare(article).thread).new_item for article in items]
    finally:
        state.close()


def test_nothing_is_new_the_first_time_a_feed_is_listed(tmp_path: Path) -> None:
    assert launch(tmp_path / "state.db", [item(1), item(2)]) == [False, False]


def test_an_item_listed_since_the_last_launch_is_new_and_only_that_session(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.db"
    launch(path, [item(1), item(2)])
    assert launch(path, [item(3), item(1), item(2)]) == [True, False, False]
    # The next launch has listed it already.
    assert launch(path, [item(3), item(1), item(2)]) == [False, False, False]


def test_an_item_is_new_for_the_whole_session_it_first_shows_in(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    launch(path, [item(1)])
    state = told(path)
    first = state.prepare(item(2), prepare(item(2)).thread)
    state.writer.flush()  # written mid-session: the item is still this session's new one
    again = state.prepare(item(2), prepare(item(2)).thread)
    state.close()
    assert first.new_item and again.new_item


def test_feeds_are_apart_and_articles_of_no_feed_are_never_new_items(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    other = "https://feeds.example/harbour.atom"
    launch(path, [item(1), item(1, None)])
    assert launch(path, [item(2), item(5, other), item(6, None)]) == [True, False, False]


def test_marking_the_article_read_clears_its_new_mark(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    launch(path, [item(1)])
    state = told(path)
    marks = state.prepare(item(2), prepare(item(2)).thread)
    state.mark_read(marks)
    state.close()
    assert not marks.new_item


def test_a_feed_another_reader_lists_meanwhile_is_not_listed_at_an_earlier_launch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.db"
    earlier = told(path)
    later = told(path)  # a second reader, started since
    later.prepare(item(1), prepare(item(1)).thread)
    later.close()
    marks = earlier.prepare(item(2), prepare(item(2)).thread)
    earlier.close()
    assert not marks.new_item
