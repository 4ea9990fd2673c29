"""A pane: a view plus a pager-style search bar, with the search state it owns.

Typing runs the search in a worker (exclusive, so each keystroke cancels the
previous search); the worker hands back the first match as soon as it is
found and all of them when it is done. `n` / `N` move between matches,
wrapping with a notice; `escape` ends the search. Subclasses say what to
search (`find`), how to show matches (`highlight`) and how to reach one
(`go_to`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.worker import get_current_worker

from ...sanitize import neutralise
from ...search import Query, QueryError
from ..commands import SEARCH_COMMANDS, bindings
from .search_bar import SearchBar

Found = TypeVar("Found")
# How `Query.compile` starts its reason; the bar says "invalid" already.
INVALID_REGEX = "invalid regular expression: "


class SearchPane(Vertical, Generic[Found]):
    """Base class of the three panes; `Found` is what a search finds in it."""

    BINDINGS = bindings(SEARCH_COMMANDS)
    FILTER_TOGGLE = False

    def __init__(self, view: Widget, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.view = view
        self.search_query: Query | None = None
        self.last_query: Query | None = None
        self.matches: list[Found] = []
        self.current = -1
        self.counted = False
        # Why the query in force cannot be searched for (an invalid regex), if so.
        self.error: str | None = None
        # The query whose matches are on show: a new one starts at its first match.
        self._shown_query: Query | None = None
        # What the border's subtitle says while no search is on (an article count).
        self._resting_subtitle = ""

    def compose(self) -> ComposeResult:
        yield self.view
        yield SearchBar(filter_toggle=self.FILTER_TOGGLE)

    @property
    def bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def searching(self) -> bool:
        return self.search_query is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.bar.has_focus_within:
            # The bar's input types these keys: its own bindings are the ones offered.
            return action not in ("search", "next_match", "previous_match", "end_search")
        if action in ("next_match", "previous_match", "end_search"):
            return self.searching
        return True

    # Subclass hooks ----------------------------------------------------------

    def find(self, query: Query) -> Iterator[Found]:
        """The matches of `query` in this pane's document, in display order.

        Called on the UI thread, which picks the document; the iterator is run
        by the search worker, so it must read no widget."""
        raise NotImplementedError

    def highlight(self, matches: list[Found], current: Found | None) -> None:
        """Show `matches`, `current` distinctly; an empty list removes the highlight."""
        raise NotImplementedError

    def go_to(self, match: Found) -> None:
        """Bring `match` on screen."""
        raise NotImplementedError

    # Running a search --------------------------------------------------------

    def action_search(self) -> None:
        self.bar.open()
        if not self.searching and self.last_query is not None:
            self.start_search(self.last_query)

    def start_search(self, query: Query) -> None:
        """Search for `query` as if it had been typed in the bar."""
        self.bar.set_query(query)
        self.run_search(query)

    @on(SearchBar.Changed)
    def _query_changed(self, event: SearchBar.Changed) -> None:
        event.stop()
        self.run_search(event.search_query)

    def run_search(self, query: Query) -> None:
        self.search_query = query
        self.error = None
        self.last_query = query
        if not query.text:
            self._shown_query = None
            self._show([], -1, counted=True)
            return
        self._search(query, self.find(query))

    @work(exclusive=True, thread=True, group="search")
    def _search(self, query: Query, found: Iterator[Found]) -> None:
        worker = get_current_worker()
        try:
            matches: list[Found] = []
            for match in found:
                matches.append(match)
                if len(matches) == 1:
                    self.app.call_from_thread(self._found, query, list(matches), False)
                if worker.is_cancelled:
                    return
        except QueryError as error:
            self.app.call_from_thread(self._failed, query, str(error))
            return
        self.app.call_from_thread(self._found, query, matches, True)

    def _found(self, query: Query, matches: list[Found], counted: bool) -> None:
        if query != self.search_query:
            return  # A newer query has been typed since.
        fresh = query != self._shown_query
        self._shown_query = query
        current = 0 if fresh else min(max(self.current, 0), len(matches) - 1)
        self._show(matches, current if matches else -1, counted)
        if matches and fresh:
            self.go_to(matches[0])

    def _failed(self, query: Query, reason: str) -> None:
        if query != self.search_query:
            return
        self.error = reason
        self._shown_query = None
        self._show([], -1, counted=True)

    def _show(self, matches: list[Found], current: int, counted: bool) -> None:
        self.matches, self.current, self.counted = matches, current, counted
        self.highlight(matches, matches[current] if matches else None)
        self._update_status()

    @property
    def counter(self) -> str:
        if self.error is not None:
            return self.error
        if not self.matches:
            return "no matches" if self.counted else "searching…"
        total = str(len(self.matches)) if self.counted else "…"
        return f"{self.current + 1}/{total}"

    def set_resting_subtitle(self, subtitle: str) -> None:
        """What the border says while no search is on; a search's counter replaces it."""
        self._resting_subtitle = subtitle
        self._update_status()

    def _update_status(self) -> None:
        query = self.search_query
        if query is None or not query.text:
            self.bar.set_status("")
            self.border_subtitle = self._resting_subtitle
            return
        if self.error is not None:
            # The reason is too long for the bar, where it squeezed the query out
            # of sight: the bar says "invalid", the pane's border says why.
            self.bar.set_status("invalid", error=True)
            reason = self.error.removeprefix(INVALID_REGEX)
            self.border_subtitle = Content(neutralise(f"regex: {reason}"))
            return
        self.bar.set_status(self.counter)
        # Content, not str: a str border title is read as markup, and the query
        # is whatever was typed.
        self.border_subtitle = Content(neutralise(f"/{query.text}  {self.counter}"))

    # Moving between matches --------------------------------------------------

    def _step(self, direction: int) -> None:
        if not self.matches:
            if self.searching:
                self.notify("no matches", timeout=1.5)
            return
        target = self.current + direction
        if not self.counted and not 0 <= target < len(self.matches):
            # The matches past those handed over are not known yet: no wrapping.
            self.notify("still searching…", timeout=1.5)
            return
        if target >= len(self.matches):
            target = 0
            self.notify("search wrapped to the top", timeout=1.5)
        elif target < 0:
            target = len(self.matches) - 1
            self.notify("search wrapped to the bottom", timeout=1.5)
        self.current = target
        self.highlight(self.matches, self.matches[target])
        self.go_to(self.matches[target])
        self._update_status()

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    @on(SearchBar.Submitted)
    def _submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        self.bar.close()
        self.view.focus()
        if not self.bar.search_query.text:
            self.end_search()

    @on(SearchBar.Cancelled)
    def _cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        self.end_search()

    def action_end_search(self) -> None:
        self.end_search()

    def end_search(self) -> None:
        """Remove the highlight and close the bar; the cursor stays where it is."""
        self.workers.cancel_group(self, "search")
        self.search_query = None
        self.error = None
        self._shown_query = None
        self.bar.close()
        self._show([], -1, counted=True)
        self.view.focus()
        # With the focus on the view already, nothing else tells the footer that
        # `n` / `N` no longer act.
        self.screen.refresh_bindings()
