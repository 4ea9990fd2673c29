"""Mailing lists: an mbox file or a Maildir directory, one article per thread.

Each message is read as the standard library's `email` reads it with
`policy.default` (RFC 2047 headers, charsets, quoted-printable and base64
decoded); see `fields` for how the common case is read faster, and
`threads` for how messages form threads. A mailbox is read in two
passes: first every message's threading fields (from its header block
alone, a few microseconds each), which give the threads and their order;
then the threads in that order, each message read in full, given in batches
as they are read. A message that cannot be read is skipped with a warning
(its replies move up to its parent); the rest load.

The first pass must see every message before it knows which thread comes
first (a reply may come anywhere; the earliest thread may start last): 0.35 s
for 20,000 messages. So a mailbox of more than `PREVIEW_MESSAGES` messages
first gives a preview (`Batch.preview`): the first pass takes only those
first messages (the mbox is split as it is read), threads them, and gives
their first thread, with the replies they hold, read in full; a few ms. The
first pass then goes on over the rest, keeping what it read (no message is
read in full twice), and the second pass's first batch runs on to the thread
that holds the preview's first message, and ends with it: the preview in
full, in its place in the order. The preview reports nothing: what could not
be read is reported once, by the full load, where a load without a preview
reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import NamedTuple, Protocol

from ...errors import LoadError
from ...model import Article, Comment
from ...model.subjects import bare_subject, list_tag
from ...text import Block
from .. import limits
from ..batch import Batch
from ..sample import Sample
from .body import parts_to_text
from .fields import Head, full_fields, read_fields, read_head, thread_fields
from .headerbounds import HeaderProblem, skip_reason, take_cuts
from .maildir import MessageFile, is_maildir, message_files, read_message
from .threads import Node, thread_roots

# An mbox starts with a `From ` line, then a header line.
_MBOX_START = re.compile(rb"From \S+[^\n]*\r?\n[!-9;-~]+:")
_FROM_LINE = re.compile(rb"From ")
NEWLINE_FROM = re.compile(rb"\nFrom ")
_LONE_CR = re.compile(rb"\r(?!\n)")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_LIST_ID = re.compile(r"<([^<>\s]+)>")
# After the first thread, a batch is given each time this many more messages
# have been read: each batch costs the load a hand-over to the UI.
_BATCH_MESSAGES = 500
# A bigger mailbox first gives a preview: the first thread among this many
# first messages, before the rest of the archive is read.
PREVIEW_MESSAGES = 100


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
    # Why it could not be read, until the pass that gives its thread reports it.
    problem: str | None = None


# A message's id, and its parents' (In-Reply-To first, then References nearest first).
_Ids = tuple[str | None, list[str]]
# A message of the mailbox as it is split off: where it is, its bytes (or why
# they cannot be read), and the share of the mailbox read once it is (1 for the last).
_Raw = tuple[str, bytes | memoryview | str, float]


class _Known(NamedTuple):
    """What the first pass read of a message: its ids, its Date (parsed if its
    order was needed)."""

    ids: _Ids
    when: str | datetime | None


class _Preview(NamedTuple):
    """The first thread among a big mailbox's first messages: its first
    message, and its articles as given."""

    root: Node[_Message]
    articles: list[Article]


class _ThreadIds(Protocol):
    message_id: str
    in_reply_to: str
    references: str


def sniff_mbox(sample: Sample) -> bool:
    return not sample.is_dir and _MBOX_START.match(sample.head(4096)) is not None


def sniff_maildir(sample: Sample) -> bool:
    return sample.is_dir and is_maildir(sample.path)


def parse_mbox(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    assert sample.data is not None
    yield from _parse(sample.path, mbox_messages(sample.data), warnings)


def parse_maildir(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    try:
        files = message_files(sample.path)
    except OSError as error:
        raise LoadError(
            sample.path, f"cannot read the Maildir: {error.strerror or error}"
        ) from None
    yield from _parse(sample.path, _maildir_messages(files), warnings)


def _maildir_messages(files: list[MessageFile]) -> Iterator[_Raw]:
    """Each message's bytes (or why it cannot be read) in key order, named by
    its key, read as they are needed."""
    for number, file in enumerate(files, 1):
        yield f"message {file.key}", read_message(file, limits.MAX_FILE_BYTES), number / len(files)


def mbox_messages(data: bytes) -> Iterator[_Raw]:
    """Each message's bytes (without its `From ` line), named by its line, as
    the file is split (a preview needs only the first messages): a view of
    `data` where it needs no unescaping, so that the messages waiting for
    their thread to be read are not a second copy of the file."""
    # Most files hold no CR at all, which a byte search tells ten times
    # faster than the regular expression (0.5 ms against 5 for 14 MB).
    if b"\r" in data and _LONE_CR.search(data) is not None:
        yield from mbox_messages_by_line(data)
        return
    line = 1
    counted = 0  # where `line` was counted to
    view = memoryview(data)
    starts = _mbox_starts(data)
    start = next(starts, None)
    while start is not None:
        following = next(starts, None)
        end = len(data) if following is None else following
        line += data.count(b"\n", counted, start)
        counted = start
        body = data.find(b"\n", start) + 1 or len(data)
        if data.find(b">From ", body, end) >= 0:
            yield f"line {line}", _ESCAPED_FROM.sub(rb"\1", data[body:end]), end / len(data)
        else:
            yield f"line {line}", view[body:end], end / len(data)
        start = following


def _mbox_starts(data: bytes) -> Iterator[int]:
    """Where each message's `From ` line starts: at the start of the file or
    after a blank line."""
    if _FROM_LINE.match(data):
        yield 0
    for found in NEWLINE_FROM.finditer(data):
        line_start = data.rfind(b"\n", 0, found.start()) + 1
        if not data[line_start : found.start()].strip():
            yield found.start() + 1


def mbox_messages_by_line(data: bytes) -> Iterator[_Raw]:
    """`mbox_messages` for a file with lines ended by a lone CR."""
    lines = data.splitlines(keepends=True)
    start: int | None = None
    previous_blank = True
    before = 0  # bytes of the lines before this one
    for number, line in enumerate(lines):
        if previous_blank and _FROM_LINE.match(line):
            if start is not None:
                yield f"line {start + 1}", _unescape(lines[start + 1 : number]), before / len(data)
            start = number
        previous_blank = not line.strip()
        before += len(line)
    if start is not None:
        yield f"line {start + 1}", _unescape(lines[start + 1 :]), 1.0


def _unescape(lines: list[bytes]) -> bytes:
    return _ESCAPED_FROM.sub(rb"\1", b"".join(lines))


def _parse(path: Path, raw: Iterator[_Raw], warnings: list[str] | None) -> Iterator[Batch]:
    """Both passes over the messages `raw` splits off. A mailbox of more than
    `PREVIEW_MESSAGES` messages gives a preview first: the first pass takes
    those first messages alone, and their first thread is read and given with
    the replies those hold; then the first pass goes on over the rest."""
    nodes: list[Node[_Message]] = []
    # The preview adds no warnings: what goes wrong before it is given is
    # reported after it, in the order a load without a preview reports it.
    held: list[str] = []
    seen = _index(path, islice(raw, PREVIEW_MESSAGES), held, nodes)
    preview = _preview(path, nodes) if seen < 1 else None
    if preview is not None:
        yield Batch(preview.articles, seen, preview=True)
    if warnings is not None:
        warnings.extend(held)
    _index(path, raw, warnings, nodes)
    if preview is None:
        yield from _batches(path, nodes, warnings)
    else:
        yield from _batches(path, nodes, warnings, preview.root, seen)


def _index(
    path: Path, raw: Iterable[_Raw], warnings: list[str] | None, nodes: list[Node[_Message]]
) -> float:
    """The first pass, over the messages of `raw`: each message's place in the
    threads, from its header block, added to `nodes`; a message whose header
    block needs `email` is read in full now. The share of the mailbox read
    once `raw` is (0 if it held no message)."""
    done = 0.0
    for where, kept, share in raw:
        done = share
        if isinstance(kept, str):
            if warnings is not None:
                warnings.append(f"{path}: {where}: message skipped: {kept}")
            continue
        data = bytes(kept)  # (a copy only of a view, dropped after this pass)
        # The head is read once: here for the threads, kept for the full read.
        head = read_head(data)
        try:
            fields = thread_fields(head) if head is not None else None
        except HeaderProblem:
            fields = None  # read in full below, which says what is wrong
        if fields is not None:
            message_id, parents = _thread_ids(fields)
            message = _Message(where, kept, head)
            nodes.append(Node(len(nodes), message_id, parents, fields.date, message))
            continue
        message = _Message(where, b"")
        if _read_message(path, message, data, None, None) and message.mail:
            mail = message.mail
            nodes.append(Node(len(nodes), mail.message_id, mail.parents, mail.when, message))
        _report(message, warnings)
    return done


def _preview(path: Path, nodes: list[Node[_Message]]) -> _Preview | None:
    """The first thread of `nodes` (the mailbox's first messages), read in
    full (what cannot be read is reported when its thread is given in full);
    None if none of it could be read. The nodes are unlinked again, to be
    threaded with the rest of the archive."""
    if not nodes:
        return None
    root = thread_roots(nodes)[0]
    _read_thread(path, root, None)
    articles = [thread_article(path, top) for top in _readable([root])]
    for node in nodes:
        node.parent, node.replies = None, []
    return _Preview(root, articles) if articles else None


def _batches(
    path: Path,
    nodes: list[Node[_Message]],
    warnings: list[str] | None,
    preview: Node[_Message] | None = None,
    seen: float = 0.0,
) -> Iterator[Batch]:
    """The second pass: the threads in order, each read in full; the first
    thread alone (it is all the first screen needs), then a batch every
    `_BATCH_MESSAGES` messages read. After a preview (of its first message
    `preview`, `seen` of the mailbox read), the first batch runs on to the
    thread that holds that message, and ends with it: the preview's full
    version."""
    if not nodes:
        raise LoadError(path, "no readable messages in the mailbox")
    roots = thread_roots(nodes)
    # Known by identity: a message may have no id, or another message's.
    waiting = preview
    while waiting is not None and waiting.parent is not None:
        waiting = waiting.parent
    articles: list[Article] = []
    given = read = 0
    for root in roots:
        read += _read_thread(path, root, warnings)
        articles.extend(thread_article(path, top) for top in _readable([root]))
        _release(root)
        if root is waiting:
            waiting = None
        if articles and waiting is None and (not given or read - given >= _BATCH_MESSAGES):
            # The share past the preview's grows with the messages read.
            yield Batch(articles, 1 - (1 - seen) * (len(nodes) - read) / len(nodes))
            articles, given = [], read
    if articles:
        yield Batch(articles, 1.0)
    elif not given:
        raise LoadError(path, "no readable messages in the mailbox")


def _read_thread(path: Path, root: Node[_Message], warnings: list[str] | None) -> int:
    """Read every message of the thread under `root` not read yet, and report
    to `warnings` what could not be (kept for a later call if None); how many
    messages there are."""
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
            if _read_message(path, message, data, head, known) and message.mail:
                node.date = message.mail.when  # the same time: its order needs no parse
        _report(message, warnings)
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
    path: Path, message: _Message, data: bytes, head: Head | None, known: _Known | None
) -> bool:
    """Read `message` in full from `data` (with its `head` and what threading
    read of it, if read already); False, with its `problem`, if it cannot be."""
    message.read = True
    take_cuts()  # (what threading cut is cut again, and said, here)
    try:
        message.mail = read_mail(data, head, known)
    except Exception as error:  # one bad message never stops the others
        message.problem = f"{path}: {message.where}: message skipped: {skip_reason(error)}"
        return False
    cuts = take_cuts()
    if cuts:
        message.problem = f"{path}: {message.where}: {'; '.join(dict.fromkeys(cuts))}"
    return True


def _report(message: _Message, warnings: list[str] | None) -> None:
    """Tell `warnings` (if any) why `message` could not be read, once."""
    if message.problem is not None and warnings is not None:
        warnings.append(message.problem)
        message.problem = None


def read_mail(data: bytes, head: Head | None, known: _Known | None) -> _Mail:
    when = known.when if known is not None and isinstance(known.when, datetime) else None
    fields = read_fields(data, head, when) or full_fields(data)
    text, blocks = parts_to_text(fields.parts)
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
        list_name=_list_name(fields.list_id),
        url=fields.archived_at.strip().strip("<>") or None,
    )


def _thread_ids(fields: _ThreadIds) -> _Ids:
    """The message's id and its parents' (In-Reply-To first, then References
    nearest first)."""
    references = _MESSAGE_ID.findall(fields.references)
    in_reply_to = _MESSAGE_ID.findall(fields.in_reply_to)
    message_id = _MESSAGE_ID.search(fields.message_id)
    return (message_id.group() if message_id else None), in_reply_to[:1] + references[::-1]


def _list_name(list_id: str) -> str | None:
    """The list's id (`linux-kernel.vger.kernel.org`), from `List-Id` alone: a
    tag in the subject may be anything (`[PATCH 0]`)."""
    found = _LIST_ID.search(list_id)
    return found.group(1) if found else None


def thread_title(subject: str, list_name: str | None) -> str:
    """A thread's title: its first message's subject without the `Re:` and
    `Fwd:` prefixes and the tag of the list (named `list_name`) that lead it."""
    return bare_subject(subject, list_tag(list_name))


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


def thread_article(path: Path, root: Node[_Message]) -> Article:
    mail = root.payload.mail
    assert mail is not None  # `_readable` gives only messages that were read
    title = thread_title(mail.subject, mail.list_name) or "(no subject)"
    article = Article(
        title=title,
        subject=mail.subject if mail.subject and mail.subject != title else None,
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
                subject=reply.subject or None,
            )
            target.append(comment)
            if node.replies:
                stack.append((node.replies, comment.replies))
    return article
