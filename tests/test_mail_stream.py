"""A mailbox read as a stream: its threads listed in batches, the first thread first.

The threads a streamed load lists, and each read in full, must be the ones a
whole-archive read gives: every message read in full first, then threaded
(`whole_archive` restates that reading, independently of the index), in the
same order, with
the same replies; whatever the archive holds (replies long after or before
their parent, cycles, missing parents, duplicate ids, unreadable messages,
headers only `email` reads, Maildirs). A mailbox longer than the preview's
messages gives a preview of its first thread first, which the next batch
gives again in full; the rest is the same load.
"""

from __future__ import annotations

import json
import mailbox
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.errors import LoadError
from reader.formats.loader import load_articles, load_batches, read_in_full
from reader.formats.mail import heads, mbox, thread_list, thread_text
from reader.formats.mail import index as mail_index
from reader.formats.mail import mailbox as mail
from reader.formats.mail import messages as mail_messages
from reader.formats.mail.fields import MailFields, full_fields, read_fields
from reader.formats.mail.maildir import MaildirMessages
from reader.formats.mail.parts import MailPart
from reader.loading import Loading
from reader.model import Article, Comment, iter_comments

_ID = re.compile(r"<[^<>\s]+>")
_NUMBER = re.compile(rb"\nMessage (\d+), invented")
_LAST = datetime.max.replace(tzinfo=UTC)


# The whole-archive reading, restated -----------------------------------------


@dataclass(eq=False)
class _Read:
    number: int
    fields: MailFields
    message_id: str | None
    parents: list[str]
    parent: _Read | None = None

    def order(self) -> tuple[datetime, int]:
        return (self.fields.when or _LAST, self.number)


def whole_archive(messages: list[bytes]) -> list[Any]:
    """The outline of each thread when every message is read in full first."""
    reads: list[_Read] = []
    for data in messages:
        try:
            fields = read_fields(data) or full_fields(data)
        except Exception:
            continue
        own = _ID.search(fields.message_id)
        parents = _ID.findall(fields.in_reply_to)[:1] + _ID.findall(fields.references)[::-1]
        reads.append(_Read(len(reads), fields, own.group() if own else None, parents))
    by_id: dict[str, _Read] = {}
    for read in reads:
        if read.message_id is not None:
            by_id.setdefault(read.message_id, read)
    for read in reads:
        found = [by_id[ref] for ref in read.parents if ref in by_id and by_id[ref] is not read]
        read.parent = found[0] if found else None
    # A loop of parents is cut at its earliest message, looking in archive order.
    settled: set[int] = set()
    for read in reads:
        walk: list[_Read] = []
        node: _Read | None = read
        while node is not None and id(node) not in settled and node not in walk:
            walk.append(node)
            node = node.parent
        if node is not None and node in walk:
            min(walk[walk.index(node) :], key=_Read.order).parent = None
        settled.update(map(id, walk))

    def outline(read: _Read) -> tuple[Any, ...]:
        children = sorted((r for r in reads if r.parent is read), key=_Read.order)
        return (read.message_id, read.fields.author, [outline(child) for child in children])

    roots = sorted((read for read in reads if read.parent is None), key=_Read.order)
    return [outline(root) for root in roots]


def outline(article: Article) -> tuple[Any, ...]:
    """Each message of the thread by its id and author, nested as threaded."""

    def of(comment: Comment) -> tuple[Any, ...]:
        return (comment.source_id, comment.author, [of(reply) for reply in comment.replies])

    return (article.source_id, article.author, [of(comment) for comment in article.comments])


def in_full(article: Article) -> tuple[Any, ...]:
    """What the reader shows of a thread (whether or not the store has indexed it)."""

    def of(comment: Comment) -> tuple[Any, ...]:
        replies = [of(reply) for reply in comment.replies]
        return (comment.source_id, comment.posted, list(comment.text), comment.is_op, replies)

    head = (article.title, article.author, article.source, article.published, article.url)
    return (*head, article.body, article.source_id, [of(c) for c in article.comments])


def streamed(path: Path) -> tuple[list[Article], list[str]]:
    """The articles as the app loads them (read ahead, then the worker's
    batches), each then read in full as the app reads it when it is opened,
    and the warnings."""
    loading = Loading([path])
    assert loading.read_ahead(), loading.problems
    batches = list(loading)
    assert not any(isinstance(batch, LoadError) for batch in batches)
    articles: list[Article] = []
    for batch in batches:
        assert not isinstance(batch, LoadError)
        # A preview is taken the place of by its file's next batch.
        del articles[len(articles) - batch.replacing :]
        articles.extend(prepared.article for prepared in batch.articles)
    full = []
    for article in articles:
        assert article.deferred is not None and not article.body, "listed, not read"
        read = read_in_full(article, path)
        # Listed as it reads: the same thread, title, author and dates.
        assert outline(read) == outline(article)
        assert in_full(read)[:5] == in_full(article)[:5]
        full.append(read)
    return full, loading.warnings


def texts(article: Article) -> list[str]:
    """Every paragraph of the thread: its body's, and all its comments'."""
    found = list(article.body)
    stack = list(article.comments)
    while stack:
        comment = stack.pop()
        found.extend(comment.text)
        stack.extend(comment.replies)
    return found


# Generated archives ----------------------------------------------------------


@dataclass
class Spec:
    """One message of a generated archive."""

    own: int | None  # its id number (None: no Message-ID)
    reply_to: int | None  # In-Reply-To (an id number, maybe of no message)
    references: list[int]
    minute: int | None  # its Date, minutes after the start (None: no Date)
    kind: str


KINDS = (
    *("plain", "plain", "plain", "encoded", "multipart", "eight-bit", "bad-date"),
    *("broken", "no-fields"),  # messages that cannot be read
)


# An over-long From, cut (and said) when the message is read.
CUT_KINDS = (*KINDS, "cut", "cut-eight-bit")


def specs(count: int, kinds: tuple[str, ...] = KINDS) -> st.SearchStrategy[list[Spec]]:
    # Few ids for many messages: duplicates and loops are common; some ids
    # name no message.
    names = count // 3
    spec = st.builds(
        Spec,
        own=st.one_of(st.integers(0, names), st.none()),
        reply_to=st.one_of(st.none(), st.integers(0, names + 2)),
        references=st.lists(st.integers(0, names + 2), max_size=3),
        minute=st.one_of(st.none(), st.integers(0, 50)),  # equal dates happen too
        kind=st.sampled_from(kinds),
    )
    return st.lists(spec, min_size=1, max_size=count)


def message(number: int, spec: Spec) -> bytes:
    """A message's bytes (its `From ` line apart), of the spec's kind."""
    if spec.kind == "broken":
        return b"this line is not a header, the message is broken\n\nNothing.\n"
    if spec.kind == "no-fields":
        return b"X-Note: no From, Subject or Date\n\nNothing.\n"
    lines = [f"From: Writer {number % 3} <w{number % 3}@list.example>"]
    if spec.kind.startswith("cut"):
        lines[0] += "".join(f", Copy {n} <c{n}@list.example>" for n in range(50))
    subject = f"Re: [garden] topic {number}"
    if spec.kind == "encoded":
        subject = "=?utf-8?q?caf=C3=A9_topic?="
    lines.append(f"Subject: {subject}")
    if spec.kind == "bad-date":
        lines.append("Date: sometime in spring")
    elif spec.minute is not None:
        lines.append(
            f"Date: Mon, 06 May 2024 {9 + spec.minute // 60:02d}:{spec.minute % 60:02d}:00 +0000"
        )
    if spec.own is not None:
        lines.append(f"Message-ID: <m{spec.own}@list.example>")
    if spec.reply_to is not None:
        lines.append(f"In-Reply-To: <m{spec.reply_to}@list.example>")
    if spec.references:
        folded = "\n ".join(f"<m{ref}@list.example>" for ref in spec.references)
        lines.append(f"References: {folded}")
    head = "\n".join(lines).encode("ascii")
    if spec.kind in ("eight-bit", "cut-eight-bit"):
        head += "\nOrganization: Café du jardin".encode()
    body = f"Message {number}, invented for the test.\n".encode("ascii")
    if spec.kind == "multipart":
        head += b'\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"'
        body = (
            b"--b\nContent-Type: text/plain\n\n"
            + body
            + b"--b\nContent-Type: application/octet-stream\n"
            b'Content-Disposition: attachment; filename="seeds.bin"\n\nAAAA\n--b--\n'
        )
    return head + b"\n\n" + body


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    with open(path, "wb") as file:
        for data in messages:
            file.write(b"From w@list.example Mon May  6 09:00:00 2024\n" + data + b"\n")
    return path


def write_maildir(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.Maildir(path, create=True)
    for number, data in enumerate(messages):
        # Named so that the Maildir's key order is the archive's order.
        (path / "cur" / f"{number:04d}.reader:2,S").write_bytes(data)
    box.close()
    return path


@settings(max_examples=80, deadline=None)
@given(specs(30), st.integers(1, 12))
def test_streamed_threads_are_the_whole_archives_threads(
    archive: list[Spec], preview_size: int
) -> None:
    """Without a preview (the whole archive within its messages) and with one
    (the preview's messages lowered to `preview_size`), the same threads."""
    assume(archive[0].kind != "broken")  # a file that starts so is no mailbox
    messages = [message(number, spec) for number, spec in enumerate(archive)]
    expected = whole_archive(messages)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        for path in (
            write_mbox(Path(folder) / "list.mbox", messages),
            write_maildir(Path(folder) / "list", messages),
        ):
            patch.setattr(mail, "PREVIEW_MESSAGES", len(messages))
            if not expected:
                with pytest.raises(LoadError):  # (an mbox may not even look like one)
                    load_articles(path)
                continue
            articles, warnings = streamed(path)
            assert [outline(article) for article in articles] == expected
            # `reader dump` reads the same articles, all at once.
            dumped: list[str] = []
            assert list(map(in_full, load_articles(path, dumped))) == list(map(in_full, articles))
            assert dumped == warnings
            patch.setattr(mail, "PREVIEW_MESSAGES", preview_size)
            first_messages = messages[:preview_size] if len(messages) > preview_size else []
            _check_preview(path, whole_archive(first_messages)[:1], articles, warnings)


def _check_preview(
    path: Path, preview: list[Any], articles: list[Article], warnings: list[str]
) -> None:
    """The mailbox at `path` gives a preview of the outline `preview` (none if
    empty), then the `articles` and `warnings` a load without a preview gives."""
    given: list[str] = []
    batches = load_batches(path, given)
    first = next(batches)
    if not preview:
        assert not first.preview
        rest = [first, *batches]
    else:
        assert first.preview and 0 < first.read < 1
        assert [outline(article) for article in first.articles] == preview
        assert given == [], "the preview adds no warnings"
        rest = list(batches)
        # The next batch ends with the thread that holds the preview's first
        # message (each message's body says its number).
        assert first.articles[0].body[0] in texts(read_in_full(rest[0].articles[-1], path))
    assert not any(batch.preview for batch in rest)
    shares = [batch.read for batch in ([first] if preview else []) + rest]
    assert shares == sorted(shares) and shares[-1] == 1, "the share read only grows"
    assert [
        in_full(read_in_full(article, path)) for batch in rest for article in batch.articles
    ] == list(map(in_full, articles))
    assert given == warnings, "each problem reported once, in the same order"
    # `reader dump` reads each message once, as it is indexed: the same
    # articles, the same warnings.
    dumped: list[str] = []
    assert list(map(in_full, load_articles(path, dumped))) == list(map(in_full, articles))
    assert dumped == warnings


@settings(max_examples=60, deadline=None)
@given(specs(20, CUT_KINDS))
def test_dump_reads_what_listing_then_reading_each_thread_reads(archive: list[Spec]) -> None:
    """`load_articles` reads each message once, as it is indexed (`in_full`):
    the same articles and the same warnings, in the same order, as listing
    the mailbox from its heads and then reading each thread."""
    assume(archive[0].kind != "broken")  # a file that starts so is no mailbox
    messages = [message(number, spec) for number, spec in enumerate(archive)]
    with tempfile.TemporaryDirectory() as folder:
        for path in (
            write_mbox(Path(folder) / "list.mbox", messages),
            write_maildir(Path(folder) / "list", messages),
        ):
            listed_warnings: list[str] = []
            try:
                listed = [
                    read_in_full(article, path)
                    for batch in load_batches(path, listed_warnings)
                    for article in batch.articles
                ]
            except LoadError as error:
                with pytest.raises(LoadError, match=re.escape(str(error))):
                    load_articles(path)
                continue
            dumped: list[str] = []
            assert list(map(in_full, load_articles(path, dumped))) == [
                in_full(article) for article in listed if article is not None
            ]
            assert dumped == listed_warnings


def test_dump_reads_each_message_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`load_articles` reads each message once, as it is indexed: neither its
    head alone nor the mailbox again when its thread is read."""
    messages = [message(n, Spec(n, (n - 1) // 2 if n else None, [], n, "plain")) for n in range(12)]
    messages[3] += b"\n>From the field notes.\n"  # written `>From ` in an mbox
    path = write_mbox(tmp_path / "list.mbox", messages)
    reads: list[bytes] = []
    monkeypatch.setattr(mail_index, "read_mail", _counting(mail_index.read_mail, reads))
    monkeypatch.setattr(thread_text, "read_mail", _counting(thread_text.read_mail, reads))
    heads_listed: list[bytes] = []
    monkeypatch.setattr(mail_index, "list_head", _counting(mail_index.list_head, heads_listed))
    read_again: list[Any] = []
    monkeypatch.setattr(
        mbox.MboxFile, "read", lambda self, numbers: read_again.append(numbers) or iter(())
    )
    (article,) = load_articles(path)
    assert len(reads) == len(messages) and heads_listed == [] and read_again == []
    assert len(texts(article)) == len(messages) + 1
    (noted,) = [c for c in iter_comments(article.comments) if "From the field notes." in c.text]
    assert noted.blocks is None, "a paragraph, not a quote: `>From ` undone"


def test_a_reply_long_after_its_parent_joins_the_first_thread(tmp_path: Path) -> None:
    """The first thread needs its late reply: the preview shows it without,
    the batch after the preview gives it in full, the other threads come in
    later batches."""
    first = message(0, Spec(own=0, reply_to=None, references=[], minute=0, kind="plain"))
    others = [
        message(n, Spec(own=n, reply_to=None, references=[], minute=n, kind="plain"))
        for n in range(1, 1200)
    ]
    late = message(9999, Spec(own=9999, reply_to=0, references=[0], minute=5, kind="plain"))
    path = write_mbox(tmp_path / "list.mbox", [first, *others, late])
    preview, *batches = load_batches(path)
    assert preview.preview and len(batches) > 2, "given in several batches"
    assert [outline(article) for article in preview.articles] == [
        ("<m0@list.example>", "Writer 0", [])
    ]
    assert [outline(article) for article in batches[0].articles] == [
        ("<m0@list.example>", "Writer 0", [("<m9999@list.example>", "Writer 0", [])]),
    ]
    assert [article.source_id for batch in batches[1:] for article in batch.articles] == [
        f"<m{n}@list.example>" for n in range(1, 1200)
    ]


# Work done before the first batch --------------------------------------------


def _threads_earliest_last(count: int) -> list[bytes]:
    """`count` threads of a message and a reply; the earliest thread is written last."""
    messages = []
    for thread in range(count):
        minute = count - thread
        messages.append(message(2 * thread, Spec(2 * thread, None, [], minute, "plain")))
        reply = Spec(2 * thread + 1, 2 * thread, [2 * thread], minute + 1, "plain")
        messages.append(message(2 * thread + 1, reply))
    return messages


def test_without_a_preview_the_read_ahead_reads_no_message_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mailbox within the preview's messages gives no preview: its first
    batch is its first thread, listed from the heads alone."""
    messages = _threads_earliest_last(mail.PREVIEW_MESSAGES // 2)
    path = write_mbox(tmp_path / "list.mbox", messages)
    read: list[bytes] = []
    monkeypatch.setattr(mail_index, "read_mail", _counting(mail_index.read_mail, read))
    monkeypatch.setattr(thread_list, "read_mail", _counting(thread_list.read_mail, read))
    assert not next(load_batches(path)).preview
    loading = Loading([path])
    assert loading.read_ahead()
    assert read == [], "no message read in full"
    first = [prepared.article for prepared in next(iter(loading)).articles]  # type: ignore[union-attr]
    assert [outline(article) for article in first] == [
        ("<m98@list.example>", "Writer 2", [("<m99@list.example>", "Writer 0", [])])
    ]
    assert read == []


class _Mbox(mbox.MboxFile):
    """An `MboxFile` that says how many messages it had found when asked."""

    made: list[_Mbox] = []

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.made.append(self)


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_a_big_mailbox_previews_its_first_messages_first_thread_before_reading_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """The preview costs the first chunk's split (a Maildir: the first 100
    files), the first 100 heads and its own thread's full read; the whole
    load reads each head once and no body; the batch after the preview ends
    with its thread, listed, after the threads that come before it."""
    messages = _threads_earliest_last(300)  # 600 messages
    if kind == "mbox":
        path = write_mbox(tmp_path / "list.mbox", messages)
        data = path.read_bytes()
        # The preview spans the file up to the 101st message's `From ` line.
        share = [found.start() + 1 for found in re.finditer(rb"\nFrom ", data)][99] / len(data)
        monkeypatch.setattr(mbox, "FIRST_CHUNK", 4096)
        monkeypatch.setattr(mbox, "CHUNK", 4096)
        monkeypatch.setattr(mail, "MboxFile", _Mbox)
        _Mbox.made.clear()
    else:
        path = write_maildir(tmp_path / "list", messages)
        share = 100 / 600
    heads_read: list[bytes] = []
    read: list[bytes] = []
    listed = heads.list_head

    def noted_head(data: bytes, start: int, end: int, *rest: Any) -> Any:
        heads_read.append(data[start:end])
        return listed(data, start, end, *rest)

    monkeypatch.setattr(mail_index, "list_head", noted_head)
    monkeypatch.setattr(mail_index, "read_mail", _counting(mail_index.read_mail, read))
    monkeypatch.setattr(thread_text, "read_mail", _counting(thread_text.read_mail, read))
    files: list[int] = []
    monkeypatch.setattr(MaildirMessages, "read", _counted_files(MaildirMessages.read, files))

    batches = load_batches(path)
    preview = next(batches)
    assert preview.preview and preview.read == pytest.approx(share)
    assert _numbers(heads_read) == list(range(100)), "the first 100 messages' heads, once each"
    assert _numbers(read) == [98, 99], "only the preview's thread is read in full"
    if kind == "mbox":
        (box,) = _Mbox.made
        assert 100 < len(box) < 120, "the file split only a chunk past the 100th message"
    else:
        assert sorted(set(files)) == list(range(100)), "only the first 100 messages' files read"
    # The first thread among the first 100 messages, with the reply those hold.
    assert [outline(article) for article in preview.articles] == [
        ("<m98@list.example>", "Writer 2", [("<m99@list.example>", "Writer 0", [])])
    ]

    rest = list(batches)
    # Threads 299 down to 50 come before the preview's (they are earlier);
    # the batch ends with the preview's thread, listed.
    assert [article.source_id for article in rest[0].articles] == [
        f"<m{2 * thread}@list.example>" for thread in range(299, 48, -1)
    ]
    assert outline(rest[0].articles[-1]) == outline(preview.articles[0])
    assert [article.source_id for batch in rest[1:] for article in batch.articles] == [
        f"<m{2 * thread}@list.example>" for thread in range(48, -1, -1)
    ]
    assert sorted(_numbers(heads_read)) == list(range(600)), "every head read once"
    assert _numbers(read) == [98, 99], "no other message read in full"
    shares = [preview.read] + [batch.read for batch in rest]
    assert shares == sorted(set(shares)) and shares[-1] == 1, "the share read only grows"
    # Reading a thread reads its messages, and only those.
    read.clear()
    full = read_in_full(rest[0].articles[0], path)
    assert _numbers(read) == [598, 599] and outline(full) == outline(rest[0].articles[0])


def _counted_files(
    read: Callable[[Any, Iterable[int]], Iterator[Any]], taken: list[int]
) -> Callable[[Any, Iterable[int]], Iterator[Any]]:
    """`MaildirMessages.read`, noting the number of each message it reads."""

    def counted(box: Any, numbers: Iterable[int]) -> Iterator[Any]:
        def noted() -> Iterator[int]:
            for number in numbers:
                taken.append(number)
                yield number

        yield from read(box, noted())

    return counted


def test_a_preview_whose_first_message_replies_to_a_later_one(tmp_path: Path) -> None:
    """The preview's first message turns out to be a reply to a message after
    the first 100: the next batch ends with that message's thread, which holds
    the preview's, after the threads that come before it."""
    messages = [message(0, Spec(0, 500, [500], 30, "plain"))]
    for number in range(1, 150):
        minute = 5 if number == 120 else 40 + number
        messages.append(message(number, Spec(number, None, [], minute, "plain")))
    messages.append(message(150, Spec(500, None, [], 20, "plain")))
    path = write_mbox(tmp_path / "list.mbox", messages)
    preview, *rest = load_batches(path)
    assert preview.preview
    assert [outline(article) for article in preview.articles] == [
        ("<m0@list.example>", "Writer 0", [])
    ]
    assert [outline(article) for article in rest[0].articles] == [
        ("<m120@list.example>", "Writer 0", []),
        ("<m500@list.example>", "Writer 0", [("<m0@list.example>", "Writer 0", [])]),
    ]
    assert [article.source_id for batch in rest[1:] for article in batch.articles] == [
        f"<m{number}@list.example>" for number in range(1, 150) if number != 120
    ]


def test_the_preview_adds_no_warnings_and_each_problem_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Messages that cannot be read, among the first 100 and after, in the
    preview's thread and in others: each reported once, a head that cannot
    be read by the index (in the order a load without a preview reports
    them), a body that cannot be read when its thread is read."""
    messages = [message(n, Spec(n, None, [], 10 + n, "plain")) for n in range(150)]
    messages[1] = message(1, Spec(1, 0, [0], 11, "plain"))  # in the preview; its body fails
    messages[2] = message(2, Spec(None, None, [], None, "broken"))  # no head: fails at once
    messages[140] = message(140, Spec(None, None, [], None, "broken"))
    path = write_mbox(tmp_path / "list.mbox", messages)
    text = mail_messages.parts_to_text

    def failing(parts: tuple[MailPart, ...]) -> Any:
        if parts[0].text.startswith(("Message 1,", "Message 120,")):
            raise ValueError("a broken body")
        return text(parts)

    monkeypatch.setattr(mail_messages, "parts_to_text", failing)
    warnings: list[str] = []
    batches = load_batches(path, warnings)
    preview = next(batches)
    assert preview.preview and [outline(a) for a in preview.articles] == [
        ("<m0@list.example>", "Writer 0", [])
    ]
    assert warnings == []
    listed = [article for batch in batches for article in batch.articles]
    lines = path.read_bytes().split(b"\n")
    starts = [number + 1 for number, line in enumerate(lines) if line.startswith(b"From w@")]
    no_head, broken_body = "no From, Subject or Date header", "a broken body"
    index_warnings = [
        f"{path}: line {starts[2]}: message skipped: {no_head}",
        f"{path}: line {starts[140]}: message skipped: {no_head}",
    ]
    assert warnings == index_warnings
    monkeypatch.setattr(mail, "PREVIEW_MESSAGES", len(messages))
    without_preview: list[str] = []
    assert not any(batch.preview for batch in load_batches(path, without_preview))
    assert without_preview == index_warnings
    for article in listed:
        read_in_full(article, path)
    assert warnings == [
        *index_warnings,
        f"{path}: line {starts[1]}: message skipped: {broken_body}",
        f"{path}: line {starts[120]}: message skipped: {broken_body}",
    ]


def test_dump_of_a_big_mailbox_lists_each_thread_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = _threads_earliest_last(100)
    path = write_mbox(tmp_path / "list.mbox", messages)
    assert next(load_batches(path)).preview
    assert main(["dump", str(path), "--format", "json"]) == 0
    dumped = json.loads(capsys.readouterr().out)
    assert [article["id"] for article in dumped] == [
        f"<m{2 * thread}@list.example>" for thread in range(99, -1, -1)
    ]


def _numbers(messages: list[bytes]) -> list[int]:
    """Which generated messages these are, by the number their body holds
    (broken ones, which hold none, left out)."""
    return [int(found.group(1)) for data in messages if (found := _NUMBER.search(data))]


def _counting(read: Callable[..., Any], calls: list[bytes]) -> Callable[..., Any]:
    def counted(data: bytes, *args: Any) -> Any:
        calls.append(data)
        return read(data, *args)

    return counted


# Batches, progress and late errors --------------------------------------------


def test_progress_grows_with_each_batch_and_the_file_counts_once_done(tmp_path: Path) -> None:
    messages = [message(n, Spec(n, None, [], n % 50, "plain")) for n in range(1500)]
    path = write_mbox(tmp_path / "list.mbox", messages)
    loading = Loading([path])
    loading.read_ahead()
    seen = [(loading.files_done, loading.bytes_done)]
    for _ in loading:
        seen.append((loading.files_done, loading.bytes_done))
    size = path.stat().st_size
    assert len(seen) > 3
    assert [files for files, _ in seen] == [0] * (len(seen) - 1) + [1], "done with its last batch"
    assert seen[-1][1] == size
    read = [done for _, done in seen]
    assert read == sorted(read) and 0 < read[0] < read[-2] < size


def test_an_error_after_some_batches_reaches_the_app_after_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = [message(n, Spec(n, None, [], n, "plain")) for n in range(1200)]
    path = write_mbox(tmp_path / "list.mbox", messages)
    listed = thread_list.listed_thread

    def failing_late(index: Any, root: Any) -> Any:
        if root.number == 1100:
            raise RuntimeError("a parser bug")
        return listed(index, root)

    monkeypatch.setattr(thread_list, "listed_thread", failing_late)
    loading = Loading([path, write_mbox(tmp_path / "other.mbox", messages[:1])])
    assert loading.read_ahead()
    results = list(loading)
    errors = [result for result in results if isinstance(result, LoadError)]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{path}: could not parse")
    given = [r for r in results[: results.index(errors[0])] if not isinstance(r, LoadError)]
    loaded = sum(len(batch.articles) for batch in given)  # type: ignore[union-attr]
    assert loaded >= 1000, "the threads listed before the error stay loaded"
    assert not isinstance(results[-1], LoadError), "the next file still loads"
    assert loading.files_done == 2


def test_a_message_that_fails_late_is_skipped_and_its_replies_move_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message whose head reads but whose body cannot be read: listed, then
    left out with a warning when its thread is read, its replies under its
    parent (a thread's first message: its first reply stands in for it)."""
    messages = [
        message(0, Spec(0, None, [], 0, "plain")),
        message(1, Spec(1, 0, [0], 1, "plain")),  # cannot be read
        message(2, Spec(2, 1, [0, 1], 2, "plain")),
        message(3, Spec(3, None, [], 3, "plain")),  # cannot be read
        message(4, Spec(4, 3, [3], 4, "plain")),
    ]
    path = write_mbox(tmp_path / "list.mbox", messages)
    text = mail_messages.parts_to_text

    def failing(parts: tuple[MailPart, ...]) -> Any:
        if parts[0].text.startswith(("Message 1,", "Message 3,")):
            raise ValueError("a broken body")
        return text(parts)

    monkeypatch.setattr(mail_messages, "parts_to_text", failing)
    warnings: list[str] = []
    listed = [a for batch in load_batches(path, warnings) for a in batch.articles]
    assert [outline(article) for article in listed] == [
        ("<m0@list.example>", "Writer 0", [("<m1@list.example>", "Writer 1", [
            ("<m2@list.example>", "Writer 2", [])
        ])]),
        ("<m3@list.example>", "Writer 0", [("<m4@list.example>", "Writer 1", [])]),
    ]  # fmt: skip
    assert warnings == []
    articles = [read_in_full(article, path) for article in listed]
    assert [outline(article) for article in articles] == [
        ("<m0@list.example>", "Writer 0", [("<m2@list.example>", "Writer 2", [])]),
        ("<m4@list.example>", "Writer 1", []),
    ]
    assert len(warnings) == 2 and all("message skipped: a broken body" in w for w in warnings)
    # `reader dump`, which reads each message as it is indexed: indexed from
    # its head all the same, skipped when its thread is read, said then.
    dumped: list[str] = []
    assert list(map(in_full, load_articles(path, dumped))) == list(map(in_full, articles))
    assert dumped == warnings


def test_a_message_changed_since_the_index_is_left_out_when_its_thread_is_read(
    tmp_path: Path,
) -> None:
    """The mailbox rewritten after it was listed (a mail client expunged a
    message): what is now where a message was is not taken for it."""
    messages = [
        message(n, Spec(n, 0 if n else None, [0] if n else [], n, "plain")) for n in range(3)
    ]
    path = write_mbox(tmp_path / "list.mbox", messages)
    second = (
        path.read_bytes().split(b"\n").index(b"From w@list.example Mon May  6 09:00:00 2024", 1)
    )
    warnings: list[str] = []
    (listed,) = [a for batch in load_batches(path, warnings) for a in batch.articles]
    write_mbox(path, [messages[0], messages[2], messages[2]])
    article = read_in_full(listed, path)
    assert outline(article) == (
        "<m0@list.example>",
        "Writer 0",
        [("<m2@list.example>", "Writer 2", [])],
    )
    assert warnings == [
        f"{path}: line {second + 1}: message skipped: the mailbox has changed since it was read"
    ]


def test_no_readable_message_is_one_error_naming_the_file(tmp_path: Path) -> None:
    unreadable = message(0, Spec(None, None, [], None, "no-fields"))
    path = write_mbox(tmp_path / "list.mbox", [unreadable, unreadable])
    loading = Loading([path])
    assert not loading.read_ahead()
    assert [str(error) for error in loading.problems] == [
        f"{path}: no readable messages in the mailbox"
    ]
