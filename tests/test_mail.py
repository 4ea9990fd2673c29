"""Mailing lists: mbox files and Maildir directories, one article per thread."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.formats.loader import load_articles
from reader.formats.mail.messages import thread_title
from reader.text import CODE, PARAGRAPH, QUOTE
from tests.builders import write
from tests.formats_support import (
    DEEP,
    assert_round_trips,
    by_id,
    depth_of,
    fixture,
    kinds,
    load,
)


def test_each_thread_is_an_article_and_a_broken_message_is_skipped() -> None:
    warnings: list[str] = []
    articles = load("garden.mbox", warnings)
    assert [a.title for a in articles] == [
        "Tomato blight this year",
        "Seed swap 🌱 in June — bring labels",  # RFC 2047, folded over two lines
        "Compost bins",
    ]
    assert len(warnings) == 1 and "line 97: message skipped" in warnings[0]


def test_thread_root_fields() -> None:
    blight = load("garden.mbox")[0]
    assert blight.author == "Rose, Gregory V"
    assert blight.published == "2024-05-06T09:00:00+01:00"
    assert blight.source == "garden.lists.example.org"
    assert blight.url == "https://lists.example.org/garden/a1"
    assert blight.source_id == "<a1@example.org>"
    # mboxrd's `>From ` is unescaped; the signature stays text.
    assert blight.body[1:] == ["From what I read, copper spray helps.", "-- \nGreg"]
    assert kinds(blight.body_blocks) == [PARAGRAPH, PARAGRAPH, PARAGRAPH]  # not a quote


def test_replies_nest_by_in_reply_to_else_nearest_reference_in_date_order() -> None:
    blight = load("garden.mbox")[0]
    # a3 refers to a missing message, then to a1: it hangs under a1; it was
    # sent before a2 (09:00 against 09:30 UTC), so it comes first.
    assert [c.source_id for c in blight.comments] == ["<a3@example.com>", "<a2@example.net>"]
    assert [c.source_id for c in blight.comments[1].replies] == ["<a4@example.org>"]


def test_charsets_and_encodings_are_decoded() -> None:
    blight, seeds, _ = load("garden.mbox")
    found = by_id(blight)
    assert found["<a2@example.net>"].author == "Zoë Ångström"
    assert "café" in found["<a2@example.net>"].text[-1]  # iso-8859-1, quoted-printable
    assert "12 €" in found["<a3@example.com>"].text[0]  # iso-8859-15
    assert seeds.author == "李华"  # gb2312 in an encoded word
    assert seeds.body == ["种子交换会在六月举行。\n请带上标签。"]  # gb2312, base64


def test_quotes_diffs_and_multipart_plain_text() -> None:
    found = by_id(load("garden.mbox")[0])
    zoe = found["<a2@example.net>"]
    assert [(b.kind, b.level) for b in zoe.blocks or ()] == [
        (PARAGRAPH, 0),
        (QUOTE, 1),
        (QUOTE, 2),
        (PARAGRAPH, 0),
    ]
    sam = found["<a4@example.org>"]
    assert kinds(sam.blocks) == [PARAGRAPH, CODE, PARAGRAPH]
    assert sam.text[1].splitlines()[4:] == [" monday: greg", "-tuesday: zoe", "+tuesday: pat"]
    assert not any("HTML part" in words for words in sam.text)


def test_html_only_mail_is_converted_to_text() -> None:
    seeds = load("garden.mbox")[1]
    (reply,) = seeds.comments
    assert reply.text == (
        "I will bring bean seeds.",
        "bring labels",
        "Map: here [1]",
        "[1] https://example.es/map",
    )


def test_a_title_loses_reply_prefixes_and_the_lists_tag_only() -> None:
    assert thread_title("Re: RE: Fwd: [list] Re[2]: FW: [PATCH v2 3/7] Topic", "list.x.org") == (
        "[PATCH v2 3/7] Topic"
    )
    assert thread_title("[other] Topic", "list.x.org") == "[other] Topic"
    # No List-Id: no tag is the list's.
    assert thread_title("[PATCH 0] Path handling", None) == "[PATCH 0] Path handling"


def test_maildir_directory_is_one_source(tmp_path: Path) -> None:
    box = tmp_path / "pond"
    shutil.copytree(fixture("pond.maildir"), box)
    write(box / "cur" / ".hidden", "not mail")
    (article,) = load_articles(box)
    assert (article.title, article.source) == ("Frogspawn already?", "pond.lists.example.org")
    assert depth_of(article) == 2
    assert [c.is_op for c in by_id(article).values()] == [False, True]


def test_reading_never_changes_the_mailbox(tmp_path: Path) -> None:
    path = tmp_path / "garden.mbox"
    shutil.copy2(fixture("garden.mbox"), path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_articles(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_dump_then_load_gives_the_same_threads(tmp_path: Path) -> None:
    assert_round_trips(load("garden.mbox"), tmp_path)
    assert_round_trips(load("pond.maildir"), tmp_path)


def test_3000_deep_reply_chain(tmp_path: Path) -> None:
    messages = [
        f"From x@example.org Mon May  6 09:00:00 2024\nFrom: x@example.org\n"
        f"Subject: Re: deep\nDate: Mon, 06 May 2024 09:00:00 +0000\n"
        f"Message-ID: <m{n}@example.org>\n"
        + (f"In-Reply-To: <m{n - 1}@example.org>\n" if n else "")
        + f"\nMessage {n}.\n"
        for n in range(DEEP + 1)
    ]
    (article,) = load_articles(write(tmp_path / "deep.mbox", "\n".join(messages)))
    assert depth_of(article) == DEEP
    assert_round_trips([article], tmp_path)
