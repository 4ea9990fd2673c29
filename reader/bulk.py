"""Building many long-lived objects without the garbage collector in the way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
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
