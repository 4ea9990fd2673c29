"""A load whose worker is held back: the tests of what the screen shows while
files are still loading open it, look, then let the load go on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from reader.loading import Loading
from reader.prepared import PreparedBatch


class GatedLoading(Loading):
    """The load worker waits for `gate` before it takes the batches after the
    one read ahead (the preview, which the screen shows as it mounts)."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(paths)
        self.gate = threading.Event()
        assert self.read_ahead()

    def __iter__(self) -> Iterator[PreparedBatch | Exception]:
        self.gate.wait(timeout=10)
        yield from super().__iter__()
