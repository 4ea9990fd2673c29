"""The `mailstream` section: what a big mailbox costs before its first thread.

A mailbox is read in two passes (`reader/formats/mail/mailbox.py`): every message's
threading fields first, then the threads in order, given in batches; a big
one first gives a preview, the first thread among its first 100 messages. The
command line reads ahead only to the first batch (the preview), so the file's
read, 100 heads and one thread are all that stands between a big mailbox and
the first frame (the pty figures are in the `list` section). Measured in
process time, in process: the read-ahead, and the whole load through
`Loading` (parsed and prepared for the store, as the app's load worker does),
for the `list` section's mailbox. For information: the targets are the
`list` section's.
"""

from __future__ import annotations

import time

from reader.collector import bulk_loading
from reader.loading import Loading
from tests.bench_list import FULL_COUNT, QUICK_COUNT, write_mailbox
from tests.bench_support import Bench, Figure, median_of


def mailstream_figures(bench: Bench) -> list[Figure]:
    count = QUICK_COUNT if bench.quick else FULL_COUNT
    path = write_mailbox(bench.folder / "stream-threads.mbox", count)

    def read_ahead() -> float:
        start = time.process_time()
        with bulk_loading():
            assert Loading([path]).read_ahead()
        return time.process_time() - start

    def whole() -> float:
        start = time.process_time()
        with bulk_loading():
            loading = Loading([path])
            assert loading.read_ahead()
            given = sum(
                len(batch.articles) - batch.replacing
                for batch in loading
                if not isinstance(batch, Exception)
            )
        assert given == count, f"{given} of {count} threads"
        return time.process_time() - start

    first, everything = median_of(bench.runs, read_ahead), median_of(bench.runs, whole)
    label = f"{count:,}-thread mailbox"
    return [
        Figure(f"{label}: read ahead to the first thread (CPU)", first * 1000, "ms", "info", None),
        Figure(f"{label}: whole load, in batches (CPU)", everything * 1000, "ms", "info", None),
    ]
