"""An mbox split as it is read, in chunks, and each message read again from the file.

The split is held to the rule restated here, line by line (a message starts
at a `From ` line at the start of the file or after a blank line; lines end
at CR, LF or CRLF; `>From ` lines are unquoted), whatever the chunks the file
is read in cut through: a `\\nFrom ` across two chunks, a CRLF across two, a
lone CR found only in a late chunk.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import LoadError
from reader.formats.mail import mbox
from reader.formats.mail.mbox import MboxFile, unescape
from tests.bench_sites import generated_mbox

_ESCAPED = re.compile(rb"^>(>*From )", re.MULTILINE)


def by_lines(data: bytes) -> list[tuple[str, bytes]]:
    """Each message as the rule reads it: where its `From ` line is, and its
    bytes after that line, unquoted."""
    messages: list[tuple[str, bytes]] = []
    lines = data.splitlines(keepends=True)
    start: int | None = None
    previous_blank = True
    for number, line in enumerate(lines):
        if previous_blank and line.startswith(b"From "):
            if start is not None:
                body = b"".join(lines[start + 1 : number])
                messages.append((f"line {start + 1}", _ESCAPED.sub(rb"\1", body)))
            start = number
        previous_blank = not line.strip()
    if start is not None:
        messages.append((f"line {start + 1}", _ESCAPED.sub(rb"\1", b"".join(lines[start + 1 :]))))
    return messages


def split(path: Path) -> list[tuple[str, bytes]]:
    box = MboxFile(path)
    found = [
        (number, unescape(buffer[start:end]))
        for number, (buffer, start, end, _) in enumerate(
            message for chunk in box.split() for message in chunk
        )
    ]
    assert len(box) == len(found)
    assert list(box.read(range(len(box)))) == [data for _, data in found], "read again alike"
    return [(box.where(number), data) for number, data in found]


_LINES = [
    b"From a@b Mon Mar  4 10:00:00 2024\n",
    b"From a@b Mon Mar  4 10:00:00 2024\r\n",
    b"From: ada@example.net\n",
    b"Subject: x\n",
    b"\n",
    b"  \n",
    b"\r\n",
    b"text\n",
    b">From the field\n",
    b">>From deeper\n",
    b"From here on, no blank line before\n",
    b"old\rmac\r",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=30), st.integers(1, 40), st.integers(1, 40))
def test_the_split_in_any_chunks_is_the_line_by_line_split(
    lines: list[bytes], first_chunk: int, chunk: int
) -> None:
    data = b"".join(lines)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(mbox, "FIRST_CHUNK", first_chunk)
        patch.setattr(mbox, "CHUNK", chunk)
        path = Path(folder) / "list.mbox"
        path.write_bytes(data)
        assert split(path) == by_lines(data)


def test_a_generated_archive_splits_alike_in_small_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = generated_mbox(200)
    path = tmp_path / "list.mbox"
    path.write_bytes(data)
    expected = by_lines(data)
    assert len(expected) == 200 and split(path) == expected
    monkeypatch.setattr(mbox, "FIRST_CHUNK", 97)
    monkeypatch.setattr(mbox, "CHUNK", 1009)
    assert split(path) == expected


def test_a_lone_cr_in_a_late_chunk_splits_the_rest_by_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines end in LF until well past the first chunks, then in CR alone:
    from the message going on, the rest is split at CRs too."""
    early = b"".join(b"From a@b\nSubject: %d\n\nbody\n\n" % number for number in range(40))
    late = b"From a@b\rSubject: late\r\rbody\r\rFrom c@d\rSubject: later\r\rmore\r"
    data = early + b"From a@b\nSubject: last LF\n\nbody\r\r" + late
    path = tmp_path / "list.mbox"
    path.write_bytes(data)
    monkeypatch.setattr(mbox, "FIRST_CHUNK", 64)
    monkeypatch.setattr(mbox, "CHUNK", 128)
    found = split(path)
    assert found == by_lines(data) and len(found) == 43


def test_reading_again_reads_what_the_file_holds_now(tmp_path: Path) -> None:
    """Read again, a message is what the file holds there now: a mailbox
    rewritten since it was split gives other bytes, for its reader to check."""
    path = tmp_path / "list.mbox"
    path.write_bytes(b"From a@b\nSubject: one\n\nfirst\n\nFrom a@b\nSubject: two\n\nsecond\n")
    box = MboxFile(path)
    assert len([message for chunk in box.split() for message in chunk]) == 2
    path.write_bytes(b"From a@b\nSubject: two\n\nsecond\n")
    assert next(box.read([0])) != b"Subject: one\n\nfirst\n\n"
    path.unlink()
    assert list(box.read([0, 1])) == ["no such file or directory"] * 2


def test_a_file_that_cannot_be_opened_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        list(MboxFile(tmp_path / "gone.mbox").split())
