"""The document store: load order, lookups and thread navigation, all iterative."""

from __future__ import annotations

import sys

from reader.model import Article, Comment
from reader.search.fields import HEADER
from reader.search.query import Query
from reader.store import DocumentStore, UniqueIds
from tests.builders import index_of, reply_chain


def nested_article() -> Article:
    """1 (1.1 (1.1.1, 1.1.2), 1.2), 2, 3."""
    return Article(
        title="t",
        comments=[
            Comment(
                text=["1"],
                replies=[
                    Comment(
                        text=["1.1"], replies=[Comment(text=["1.1.1"]), Comment(text=["1.1.2"])]
                    ),
                    Comment(text=["1.2"]),
                ],
            ),
            Comment(text=["2"]),
            Comment(text=["3"]),
        ],
    )


def test_articles_keep_load_order_and_get_unique_ids() -> None:
    store = DocumentStore()
    first = store.add(Article(title="a"), "same")
    second = store.add(Article(title="b"), "same")
    assert [a.title for a in store.articles] == ["a", "b"]
    assert first.id == "same" and second.id == "same~2"
    assert store.article("same~2") is second


class _CountingDict(dict):
    """A dict that counts membership tests."""

    checks = 0

    def __contains__(self, key: object) -> bool:
        _CountingDict.checks += 1
        return super().__contains__(key)


def test_a_mailboxs_many_threads_get_ids_without_a_quadratic_search() -> None:
    # Every thread of mailbox `list` asks for the base id `list`.
    taken = _CountingDict()
    ids = UniqueIds(taken)
    for _ in range(1000):
        taken[ids.new("list")] = None
    assert list(taken)[:3] == ["list", "list~2", "list~3"]
    assert list(taken)[-1] == "list~1000"
    assert _CountingDict.checks < 3 * 1000


def test_thread_lists_comments_in_display_order_with_position_ids() -> None:
    store = DocumentStore()
    store.add(nested_article(), "n")
    thread = store.thread("n")
    assert [c.text[0] for c in thread.comments] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "3"]
    assert [c.path for c in thread.comments] == [c.text[0] for c in thread.comments]
    assert thread.comments[2].id == "n:1.1.1"


def test_parent_children_siblings_ancestors_and_counts() -> None:
    store = DocumentStore()
    store.add(nested_article(), "n")
    thread = store.thread("n")
    assert thread.children(-1) == [0, 5, 6]
    assert thread.children(0) == [1, 4]
    assert thread.siblings(2) == [2, 3]
    assert thread.ancestors(3) == [1, 0]
    assert thread.parents[4] == 0 and thread.comments[4].parent is thread.comments[0]
    assert thread.descendant_count(0) == 4 and thread.descendant_count(5) == 0
    assert thread.next_sibling(1) == 4 and thread.next_sibling(4) is None
    assert thread.previous_sibling(4) == 1 and thread.previous_sibling(1) is None
    assert thread.next_sibling(6) is None
    assert [c.depth for c in thread.comments] == [0, 1, 2, 2, 1, 0, 0]


def test_reply_chain_far_past_the_recursion_limit_is_walked_iteratively() -> None:
    depth = sys.getrecursionlimit() * 5
    store = DocumentStore()
    store.add(reply_chain(depth), "deep")
    thread = store.thread("deep")
    assert len(thread) == depth
    assert thread.descendant_count(0) == depth - 1
    assert len(thread.ancestors(depth - 1)) == depth - 1
    assert thread.comments[-1].depth == depth - 1
    assert index_of(thread, ".".join(["1"] * depth)) == depth - 1
    assert store.comment_count("deep") == depth


def test_stubs_for_replies_not_in_the_file_are_rows_but_not_counted() -> None:
    stub = Comment(text=["3 more replies not in this file"], status="more", more=3)
    article = Article(
        title="t", comments=[Comment(text=["a"], replies=[Comment(text=["b"]), stub])]
    )
    store = DocumentStore()
    store.add(article, "s")
    assert len(store.thread("s")) == 3, "the stub is a row of the thread"
    assert store.comment_count("s") == store.thread("s").comment_count == 2


def test_thread_search_keys_hold_with_and_without_authors_and_empty_comments() -> None:
    # Comments without an author have no header field; one with nothing at all
    # has no field, and the next comment's fields are still its own.
    article = Article(
        title="t",
        comments=[
            Comment(text=["alpha one"]),
            Comment(author="alpha", text=[]),
            Comment(),
            Comment(author="bob", text=["x", "alpha two"]),
            Comment(text=["alpha three"]),
        ],
    )
    store = DocumentStore()
    store.add(article, "a")
    keys = [match.key for match in store.search_thread("a", Query("alpha"))]
    assert keys == [(0, 0), (1, HEADER), (3, 1), (4, 0)]
