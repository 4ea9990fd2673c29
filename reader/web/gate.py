"""Politeness per host: how many requests at once, and when the host said to
come back (`429` with `Retry-After`, Reddit's `X-Ratelimit-*`).

A wait the host asks for is waited out when it is short (at most `max_wait`
seconds); a longer one fails the request at once, without asking the host,
and so does every request to it until then. The clock and the sleep are
injectable, so that tests count the waits instead of taking them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from email.utils import parsedate_to_datetime

# Requests at once to one host, unless the host is listed otherwise.
DEFAULT_CONNECTIONS = 4
# When a 429 does not say how long to wait.
DEFAULT_RETRY_AFTER = 60.0


class Throttled(Exception):
    """The host asked to wait `seconds` more than we wait for."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class HostGate:
    """Per-host turns: a semaphore each, and a time before which the host is
    not asked again."""

    def __init__(
        self,
        max_wait: float,
        connections: Mapping[str, int] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.max_wait = max_wait
        self._connections = dict(connections or {})
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._turns: dict[str, threading.Semaphore] = {}
        self._not_before: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Hold one of the host's turns, once it may be asked (Throttled if not soon)."""
        with self._lock:
            turns = self._turns.get(host)
            if turns is None:
                turns = self._turns[host] = threading.Semaphore(
                    self._connections.get(host, DEFAULT_CONNECTIONS)
                )
        with turns:
            wait = self.wait_for(host)
            if wait > self.max_wait:
                raise Throttled(wait)
            if wait > 0:
                self._sleep(wait)
            yield

    def wait_for(self, host: str) -> float:
        """Seconds until `host` may be asked again (0: now)."""
        with self._lock:
            return max(0.0, self._not_before.get(host, 0.0) - self._clock())

    def hold(self, host: str, seconds: float) -> None:
        """Ask `host` nothing for `seconds` from now."""
        with self._lock:
            until = self._clock() + max(0.0, seconds)
            self._not_before[host] = max(self._not_before.get(host, 0.0), until)

    def heed(self, host: str, status: int, headers: Mapping[str, str]) -> float | None:
        """Note what a response says about the host's limits; the seconds a 429
        asks to wait (None for any other status)."""
        if status == 429:
            seconds = retry_after(headers.get("retry-after"), time.time())
            seconds = DEFAULT_RETRY_AFTER if seconds is None else seconds
            self.hold(host, seconds)
            return seconds
        remaining = _number(headers.get("x-ratelimit-remaining"))
        reset = _number(headers.get("x-ratelimit-reset"))
        if remaining is not None and reset is not None and remaining < 1:
            self.hold(host, reset)
        return None


def retry_after(value: str | None, now: float) -> float | None:
    """`Retry-After` in seconds: a number of seconds, or an HTTP date."""
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return max(0.0, seconds)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value.strip())
    except ValueError:
        return None
