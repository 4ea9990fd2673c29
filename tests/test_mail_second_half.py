"""A big mailbox's second half is listed by a helper process (the second core,
issue 24): the list, each thread's messages and the warnings are the same as
when the index reads it all itself, whether the helper reads its half or
fails (then the index reads that half, with the same function)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader import loading as loading_module
from reader.formats.loader import load_batches, read_in_full
from reader.formats.mail import index, mailbox, second_half
from reader.loading import Loading, file_size
from tests.bench_archive_corpus import ArchiveShape, write_archive

SHAPE = ArchiveShape(messages=600, threads=60, biggest=120)
# Messages the second half holds: one whose head only `email` reads (read in
# full by the index), one with no head to list it by (skipped, with its line).
ODD = (
    "From: Ann <ann@example.org>\n"
    "Subject: An attachment\n"
    "Message-ID: <odd-1@example.org>\n"
    "Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
    "Content-Disposition: inline\n"
    "\n"
    "Its body.\n",
    "X-Nothing: here\n\nNo From, Subject or Date.\n",
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    made = write_archive(tmp_path_factory.mktemp("second-half"), SHAPE)
    with made.mbox.open("a", encoding="utf-8") as mbox:
        for message in ODD:
            mbox.write("From ann@example.org Mon Jan  1 00:00:00 2024\n" + message + "\n")
    for number, message in enumerate(ODD):
        (made.maildir / "cur" / f"9999999999.M{number}P1.odd:2,S").write_text(message)
    return made.mbox, made.maildir


def listed(
    path: Path, at_preview: Callable[[], object] | None = None
) -> tuple[list[Any], list[str]]:
    """Every thread as listed (what the list shows, and which messages it
    holds, by id), its text read in full, and the warnings; `at_preview`
    called once the preview is given."""
    warnings: list[str] = []
    threads = []
    for batch in load_batches(path, warnings):
        if batch.preview:
            if at_preview is not None:
                at_preview()
            continue
        for article in batch.articles:
            full = read_in_full(article, path)
            assert full is not None
            threads.append(
                (
                    article.title,
                    article.author,
                    article.published,
                    article.source_id,
                    [(comment.author, comment.source_id) for comment in article.comments],
                    [(comment.author, comment.text) for comment in full.comments],
                )
            )
    return threads, warnings


def whole(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[str]]:
    with monkeypatch.context() as patched:
        patched.setattr(mailbox, "HALVED_MBOX_BYTES", sys.maxsize)
        patched.setattr(mailbox, "HALVED_MAILDIR_MESSAGES", sys.maxsize)
        return listed(path)


def halved(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test archive shared with the helper, in pieces of some 40 messages."""
    monkeypatch.setattr(mailbox, "HALVED_MBOX_BYTES", 1)
    monkeypatch.setattr(mailbox, "HALVED_MAILDIR_MESSAGES", 1)
    monkeypatch.setattr(mailbox, "PIECE_BYTES", 48 * 1024)
    monkeypatch.setattr(mailbox, "PIECE_MESSAGES", 40)


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_a_mailbox_read_in_two_halves_lists_what_it_lists_read_whole(
    archive: tuple[Path, Path], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = archive[0] if kind == "mbox" else archive[1]
    expected = whole(path, monkeypatch)
    halved(monkeypatch)
    # The helper reads the second half: the index never reads it itself.
    read_here: list[object] = []
    for name in ("index_mbox_half", "index_maildir_half"):
        original = getattr(index, name)
        monkeypatch.setattr(
            index, name, lambda *args, f=original: read_here.append(args) or f(*args)
        )
    got = listed(path)
    assert read_here == [], "the helper process read the second half"
    assert got == expected
    threads, warnings = got
    assert len(threads) > 1 and any(len(thread[4]) > 10 for thread in threads)
    assert any("message skipped: no From, Subject or Date header" in line for line in warnings)
    if kind == "mbox":
        # Named by its line in the whole file, though the helper read it.
        lines = archive[0].read_bytes().splitlines()
        last = max(n for n, line in enumerate(lines, 1) if line.startswith(b"From ann@"))
        assert f"line {last}: message skipped" in "\n".join(warnings)


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_a_helper_that_cannot_start_leaves_its_half_to_the_index(
    archive: tuple[Path, Path], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = archive[0] if kind == "mbox" else archive[1]
    expected = whole(path, monkeypatch)
    halved(monkeypatch)
    monkeypatch.setattr(second_half.sys, "executable", os.devnull)
    assert listed(path) == expected


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
@pytest.mark.parametrize("idle", [True, False], ids=["a core idle", "no core idle"])
def test_a_big_archives_helper_reads_before_its_preview_is_given_only_with_a_core_idle(
    archive: tuple[Path, Path], kind: str, idle: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a core idle, the helper starts as the preview is made and reads
    while the app starts up; with none, once the preview is given (started
    before on a busy machine, it slowed the first frame). The list is the
    same either way."""
    path = archive[0] if kind == "mbox" else archive[1]
    expected = whole(path, monkeypatch)
    halved(monkeypatch)
    monkeypatch.setattr(mailbox, "EARLY_MBOX_BYTES", 1)
    monkeypatch.setattr(mailbox, "EARLY_MAILDIR_MESSAGES", 1)
    monkeypatch.setattr(mailbox, "idle_core", lambda: idle)
    started: list[second_half.Helper] = []

    def helper(*args: Any) -> second_half.Helper:
        started.append(second_half.Helper(*args))
        return started[-1]

    monkeypatch.setattr(mailbox, "Helper", helper)
    at_preview: list[int] = []
    assert listed(path, lambda: at_preview.append(len(started))) == expected
    assert at_preview == [1 if idle else 0] and len(started) == 1


def test_a_core_is_idle_when_fewer_threads_run_than_the_machine_has_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (The kernel's count of threads running or ready includes this one.)
    monkeypatch.setattr(second_half.os, "cpu_count", lambda: 1)
    assert not second_half.idle_core()
    monkeypatch.setattr(second_half.os, "cpu_count", lambda: 10**6)
    assert second_half.idle_core() == (len(os.sched_getaffinity(0)) >= 2)


def test_a_helper_that_fails_leaves_its_half_to_the_index(
    archive: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = whole(archive[0], monkeypatch)
    halved(monkeypatch)
    # An interpreter that cannot run the helper: it exits with an error.
    monkeypatch.setattr(second_half, "__name__", "reader.formats.mail.no_such_helper")
    assert listed(archive[0]) == expected


def test_an_mbox_is_cut_in_pieces_at_messages_past_what_is_read(tmp_path: Path) -> None:
    from reader.formats.mail.mbox import MboxFile

    message = b"From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b\n\nBody\n\n"
    box_path = tmp_path / "box"
    box_path.write_bytes(message * 10000)
    data = box_path.read_bytes()
    box = MboxFile(box_path)
    chunks = box.split()
    next(chunks)
    bounds = box.cut(40_000, 100)
    pieces = -(-(box.size - box.read_to) // 40_000)  # (rounded up)
    assert bounds[0] == box.read_to and bounds[-1] is None and len(bounds) == pieces + 1
    cuts = [bound for bound in bounds[1:-1] if bound is not None]
    assert cuts == sorted(set(cuts)) and box.read_to < cuts[0] and cuts[-1] < box.size
    assert all(data[cut - 2 : cut + 5] == b"\n\nFrom " for cut in cuts)
    assert len(box.cut(1000, 20)) == 21, "at most `most` pieces"
    # The reading stops where its pieces end, and goes on while `more` says so.
    box.stop = cuts[0]
    asked: list[int] = []

    def more() -> bool:
        asked.append(len(box))
        box.stop = cuts[len(asked)] if len(asked) < 3 else None
        return len(asked) < 3

    box.more = more
    for _ in chunks:
        pass
    assert box.ends[-1] == cuts[2] and len(asked) == 3, "read to the end of the third piece"
    # Each piece read alone holds its messages, its lines counted from its start.
    total = len(box)
    for start, stop in zip(cuts[2:], [*cuts[3:], None], strict=True):
        piece = MboxFile(box_path, start)
        piece.stop = stop
        total += sum(len(found) for found in piece.split())
        assert piece.lines[0] == 1
        assert piece.line_at_stop - 1 == data.count(b"\n", start, stop or len(data))
    assert total == 10000


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_the_index_and_the_helper_share_the_pieces_however_fast_each_reads(
    archive: tuple[Path, Path], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = archive[0] if kind == "mbox" else archive[1]
    expected = whole(path, monkeypatch)
    halved(monkeypatch)
    shared: list[second_half.Pieces] = []
    monkeypatch.setattr(
        mailbox, "Pieces", lambda bounds: shared.append(second_half.Pieces(bounds)) or shared[-1]
    )
    # The index reads slowly (its core busy): the helper reads more pieces.
    reading = index.list_head
    monkeypatch.setattr(
        index,
        "list_head",
        lambda *args: time.sleep(0.005) or reading(*args),  # type: ignore[func-returns-value]
    )
    assert listed(path) == expected
    (pieces,) = shared
    assert len(pieces.bounds) > 10
    assert 1 <= pieces.claimed < len(pieces.bounds) // 2 and pieces.left > 0


def test_the_helper_gives_each_message_id_as_one_string(archive: tuple[Path, Path]) -> None:
    # (The index takes the helper's ids as they come: one string each, however
    # many replies mention one, in whichever of the helper's pieces.)
    from reader.formats.mail.mbox import MboxFile

    box = MboxFile(archive[0])
    next(box.split())
    bounds = box.cut(48 * 1024, 100)
    pieces = second_half.Pieces(bounds)
    helper = second_half.Helper(("mbox", str(box.path), bounds[1:], pieces.tokens), pieces.tokens)
    kind, answered = helper.result()
    pieces.close()
    assert kind == "mbox" and len(answered) == len(bounds) - 2 > 3, "every piece the helper's"
    kept: dict[str, str] = {}
    mentions = 0
    for piece in answered:
        for record in piece[3]:
            if isinstance(record, tuple):
                for message_id in [record[0], *record[1]]:
                    if message_id is not None:
                        assert kept.setdefault(message_id, message_id) is message_id
                        mentions += 1
    assert mentions > 2 * len(kept)


def test_pieces_claimed_from_both_ends_go_to_one_side_each() -> None:
    pieces = second_half.Pieces([0, 10, 20, 30, 40, 50, None])
    helper: list[int] = []
    # The helper claims from the back as the index claims from the front.
    for turn in range(10):
        if turn % 3 == 0:
            pieces.claim()
        elif second_half.claim_token(pieces.tokens):
            helper.append(len(pieces.bounds) - 2 - len(helper))
    assert pieces.claimed + len(helper) == len(pieces.bounds) - 1
    assert sorted(helper) == list(range(pieces.claimed, len(pieces.bounds) - 1))
    assert pieces.left == len(helper) and pieces.stop == pieces.bounds[pieces.claimed]
    assert not pieces.claim() and not second_half.claim_token(pieces.tokens)
    pieces.close()


@pytest.mark.parametrize("halves", [True, False], ids=["halved", "whole"])
def test_a_maildirs_size_for_the_progress_is_what_its_index_read(
    archive: tuple[Path, Path], halves: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    maildir = archive[1]
    if halves:
        halved(monkeypatch)
    stats: list[Path] = []
    monkeypatch.setattr(
        loading_module, "file_size", lambda path: stats.append(path) or file_size(path)
    )
    loading = Loading([maildir])
    assert loading.read_ahead()
    loading.take_read_ahead(0)  # shown at once, as the app shows it
    sizes = []
    for _ in loading:
        sizes.append(loading.byte_count)
    assert stats == [], "no stat of each message"
    assert sizes[0] == file_size(maildir) == loading.bytes_done
