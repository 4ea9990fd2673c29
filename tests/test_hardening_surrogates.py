"""Issue 23 §3: lone surrogates (a JSON or YAML `"\\ud800"`, a mail header's raw
`\\xff`) are replaced by U+FFFD at load, once: `reader dump` wrote nothing but
a `UnicodeEncodeError` traceback, and the app drew each 6 cells wide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import LoadError
from reader.formats.loader import load_articles
from reader.formats.scrub import may_hold_surrogates, scrub, scrub_articles
from reader.model import Article, Comment, iter_comments
from reader.text import LINK, QUOTE, Block, Span
from tests.builders import load_one, write

REDDIT = [
    {
        "kind": "Listing",
        "data": {
            "children": [
                {
                    "kind": "t3",
                    "data": {
                        "title": "Lone \ud800 title",
                        "selftext": 'see [the \udfff page](http://example.org/\udc80 "T\udc81")',
                        "author": "ann\udc00",
                        "id": "abc",
                        "name": "t3_abc",
                        "created_utc": 1700000000,
                        "score": 1,
                        "permalink": "/r/x/comments/abc/t/",
                        "subreddit": "x",
                        "num_comments": 1,
                    },
                }
            ]
        },
    },
    {
        "kind": "Listing",
        "data": {
            "children": [
                {
                    "kind": "t1",
                    "data": {
                        "body": "half an emoji \ud83d",
                        "author": "bo\udfffb",
                        "id": "c1",
                        "created_utc": 1700000000,
                        "score": 1,
                        "replies": "",
                    },
                }
            ]
        },
    },
]
# `ensure_ascii` spells each surrogate as an escape, as a hostile export would.
REDDIT_TEXT = json.dumps(REDDIT)
MAILBOX = (
    b"From ann@example.org Mon Jan  1 00:00:00 2024\n"
    b"From: \xff Ann <ann@example.org>\n"
    b"Subject: Raw \xfe bytes\n"
    b"Message-ID: <1@example.org>\n"
    b"Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
    b"\n"
    b"The body.\n"
)


def all_text(path: Path) -> list[str]:
    texts: list[str] = []
    for article in load_articles(path):
        texts += [article.title, article.author or "", *article.body]
        for block in article.body_blocks or ():
            texts += [span.url for span in block.spans if span.url]
            texts += [span.title for span in block.spans if span.title]
        for comment in iter_comments(article.comments):
            texts += [comment.author or "", comment.subject or "", *comment.text]
    return texts


def has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(character) <= 0xDFFF for character in text)


@pytest.mark.parametrize("output", ["yaml", "json"])
@pytest.mark.parametrize(
    ("name", "content"),
    [("thread.json", REDDIT_TEXT.encode()), ("list.mbox", MAILBOX)],
)
def test_dump_of_text_with_lone_surrogates_writes_replacement_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, output: str
) -> None:
    path = write(tmp_path / name, content)
    assert main(["dump", str(path), "--format", output]) == 0
    written = capsys.readouterr().out
    assert "\ufffd" in written
    assert not has_surrogate(written)


def test_every_loaded_string_is_free_of_surrogates(tmp_path: Path) -> None:
    texts = all_text(write(tmp_path / "thread.json", REDDIT_TEXT))
    assert not any(map(has_surrogate, texts)), texts
    assert "Lone \ufffd title" in texts
    assert "http://example.org/\ufffd" in texts
    assert "T\ufffd" in texts
    assert "half an emoji \ufffd" in texts


def test_a_yaml_escape_of_a_surrogate_is_a_syntax_error_on_its_line(tmp_path: Path) -> None:
    """PyYAML refuses such an escape itself: one line, never a traceback."""
    path = write(tmp_path / "a.yaml", 'title: "T"\nbody: "B \\U0000dfff"\n')
    with pytest.raises(LoadError) as raised:
        load_one(path)
    assert raised.value.line == 2
    assert "invalid Unicode character escape" in raised.value.reason


def test_utf16_json_with_escaped_surrogates_is_scrubbed(tmp_path: Path) -> None:
    path = tmp_path / "thread.json"
    path.write_bytes(REDDIT_TEXT.encode("utf-16"))
    assert not any(map(has_surrogate, all_text(path)))


def test_only_files_that_can_hold_a_surrogate_are_walked() -> None:
    assert not may_hold_surrogates(b'{"title": "caf\\u00e9 \\\\ud800"}'[:20])
    assert not may_hold_surrogates('title: "café"\n'.encode())
    assert may_hold_surrogates(b'{"t": "\\uD83D"}')
    assert may_hold_surrogates("x".encode("utf-16"))
    assert may_hold_surrogates(None)


def test_scrub_keeps_valid_text_as_it_is() -> None:
    text = "naïve 🙂 𝄞 \ufffd"
    assert scrub(text) is text
    assert scrub("a\ud800b\udfff") == "a\ufffdb\ufffd"


def test_a_file_name_with_an_undecodable_byte_is_named_printably(tmp_path: Path) -> None:
    """Python keeps a name's undecodable byte as a surrogate: a message naming
    the file shows U+FFFD in its place, and can be written as UTF-8."""
    name = (tmp_path / "bad\udcff.txt").as_posix()
    message = str(LoadError(name, "empty file"))
    assert "bad\ufffd.txt" in message
    message.encode("utf-8")


def test_a_mail_replys_subject_with_raw_bytes_is_scrubbed(tmp_path: Path) -> None:
    reply = (
        MAILBOX.replace(b"<1@example.org>", b"<2@example.org>\nIn-Reply-To: <1@example.org>")
        .replace(b"Raw \xfe bytes", b"Other \xfd words")
        .replace(b"From: \xff Ann", b"From: Bob")
    )
    texts = all_text(write(tmp_path / "list.mbox", MAILBOX + b"\n" + reply))
    assert not any(map(has_surrogate, texts)), texts
    assert any("Other \ufffd words" in text for text in texts), texts


def test_scrubbing_copies_nothing_that_holds_no_surrogate() -> None:
    """An article walked because its file may hold a surrogate (a mailbox
    read in full, a JSON file with escapes): a comment whose text and blocks
    hold none keeps its very packed text and layout (nothing unpacked and
    packed again for each of a thread's comments), and one that holds one in
    a block is scrubbed."""
    plain_blocks = (Block(), Block(kind=QUOTE, level=1, marker="> "))
    linked_blocks = (Block(spans=(Span(0, 4, LINK, "http://example.org/\udc80"),)), Block())
    plain = Comment(text=("One.", "Naïve."), blocks=plain_blocks)
    linked = Comment(text=("Link", "naïve \ud800"), blocks=linked_blocks)
    article = Article(title="t", byline=None, author=None, body=[], comments=[plain, linked])
    assert plain.source_fields is not None
    plain_text, plain_layout = plain.text_utf8, plain.source_fields.blocks
    scrub_articles([article])
    assert plain.text_utf8 is plain_text and plain.source_fields.blocks is plain_layout
    assert plain.text == ("One.", "Naïve.") and plain.blocks == plain_blocks
    assert linked.text == ("Link", "naïve \ufffd")
    assert linked.blocks is not None
    assert linked.blocks[0].spans[0].url == "http://example.org/\ufffd"
    assert linked.blocks[1] == linked_blocks[1]
