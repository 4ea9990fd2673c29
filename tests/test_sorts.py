"""A thread sorted (best, newest, oldest, the source's order again): each
comment's replies in that order, ties in the source's; the search text and
the new and unread marks follow their comments."""

from __future__ import annotations

from array import array

from reader.model import Article, Comment
from reader.search.query import Query
from reader.sorts import BEST, NEWEST, OLDEST, SOURCE
from reader.state import ArticleState
from reader.state.article_state import NEW, READ, UNREAD
from reader.store import DocumentStore


def thread_article() -> Article:
    """Three top-level comments (scores 5, 20, None; posted at 10:00, 12:00,
    11:00), the first with two replies (scores 1 and 9)."""
    first = Comment(author="a", text=["first"], score=5, posted="2024-05-01T10:00:00+00:00")
    first.replies.extend(
        [
            Comment(author="b", text=["low reply"], score=1, posted="2024-05-01T10:30:00+00:00"),
            Comment(author="c", text=["high reply"], score=9, posted="2024-05-01T10:10:00+00:00"),
        ]
    )
    second = Comment(author="d", text=["second"], score=20, posted="2024-05-01T12:00:00+00:00")
    third = Comment(author="e", text=["third"], posted="2024-05-01T11:00:00+00:00")
    return Article(title="Sorted", comments=[first, second, third], format="reddit")


def texts(store: DocumentStore, article_id: str) -> list[str]:
    return [comment.text[0] for comment in store.thread(article_id).comments]


def test_each_order_sorts_every_level_ties_in_the_source_s_order() -> None:
    store = DocumentStore()
    article = store.add(thread_article(), "t")
    source = texts(store, article.id)
    assert source == ["first", "low reply", "high reply", "second", "third"]
    store.sort_thread(article.id, BEST)
    assert texts(store, article.id) == ["second", "first", "high reply", "low reply", "third"]
    store.sort_thread(article.id, NEWEST)
    assert texts(store, article.id) == ["second", "third", "first", "low reply", "high reply"]
    store.sort_thread(article.id, OLDEST)
    assert texts(store, article.id) == ["first", "high reply", "low reply", "third", "second"]
    store.sort_thread(article.id, SOURCE)
    assert texts(store, article.id) == source
    assert store.sort_thread(article.id, SOURCE) is None, "in that order already"


def test_the_search_finds_the_sorted_comments() -> None:
    store = DocumentStore()
    article = store.add(thread_article(), "t")
    store.sort_thread(article.id, BEST)
    found = [match.key[0] for match in store.search_thread(article.id, Query("reply"))]  # type: ignore[index]
    assert [texts(store, article.id)[index] for index in found] == ["high reply", "low reply"]


def test_the_marks_follow_their_comments() -> None:
    state = ArticleState(
        1, array("q", [10, 11, 12, 13, 14]), True, bytearray([READ, NEW, UNREAD, READ, NEW])
    )
    state.cursor = 2  # "high reply"
    state.reorder(array("i", [3, 0, 2, 1, 4]))
    assert list(state.comment_keys) == [13, 10, 12, 11, 14]
    assert list(state.reading) == [READ, READ, UNREAD, NEW, NEW]
    assert state.cursor == 2
