"""`ctrl+l` redraws the whole screen, as in less, mutt and slrn: after another
program (a background job, `wall`) has written over it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.terminal import Terminal

GARBAGE = "WRITTEN-OVER-BY-ANOTHER-PROGRAM"


def terminal_device(pid: int) -> Path:
    """The pty the app draws on (its stdout), as another program would open it."""
    link = Path(f"/proc/{pid}/fd/1")
    if not link.exists():
        pytest.skip("needs /proc to find the app's terminal")
    return Path(os.readlink(link))


def test_ctrl_l_redraws_what_another_program_wrote_over() -> None:
    with Terminal([], size=(80, 24)) as terminal:
        terminal.wait_for("2 articles")
        with terminal_device(terminal.child.pid).open("w") as other_program:
            other_program.write(f"\x1b[12;10H{GARBAGE}")
        terminal.pump(0.5)
        assert GARBAGE in terminal.text()
        terminal.press("\x0c")
        terminal.pump(0.5)
        assert GARBAGE not in terminal.text()
        assert "2 articles" in terminal.text()
        assert terminal.quit() == 0
