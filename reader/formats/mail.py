"""Mailing lists: an mbox file or a Maildir directory, one article per thread.

Each message is read as the standard library's `email` reads it with
`policy.default` (RFC 2047 headers, charsets, quoted-printable and base64
decoded); see `mailfields` for how the common case is read faster. A reply
hangs under its `In-Reply-To` message, else under the nearest `References`
entry the archive holds; one whose parents are all missing starts a thread of
its own. Replies are in date order. A message that cannot be read is skipped
with a warning; the rest load.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import LoadError
from ..model import Article, Comment
from ..text import Block
from .htmltext import html_to_text
from .mailfields import full_fields, read_fields
from .mailtext import mail_to_text
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
_LAST = datetime.max.replace(tzinfo=UTC)


@dataclass(eq=False)
class _Mail:
    number: int
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
    replies: list[_Mail] = field(default_factory=list)
    parent: _Mail | None = None


def sniff_mbox(sample: Sample) -> bool:
    return not sample.is_dir and _MBOX_START.match(sample.head(4096)) is not None


def sniff_maildir(sample: Sample) -> bool:
    return sample.is_dir and (sample.path / "cur").is_dir() and (sample.path / "new").is_dir()


def parse_mbox(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    assert sample.data is not None
    return _threads(sample.path, _read_all(sample.path, _mbox_messages(sample.data), warnings))


def parse_maildir(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    try:
        box = mailbox.Maildir(sample.path, factory=None, create=False)
        # Hidden files (`.gitkeep`, editor droppings) are not mail.
        keys = sorted(key for key in box.iterkeys() if not key.startswith("."))
        raw = ((f"message {key}", box.get_bytes(key)) for key in keys)
        mails = _read_all(sample.path, raw, warnings)
    except OSError as error:
        reason = f"cannot read the Maildir: {error.strerror or error}"
        raise LoadError(sample.path, reason) from None
    return _threads(sample.path, mails)


def _mbox_messages(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each message's bytes (without its `From ` line), named by its line."""
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
    for number, start in enumerate(starts):
        line += data.count(b"\n", starts[number - 1] if number else 0, start)
        body = data.find(b"\n", start) + 1 or len(data)
        end = starts[number + 1] if number + 1 < len(starts) else len(data)
        message = data[body:end]
        if b">From " in message:
            message = _ESCAPED_FROM.sub(rb"\1", message)
        yield f"line {line}", message


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


def _read_all(
    path: Path, raw: Iterator[tuple[str, bytes]], warnings: list[str] | None
) -> list[_Mail]:
    mails: list[_Mail] = []
    for where, data in raw:
        try:
            mails.append(_read(len(mails), data))
        except Exception as error:  # one bad message never stops the others
            if warnings is not None:
                warnings.append(f"{path}: {where}: message skipped: {error}")
    if not mails:
        raise LoadError(path, "no readable messages in the mailbox")
    return mails


def _read(number: int, data: bytes) -> _Mail:
    fields = read_fields(data) or full_fields(data)
    if fields.plain is not None:
        text, blocks = mail_to_text(fields.plain)
    elif fields.html is not None:
        text, blocks = html_to_text(fields.html)
    else:
        text, blocks = [], None
    references = _MESSAGE_ID.findall(fields.references)
    in_reply_to = _MESSAGE_ID.findall(fields.in_reply_to)
    message_id = _MESSAGE_ID.search(fields.message_id)
    subject = " ".join(fields.subject.split())
    return _Mail(
        number=number,
        message_id=message_id.group() if message_id else None,
        parents=in_reply_to[:1] + references[::-1],
        subject=subject,
        author=fields.author,
        when=fields.when,
        posted=fields.posted,
        text=text,
        blocks=blocks,
        list_name=_list_name(fields.list_id, subject),
        url=fields.archived_at.strip().strip("<>") or None,
    )


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


def _threads(path: Path, mails: list[_Mail]) -> list[Article]:
    by_id: dict[str, _Mail] = {}
    for mail in mails:
        if mail.message_id is not None:
            by_id.setdefault(mail.message_id, mail)
    for mail in mails:
        mail.parent = next(
            (by_id[ref] for ref in mail.parents if ref in by_id and by_id[ref] is not mail), None
        )
    _break_cycles(mails)
    for mail in mails:
        if mail.parent is not None:
            mail.parent.replies.append(mail)
    roots = sorted((mail for mail in mails if mail.parent is None), key=_order)
    return [_article(path, root) for root in roots]


def _break_cycles(mails: list[_Mail]) -> None:
    """Mail whose parents loop back to it (forged or broken headers) is cut
    loose at its earliest message, which then starts a thread."""
    state: dict[int, int] = {}  # id(mail): 1 on the current walk, 2 settled
    for mail in mails:
        walk: list[_Mail] = []
        node: _Mail | None = mail
        while node is not None and id(node) not in state:
            state[id(node)] = 1
            walk.append(node)
            node = node.parent
        if node is not None and state[id(node)] == 1:
            cycle = walk[walk.index(node) :]
            min(cycle, key=_order).parent = None
        for visited in walk:
            state[id(visited)] = 2


def _order(mail: _Mail) -> tuple[datetime, int]:
    return (mail.when or _LAST, mail.number)


def _article(path: Path, root: _Mail) -> Article:
    article = Article(
        title=thread_title(root.subject) or "(no subject)",
        author=root.author,
        byline=f"By {root.author}" if root.author else None,
        source=root.list_name,
        published=root.posted,
        url=root.url,
        body=root.text,
        body_blocks=root.blocks,
        source_id=root.message_id,
        path=path,
        format="mail",
    )
    stack: list[tuple[list[_Mail], list[Comment]]] = [(root.replies, article.comments)]
    while stack:
        mails, target = stack.pop()
        for mail in sorted(mails, key=_order):
            comment = Comment(
                author=mail.author,
                posted=mail.posted,
                text=mail.text,
                blocks=mail.blocks,
                source_id=mail.message_id,
                is_op=mail.author is not None and mail.author == root.author,
            )
            target.append(comment)
            if mail.replies:
                stack.append((mail.replies, comment.replies))
    return article
