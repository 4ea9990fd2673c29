"""What the state knows about one loaded article: its keys, which comments are
new, and where the reader left it."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

NEW = 1


@dataclass(eq=False, slots=True)
class ArticleState:
    """Made by `State.prepare` (in the load worker); then read and updated on the
    UI thread only.

    `new[i]` is 1 when comment `i` (display order, as in `Thread.comments`) was
    not seen in an earlier session of an article opened in an earlier session.
    It is fixed for the session: what is marked seen now stays new until the
    next launch (only `State.mark_read` clears it, on purpose). An article never
    opened before is `unread` and has no new comments."""

    key: int
    comment_keys: array[int]
    opened_before: bool
    new: bytearray
    # Where the reader left it: the comment under the cursor (display index, if
    # that comment is still in the file) and the body's scroll offset.
    cursor: int | None = None
    body_scroll: float = 0.0
    # Comments marked seen this session (1 each), so each is written once.
    marked: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        if not self.marked:
            self.marked = bytearray(len(self.comment_keys))

    @property
    def unread(self) -> bool:
        return not self.opened_before

    @property
    def comment_count(self) -> int:
        return len(self.comment_keys)

    @property
    def new_count(self) -> int:
        return self.new.count(NEW)

    def is_new(self, index: int) -> bool:
        return self.new[index] == NEW

    def next_new(self, index: int) -> int | None:
        """The first new comment after `index` (-1: from the start), or None."""
        found = self.new.find(NEW, index + 1)
        return found if found >= 0 else None

    def previous_new(self, index: int) -> int | None:
        """The last new comment before `index` (len: from the end), or None."""
        found = self.new.rfind(NEW, 0, max(index, 0))
        return found if found >= 0 else None
