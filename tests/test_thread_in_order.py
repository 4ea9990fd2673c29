"""A thread given in display order with its parents' places (a mailbox's
listed thread) is the thread its tree of replies makes: the same arrays, the
same replies, parents, depths and ordinals, with no tree walked."""

from __future__ import annotations

from array import array

from hypothesis import given, settings

from reader.model import Comment, Thread

from .strategies import comment_forests


def _in_display_order(thread: Thread) -> tuple[list[Comment], array[int]]:
    """Fresh comments like `thread`'s, in its order, and its parents' places."""
    comments = [
        Comment(comment.author, text=tuple(comment.text), source_id=comment.source_id)
        for comment in thread.comments
    ]
    return comments, array("i", thread.parents)


@settings(max_examples=200, deadline=None)
@given(comment_forests())
def test_a_thread_in_display_order_is_the_thread_of_its_tree(roots: list[Comment]) -> None:
    walked = Thread(roots, "Herons", "[birds]")
    comments, parents = _in_display_order(walked)
    given_in_order = Thread.in_order(comments, parents, "Herons", "[birds]")
    for name in ("depths", "parents", "ends", "top_level", "characters", "line_breaks"):
        assert getattr(given_in_order, name) == getattr(walked, name), name
    assert given_in_order.comments is comments and given_in_order.stubs == walked.stubs
    for index, comment in enumerate(comments):
        assert comment.thread is given_in_order and comment.index == index
        assert [reply.index for reply in comment.replies] == walked.children(index)
        assert comment.depth == walked.comments[index].depth
        assert comment.ordinal == walked.comments[index].ordinal
        assert (comment.parent.index if comment.parent else -1) == walked.parents[index]


def test_a_deep_chain_in_display_order_ends_where_the_chain_does() -> None:
    """Each reply to the one before: one subtree, however long (no recursion)."""
    count = 50_000
    comments = [Comment(f"Writer {n}", text=()) for n in range(count)]
    thread = Thread.in_order(comments, array("i", range(-1, count - 1)))
    assert thread.depths[-1] == count - 1 and list(thread.top_level) == [0]
    assert thread.ends == array("i", [count] * count)
    assert thread.characters == array("i", [0] * count) == thread.line_breaks
