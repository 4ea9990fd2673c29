"""A pane: a view plus a pager-style search bar, with the search state it owns.

Typing runs the search in a worker (exclusive: each keystroke cancels the
last search), which hands the matches back in batches (`batches.py`). The
counter is the bar's while it is open, else the border's. `n` / `N` move
between matches, wrapping with a notice; `escape` ends the search. What is
searched, and how matches are shown and reached, is the pane's view's (its
`SearchTarget`, told the search as it stands: `SearchState`).

As in less and mutt, a search starts from where the reader is (the view's
place as the bar opened): its first match at or after it, else it wraps to
the first with a notice. `escape` in the bar goes back to that place; once
the search is kept (`enter`), it is a jump, which `'` goes back from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.worker import get_current_worker

from ...search.history import SearchHistory
from ...search.query import Query, QueryError
from ..commands import JUMP_COMMANDS, SEARCH_COMMANDS, bindings
from .first_use import BarOnFirstUse
from .status import counter_text, search_status
from .target import Found, Matches, SearchTarget

if TYPE_CHECKING:
    # Imported when first used (the bar built, a search run): the first frame has neither.
    from .bar import SearchBar
    from .batches import FoundBatch

# The pane's actions whose keys the bar's input types while it has the focus.
TYPED_IN_THE_BAR = ("search", "next_match", "previous_match", "end_search", "jump_back")


class SearchPane(Vertical, Generic[Found]):
    """Base class of the three panes; `Found` is what a search finds in it."""

    BINDINGS = [*bindings(SEARCH_COMMANDS), *bindings(JUMP_COMMANDS)]
    FILTER_TOGGLE = False

    def __init__(
        self,
        view: Widget,
        target: SearchTarget[Found],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`view` is the pane's view, `target` what searches and shows the
        matches (the view itself)."""
        super().__init__(id=id, classes=classes)
        self.view = view
        self.target = target
        self.search_query: Query | None = None
        self.last_query: Query | None = None
        # Grown in place, batch by batch, while the search counts.
        self.matches: Matches[Found] = target.new_matches()
        self.current = -1
        self.counted = False
        # Why the query in force cannot be searched for (an invalid regex), if so.
        self.error: str | None = None
        # The query whose matches are on show: a new one goes to its first
        # match at or after where the search began.
        self._shown_query: Query | None = None
        # Where the reader was as the bar opened (None: not open since the
        # last search was kept or cancelled): searches start from there, and
        # `escape` in the bar goes back to it.
        self._origin: Any = None
        # The search on show has not gone to its first match yet.
        self._seeking = False
        # `n` / `N` typed ahead of the matches found so far (`/word⏎n` in one
        # burst): taken as the matches come.
        self._steps_ahead = 0
        # What the border's subtitle says while no search is on (an article count).
        self._resting_subtitle = ""
        # What it says now: setting it repaints the whole pane, even unchanged.
        self._subtitle: str | Content = ""
        # Which run of a search the batches in flight belong to: a batch of an
        # earlier run (another query, or the same one on the old document) is dropped.
        self.run = 0
        # The query typed last, until the search for it starts (after the frame
        # that shows it).
        self._typed = None
        # The search bar, mounted on its first use.
        self._bars = BarOnFirstUse(self, self._make_bar)
        # Shared by the screen's bars (set by the screen); `up` / `down` walk it.
        self.history = SearchHistory()

    def compose(self) -> ComposeResult:
        yield self.view

    @property
    def bar(self) -> SearchBar:
        """The search bar, mounted now if this is its first use."""
        return self._bars.bar

    def _make_bar(self) -> SearchBar:
        from .bar import SearchBar

        # It shows the query in force, or the last one (`/` reopens it).
        bar = SearchBar(
            self.history,
            self.search_query or self.last_query,
            filter_toggle=self.FILTER_TOGGLE,
            changed=self.query_typed,
        )
        self.mount(bar, after=self.view)
        return bar

    def on_key(self, event: events.Key) -> None:
        self._bars.key(event)

    # The bar's messages by their handlers' names: its class is imported as it is first built.
    def on_search_bar_mounted(self, event: SearchBar.Mounted) -> None:
        event.stop()
        self._bars.ready(self.view)

    def close_bar(self) -> None:
        if (bar := self._bars.built) is not None:
            bar.close()
            # The counter was the bar's while it was open: the border has it now.
            self._update_status()

    @property
    def filtering(self) -> bool:
        bar = self._bars.built
        return bar is not None and bar.filtering

    @property
    def searching(self) -> bool:
        return self.search_query is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (bar := self._bars.built) is not None and bar.has_focus_within:
            # The bar's input types these keys: its own bindings are the ones offered.
            return action not in TYPED_IN_THE_BAR
        if action in ("next_match", "previous_match", "end_search"):
            return self.searching
        return True

    @property
    def current_match(self) -> Found | None:
        return self.matches[self.current] if len(self.matches) and self.current >= 0 else None

    # Running a search --------------------------------------------------------

    def action_search(self) -> None:
        self._origin = self.target.place()
        built = self._bars.built is not None
        self.bar.open()
        if built:
            self._bars.ready(self.view)  # else once the new bar is mounted
        # The counter goes from the border to the bar.
        self._update_status()
        if not self.searching and self.last_query is not None:
            self.start_search(self.last_query)

    def start_search(self, query: Query) -> None:
        """Search for `query` as if it had been typed in the bar (a bar not
        built yet will show it when it is)."""
        if (bar := self._bars.built) is not None:
            bar.set_query(query)
        self.run_search(query)

    def _stop_search(self) -> None:
        """The query on show is superseded: its worker stops, and its batches
        still in flight are dropped rather than shown before the new search."""
        self.workers.cancel_group(self, "search")
        self.run += 1
        self._steps_ahead = 0

    def query_typed(self, query: Query) -> None:
        """The bar's query changed (a key typed, a toggle flipped), as the key
        is handled: the search for the query it replaces stops at once, and
        the new one starts after the frame that shows the keystroke, so
        starting it, its first match and its highlighting never hold up the
        echo. Keys typed ahead (several in one frame) search only for the last."""
        self._typed = query
        self._stop_search()
        self.call_after_refresh(self._search_typed)

    def _search_typed(self) -> None:
        query, self._typed = self._typed, None
        if query is not None:
            self.run_search(query)

    def run_search(self, query: Query) -> None:
        self._typed = None
        self.search_query = query
        self.error = None
        self.last_query = query
        self.run += 1
        if not query.text:
            self.workers.cancel_group(self, "search")
            self._shown_query = None
            self._show(self.target.new_matches(), -1, counted=True)
            if self._origin is not None:
                # Nothing typed (what was is rubbed out): back where it began.
                self.target.return_to(self._origin)
            return
        target = self.target
        origin = self._origin if self._origin is not None else target.place()
        self._search(self.run, target.find(query), target.new_matches, target.starts_from(origin))

    def document_changed(self) -> None:
        """Another document is on show: the old one's search ends (its worker is
        cancelled, its late batches dropped), and the query in force, if any,
        is searched for in the new one."""
        self._stop_search()
        self.matches, self.current = self.target.new_matches(), -1
        if self.search_query is not None:
            self.run_search(self.search_query)

    @work(exclusive=True, thread=True, group="search")
    def _search(
        self,
        run: int,
        found: Iterator[Found],
        new_matches: Callable[[], Matches[Found]],
        starts_here: Callable[[Found], bool],
    ) -> None:
        """Runs `found` (captured on the UI thread) and hands the matches over in
        batches (`find_in_batches`), each once the frame showing the one before
        is painted (the worker out of that frame's way)."""
        from ..switch_interval import WORKING
        from .batches import FRAME_WAIT_SECONDS, find_in_batches

        worker = get_current_worker()
        call = self.app.call_from_thread
        painted = threading.Event()

        def hand_over(batch: FoundBatch[Found]) -> None:
            painted.clear()
            call(self.take_batch, batch, painted.set)
            painted.wait(FRAME_WAIT_SECONDS)

        # (the UI thread, woken by a key, waits for the interpreter at most 0.1 ms)
        with WORKING.lowered():
            try:
                last = find_in_batches(
                    run, found, new_matches, starts_here, hand_over, lambda: worker.is_cancelled
                )
            except QueryError as error:
                call(self._failed, run, str(error))
                return
            if last is not None:
                call(self.take_batch, last)

    def take_batch(
        self, found: FoundBatch[Found], painted: Callable[[], None] | None = None
    ) -> None:
        """A batch of matches from a search worker (on the UI thread); `painted`
        is called once the frame that shows it is painted."""
        if painted is not None:
            self.call_after_refresh(painted)
        if found.run != self.run:
            return  # A newer query has been typed, or the document changed, since.
        batch = found.matches
        self.counted = found.counted
        if found.first:
            # A new query goes to its first match from where the search began;
            # the same one again (on another version of the document) stays.
            self._seeking = self.search_query != self._shown_query
            self._shown_query = self.search_query
            self._show(batch, -1 if self._seeking or not batch else 0, found.counted)
            before = 0
        else:
            before = len(self.matches)
            self.matches.extend(batch)
            if self.current < 0 and self.matches and not self._seeking:
                self.current = 0
            if batch or found.counted:
                self.target.matches_added(batch, self)
        if self._seeking and found.start is not None:
            self._go_to_start(before + found.start)
        elif self._seeking and found.counted:
            self._seeking = False
            if self.matches:
                # None at or after where it began: the first, as `n` wraps.
                self.notify("search wrapped to the top", timeout=1.5)
                self._go_to_start(0)
        if self._steps_ahead and not self._seeking:
            steps, self._steps_ahead = self._steps_ahead, 0
            for _ in range(abs(steps)):
                self._step(1 if steps > 0 else -1)
        self._update_status()

    def _go_to_start(self, current: int) -> None:
        """The search's first match to go to is found: make it current, show it."""
        self._seeking = False
        self.current = current
        self.target.current_moved(self)
        self.target.go_to(self.matches[current])

    def _failed(self, run: int, reason: str) -> None:
        if run != self.run:
            return
        self.error = reason
        self._shown_query = None
        self._show(self.target.new_matches(), -1, counted=True)

    def _show(self, matches: Matches[Found], current: int, counted: bool) -> None:
        self.matches, self.current, self.counted = matches, current, counted
        self.target.show_matches(self)
        self._update_status()

    @property
    def counter(self) -> str:
        return counter_text(len(self.matches), self.counted, self.current, self.error)

    def set_resting_subtitle(self, subtitle: str) -> None:
        """What the border says while no search is on; a search's counter replaces it."""
        self._resting_subtitle = subtitle
        self._update_status()

    def _update_status(self) -> None:
        bar = self._bars.built
        bar_open = bar is not None and bar.is_open
        status = search_status(
            self.search_query, self.error, self.counter, bar_open, self._resting_subtitle
        )
        if bar is not None:
            bar.set_status(status.bar, error=status.bar_error)
        self._set_subtitle(status.subtitle)

    def _set_subtitle(self, subtitle: str | Content) -> None:
        # A str is markup, Content is not: equal text is not enough.
        if type(subtitle) is not type(self._subtitle) or subtitle != self._subtitle:
            self._subtitle = subtitle
            self.border_subtitle = subtitle

    # Moving between matches --------------------------------------------------

    def _step(self, direction: int) -> None:
        target = self.current + direction
        if self.searching and (
            self._seeking or (not self.counted and not 0 <= target < len(self.matches))
        ):
            # The match to go to is not known yet (nor whether to wrap).
            self._steps_ahead += direction
            return
        if not self.matches:
            if self.searching:
                self.notify("no matches", timeout=1.5)
            return
        if target >= len(self.matches):
            target = 0
            self.notify("search wrapped to the top", timeout=1.5)
        elif target < 0:
            target = len(self.matches) - 1
            self.notify("search wrapped to the bottom", timeout=1.5)
        self._seeking = False
        self.target.jumps.record(self.target.place())
        self.current = target
        self.target.current_moved(self)
        self.target.go_to(self.matches[target])
        self._update_status()

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        # The query typed last is kept now, not after the next frame: `n` typed
        # right after Enter (in the same burst) steps through its matches.
        self._search_typed()
        self.close_bar()
        self.view.focus()
        origin, self._origin = self._origin, None
        if not event.bar.search_query.text:
            self.end_search()
        elif origin is not None:
            # The search is kept: where it began is where `'` goes back to.
            self.target.jumps.record(origin)

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        origin, self._origin = self._origin, None
        self.end_search()
        if origin is not None:
            # Cancelled: back where the search began, as in less and mutt.
            self.target.return_to(origin)

    def action_jump_back(self) -> None:
        target = self.target
        place = target.jumps.back(target.place())
        if place is None:
            self.notify("No jump to go back to", timeout=2, markup=False)
            return
        target.return_to(place)

    def action_end_search(self) -> None:
        self.end_search()

    def end_search(self) -> None:
        """Remove the highlight and close the bar; the cursor stays where it is."""
        self._stop_search()
        self._typed = self.search_query = self._shown_query = self.error = None
        self._seeking = False
        self.close_bar()
        self._show(self.target.new_matches(), -1, counted=True)
        self.view.focus()
        # With the focus on the view already, nothing else tells the footer that
        # `n` / `N` no longer act.
        self.screen.refresh_bindings()
