"""Threads listed before their text is read (a mailbox's), in the store.

A search of every article finds in listed threads exactly what it finds once
they are read, whatever the query (plain words in either case, with spaces,
regular expressions, whole words, words beyond ASCII) and whatever the text
hides from a look at its bytes (tabs shown as spaces, dropped direction
controls, the Kelvin sign, quoted-printable and base64 bodies, HTML). It
reads only the messages that may match; a listed thread read in full takes
its listed version's place under the same id.
"""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest

from reader.formats.loader import load_batches, read_in_full
from reader.formats.mail import thread_text
from reader.search.query import Query
from reader.store import DocumentStore
from tests.bench_sites import generated_mbox

_UTF8 = "Content-Type: text/plain; charset=utf-8\n"


def _message(number: int, body: bytes, headers: str = "", reply_to: int | None = None) -> bytes:
    reply = f"In-Reply-To: <s{reply_to}@x.org>\nReferences: <s{reply_to}@x.org>\n"
    return (
        (
            f"From s@x.org Mon Mar  4 10:00:00 2024\nFrom: Writer {number} <w{number}@x.org>\n"
            f"Subject: Thread {number}\nDate: Mon, 4 Mar 2024 10:{number % 60:02d}:00 +0000\n"
            f"Message-ID: <s{number}@x.org>\n{reply if reply_to is not None else ''}{headers}\n"
        ).encode()
        + body
        + b"\n"
    )


def _archive(path: Path) -> Path:
    """A generated list archive, and messages whose bytes hide what they show."""
    special = [
        _message(9001, b"the\tpelican waded in\n"),  # shown as `the    pelican`
        _message(9002, "pel\u202eican reversed\n".encode(), _UTF8, reply_to=9001),  # `pelican`
        _message(9003, "a 5 \u212aelvin drop\n".encode(), _UTF8, reply_to=9001),  # `kelvin`
        _message(
            9004,
            quopri.encodestring("a pelican=\nbrief, à bientôt\n".encode()),
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
            "quoted-printable\n",
        ),
        _message(
            9005,
            base64.encodebytes(b"base64 hides the heron's pelican\n"),
            "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n",
            reply_to=9004,
        ),
        _message(9006, b"<p>an html pel&#105;can</p>\n", "Content-Type: text/html\n"),
        _message(9007, b"PELICAN in capitals\n", reply_to=9006),
    ]
    path.write_bytes(generated_mbox(240) + b"".join(special))
    return path


def _stores(path: Path) -> tuple[DocumentStore, DocumentStore]:
    """The archive listed, and the same read in full."""
    listed, read = DocumentStore(), DocumentStore()
    for batch in load_batches(path):
        if batch.preview:
            continue
        for article in batch.articles:
            assert article.deferred is not None
            listed.add(article, path.stem)
            full = read_in_full(article, path)
            assert full is not None
            read.add(full, path.stem)
    return listed, read


_QUERIES = [
    "pelican",
    "heron",
    "herons counted",
    "the    pelican",
    "kelvin",
    "PELICAN",
    "Pelican",
    "bientôt",
    "writer 3",
    "survey, part",
    "zzz nothing",
]


@pytest.mark.parametrize(
    "query",
    [
        *(Query(text) for text in _QUERIES),
        Query("pel+ican", regex=True),
        Query(r"h\w+n", regex=True),
        Query("pelican", whole_word=True),
        Query("the", whole_word=True),
    ],
    ids=str,
)
def test_a_search_finds_in_listed_threads_what_it_finds_once_they_are_read(
    tmp_path: Path, query: Query
) -> None:
    listed, read = _stores(_archive(tmp_path / "list.mbox"))
    found = list(listed.search_all(query))
    assert found == list(read.search_all(query))
    if query.text in ("pelican", "heron", "kelvin"):
        assert found, "the archive holds it"


def test_a_search_reads_only_the_messages_that_may_hold_the_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain body whose bytes lack the word is not read; the others
    (encoded, HTML, or holding it) are."""
    listed, _ = _stores(_archive(tmp_path / "list.mbox"))
    read: list[bytes] = []
    original = thread_text.read_mail
    monkeypatch.setattr(thread_text, "read_mail", lambda data: read.append(data) or original(data))
    assert [article_id for article_id, _ in listed.search_all(Query("pelican"))]
    marker = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"

    def plain(data: bytes) -> bool:
        return data.count(b"Content-Type") == 1 and marker in data

    for data in read:
        if plain(data):
            assert b"pelican" in data.lower(), "a plain body is read only if it holds the word"
    assert any(b"base64" in data for data in read), "an encoded body is read"
    read.clear()
    assert list(listed.search_all(Query("zzqx"))) == []
    assert read and not any(map(plain, read)), "no plain body is read"


def test_a_listed_thread_read_takes_its_place_under_the_same_id(tmp_path: Path) -> None:
    listed, read = _stores(_archive(tmp_path / "list.mbox"))
    article = listed.articles[3]
    assert listed.is_listed(article.id) and not article.body
    prepared = listed.read(article.id)
    assert prepared is not None
    assert listed.is_listed(article.id), "reading changes nothing in the store"
    full = listed.replace(article.id, prepared)
    assert not listed.is_listed(article.id)
    assert listed.articles[3] is full and listed.article(article.id) is full
    assert full.body == read.articles[3].body
    assert listed.comment_count(article.id) == read.comment_count(read.articles[3].id)


def test_a_listed_thread_is_stored_as_the_format_listed_it(tmp_path: Path) -> None:
    """The store takes a listed thread's `Thread` as the mailbox made it (its
    comments placed as they were listed, no tree of replies walked again),
    and it is the thread the same messages make read in full."""
    listed, read = _stores(_archive(tmp_path / "list.mbox"))
    assert any(len(listed.thread(article.id)) > 2 for article in listed.articles)
    for article, full in zip(listed.articles, read.articles, strict=True):
        thread, read_thread = listed.thread(article.id), read.thread(full.id)
        assert article.deferred is not None and thread is article.deferred.thread
        assert thread.subject == read_thread.subject and thread.list_tag == read_thread.list_tag
        for name in ("depths", "parents", "ends", "top_level"):
            assert getattr(thread, name) == getattr(read_thread, name), name
        assert [(c.author, c.source_id) for c in thread.comments] == [
            (c.author, c.source_id) for c in read_thread.comments
        ]
        assert [c.index for c in article.comments] == list(thread.top_level)
