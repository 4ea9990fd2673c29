"""Loading many documents at once without the garbage collector in the way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Pause the cyclic garbage collector while documents are loaded.

    Loading allocates millions of objects that live as long as the store and
    makes no garbage cycles, yet every full collection would scan all that has
    been loaded so far: the cost grows with the square of the corpus. After the
    load, one collection clears what cycles there are, and the survivors are
    frozen out of the collector's generations so later collections skip them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.collect()
            gc.freeze()
            gc.enable()
