"""Issue 23 §13: every message the command line writes to the terminal has its
control characters made visible. A mailbox named `w2<ESC>]0;PWNT<BEL><ESC>[2J.mbox`
set the terminal's title and cleared the screen through `reader dump`'s
skipped-message warning; a Maildir message's name did the same."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOSTILE = "w2\x1b]0;PWNT\x07\x1b[2J"


def assert_inert(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text)
    assert "␛]0;PWNT␇␛[2J" in text


def test_a_mailbox_named_with_escapes_is_named_inertly_in_its_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{HOSTILE}.mbox"
    shutil.copy(FIXTURES / "garden.mbox", path)
    assert main(["dump", str(path)]) == 0
    err = capsys.readouterr().err
    assert "message skipped" in err
    assert_inert(err)
    assert len(err.splitlines()) == 1


def test_a_maildir_message_named_with_escapes_is_named_inertly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maildir = tmp_path / "box"
    shutil.copytree(FIXTURES / "pond.maildir", maildir)
    # A message that cannot be read (not a regular file), named to attack the terminal.
    os.mkfifo(maildir / "cur" / f"{HOSTILE}\n:2,S")
    assert main(["dump", str(maildir)]) == 0
    err = capsys.readouterr().err
    assert "not a regular file" in err
    assert_inert(err)
    assert len(err.splitlines()) == 1, err
