"""The cyclic garbage collector, kept out of the way while many long-lived
objects are built (a comment tree, a whole corpus, the first frame)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[bool]:
    """Pause the cyclic garbage collector for a burst of allocation that makes no
    garbage cycles (a comment tree, a whole corpus): collections during it would
    find nothing, yet each full one scans every object alive, at a cost that grows
    with the heap. Yields whether the collector was running before."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield was_running
    finally:
        if was_running:
            gc.enable()


def pause_collector() -> Callable[[], None]:
    """Pause the collector until the function returned is called (once is
    enough; it resumes it only if it was running before)."""
    was_running = gc.isenabled()
    gc.disable()

    def resume() -> None:
        nonlocal was_running
        if was_running:
            was_running = False
            gc.enable()

    return resume


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Load documents with the collector paused; afterwards, one collection clears
    what cycles there are, and the survivors, which live as long as the store,
    are frozen out of the collector's generations so later collections skip them."""
    with collector_paused() as was_running:
        yield
        if was_running:
            gc.collect()
            gc.freeze()


class FrozenDrops:
    """Frees what `bulk_loading` froze once enough of it has been let go.

    Frozen objects are never collected, and a thread is a cycle (its comments
    point back at it): a thread replaced after a load (a web thread refreshed,
    a listed mail thread read in full) would otherwise stay for the rest of the
    session, a whole version of the thread at every refresh. Once the comments
    let go reach a quarter of those kept (the collector's own measure for a full
    collection), the next drop first collects the frozen objects and freezes
    what is still alive again. Not at the drop that reaches it: the thread just
    replaced is still held by whoever replaced it (a view shows it until it
    shows the new one), so at most the last quarter's worth waits."""

    def __init__(self) -> None:
        self._dropped = 0
        # What `kept` said last: counted again only once the drops reach a
        # quarter of it (counting walks every thread: at each `j` in a big
        # archive's list, whose listed threads are read as they are opened).
        self._kept = 0

    def dropped(self, comments: int, kept: Callable[[], int]) -> None:
        """`comments` are let go now; `kept` counts those still held."""
        if not gc.get_freeze_count():
            return
        due = self._dropped and self._dropped * 4 >= self._kept
        if due:
            self._kept = kept()
        # (Not in a load, which collects and freezes at its end.)
        if due and self._dropped * 4 >= self._kept and gc.isenabled():
            self._dropped = 0
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        self._dropped += comments
