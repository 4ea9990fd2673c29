"""A message read in full, and a thread's article made of its messages.

Each message is read as the standard library's `email` reads it with
`policy.default` (RFC 2047 headers, charsets, quoted-printable and base64
decoded); see `fields` for how the common case is read faster. A message
that cannot be read is left out, its replies moved up to its parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from ...model import Article, Comment
from ...model.subjects import bare_subject, list_tag
from ...text import Block
from .body import parts_to_text
from .fields import full_fields, read_fields
from .threads import Node, order

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_LIST_ID = re.compile(r"<([^<>\s]+)>")


class Messages(Protocol):
    """A mailbox's messages, numbered in archive order."""

    path: Path

    def where(self, number: int) -> str:
        """The message as a warning names it (`line 12`, `message KEY`)."""
        ...

    def read(self, numbers: Iterable[int]) -> Iterator[bytes | str]:
        """Each message's bytes, in the order asked for, or why it cannot be read."""
        ...


@dataclass(eq=False, slots=True)
class Mail:
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


# A message's id, and its parents' (In-Reply-To first, then References nearest first).
Ids = tuple[str | None, list[str]]


class ThreadIds(Protocol):
    message_id: str
    in_reply_to: str
    references: str


def read_mail(data: bytes) -> Mail:
    """The message in `data`, read in full. Raises what reading it raises."""
    fields = read_fields(data) or full_fields(data)
    text, blocks = parts_to_text(fields.parts)
    ids = thread_ids(fields)
    return Mail(
        message_id=ids[0],
        parents=ids[1],
        subject=" ".join(fields.subject.split()),
        author=fields.author,
        when=fields.when,
        posted=fields.posted,
        text=text,
        blocks=blocks,
        list_name=list_name(fields.list_id),
        url=fields.archived_at.strip().strip("<>") or None,
    )


def thread_ids(fields: ThreadIds) -> Ids:
    """The message's id and its parents' (In-Reply-To first, then References
    nearest first)."""
    references = _MESSAGE_ID.findall(fields.references)
    in_reply_to = _MESSAGE_ID.findall(fields.in_reply_to)
    message_id = _MESSAGE_ID.search(fields.message_id)
    return (message_id.group() if message_id else None), in_reply_to[:1] + references[::-1]


def list_name(list_id: str) -> str | None:
    """The list's id (`linux-kernel.vger.kernel.org`), from `List-Id` alone: a
    tag in the subject may be anything (`[PATCH 0]`)."""
    found = _LIST_ID.search(list_id)
    return found.group(1) if found else None


def thread_title(subject: str, list_name: str | None) -> str:
    """A thread's title: its first message's subject without the `Re:` and
    `Fwd:` prefixes and the tag of the list (named `list_name`) that lead it."""
    return bare_subject(subject, list_tag(list_name))


def readable(nodes: list[Node], mails: dict[int, Mail]) -> list[Node]:
    """`nodes` in order, each one that could not be read (not in `mails`, by
    number) replaced by its readable replies (and so on down)."""
    found: list[Node] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if node.number in mails:
            found.append(node)
        else:
            stack.extend(node.replies)
    return sorted(found, key=order)


def thread_article(path: Path, root: Node, mails: dict[int, Mail]) -> Article:
    """The article of the thread under `root` (which was read), its messages
    read in `mails`."""
    mail = mails[root.number]
    article = listed_article(path, mail.subject, mail.list_name, mail.author, mail.posted)
    article.url = mail.url
    article.body = mail.text
    article.body_blocks = mail.blocks
    article.source_id = mail.message_id
    stack: list[tuple[list[Node], list[Comment]]] = [(root.replies, article.comments)]
    while stack:
        nodes, target = stack.pop()
        for node in readable(nodes, mails):
            reply = mails[node.number]
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


def listed_article(
    path: Path, subject: str, list_name: str | None, author: str | None, posted: str | None
) -> Article:
    """A thread's article as its first message's head makes it (no body, no comments)."""
    title = thread_title(subject, list_name) or "(no subject)"
    return Article(
        title=title,
        subject=subject if subject and subject != title else None,
        author=author,
        byline=f"By {author}" if author else None,
        source=list_name,
        published=posted,
        path=path,
        format="mail",
    )
