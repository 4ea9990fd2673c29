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
