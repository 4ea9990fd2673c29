"""What a pane's search is run over, and how it is shown: a `SearchTarget`
(the pane's view: it finds, shows and reaches matches, and says where the
reader is), told the search as it stands (`SearchState`), with matches kept in
a `Matches` container of the view's choosing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from ...search.query import Query
from .jumps import Jumps

Found = TypeVar("Found")
Kept = TypeVar("Kept", covariant=True)


class Matches(Protocol[Kept]):
    """Where a pane keeps its matches: a list, or something more compact."""

    def __len__(self) -> int: ...
    def __getitem__(self, position: int) -> Kept: ...
    def __iter__(self) -> Iterator[Kept]: ...
    def extend(self, matches: Iterable[Kept]) -> None: ...  # type: ignore[misc]


class SearchState(Protocol[Kept]):
    """A pane's search as it stands, as its target is told it."""

    @property
    def search_query(self) -> Query | None: ...
    @property
    def matches(self) -> Matches[Kept]: ...
    @property
    def current_match(self) -> Kept | None: ...
    @property
    def counted(self) -> bool: ...
    @property
    def error(self) -> str | None: ...
    @property
    def filtering(self) -> bool: ...


class SearchTarget(Protocol[Found]):
    """What a pane searches, and shows and reaches the matches in: its view.
    Where the reader is in it is a place of the view's own kind."""

    jumps: Jumps[Any]
    """The place before the reader's last jump in the view."""

    def place(self) -> Any:
        """Where the reader is in the view now."""
        ...

    def return_to(self, place: Any) -> None:
        """Put the reader back at `place` (one `place` gave)."""
        ...

    def starts_from(self, place: Any) -> Callable[[Found], bool]:
        """A test of a match: True if it is at or after `place`, where a search
        begun there starts. Called on the UI thread; the test is run by the
        search worker, so it must read no widget."""
        ...

    def find(self, query: Query) -> Iterator[Found]:
        """The matches of `query` in the document on show, in display order.
        Called on the UI thread, which picks the document; the iterator is run
        by the search worker, so it must read no widget."""
        ...

    def new_matches(self) -> Matches[Found]:
        """An empty container for matches, to fill. Called by the search worker
        too: it must read no widget."""
        ...

    def show_matches(self, search: SearchState[Found]) -> None:
        """Show the search's matches afresh, its current match distinctly."""
        ...

    def matches_added(self, added: Matches[Found], search: SearchState[Found]) -> None:
        """`added` were appended to the search's matches (on the last batch,
        `search.counted` is True already)."""
        ...

    def current_moved(self, search: SearchState[Found]) -> None:
        """`n` / `N` moved the search's current match."""
        ...

    def go_to(self, match: Found) -> None:
        """Bring `match` on screen."""
        ...


class FixedSearch(NamedTuple, Generic[Found]):
    """A search as it stands, fixed: a `SearchState` to show matches with
    where no pane runs the search (a benchmark, a test)."""

    matches: Matches[Found]
    current_match: Found | None = None
    search_query: Query | None = None
    counted: bool = True
    error: str | None = None
    filtering: bool = False
