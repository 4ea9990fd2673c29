"""A mailbox read as a stream: its threads in batches, the first thread first.

The threads a streamed load gives must be the ones a whole-archive read gives:
every message read in full first, then threaded (`whole_archive` restates
that reading, independently of the two-pass reader), in the same order, with
the same replies; whatever the archive holds (replies long after or before
their parent, cycles, missing parents, duplicate ids, unreadable messages,
headers only `email` reads, Maildirs).
"""

from __future__ import annotations

import mailbox
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.errors import LoadError
from reader.formats import mail
from reader.formats.loader import load_articles, load_batches
from reader.formats.mailfields import MailFields, full_fields, read_fields
from reader.loading import Loading
from reader.model import Article, Comment

_ID = re.compile(r"<[^<>\s]+>")
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


def streamed(path: Path) -> tuple[list[Article], int]:
    """The articles as the app loads them (read ahead, then the worker's
    batches), and how many batches."""
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
    return articles, len(batches)


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


def specs(count: int) -> st.SearchStrategy[list[Spec]]:
    # Few ids for many messages: duplicates and loops are common; some ids
    # name no message.
    names = count // 3
    spec = st.builds(
        Spec,
        own=st.one_of(st.integers(0, names), st.none()),
        reply_to=st.one_of(st.none(), st.integers(0, names + 2)),
        references=st.lists(st.integers(0, names + 2), max_size=3),
        minute=st.one_of(st.none(), st.integers(0, 50)),  # equal dates happen too
        kind=st.sampled_from(KINDS),
    )
    return st.lists(spec, min_size=1, max_size=count)


def message(number: int, spec: Spec) -> bytes:
    """A message's bytes (its `From ` line apart), of the spec's kind."""
    if spec.kind == "broken":
        return b"this line is not a header, the message is broken\n\nNothing.\n"
    if spec.kind == "no-fields":
        return b"X-Note: no From, Subject or Date\n\nNothing.\n"
    lines = [f"From: Writer {number % 3} <w{number % 3}@list.example>"]
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
    if spec.kind == "eight-bit":
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


@settings(max_examples=60, deadline=None)
@given(specs(24))
def test_streamed_threads_are_the_whole_archives_threads(archive: list[Spec]) -> None:
    assume(archive[0].kind != "broken")  # a file that starts so is no mailbox
    messages = [message(number, spec) for number, spec in enumerate(archive)]
    expected = whole_archive(messages)
    with tempfile.TemporaryDirectory() as folder:
        for path in (
            write_mbox(Path(folder) / "list.mbox", messages),
            write_maildir(Path(folder) / "list", messages),
        ):
            if not expected:
                with pytest.raises(LoadError):  # (an mbox may not even look like one)
                    load_articles(path)
                continue
            articles, _ = streamed(path)
            assert [outline(article) for article in articles] == expected
            # `reader dump` reads the same articles, all at once.
            assert list(map(in_full, load_articles(path))) == list(map(in_full, articles))


def test_a_reply_long_after_its_parent_joins_the_first_thread(tmp_path: Path) -> None:
    """The first thread needs its late reply: the read-ahead waits for it, the
    other threads come in later batches."""
    first = message(0, Spec(own=0, reply_to=None, references=[], minute=0, kind="plain"))
    others = [
        message(n, Spec(own=n, reply_to=None, references=[], minute=n, kind="plain"))
        for n in range(1, 1200)
    ]
    late = message(9999, Spec(own=9999, reply_to=0, references=[0], minute=5, kind="plain"))
    path = write_mbox(tmp_path / "list.mbox", [first, *others, late])
    articles, batches = streamed(path)
    assert batches > 2, "given in several batches"
    assert outline(articles[0]) == (
        "<m0@list.example>",
        "Writer 0",
        [("<m9999@list.example>", "Writer 0", [])],
    )
    assert [article.source_id for article in articles[1:]] == [
        f"<m{n}@list.example>" for n in range(1, 1200)
    ]


# Work done before the first batch --------------------------------------------


def test_the_read_ahead_reads_only_the_first_threads_messages_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 300 threads of a message and a reply; the earliest thread is written last.
    messages = []
    for thread in range(300):
        minute = 300 - thread
        messages.append(message(2 * thread, Spec(2 * thread, None, [], minute, "plain")))
        reply = Spec(2 * thread + 1, 2 * thread, [2 * thread], minute + 1, "plain")
        messages.append(message(2 * thread + 1, reply))
    path = write_mbox(tmp_path / "list.mbox", messages)
    read: list[bytes] = []
    counting = _counting(mail._read, read)
    monkeypatch.setattr(mail, "_read", counting)
    loading = Loading([path])
    assert loading.read_ahead()
    assert len(read) == 2, "only the first thread's two messages are read in full"
    assert loading.bytes_done < path.stat().st_size
    first = [prepared.article for prepared in next(iter(loading)).articles]  # type: ignore[union-attr]
    assert [article.source_id for article in first] == ["<m598@list.example>"]
    assert [c.source_id for c in first[0].comments] == ["<m599@list.example>"]


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
    built = mail._article

    def failing_late(where: Path, root: Any) -> Article:
        if root.number == 1100:
            raise RuntimeError("a parser bug")
        return built(where, root)

    monkeypatch.setattr(mail, "_article", failing_late)
    loading = Loading([path, write_mbox(tmp_path / "other.mbox", messages[:1])])
    assert loading.read_ahead()
    results = list(loading)
    errors = [result for result in results if isinstance(result, LoadError)]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{path}: could not parse")
    given = [r for r in results[: results.index(errors[0])] if not isinstance(r, LoadError)]
    loaded = sum(len(batch.articles) for batch in given)  # type: ignore[union-attr]
    assert loaded >= 1000, "the threads read before the error stay loaded"
    assert not isinstance(results[-1], LoadError), "the next file still loads"
    assert loading.files_done == 2


def test_a_message_that_fails_late_is_skipped_and_its_replies_move_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message whose head reads but whose body cannot be read: a warning, and
    its replies hang under its parent (or start threads, for a first message)."""
    messages = [
        message(0, Spec(0, None, [], 0, "plain")),
        message(1, Spec(1, 0, [0], 1, "plain")),  # cannot be read
        message(2, Spec(2, 1, [0, 1], 2, "plain")),
        message(3, Spec(3, None, [], 3, "plain")),  # cannot be read
        message(4, Spec(4, 3, [3], 4, "plain")),
    ]
    path = write_mbox(tmp_path / "list.mbox", messages)
    text = mail.mail_to_text

    def failing(body: str) -> Any:
        if body.startswith(("Message 1,", "Message 3,")):
            raise ValueError("a broken body")
        return text(body)

    monkeypatch.setattr(mail, "mail_to_text", failing)
    warnings: list[str] = []
    articles = [a for batch in load_batches(path, warnings) for a in batch.articles]
    assert [outline(article) for article in articles] == [
        ("<m0@list.example>", "Writer 0", [("<m2@list.example>", "Writer 2", [])]),
        ("<m4@list.example>", "Writer 1", []),
    ]
    assert len(warnings) == 2 and all("message skipped: a broken body" in w for w in warnings)


def test_no_readable_message_is_one_error_naming_the_file(tmp_path: Path) -> None:
    unreadable = message(0, Spec(None, None, [], None, "no-fields"))
    path = write_mbox(tmp_path / "list.mbox", [unreadable, unreadable])
    loading = Loading([path])
    assert not loading.read_ahead()
    assert [str(error) for error in loading.problems] == [
        f"{path}: no readable messages in the mailbox"
    ]
