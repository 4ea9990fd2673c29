"""A pane: a view plus a pager-style search bar, with the search state it owns.

Typing runs the search in a worker (exclusive, so each keystroke cancels the
previous search, as the key is handled); the worker hands back the first match
as soon as it is found, then the rest in bounded batches, so the count fills in
while the UI thread stays free for typing. While the bar is open the counter is
the bar's; the pane's border shows it once the bar is closed. `n` / `N` move
between matches, wrapping with a notice; `escape` ends the search. What is
searched, and how matches are shown and reached, is the pane's view's: a
`SearchTarget`, told the search as it stands (`SearchState`).

As in less and mutt, a search starts from where the reader is (the view's
place as the bar opened): its first match at or after it, else it wraps to
the first with a notice. `escape` in the bar goes back to that place; once
the search is kept (`enter`), it is a jump, which `'` goes back from.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.worker import get_current_worker

from ...sanitize import neutralise
from ...search.history import SearchHistory
from ...search.query import Query, QueryError
from ..commands import JUMP_COMMANDS, SEARCH_COMMANDS, bindings
from ..switch_interval import WORKING
from .bar import SearchBar
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


class FoundBatch(NamedTuple, Generic[Found]):
    """Matches a search worker hands the pane: of search run `run` (a batch
    of an earlier run is dropped), its `first` batch or a later one, and
    whether the search is `counted` (done) with it. `start` is where in the
    batch the first match at or after the search's starting place is, if it
    is in this batch."""

    run: int
    matches: Matches[Found]
    first: bool
    counted: bool
    start: int | None = None


# How `Query.compile` starts its reason; the bar says "invalid" already.
INVALID_REGEX = "invalid regular expression: "
# The worker hands matches to the UI thread in batches of at most BATCH_LIMIT,
# and at most every BATCH_SECONDS while it finds fewer: each hand-over costs the
# UI thread only its batch, never the matches so far. Each batch is a frame (the
# counter), and a key typed within a frame period after a frame waits for
# Textual's next update tick (1/60 s): ten frames a second leave most keys none.
BATCH_LIMIT = 65536
BATCH_SECONDS = 0.1
# After handing a batch over, the worker waits for the frame that shows it, at
# most this long: painted while the worker runs, a frame took three to five
# times as long (each of the UI thread's waits for the interpreter), and a key
# typed meanwhile waited for all of it.
FRAME_WAIT_SECONDS = 0.1




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
        # The search bar, mounted on its first use: most sessions never search
        # a pane, and three bars were half the screen's widgets at start-up.
        self._bar: SearchBar | None = None
        # Shared by the screen's bars (set by the screen); `up` / `down` walk it.
        self.history = SearchHistory()
        # Keys typed in the same burst as the `/` that built the bar: they reach
        # the view, which had the focus, and are the query's (replayed to the
        # bar's input once it is mounted). None: no bar is being built.
        self._early_keys: list[events.Key] | None = None

    def compose(self) -> ComposeResult:
        yield self.view

    @property
    def bar(self) -> SearchBar:
        """The search bar, mounted now if this is its first use."""
        if self._bar is None:
            # It shows the query in force, or the last one (`/` reopens it).
            self._bar = SearchBar(
                self.history,
                self.search_query or self.last_query,
                filter_toggle=self.FILTER_TOGGLE,
                changed=self.query_typed,
            )
            self.mount(self._bar, after=self.view)
        return self._bar

    def on_key(self, event: events.Key) -> None:
        if self._early_keys is not None:
            event.stop()
            event.prevent_default()
            self._early_keys.append(event)
        elif self._bar is None and self._opens_search(event.key):
            # On its way to the app, which opens the bar (and builds it); the
            # keys after it in the burst are already on their way through the
            # view: they are kept for the bar's input.
            self._early_keys = []

    def _opens_search(self, key: str) -> bool:
        bindings = self._bindings.copy()
        bindings.apply_keymap(self.app._keymap)
        return any(b.action == "search" for b in bindings.key_to_bindings.get(key, ()))

    @on(SearchBar.Mounted)
    def _bar_mounted(self, event: SearchBar.Mounted) -> None:
        event.stop()
        # The keys of the burst may still be on their way through the view:
        # replay them after the view, then this pane, have handled what they had.
        self.view.call_later(self.call_later, self._replay_early_keys)

    def _replay_early_keys(self) -> None:
        keys, self._early_keys = self._early_keys or [], None
        if self._bar is not None:
            self._bar.type_keys(keys)

    def close_bar(self) -> None:
        if self._bar is not None:
            self._bar.close()
            # The counter was the bar's while it was open: the border has it now.
            self._update_status()

    @property
    def filtering(self) -> bool:
        return self._bar is not None and self._bar.filtering

    @property
    def searching(self) -> bool:
        return self.search_query is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._bar is not None and self._bar.has_focus_within:
            # The bar's input types these keys: its own bindings are the ones offered.
            return action not in (
                "search",
                "next_match",
                "previous_match",
                "end_search",
                "jump_back",
            )
        if action in ("next_match", "previous_match", "end_search"):
            return self.searching
        return True

    @property
    def current_match(self) -> Found | None:
        return self.matches[self.current] if len(self.matches) and self.current >= 0 else None

    # Running a search --------------------------------------------------------

    def action_search(self) -> None:
        self._origin = self.target.place()
        self.bar.open()
        # The counter goes from the border to the bar.
        self._update_status()
        if not self.searching and self.last_query is not None:
            self.start_search(self.last_query)

    def start_search(self, query: Query) -> None:
        """Search for `query` as if it had been typed in the bar (a bar not
        built yet will show it when it is)."""
        if self._bar is not None:
            self._bar.set_query(query)
        self.run_search(query)

    def _stop_search(self) -> None:
        """The query on show is superseded: its worker stops, and its batches
        still in flight are dropped rather than shown before the new search."""
        self.workers.cancel_group(self, "search")
        self.run += 1

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
        self.workers.cancel_group(self, "search")
        self.run += 1
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
        batches, each in a container from `new_matches`: the first match at
        once, and the first that `starts_here` is true of (the match the search
        goes to), then at most `BATCH_LIMIT` at a time, each once the frame
        showing the one before is painted (the worker out of that frame's way)."""
        worker = get_current_worker()
        call = self.app.call_from_thread
        painted = threading.Event()

        def hand_over(batch: Matches[Found], first: bool, start: int | None) -> None:
            painted.clear()
            call(self.take_batch, FoundBatch(run, batch, first, False, start), painted.set)
            painted.wait(FRAME_WAIT_SECONDS)

        batch = new_matches()
        first = seeking = True
        handed_at = time.monotonic()
        # (the UI thread, woken by a key, waits for the GIL at most 0.1 ms)
        with WORKING.lowered():
            try:
                for match in found:
                    if worker.is_cancelled:
                        return
                    batch.extend((match,))
                    start = None
                    if seeking and starts_here(match):
                        seeking, start = False, len(batch) - 1
                    due = time.monotonic() - handed_at >= BATCH_SECONDS
                    if first or start is not None or due or len(batch) >= BATCH_LIMIT:
                        hand_over(batch, first, start)
                        batch, first, handed_at = new_matches(), False, time.monotonic()
            except QueryError as error:
                call(self._failed, run, str(error))
                return
            if not worker.is_cancelled:
                call(self.take_batch, FoundBatch(run, batch, first, True))

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
        if self.error is not None:
            return self.error
        if not self.matches:
            return "no matches" if self.counted else "searching…"
        # While counting: the matches found so far, and an ellipsis for the rest.
        total = str(len(self.matches)) if self.counted else f"{len(self.matches)}…"
        # While the match to go to is still to be found: none current yet.
        current = str(self.current + 1) if self.current >= 0 else "-"
        return f"{current}/{total}"

    def set_resting_subtitle(self, subtitle: str) -> None:
        """What the border says while no search is on; a search's counter replaces it."""
        self._resting_subtitle = subtitle
        self._update_status()

    def _update_status(self) -> None:
        query = self.search_query
        bar = self._bar
        if query is None or not query.text:
            if bar is not None:
                bar.set_status("")
            self._set_subtitle(self._resting_subtitle)
            return
        if self.error is not None:
            # The reason is too long for the bar, where it squeezed the query out
            # of sight: the bar says "invalid", the pane's border says why.
            if bar is not None:
                bar.set_status("invalid", error=True)
            reason = self.error.removeprefix(INVALID_REGEX)
            self._set_subtitle(Content(neutralise(f"regex: {reason}")))
            return
        if bar is not None and bar.is_open:
            # The bar shows the counter. In the border too, it repainted the
            # whole pane at every batch of a count, holding up the keys typed.
            bar.set_status(self.counter)
            self._set_subtitle(self._resting_subtitle)
            return
        if bar is not None:
            bar.set_status(self.counter)
        # Content, not str: a str border title is read as markup, and the query
        # is whatever was typed.
        self._set_subtitle(Content(neutralise(f"/{query.text}  {self.counter}")))

    def _set_subtitle(self, subtitle: str | Content) -> None:
        # A str is markup, Content is not: equal text is not enough.
        if type(subtitle) is not type(self._subtitle) or subtitle != self._subtitle:
            self._subtitle = subtitle
            self.border_subtitle = subtitle

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

    @on(SearchBar.Submitted)
    def _submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        self.close_bar()
        self.view.focus()
        origin, self._origin = self._origin, None
        if not event.bar.search_query.text:
            self.end_search()
        elif origin is not None:
            # The search is kept: where it began is where `'` goes back to.
            self.target.jumps.record(origin)

    @on(SearchBar.Cancelled)
    def _cancelled(self, event: SearchBar.Cancelled) -> None:
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
        self.workers.cancel_group(self, "search")
        self.run += 1
        self._typed = None
        self.search_query = None
        self.error = None
        self._shown_query = None
        self._seeking = False
        self.close_bar()
        self._show(self.target.new_matches(), -1, counted=True)
        self.view.focus()
        # With the focus on the view already, nothing else tells the footer that
        # `n` / `N` no longer act.
        self.screen.refresh_bindings()
