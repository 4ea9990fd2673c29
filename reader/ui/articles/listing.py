"""What the article list holds, pure: every loaded article with its comment
count, in load order, and the rows it shows of them (a search's narrowing and
the arrangement's order and limit, `arrangement`), each found by its id; and
the articles that share their title and source with another (twins: their
entries name their files too)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...model import Article, Thread
from .arrangement import Arrangement, Row

# An article loaded, and how many comments its thread holds.
Entry = tuple[Article, int]


class Listing:
    """The loaded articles and the rows shown of them."""

    def __init__(self) -> None:
        # Every loaded article with its comment count, and where each is in it.
        self.entries: list[Entry] = []
        self.position: dict[str, int] = {}
        # While a search narrows the list: what it found (position in
        # `entries`, matching comments).
        self.found: list[Row] | None = None
        # The rows shown, when not every article in load order (a search, a
        # sort, the limit), and where each article is among them.
        self.arrangement = Arrangement()
        self.rows: list[Row] | None = None
        self._row_of: dict[str, int] = {}
        # The articles that share their title and source with another.
        self.twins: set[str] = set()
        self._first_of: dict[tuple[str, str | None], str] = {}

    @property
    def count(self) -> int:
        """How many articles are shown."""
        return len(self.entries) if self.rows is None else len(self.rows)

    @property
    def arranged(self) -> bool:
        """Whether the rows are other than every article in load order."""
        return self.found is not None or not self.arrangement.plain

    def entry(self, index: int) -> tuple[Article, int, int | None]:
        """The article shown at `index`, its comment count and matching comments."""
        if self.rows is None:
            article, count = self.entries[index]
            return article, count, None
        position, matching = self.rows[index]
        article, count = self.entries[position]
        return article, count, matching

    def index_of(self, article_id: str) -> int | None:
        """Where the article is shown (None: it is not)."""
        if self.rows is None:
            return self.position.get(article_id)
        return self._row_of.get(article_id)

    def add(self, entries: list[Entry]) -> list[str]:
        """Append articles (with their comment counts). The articles loaded
        before whose twin came now: their entries say more."""
        twinned = []
        for position, (article, _) in enumerate(entries, len(self.entries)):
            self.position[article.id] = position
            key = (article.title, article.source)
            first = self._first_of.setdefault(key, article.id)
            if first != article.id and first in self.position:
                self.twins.update((first, article.id))
                twinned.append(first)
        self.entries.extend(entries)
        return twinned

    def replace_last(self, count: int, entries: list[Entry]) -> tuple[list[Article], list[str]]:
        """Put `entries` in the place of the last `count`; a search's results
        hold each replaced article's full version instead (same file and
        `source_id`). The articles replaced, and the twins (as `add`)."""
        first = len(self.entries) - count
        replaced = [article for article, _ in self.entries[first:]]
        for article in replaced:
            del self.position[article.id]
        del self.entries[first:]
        twinned = self.add(entries)
        if self.found is not None:
            full_version = {
                (article.path, article.source_id): position
                for position, (article, _) in enumerate(entries, first)
            }
            found = []
            for position, matching in self.found:
                if position >= first:
                    article = replaced[position - first]
                    position = full_version.get((article.path, article.source_id), -1)
                if position >= 0:
                    found.append((position, matching))
            self.found = found
        return replaced, twinned

    def replace(self, article: Article, count: int | None = None) -> None:
        """`article` in the place of the entry under its id, with `count`
        comments (None: as many as before)."""
        position = self.position[article.id]
        old = self.entries[position][1]
        self.entries[position] = (article, old if count is None else count)

    def narrow(self, found: Sequence[tuple[str, int]] | None) -> None:
        """Only the articles in `found` (article id, matching comments); None: all."""
        self.found = (
            None
            if found is None
            else [(self.position[article_id], matching) for article_id, matching in found]
        )

    def arrange(self, wanted: Callable[[Article], bool], thread: Callable[[str], Thread]) -> None:
        """Work out the rows shown (`wanted`: whether the limit lets an article
        show; `thread`: an article's thread, to sort by)."""
        if not self.arranged:
            self.rows, self._row_of = None, {}
            return
        self.rows = self.arrangement.rows(self.entries, self.found, wanted, thread)
        self._row_of = {
            self.entries[position][0].id: index for index, (position, _) in enumerate(self.rows)
        }
