"""The article list as its pane's search target: a search of the list narrows
it to the articles that match (each entry saying how many of its comments
do), `n` / `N` go from one to the next, and the search ended, every article
shows again with the cursor where it was before, or on the one opened since."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ...search.query import Query
from ...store import DocumentStore
from ..search.jumps import Jumps
from ..search.target import Matches, SearchState
from .drawn_list import DrawnArticleList

# What a search of the list finds: an article id and how many of its comments match.
FoundArticle = tuple[str, int]


class SearchedArticleList(DrawnArticleList):
    """An article list that its pane searches (a `SearchTarget`)."""

    def __init__(self, store: DocumentStore, *, id: str | None = None) -> None:
        super().__init__(store, id=id)
        # The article to highlight when a search stops narrowing the list: the
        # one highlighted before it narrowed it, or the one opened since.
        self._selection_before: str | None = None
        # The article highlighted before the last jump (`'`).
        self.jumps: Jumps[str] = Jumps()

    @property
    def narrowed(self) -> bool:
        return self.listing.found is not None

    def narrow(self, found: Sequence[FoundArticle]) -> None:
        """Show only the articles in `found` (article id, matching comments)."""
        self.listing.narrow(found)
        self._arrange()
        self._reset()

    def show_all(self) -> None:
        self.listing.narrow(None)
        self._arrange()
        self._reset()

    def find(self, query: Query) -> Iterator[FoundArticle]:
        return self.store.search_all(query)

    def new_matches(self) -> list[FoundArticle]:
        return []

    def show_matches(self, search: SearchState[FoundArticle]) -> None:
        query = search.search_query
        if query is not None and query.text:
            if not self.narrowed:
                self._selection_before = self.highlighted_id
            if search.counted or not self.narrowed:
                self.narrow(list(search.matches))
            current = search.current_match
            self.highlight_id(current[0] if current else None)
        elif self.narrowed:
            self.show_all()
            self.highlight_id(self._selection_before)

    def matches_added(
        self, added: Matches[FoundArticle], search: SearchState[FoundArticle]
    ) -> None:
        self.show_matches(search)

    def current_moved(self, search: SearchState[FoundArticle]) -> None:
        self.show_matches(search)

    def go_to(self, match: FoundArticle) -> None:
        self.highlight_id(match[0])

    def place(self) -> str | None:
        return self.highlighted_id

    def return_to(self, place: str | None) -> None:
        self.highlight_id(place)

    def starts_from(self, place: str | None) -> Callable[[FoundArticle], bool]:
        """From the highlighted article on, in the order of the list (the
        matches come in the order the articles loaded, which is the list's)."""
        positions = dict(self.listing.position)
        start = positions.get(place, 0) if place is not None else 0
        return lambda found: positions.get(found[0], -1) >= start
