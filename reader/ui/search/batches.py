"""A search run in a worker, its matches handed to the UI thread in batches:
the first at once, then in bounded batches, so that the count fills in while
the UI thread stays free for typing (the pane lowers the interpreter's switch
interval meanwhile: `ui.switch_interval`, so that a key typed is handled at
once)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Generic, NamedTuple

from .target import Found, Matches


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


def find_in_batches(
    run: int,
    found: Iterator[Found],
    new_matches: Callable[[], Matches[Found]],
    starts_here: Callable[[Found], bool],
    hand_over: Callable[[FoundBatch[Found]], None],
    cancelled: Callable[[], bool],
) -> FoundBatch[Found] | None:
    """Runs `found` and hands the matches over (`hand_over`, which waits for
    the frame that shows them) in batches, each in a container from
    `new_matches`: the first match at once, and the first that `starts_here`
    is true of (the match the search goes to), then at most `BATCH_LIMIT` at
    a time; the last batch, the search counted, is returned (None: cancelled).
    Raises `QueryError` for a query that cannot be searched for."""
    batch = new_matches()
    first = seeking = True
    handed_at = time.monotonic()
    for match in found:
        if cancelled():
            return None
        batch.extend((match,))
        start = None
        if seeking and starts_here(match):
            seeking, start = False, len(batch) - 1
        due = time.monotonic() - handed_at >= BATCH_SECONDS
        if first or start is not None or due or len(batch) >= BATCH_LIMIT:
            hand_over(FoundBatch(run, batch, first, False, start))
            batch, first, handed_at = new_matches(), False, time.monotonic()
    return None if cancelled() else FoundBatch(run, batch, first, True)
