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
from reader.formats.mail.maildir import MaildirMessages, is_maildir, message_files
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


def test_a_message_file_listed_as_regular_is_read_without_a_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's listing says which messages are regular files: each is
    read by one read, no `fstat` asked (a quarter of a message's reading);
    a link and a FIFO beside them are still looked at before they are read."""
    box = pond(tmp_path)
    (box / "cur" / "1714900400.M5P1.host:2,S").symlink_to("/dev/zero")
    os.mkfifo(box / "new" / "1714900300.M4P1.host")
    stats: list[int] = []
    fstat = os.fstat
    monkeypatch.setattr(
        os, "fstat", lambda descriptor: stats.append(descriptor) or fstat(descriptor)
    )
    files = message_files(box)
    regular = [file for file in files if file.regular]
    assert len(regular) == len(files) - 2 >= 2
    read = list(MaildirMessages(box, files).read(range(len(files))))
    assert len(stats) == 2, "only the link and the FIFO are looked at"
    assert sorted(data for data in read if isinstance(data, str)) == ["not a regular file"] * 2
    assert all(
        data.startswith(b"From") or b"\nFrom:" in data for data in read if isinstance(data, bytes)
    )


def test_a_link_put_in_a_listed_message_file_s_place_is_looked_at_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file listed as regular, replaced by a link before it is read: the
    read without a stat does not follow it; the link is looked at (a stat of
    what it names) before it is read, as any link is."""
    box = pond(tmp_path)
    files = message_files(box)
    first = files[0]
    assert first.regular
    moved = tmp_path / "elsewhere"
    os.rename(first.path, moved)
    os.symlink(moved, first.path)
    stats: list[int] = []
    fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda number: stats.append(number) or fstat(number))
    assert next(MaildirMessages(box, files).read([0])) == moved.read_bytes()
    assert len(stats) == 1
    os.unlink(first.path)
    os.symlink("/dev/zero", first.path)
    assert next(MaildirMessages(box, files).read([0])) == "not a regular file"


def test_messages_of_one_key_are_listed_in_the_order_of_their_paths(tmp_path: Path) -> None:
    """Keys are unique but for a message in both folders, or named twice with
    other flags: those go by path, whatever order the folder lists them in."""
    box = tmp_path / "box"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    names = [f"1700000000.M{n}P1.host" for n in range(40)]
    for name in names:
        (box / "cur" / f"{name}:2,S").write_text("x")
    for name in names[::3]:
        (box / "new" / name).write_text("x")
        (box / "cur" / f"{name}:2,RS").write_text("x")
    files = message_files(box)
    assert [file.key for file in files] == sorted(names + names[::3] * 2)
    assert files == sorted(files)
