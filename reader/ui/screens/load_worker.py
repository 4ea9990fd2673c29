"""The load worker's loop: it reads the files off the UI thread and hands
what it has read to the main screen as messages, in batches.

The first result is handed over at once, so something is on screen soon; the
rest at most every `BATCH_SECONDS`, as each hand-over costs the UI thread a
message and a repaint (the list paints only the new entries on screen). Each
hand-over waits until the screen has taken it, so the worker never runs
ahead of what is shown.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from ...collector import bulk_loading
from ...errors import LoadError
from ...loading import Loading
from ...prepared import PreparedBatch
from ..messages import ArticlesLoaded, LoadFinished, LoadProgressFigures

Progress = LoadProgressFigures

# The load worker hands results to the UI thread at most this often.
BATCH_SECONDS = 0.25
# How often a hand-over waiting for the screen checks that the load goes on.
WAIT_SECONDS = 0.1


def progress_of(loading: Loading, measured: bool = True) -> LoadProgressFigures:
    """Files read, of how many; bytes read, of how many. The total is measured
    only when `measured` (in the load worker: it is the rest of the walk and a
    stat of every file)."""
    # First: it ends the walk, which counts the files.
    byte_count = loading.byte_count if measured else None
    return LoadProgressFigures(
        loading.files_done, loading.file_count, loading.bytes_done, byte_count
    )


def _read(loading: Loading) -> Iterator[tuple[PreparedBatch | LoadError | None, Progress]]:
    """Each result of the load with the progress after it, then None with the
    final progress (all of it read in the loader's own thread)."""
    for result in loading:
        yield result, progress_of(loading)
    yield None, progress_of(loading)


def start_loading(screen: Screen[None], loading: Loading) -> None:
    """Read the files `loading` has left in a thread worker of `screen`'s,
    its batches posted to it (see `load_in_batches`)."""

    def work() -> None:
        worker = get_current_worker()
        load_in_batches(loading, screen.post_message, lambda: worker.is_cancelled)

    screen.run_worker(work, name="load_files", group="load", thread=True, exclusive=True)


def load_in_batches(
    loading: Loading, post: Callable[[Message], object], cancelled: Callable[[], bool]
) -> None:
    """Read every file `loading` has left, posting `ArticlesLoaded` batches and,
    at the end, `LoadFinished`; stop when `cancelled` says so. The files are
    read in a thread of their own, which quitting does not wait for: a file may
    take long, or for ever, to read (`abandonable`)."""
    from ...abandonable import abandonable  # here: in the worker, after the first frame

    def wait_for(event: threading.Event) -> bool:
        while not event.wait(WAIT_SECONDS):
            if cancelled():
                return False
        return True

    def hand_over(results: list[PreparedBatch | LoadError], progress: Progress) -> bool:
        handled = threading.Event()
        post(ArticlesLoaded(results, progress, handled))
        return wait_for(handled)

    results: list[PreparedBatch | LoadError] = []
    handed_over: float | None = None
    progress: Progress | None = None
    with bulk_loading():
        for result, progress in abandonable(_read(loading), cancelled):
            if result is None:
                break
            # A file gives its articles (a mailbox one per thread) or its error.
            results.append(result)
            if handed_over is None or time.monotonic() - handed_over >= BATCH_SECONDS:
                if not hand_over(results, progress):
                    return
                results, handed_over = [], time.monotonic()
        if cancelled() or progress is None:
            return
        # Before the collection that ends the load (0.1 to 0.2 s after a big
        # archive, holding the interpreter): the whole list is on screen
        # first, and the screen says the load is done.
        if hand_over(results, progress):
            shown = threading.Event()
            post(LoadFinished(shown))
            wait_for(shown)


class LoadNotices:
    """What the load says as it goes: a notice for the files that failed since
    the last one, and one for the warnings (a mail skipped, a YAML key ignored:
    the files themselves loaded); the reasons are in the load log, at the top
    of the help screen."""

    def __init__(self) -> None:
        self._errors = 0
        self._warnings = 0

    def since_last(
        self, errors: int, warnings: int, doing: str = "loading"
    ) -> list[tuple[str, str]]:
        """The notices (message, severity) for `errors` and `warnings` so far
        (made while `doing` it: loading, or reading a thread)."""
        notices = []
        count, self._errors = errors - self._errors, errors
        if count:
            files = "1 file" if count == 1 else f"{count} files"
            notices.append((f"{files} could not be read — press ? for details", "error"))
        count, self._warnings = warnings - self._warnings, warnings
        if count:
            said = f"{count} warning{'' if count == 1 else 's'} while {doing}"
            notices.append((f"{said} — press ? for details", "warning"))
        return notices
