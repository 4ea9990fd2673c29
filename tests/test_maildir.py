"""Maildir folders: which folders are one, and reading their messages whatever
else the folder holds (one message that cannot be read is skipped, named)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from reader.cli import main
from reader.formats.loader import load_articles
from reader.formats.mail.maildir import is_maildir
from tests.builders import discover, write
from tests.formats_support import fixture


def pond(tmp_path: Path) -> Path:
    box = tmp_path / "pond"
    shutil.copytree(fixture("pond.maildir"), box)
    return box


@pytest.mark.parametrize("kept", ["cur", "new"])
def test_a_maildir_with_only_one_of_cur_and_new_opens(tmp_path: Path, kept: str) -> None:
    box = pond(tmp_path)
    other = "new" if kept == "cur" else "cur"
    for message in (box / other).iterdir():
        message.rename(box / kept / message.name)
    (box / other).rmdir()
    (box / "tmp").mkdir()
    assert is_maildir(box)
    assert discover([box]) == ([box], [])
    (article,) = load_articles(box)
    assert article.title == "Frogspawn already?"
    assert main(["dump", str(box)]) == 0


def test_a_folder_of_articles_holding_a_new_folder_is_walked_not_read_as_mail(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "notes"
    write(folder / "new" / "a.txt", "Title\n\nBody.\n")
    write(folder / "b.txt", "Other\n\nBody.\n")
    assert not is_maildir(folder)
    assert discover([folder]) == ([folder / "b.txt", folder / "new" / "a.txt"], [])


def test_a_message_that_cannot_be_read_is_skipped_and_named(tmp_path: Path) -> None:
    box = pond(tmp_path)
    (box / "cur" / "1714900050.M9P1.host:2,S").symlink_to(tmp_path / "gone")
    warnings: list[str] = []
    (article,) = load_articles(box, warnings)
    assert article.title == "Frogspawn already?"
    assert warnings == [
        f"{box}: message 1714900050.M9P1.host: message skipped: no such file or directory"
    ]


def test_a_fifo_in_a_maildir_is_skipped_without_blocking(tmp_path: Path) -> None:
    box = pond(tmp_path)
    os.mkfifo(box / "new" / "1714900300.M4P1.host")
    warnings: list[str] = []
    done = threading.Event()
    loaded: list[object] = []

    def load() -> None:
        loaded.extend(load_articles(box, warnings))
        done.set()

    threading.Thread(target=load, daemon=True).start()
    # Bounded by a condition: a blocked open would never set it.
    assert done.wait(60), "the load blocked on the FIFO"
    assert len(loaded) == 1
    assert warnings == [f"{box}: message 1714900300.M4P1.host: message skipped: not a regular file"]


def test_a_link_to_a_device_is_never_read(tmp_path: Path) -> None:
    box = pond(tmp_path)
    (box / "cur" / "1714900400.M5P1.host:2,S").symlink_to("/dev/zero")
    warnings: list[str] = []
    (article,) = load_articles(box, warnings)
    assert article.title == "Frogspawn already?"
    assert warnings == [f"{box}: message 1714900400.M5P1.host: message skipped: not a regular file"]
