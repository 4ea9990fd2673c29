"""Finding a comment again in another version of its thread: a preview's
comments in its full version, which has more of them, in other places."""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Thread
from ...state import ArticleState
from .cursor import ThreadPlace


def comment_identities(thread: Thread | None, state: ArticleState | None) -> Sequence[object]:
    """Each comment's identity, in display order: its source id (a Message-ID
    is the same whichever message its thread turns out to start with), else
    its key in the state, if there is one this session (its text and place),
    else None."""
    if thread is None:
        return []
    keys = state.comment_keys if state is not None else [None] * len(thread.comments)
    return [comment.source_id or key for comment, key in zip(thread.comments, keys, strict=True)]


def index_in(found_in: Sequence[object], known: Sequence[object], index: int) -> int:
    """Where comment `index` of the thread whose identities are `known` is in
    the thread whose identities are `found_in`; -1: nowhere. A comment known
    by no identity is taken to be at the same index."""
    if not 0 <= index < len(known):
        return -1
    identity = known[index]
    if identity is None:
        return index if index < len(found_in) else -1
    try:
        return found_in.index(identity)
    except ValueError:
        return -1


def place_in(
    found_in: Sequence[object], known: Sequence[object], place: ThreadPlace
) -> tuple[int, list[int]]:
    """`place`, in the thread whose identities are `known`, in the thread whose
    identities are `found_in`: the cursor's comment (-1: not there) and the
    folded comments (each -1 where it is not there)."""
    return (
        index_in(found_in, known, place.cursor),
        [index_in(found_in, known, index) for index in place.collapsed],
    )
