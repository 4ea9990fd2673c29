"""How the screen fetches from the web while the reader reads, whatever it
fetches: a refresh (`r`, `R`, the config's interval), a front page story's
thread as it is opened (and the first few ahead of that), a Reddit stub's
comments (`web_updates`), an article's whole text and a page's feed
(`page_fetches`).

Each fetch runs in a daemon thread of its queue's pool (`THREADS` at a time,
each host's own limits applying in the client): keys never wait for one,
and quitting never waits for the network. What goes wrong in a job is, here,
a `LoadError`: one line naming the URL, never a traceback. Jobs queued and
not started yet can be dropped when no longer wanted (the reader moved on);
a job's result is posted to the screen as a `FetchDone` message, which
hands it, on the UI thread, to the queue's `done`. `done` of `total` is the
progress of the jobs asked for since the queue was last empty and every
result handed over (`fetching 3/30`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

from textual.message import Message

from ...errors import LoadError

# Fetches at once (each host's turns are the client's business).
THREADS = 4
# One job at a time of each of these kinds: the story shown (the next one shown
# waits in the queue, where moving on drops it) and a stub's comments (Reddit
# asks for one request at a time).
ONE_AT_A_TIME = frozenset(["story", "expand"])


class FetchJob(NamedTuple):
    """What to fetch and why: `kind` says what the result is for ("refresh",
    "story" for the story shown, "prefetch", "expand"; "page", "feed"),
    `article_id` which article it concerns (None: the articles of `url`,
    whichever they are)."""

    kind: str
    url: str
    article_id: str | None = None
    # What the result is made of, beyond the URL (a stub to expand).
    detail: Any = None


class FetchDone(Message):
    """A job's result: what its work gave, or the LoadError that stopped it;
    `deliver` (on the UI thread) hands it to its queue's `done`."""

    def __init__(self, fetches: Fetches, job: FetchJob, result: Any) -> None:
        super().__init__()
        self.fetches = fetches
        self.job = job
        self.result = result

    def deliver(self) -> None:
        self.fetches.deliver(self.job, self.result)


class Fetches:
    """A queue of jobs, done by `work` in daemon threads; each result posted
    with `post`, then given to `done` on the UI thread."""

    def __init__(
        self,
        work: Callable[[FetchJob], Any],
        done: Callable[[FetchJob, Any], None],
        post: Callable[[Message], object],
    ) -> None:
        self._work = work
        self._done = done
        self._post = post
        self._queue: deque[FetchJob] = deque()
        self._running: set[FetchJob] = set()
        # Results posted and not handed to `done` yet.
        self._posted = 0
        self._lock = threading.Condition()
        self._threads = 0
        self._closed = False
        self.done = 0
        self.total = 0

    def add(self, job: FetchJob, first: bool = False) -> bool:
        """Queue `job` (`first`: ahead of the others) unless a job for the same
        URL and article is queued or running already; False then."""
        with self._lock:
            if self._closed or any(_same(job, other) for other in self._running):
                return False
            queued = next((other for other in self._queue if _same(job, other)), None)
            if queued is not None:
                if first:
                    self._queue.remove(queued)
                    self._queue.appendleft(queued)
                return False
            if first:
                self._queue.appendleft(job)
            else:
                self._queue.append(job)
            self.total += 1
            if self._threads < THREADS:
                self._threads += 1
                threading.Thread(target=self._run, name="reader-fetch", daemon=True).start()
            self._lock.notify_all()
        return True

    def drop(self, wanted: Callable[[FetchJob], bool]) -> int:
        """Take the queued jobs that are not `wanted` any more out of the
        queue (those running go on); how many."""
        with self._lock:
            kept = deque(job for job in self._queue if wanted(job))
            dropped = len(self._queue) - len(kept)
            self._queue = kept
            self.total -= dropped
            self._settle()
        return dropped

    def jobs(self) -> list[FetchJob]:
        """The jobs running and queued."""
        with self._lock:
            return [*self._running, *self._queue]

    @property
    def active(self) -> bool:
        """Whether a job is queued or running, or its result not handed over yet."""
        return self.total > 0

    def deliver(self, job: FetchJob, result: Any) -> None:
        """On the UI thread: a job's result to `done` (not once closed)."""
        with self._lock:
            if self._closed:
                return
            self._posted -= 1
            self._settle()
        self._done(job, result)

    def close(self) -> None:
        """Take no more jobs and post nothing more (the screen is going)."""
        with self._lock:
            self._closed = True
            self._queue.clear()
            self._lock.notify_all()

    def _run(self) -> None:
        while True:
            with self._lock:
                while (job := self._next()) is None and not self._closed:
                    self._lock.wait()
                if self._closed or job is None:
                    return
                self._queue.remove(job)
                self._running.add(job)
            try:
                result = self._work(job)
            except LoadError as error:
                result = error
            except Exception as error:  # never a traceback: one line naming the URL
                result = LoadError(job.url, f"{type(error).__name__}: {error}")
            with self._lock:
                self._running.discard(job)
                if self._closed:
                    return
                self.done += 1
                self._posted += 1
                self._lock.notify_all()  # a job of its kind may start now
            self._post(FetchDone(self, job, result))

    def _next(self) -> FetchJob | None:
        """The first job queued that may start now."""
        busy = {job.kind for job in self._running if job.kind in ONE_AT_A_TIME}
        return next((job for job in self._queue if job.kind not in busy), None)

    def _settle(self) -> None:
        """With nothing left, the progress starts again from 0/0."""
        if not self._queue and not self._running and not self._posted:
            self.done = self.total = 0


def _same(job: FetchJob, other: FetchJob) -> bool:
    """Whether the two jobs fetch the same thing for the same article."""
    return job.url == other.url and job.article_id == other.article_id
