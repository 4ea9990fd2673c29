"""The reader in the open article, as the views report it: what is drawn
(seen), where the reader is (the thread's cursor and the body's scroll), the
new and unread comments, and marking read.

The views talk to a `Reading`, not to the screen: a frame's drawn comments
and a key's cursor move are a memory append here. With no state this session
it remembers nothing and knows no marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .article_state import ArticleState
from .session import State


class Reading:
    """One session's reading, of the article open now (`article`: its state,
    None without a state this session)."""

    def __init__(self, state: State | None = None) -> None:
        self.state = state
        self.article: ArticleState | None = None
        # Where the reader is: the comment under the cursor, the body's scroll.
        self._cursor: int | None = None
        self._body_scroll = 0.0
        # True while another article is being put on show: its views start at
        # their top, which is not where the reader is, so what they report is
        # not taken.
        self._opening = False

    @contextmanager
    def opening(self, article: ArticleState | None) -> Iterator[tuple[int | None, float] | None]:
        """Open `article` (its state): inside, the views show it at their start
        and nothing is saved; gives where the reader left it last time (the
        cursor's comment, the body's scroll), None without a state."""
        self.article = article
        remembered = self.state is not None and article is not None
        self._cursor, self._body_scroll = (
            (article.cursor, article.body_scroll) if article is not None else (None, 0.0)
        )
        self._opening = True
        try:
            yield (article.cursor, article.body_scroll) if remembered else None  # type: ignore[union-attr]
        finally:
            self._opening = False
        if remembered:
            self.state.opened(article)  # type: ignore[union-attr, arg-type]

    @property
    def remembering(self) -> bool:
        """Whether what is drawn and where the reader is are remembered (a state
        this session, and an article open)."""
        return self.state is not None and self.article is not None

    def seen(self, indices: list[int]) -> None:
        """These comments of the open article were drawn on screen."""
        if self.article is not None and self.state is not None:
            self.state.mark_seen(self.article, indices)

    def cursor_moved(self, cursor: int) -> None:
        """The thread's cursor is on comment `cursor` (-1: none)."""
        if not self._opening:
            self._cursor = cursor if cursor >= 0 else None
            self._save()

    def body_scrolled(self, scroll: float) -> None:
        """The article's body is scrolled to `scroll`."""
        if not self._opening:
            self._body_scroll = scroll
            self._save()

    def _save(self) -> None:
        if self.article is not None and self.state is not None:
            self.state.save_position(self.article, self._cursor, self._body_scroll)

    def mark_of(self, index: int) -> int | None:
        """What the open article's state says of comment `index` (READ, NEW,
        UNREAD or STUB); None without a state."""
        return self.article.reading[index] if self.article is not None else None

    def next_of(self, kind: int, cursor: int, forward: bool) -> int | None:
        """The next (previous) comment of `kind` (NEW, UNREAD) after (before)
        the cursor's; None when there is none that way."""
        article = self.article
        if article is None:
            return None
        if forward:
            return article.next_of(kind, cursor)
        return article.previous_of(kind, cursor if cursor >= 0 else len(article.reading))

    def mark_read(self) -> bool:
        """Every comment of the open article seen, its marks cleared now;
        False when there is nothing to mark (no state, no article)."""
        if self.article is None or self.state is None:
            return False
        self.state.mark_read(self.article)
        return True

    def mark_all_read(self, articles: Iterable[ArticleState]) -> int:
        """Every comment of every article seen; how many articles."""
        if self.state is None:
            return 0
        articles = list(articles)
        self.state.mark_all_read(articles)
        return len(articles)
