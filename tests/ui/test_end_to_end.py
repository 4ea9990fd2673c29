"""The installed `reader` command in a real pseudo-terminal, read through a
terminal emulator (pyte) the way a person would see it."""

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
FIRST_TITLE = "After Trump Massacres"
SECOND_TITLE = "Pentagon Reviewing Mosul"
FIRST_COMMENT = "This kind of warfare"


def reader_command() -> str:
    """The console script installed next to this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("reader")
    found = str(beside) if beside.exists() else shutil.which("reader")
    if found is None:
        pytest.fail("the `reader` console script is not installed")
    return found


class Terminal:
    """A pty running a command, with the screen as a terminal would show it."""

    def __init__(self, command: str, args: list[str]) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS)}
        env.pop("TEXTUAL", None)
        self.child = pexpect.spawn(command, args, dimensions=(LINES, COLUMNS), env=env, timeout=5)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.2) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return

    def wait_for(self, *needles: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if all(needle in self.text() for needle in needles):
                return self.text()
        raise AssertionError(f"never saw {needles!r} on screen:\n{self.text()}")

    def press(self, keys: str) -> None:
        self.child.send(keys)
        self.pump(0.3)


def test_reader_opens_the_seeds_in_a_real_terminal_and_quits_with_q() -> None:
    terminal = Terminal(reader_command(), [])
    try:
        screen = terminal.wait_for(FIRST_TITLE, SECOND_TITLE, FIRST_COMMENT)
        assert "Comments (12)" in screen
        # Into the thread, down to the third comment, and fold it.
        terminal.press("\t\t")
        terminal.press("jj ")
        terminal.wait_for("[+2]")
        # The second article has no comments.
        terminal.press("\t")
        terminal.press("j")
        terminal.wait_for("Comments (0)")
        terminal.press("q")
        terminal.child.expect(pexpect.EOF, timeout=10)
    finally:
        terminal.child.close()
    assert terminal.child.exitstatus == 0
