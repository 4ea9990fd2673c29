"""Where the reader was before their last jump, to go back to.

A jump is a move that can take the reader far from where they were reading:
a search, `n` / `N`, `g` / `G`, the next new or unread comment. `'` (or
`ctrl+o`) goes back to the place before the last one, as `''` does in less;
going back is a jump too, so pressing it again returns. What a place is
belongs to each view (the thread's cursor and folds, the body's scroll, the
list's article): this only keeps one.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Place = TypeVar("Place")


class Jumps(Generic[Place]):
    """The place before the last jump in one view."""

    def __init__(self) -> None:
        self._before: Place | None = None

    def record(self, before: Place) -> None:
        """A jump is being made from `before`."""
        self._before = before

    def back(self, here: Place) -> Place | None:
        """The place to go back to (None: no jump yet); `here` becomes the
        place to come back to."""
        before = self._before
        if before is not None:
            self._before = here
        return before

    def forget(self) -> None:
        """Another document is on show: the places were in the last one."""
        self._before = None
