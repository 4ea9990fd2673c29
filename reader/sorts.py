"""The orders a thread can be read in, as tuir offers them: the source's own
(the default), best (highest score first), newest and oldest first.

Sorting orders each comment's replies (and the top level) by its key, ties
in the source's order, and builds the thread again: its arrays stay in
display order, so everything that walks them (folds, search, marks) reads the
sorted thread as it read the first. `old_of_new` says where each comment was.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

from .model import Comment, Thread
from .times import parse_time

SOURCE, BEST, NEWEST, OLDEST = "source", "best", "newest", "oldest"
ORDERS = (SOURCE, BEST, NEWEST, OLDEST)
# How a thread's title says each (the source's order goes unsaid).
SAID = {BEST: "best first", NEWEST: "newest first", OLDEST: "oldest first"}


def resorted(thread: Thread, order: str) -> tuple[Thread, array[int]]:
    """`thread` in `order`, and for each comment of it the index it had in
    `thread`. The comments are `thread`'s, moved: `thread` is spent."""
    comments = thread.comments
    key = _key(thread, order)
    for index, comment in enumerate(comments):
        comment.replies = [comments[child] for child in sorted(thread.children(index), key=key)]
    roots = [comments[index] for index in sorted(thread.top_level, key=key)]
    was = {id(comment): index for index, comment in enumerate(comments)}
    ranks = thread.source_ranks
    sorted_thread = Thread(roots, thread.subject, thread.list_tag)
    sorted_thread.article_id = thread.article_id
    old_of_new = array("i", (was[id(comment)] for comment in sorted_thread.comments))
    sorted_thread.source_ranks = array(
        "i", old_of_new if ranks is None else (ranks[old] for old in old_of_new)
    )
    sorted_thread.order = order
    return sorted_thread, old_of_new


def _key(thread: Thread, order: str) -> Callable[[int], tuple[object, ...]]:
    """The sort key of comment `index`: missing values last, ties in the
    source's order."""
    comments, ranks = thread.comments, thread.source_ranks

    def rank(index: int) -> int:
        return index if ranks is None else ranks[index]

    if order == BEST:

        def best(index: int) -> tuple[object, ...]:
            score = comments[index].score
            return (score is None, -(score or 0), rank(index))

        return best
    if order in (NEWEST, OLDEST):
        sign = -1 if order == NEWEST else 1

        def by_time(index: int) -> tuple[object, ...]:
            when = _seconds(comments[index])
            return (when is None, sign * (when or 0.0), rank(index))

        return by_time
    return lambda index: (rank(index),)


def _seconds(comment: Comment) -> float | None:
    when = parse_time(comment.posted) if comment.posted else None
    return when.timestamp() if when is not None else None
