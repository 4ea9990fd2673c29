"""Mailing lists: an mbox file or a Maildir directory, one article per thread.

Each message is read as the standard library's `email` reads it with
`policy.default` (RFC 2047 headers, charsets, quoted-printable and base64
decoded); see `mailfields` for how the common case is read faster, and
`mailthreads` for how messages form threads. A mailbox is read in two
passes: first every message's threading fields (from its header block
alone, a few microseconds each), which give the threads and their order;
then the threads in that order, each message read in full, given in batches
as they are read, so the first thread is on screen long before a big archive
is read. A message that cannot be read is skipped with a warning (its
replies move up to its parent); the rest load.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from ..errors import LoadError
from ..model import Article, Comment
from ..text import Block
from .batch import Batch
from .htmltext import html_to_text
from .mailfields import Head, full_fields, read_fields, read_head, thread_fields
from .mailtext import mail_to_text
from .mailthreads import Node, thread_roots
from .sample import Sample

# An mbox starts with a `From ` line, then a header line.
_MBOX_START = re.compile(rb"From \S+[^\n]*\r?\n[!-9;-~]+:")
_FROM_LINE = re.compile(rb"From ")
_NEWLINE_FROM = re.compile(rb"\nFrom ")
_LONE_CR = re.compile(rb"\r(?!\n)")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|sv)\s*(?:\[\d+\])?\s*:|\[[^\]]*\])\s*", re.I)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_LIST_ID = re.compile(r"<([^<>\s]+)>")
_TAG = re.compile(r"\[([^\]]+)\]")
# After the first thread, a batch is given each time this many more messages
# have been read: each batch costs the load a hand-over to the UI.
_BATCH_MESSAGES = 500


@dataclass(eq=False, slots=True)
class _Mail:
    message_id: str | None
    parents: list[str]  # In-Reply-To first, then References nearest first
    subject: str
    author: str | None
    when: datetime | None
    posted: str | None
    text: list[str]
    blocks: tuple[Block, ...] | None
    list_name: str | None
    url: str | None


@dataclass(eq=False, slots=True)
class _Message:
    """A message of the mailbox: where it is, its bytes and head until it is
    read, then what was read (None: it could not be)."""

    where: str
    data: bytes | memoryview
    head: Head | None = None
    mail: _Mail | None = None
    read: bool = False


# A message's id, and its parents' (In-Reply-To first, then References nearest first).
_Ids = tuple[str | None, list[str]]


class _Known(NamedTuple):
    """What the first pass read of a message: its ids, its Date (parsed if its
    order was needed)."""

    ids: _Ids
    when: str | datetime | None


class _ThreadIds(Protocol):
    message_id: str
    in_reply_to: str
    references: str


def sniff_mbox(sample: Sample) -> bool:
    return not sample.is_dir and _MBOX_START.match(sample.head(4096)) is not None


def sniff_maildir(sample: Sample) -> bool:
    return sample.is_dir and (sample.path / "cur").is_dir() and (sample.path / "new").is_dir()


def parse_mbox(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    assert sample.data is not None
    nodes = _index(sample.path, _mbox_messages(sample.data), warnings)
    yield from _batches(sample.path, nodes, warnings)


def parse_maildir(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    try:
        box = mailbox.Maildir(sample.path, factory=None, create=False)
        # Hidden files (`.gitkeep`, editor droppings) are not mail.
        keys = sorted(key for key in box.iterkeys() if not key.startswith("."))
        raw = ((f"message {key}", box.get_bytes(key)) for key in keys)
        nodes = _index(sample.path, raw, warnings)
    except OSError as error:
        reason = f"cannot read the Maildir: {error.strerror or error}"
        raise LoadError(sample.path, reason) from None
    yield from _batches(sample.path, nodes, warnings)


def _mbox_messages(data: bytes) -> Iterator[tuple[str, bytes | memoryview]]:
    """Each message's bytes (without its `From ` line), named by its line: a
    view of `data` where it needs no unescaping, so that the messages waiting
    for their thread to be read are not a second copy of the file."""
    if _LONE_CR.search(data) is not None:
        yield from _mbox_messages_by_line(data)
        return
    # A `From ` line at the start or after a blank line starts a message.
    starts = [0] if _FROM_LINE.match(data) else []
    for found in _NEWLINE_FROM.finditer(data):
        line_start = data.rfind(b"\n", 0, found.start()) + 1
        if not data[line_start : found.start()].strip():
            starts.append(found.start() + 1)
    line = 1
    view = memoryview(data)
    for number, start in enumerate(starts):
        line += data.count(b"\n", starts[number - 1] if number else 0, start)
        body = data.find(b"\n", start) + 1 or len(data)
        end = starts[number + 1] if number + 1 < len(starts) else len(data)
        if data.find(b">From ", body, end) >= 0:
            yield f"line {line}", _ESCAPED_FROM.sub(rb"\1", data[body:end])
        else:
            yield f"line {line}", view[body:end]


def _mbox_messages_by_line(data: bytes) -> Iterator[tuple[str, bytes]]:
    """`_mbox_messages` for a file with lines ended by a lone CR."""
    lines = data.splitlines(keepends=True)
    start: int | None = None
    previous_blank = True
    for number, line in enumerate(lines):
        if previous_blank and _FROM_LINE.match(line):
            if start is not None:
                yield f"line {start + 1}", _unescape(lines[start + 1 : number])
            start = number
        previous_blank = not line.strip()
    if start is not None:
        yield f"line {start + 1}", _unescape(lines[start + 1 :])


def _unescape(lines: list[bytes]) -> bytes:
    return _ESCAPED_FROM.sub(rb"\1", b"".join(lines))


def _index(
    path: Path, raw: Iterable[tuple[str, bytes | memoryview]], warnings: list[str] | None
) -> list[Node[_Message]]:
    """The first pass: each message's place in the threads, from its header
    block; a message whose header block needs `email` is read in full now."""
    nodes: list[Node[_Message]] = []
    for where, kept in raw:
        data = bytes(kept)  # (a copy only of a view, dropped after this pass)
        # The head is read once: here for the threads, kept for the full read.
        head = read_head(data)
        fields = thread_fields(head) if head is not None else None
        if fields is not None:
            message_id, parents = _thread_ids(fields)
            message = _Message(where, kept, head)
            nodes.append(Node(len(nodes), message_id, parents, fields.date, message))
            continue
        message = _Message(where, b"")
        if _read_message(path, message, data, None, None, warnings) and message.mail:
            mail = message.mail
            nodes.append(Node(len(nodes), mail.message_id, mail.parents, mail.when, message))
    return nodes


def _batches(
    path: Path, nodes: list[Node[_Message]], warnings: list[str] | None
) -> Iterator[Batch]:
    """The second pass: the threads in order, each read in full; the first
    thread alone (it is all the first screen needs), then a batch every
    `_BATCH_MESSAGES` messages read."""
    if not nodes:
        raise LoadError(path, "no readable messages in the mailbox")
    articles: list[Article] = []
    given = read = 0
    for root in thread_roots(nodes):
        read += _read_thread(path, root, warnings)
        articles.extend(_article(path, top) for top in _readable([root]))
        _release(root)
        if articles and (not given or read - given >= _BATCH_MESSAGES):
            yield Batch(articles, read / len(nodes))
            articles, given = [], read
    if articles:
        yield Batch(articles, 1.0)
    elif not given:
        raise LoadError(path, "no readable messages in the mailbox")


def _read_thread(path: Path, root: Node[_Message], warnings: list[str] | None) -> int:
    """Read every message of the thread under `root`; how many there are."""
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        count += 1
        message = node.payload
        if not message.read:
            data, head = bytes(message.data), message.head
            message.data, message.head = b"", None
            known = _Known((node.message_id, node.parents), node.date)
            if _read_message(path, message, data, head, known, warnings) and message.mail:
                node.date = message.mail.when  # the same time: its order needs no parse
        stack.extend(node.replies)
    return count


def _release(root: Node[_Message]) -> None:
    """Unlink a thread that has been given, so that its messages (each linked
    to its parent and its replies: cycles) are freed as soon as they can be,
    not left to the cyclic collector."""
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.replies)
        node.replies, node.parent = [], None


def _read_message(
    path: Path,
    message: _Message,
    data: bytes,
    head: Head | None,
    known: _Known | None,
    warnings: list[str] | None,
) -> bool:
    """Read `message` in full from `data` (with its `head` and what threading
    read of it, if read already); False, with a warning, if it cannot be."""
    message.read = True
    try:
        message.mail = _read(data, head, known)
    except Exception as error:  # one bad message never stops the others
        if warnings is not None:
            warnings.append(f"{path}: {message.where}: message skipped: {error}")
        return False
    return True


def _read(data: bytes, head: Head | None, known: _Known | None) -> _Mail:
    when = known.when if known is not None and isinstance(known.when, datetime) else None
    fields = read_fields(data, head, when) or full_fields(data)
    if fields.plain is not None:
        text, blocks = mail_to_text(fields.plain)
    elif fields.html is not None:
        text, blocks = html_to_text(fields.html)
    else:
        text, blocks = [], None
    message_id, parents = known.ids if known is not None else _thread_ids(fields)
    subject = " ".join(fields.subject.split())
    return _Mail(
        message_id=message_id,
        parents=parents,
        subject=subject,
        author=fields.author,
        when=fields.when,
        posted=fields.posted,
        text=text,
        blocks=blocks,
        list_name=_list_name(fields.list_id, subject),
        url=fields.archived_at.strip().strip("<>") or None,
    )


def _thread_ids(fields: _ThreadIds) -> _Ids:
    """The message's id and its parents' (In-Reply-To first, then References
    nearest first)."""
    references = _MESSAGE_ID.findall(fields.references)
    in_reply_to = _MESSAGE_ID.findall(fields.in_reply_to)
    message_id = _MESSAGE_ID.search(fields.message_id)
    return (message_id.group() if message_id else None), in_reply_to[:1] + references[::-1]


def _list_name(list_id: str, subject: str) -> str | None:
    found = _LIST_ID.search(list_id)
    if found:
        return found.group(1)
    tag = _TAG.search(subject)
    return tag.group(1) if tag else None


def thread_title(subject: str) -> str:
    """A subject without its `Re:`, `Fwd:` and `[list]` prefixes."""
    previous = None
    while previous != subject:
        previous, subject = subject, _REPLY_PREFIX.sub("", subject, count=1)
    return subject.strip()


def _readable(nodes: list[Node[_Message]]) -> list[Node[_Message]]:
    """`nodes` in order, each one that could not be read replaced by its
    readable replies (and so on down)."""
    found: list[Node[_Message]] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if node.payload.mail is not None:
            found.append(node)
        else:
            stack.extend(node.replies)
    return sorted(found, key=Node.order)


def _article(path: Path, root: Node[_Message]) -> Article:
    mail = root.payload.mail
    assert mail is not None  # `_readable` gives only messages that were read
    article = Article(
        title=thread_title(mail.subject) or "(no subject)",
        author=mail.author,
        byline=f"By {mail.author}" if mail.author else None,
        source=mail.list_name,
        published=mail.posted,
        url=mail.url,
        body=mail.text,
        body_blocks=mail.blocks,
        source_id=mail.message_id,
        path=path,
        format="mail",
    )
    stack: list[tuple[list[Node[_Message]], list[Comment]]] = [(root.replies, article.comments)]
    while stack:
        nodes, target = stack.pop()
        for node in _readable(nodes):
            reply = node.payload.mail
            assert reply is not None
            comment = Comment(
                author=reply.author,
                posted=reply.posted,
                text=reply.text,
                blocks=reply.blocks,
                source_id=reply.message_id,
                is_op=reply.author is not None and reply.author == mail.author,
            )
            target.append(comment)
            if node.replies:
                stack.append((node.replies, comment.replies))
    return article
