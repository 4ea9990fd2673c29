"""Building a comment tree from a source's nested items, without recursion.

A reply chain can be thousands of levels deep (JSON nests a level or more per
reply), so the nesting is walked with an explicit stack: each item becomes a
comment appended to its parent's replies (or to the roots), then its own
items are walked below it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Comment


def build_comments(
    roots: list[Comment],
    items: list[Any],
    comment_of: Callable[[Any], Comment | None],
    replies_of: Callable[[Any], list[Any]],
    let_go: bool = False,
) -> None:
    """Append to `roots` the comment `comment_of` makes of each item (None:
    the item is skipped, with what is below it), and below each comment the
    comments of the items `replies_of` gives for its item, at any depth.

    `let_go`: the items are the caller's to consume: each item's place in its
    list is emptied (None) as it is read, so that a parsed document no one
    else holds is freed as its comments are made, and never held whole beside
    them (a 77 MB Reddit thread's tree is twice the size of its comments)."""
    stack: list[tuple[list[Any], list[Comment]]] = [(items, roots)]
    while stack:
        level, target = stack.pop()
        for position, item in enumerate(level):
            if let_go:
                level[position] = None
            comment = comment_of(item)
            if comment is None:
                continue
            target.append(comment)
            replies = replies_of(item)
            if replies:
                stack.append((replies, comment.replies))  # type: ignore[arg-type]
