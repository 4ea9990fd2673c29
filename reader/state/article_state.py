"""What the state knows about one loaded article: its keys, which comments are
new or unread, and where the reader left it."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

# What `ArticleState.reading` says of each comment. READ: drawn on screen in an
# earlier session (or marked read). NEW: not in the thread at any earlier
# visit (it arrived since). UNREAD: in the thread at an earlier visit, or this
# is the first visit, but never drawn on screen. STUB: a stub for replies the
# file does not hold (reddit's "more"), not a comment: never new nor unread.
READ, NEW, UNREAD, STUB = 0, 1, 2, 3
# `reading` with every comment read (stubs stay stubs), in one C call.
ALL_READ = bytes([READ, READ, READ, STUB]) + bytes(252)


@dataclass(eq=False, slots=True)
class ArticleState:
    """Made by `State.prepare` (in the load worker); then read and updated on the
    UI thread only.

    `reading[i]` is READ, NEW, UNREAD or STUB for comment `i` (display order, as
    in `Thread.comments`), as it was when the session began: it is fixed for the
    session, so what is seen now keeps its mark until the next launch (only
    `State.mark_read` clears them, on purpose). In an article never opened
    before nothing is new and every comment is unread."""

    key: int
    comment_keys: array[int]
    opened_before: bool
    reading: bytearray
    # Where the reader left it: the comment under the cursor (display index, if
    # that comment is still in the file) and the body's scroll offset.
    cursor: int | None = None
    body_scroll: float = 0.0
    # Comments marked seen this session (1 each), so each is written once;
    # stubs start marked, so they are never written.
    marked: bytearray = field(default_factory=bytearray)
    # The keys of comments the database does not know are in the thread yet:
    # written as this visit's when the article is opened, then emptied.
    unlisted: array[int] = field(default_factory=lambda: array("q"))
    # An item of a feed that the feed did not list at the last launch (it
    # arrived since); fixed for the session, as the comments' marks are.
    new_item: bool = False

    def __post_init__(self) -> None:
        if not self.marked:
            self.marked = bytearray(len(self.comment_keys))
            start = self.reading.find(STUB)
            while start >= 0:
                self.marked[start] = 1
                start = self.reading.find(STUB, start + 1)

    @property
    def comment_count(self) -> int:
        """Comments, stubs left out."""
        return len(self.comment_keys) - self.reading.count(STUB)

    @property
    def new_count(self) -> int:
        return self.reading.count(NEW)

    @property
    def unread_count(self) -> int:
        return self.reading.count(UNREAD)

    def is_new(self, index: int) -> bool:
        return self.reading[index] == NEW

    def is_unread(self, index: int) -> bool:
        return self.reading[index] == UNREAD

    def next_of(self, kind: int, index: int) -> int | None:
        """The first comment of `kind` (NEW, UNREAD) after `index` (-1: from the
        start), or None."""
        found = self.reading.find(kind, index + 1)
        return found if found >= 0 else None

    def previous_of(self, kind: int, index: int) -> int | None:
        """The last comment of `kind` before `index` (len: from the end), or None."""
        found = self.reading.rfind(kind, 0, max(index, 0))
        return found if found >= 0 else None

    def reorder(self, old_of_new: Sequence[int]) -> None:
        """The thread was sorted: comment `i` is the one that was at
        `old_of_new[i]`; the state follows it (the cursor's comment too)."""
        self.comment_keys = array("q", (self.comment_keys[old] for old in old_of_new))
        self.reading = bytearray(self.reading[old] for old in old_of_new)
        self.marked = bytearray(self.marked[old] for old in old_of_new)
        if self.cursor is not None:
            moved = {old: new for new, old in enumerate(old_of_new)}
            self.cursor = moved.get(self.cursor)

    def follow(self, earlier: ArticleState, arrived_mark: int = NEW) -> int:
        """This is the thread of `earlier` fetched again this session: each
        comment keeps the mark it had, and one that `earlier` did not hold
        (or held as a stub) arrived since: `arrived_mark` (NEW; a stub's
        comments, fetched when asked, UNREAD). The place is `earlier`'s.
        Gives how many arrived."""
        before = {key: index for index, key in enumerate(earlier.comment_keys)}
        arrived = 0
        for index, key in enumerate(self.comment_keys):
            if self.reading[index] == STUB:
                continue
            was = before.get(key)
            if was is None or earlier.reading[was] == STUB:
                self.reading[index], self.marked[index] = arrived_mark, 0
                arrived += 1
            else:
                self.reading[index] = earlier.reading[was]
                self.marked[index] = earlier.marked[was]
        self.opened_before = earlier.opened_before
        self.body_scroll = earlier.body_scroll
        if earlier.cursor is not None:
            key = earlier.comment_keys[earlier.cursor]
            self.cursor = self.comment_keys.index(key) if key in self.comment_keys else None
        return arrived

    def read_all(self) -> None:
        """Every comment read now (marked read): no new or unread marks (and
        the article no longer a new item)."""
        self.reading[:] = self.reading.translate(ALL_READ)
        self.marked[:] = bytes([1]) * len(self.marked)
        self.unlisted = array("q")
        self.new_item = False
