"""A command in a pseudo-terminal that the benchmark talks to: markers awaited
in what it writes, keys sent, its peak memory read, as `time_to_screen`
reads a start-up (bytes searched as they come, no terminal emulator; started
with `subprocess`; this process's collector paused meanwhile)."""

from __future__ import annotations

import fcntl
import gc
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from types import TracebackType

import pyte

from tests.bench_support import SCREEN


class Pty:
    """`command` running in a pseudo-terminal of `size`; everything it wrote
    is in `written`, each read's arrival time in `arrivals`."""

    def __init__(
        self,
        command: list[str],
        size: tuple[int, int] = SCREEN,
        env: dict[str, str] | None = None,
    ) -> None:
        columns, lines = size
        self._collecting = gc.isenabled()
        gc.disable()
        self.terminal, child_end = pty.openpty()
        fcntl.ioctl(child_end, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.start = time.perf_counter()
        self.child = subprocess.Popen(
            command, stdin=child_end, stdout=child_end, stderr=child_end,
            env={**os.environ, "TERM": "xterm-256color", **(env or {})},
            start_new_session=True,
        )  # fmt: skip
        os.close(child_end)
        self.written = bytearray()
        self.command = command
        # For a curses program, which rewrites only what changed on screen:
        # its output is fed to a terminal emulator, for `wait_for_text`.
        self._screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self._screen)
        self._fed = 0

    def __enter__(self) -> Pty:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait()
        os.close(self.terminal)
        if self._collecting:
            gc.enable()

    def _read(self, timeout: float) -> bool:
        """Read what has been written within `timeout`; whether anything was."""
        if not select.select([self.terminal], [], [], timeout)[0]:
            return False
        try:
            self.written += os.read(self.terminal, 1 << 16)
        except OSError:  # the command has ended
            ended = f"{self.command} ended; it wrote {bytes(self.written[-500:])!r}"
            raise RuntimeError(ended) from None
        return True

    def wait_for(
        self, marker: bytes | re.Pattern[bytes], since: int = 0, timeout: float = 120
    ) -> float:
        """Seconds since the start until `marker` was written after offset
        `since` of `written` (a regular expression, or bytes)."""
        pattern = marker if isinstance(marker, re.Pattern) else re.compile(re.escape(marker))
        deadline = time.perf_counter() + timeout
        while pattern.search(self.written, since) is None:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{self.command} never showed {pattern.pattern!r}")
            self._read(0.01)
        return time.perf_counter() - self.start

    def wait_for_text(self, text: str, timeout: float = 120) -> float:
        """Seconds since the start until `text` is on the screen (each read
        fed to a terminal emulator: a few ms late, for a curses program)."""
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            if self._fed < len(self.written):
                self._stream.feed(bytes(self.written[self._fed :]))
                self._fed = len(self.written)
                if any(text in line for line in self._screen.display):
                    return now - self.start
            if now > deadline:
                raise RuntimeError(f"{self.command} never showed {text!r}")
            self._read(0.01)

    def send(self, keys: bytes) -> float:
        """Write `keys` to the command; the time since the start."""
        os.write(self.terminal, keys)
        return time.perf_counter() - self.start

    def key_to_output(self, keys: bytes, timeout: float = 10) -> float:
        """Seconds from sending `keys` until the command writes anything."""
        self.settle()
        before = len(self.written)
        sent = time.perf_counter()
        os.write(self.terminal, keys)
        deadline = sent + timeout
        while len(self.written) == before:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{self.command} wrote nothing after {keys!r}")
            self._read(0.005)
        return time.perf_counter() - sent

    def settle(self, quiet: float = 0.3, timeout: float = 30) -> None:
        """Read until the command has written nothing for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while self._read(quiet):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{self.command} never went quiet")

    def peak_kb(self) -> int:
        """The command's peak resident memory so far (`VmHWM`, in kB)."""
        with open(f"/proc/{self.child.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM")
