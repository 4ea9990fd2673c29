"""The installed `reader` command in a real pseudo-terminal, read through a
terminal emulator (pyte) the way a person would see it. The one harness every
pty test uses."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

COLUMNS, LINES = 160, 45


def reader_command() -> str:
    """The console script installed next to this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("reader")
    found = str(beside) if beside.exists() else shutil.which("reader")
    if found is None:
        pytest.fail("the `reader` console script is not installed")
    return found


class Terminal:
    """A pty running `reader ARGS`, with the screen as a terminal would show it
    and every byte the app wrote (`output`)."""

    def __init__(self, args: list[str], size: tuple[int, int] = (COLUMNS, LINES)) -> None:
        columns, lines = size
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns)}
        env.pop("TEXTUAL", None)
        self.child = pexpect.spawn(
            reader_command(), args, dimensions=(lines, columns), env=env, timeout=10
        )

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.child.close()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.2) -> None:
        """Read what the app writes for a while (a pty gives no sign it is done)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return
            self.output.extend(data)
            self.stream.feed(data)

    def wait_for(self, *needles: str, timeout: float = 20) -> str:
        """The screen, once it shows every needle; fails (with the screen) if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if all(needle in self.text() for needle in needles):
                return self.text()
        raise AssertionError(f"never saw {needles!r} on screen:\n{self.text()}")

    def press(self, keys: str) -> None:
        """Send bytes as the terminal would for the keys, then let the app draw."""
        self.child.send(keys)
        self.pump(0.3)

    def quit(self) -> int | None:
        """Press `q`, wait for the app to end, and return its exit status."""
        self.child.send("q")
        self.child.expect(pexpect.EOF, timeout=10)
        self.output.extend(self.child.before or b"")
        self.child.close()
        return self.child.exitstatus
