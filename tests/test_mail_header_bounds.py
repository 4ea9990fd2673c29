"""Issue 23 §8: `email`'s header parser is quadratic in a header's quoted
strings (`Content-Transfer-Encoding: "a", ` x 20,000 took 13 s; a From of
100 KB, 7 s): it is handed at most 998 characters of a structured header and
4 KB of free text (16 KB of References, their end), and the cut is a warning
naming the message."""

from __future__ import annotations

from email.headerregistry import BaseHeader
from pathlib import Path

import pytest

from reader.formats.loader import load_articles
from reader.formats.mail.headerbounds import (
    MAX_FREE_TEXT_CHARS,
    MAX_REFERENCES_CHARS,
    MAX_STRUCTURED_CHARS,
)
from tests.builders import write

QUOTED = '"a", ' * 20_000


def mail(number: int, extra: str = "") -> str:
    return (
        "From ann@example.org Mon Jan  1 00:00:00 2024\n"
        f"From: {QUOTED}<ann@example.org>\n"
        f"Subject: Long {number} {QUOTED}\n"
        f"Message-ID: <{number}@example.org>\n"
        f"Content-Transfer-Encoding: {QUOTED}\n"
        f"{extra}"
        "Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
        "\n"
        f"Body {number}.\n"
        "\n"
    )


@pytest.fixture
def parsed_lengths(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every header value handed to `email`'s header classes (their parse
    runs in `BaseHeader.__new__`): its name and length."""
    seen: list[tuple[str, int]] = []
    new = BaseHeader.__new__

    def recording(cls: type, name: str, value: str) -> BaseHeader:
        seen.append((name.lower(), len(value)))
        return new(cls, name, value)

    monkeypatch.setattr(BaseHeader, "__new__", recording)
    return seen


def test_long_quoted_headers_reach_the_parser_cut_and_are_reported(
    tmp_path: Path, parsed_lengths: list[tuple[str, int]]
) -> None:
    path = write(tmp_path / "list.mbox", mail(1) + mail(2))
    warnings: list[str] = []
    articles = load_articles(path, warnings)
    assert sorted(article.title[:6] for article in articles) == ["Long 1", "Long 2"]
    assert parsed_lengths, "the headers went through email's parser"
    longest = {name: length for name, length in sorted(parsed_lengths, key=lambda x: x[1])}
    assert longest["from"] <= MAX_STRUCTURED_CHARS
    assert longest["content-transfer-encoding"] <= MAX_STRUCTURED_CHARS
    assert longest["subject"] <= MAX_FREE_TEXT_CHARS
    assert len(warnings) == 2
    where, cuts = warnings[0].split(": line 1: ")
    assert where == str(path)
    assert sorted(cuts.split("; ")) == [
        "its Content-Transfer-Encoding header of 100,000 characters was cut to the first 998",
        "its From header of 100,017 characters was cut to the first 998",
        "its Subject header of 100,007 characters was cut to the first 4,096",
    ]


def test_long_references_keep_their_end_the_nearest_parents(tmp_path: Path) -> None:
    ancestors = " ".join(f"<ancestor{number}@example.org>" for number in range(2_000))
    first = mail(1).replace(QUOTED, "x")
    reply = mail(2, f"References: =?utf-8?q?x?= {ancestors} <1@example.org>\n").replace(QUOTED, "x")
    path = write(tmp_path / "list.mbox", first + reply)
    warnings: list[str] = []
    (article,) = load_articles(path, warnings)
    assert len(article.comments) == 1, "the reply found its parent, the last id of References"
    assert f"cut to the last {MAX_REFERENCES_CHARS:,}" in warnings[0]
