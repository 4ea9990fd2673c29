"""A mailbox's thread as listed, read in full when it is opened or searched.

The index lists a thread from its messages' heads; this keeps which messages
it holds, in display order, and how they nest, and reads them again from the
mailbox (`Messages.read`) when the thread's text is wanted. A message is read
as the whole-archive reading reads it, and checked to be the one the index
listed: a mailbox rewritten since (a mail client expunged it) holds other
bytes there, and such a message is reported and left out, as one that cannot
be read.

A search asks first which messages may hold a query's word (`texts`): a
message whose body is one plain part (its bytes its text, as far as ASCII
goes) and whose bytes lack the word is not read at all.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence

from ...model import Article, Thread
from ..scrub import scrub, scrub_articles
from .headerbounds import skip_reason, take_cuts
from .messages import Mail, Messages, read_mail, readable, thread_article
from .threads import Node, order

# What `neutralise` drops (bidirectional controls) or folding turns into
# ASCII (KELVIN SIGN), in UTF-8: an ASCII word may show where the bytes lack it.
_HIDDEN = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9]|\x84\xaa)")
CHANGED = "the mailbox has changed since it was read"


class MailThread:
    """The messages of one thread: by number, in display order (the first
    message first), each one's parent's place in that order, Message-ID and
    Date (`dates.date_key`); `thread`, its comments (the messages after the
    first) as listed, placed in their `Thread`."""

    __slots__ = (
        "_ids",
        "_kept",
        "_messages",
        "_numbers",
        "_parents",
        "_plain",
        "_warnings",
        "_whens",
        "thread",
    )

    def __init__(
        self,
        messages: Messages,
        numbers: array[int],
        parents: array[int],
        ids: list[str | None],
        whens: array[int],
        plain: bytes,
        warnings: list[str] | None,
        thread: Thread,
        kept: dict[int, tuple[Mail, list[str]]] | None = None,
    ) -> None:
        """`plain[i]` is 1 when message `numbers[i]`'s body is one plain part;
        `kept`, messages read in full as they were indexed (`MailboxIndex.kept`),
        each taken from there (once) in place of a read from the mailbox."""
        self._messages = messages
        self._numbers = numbers
        self._parents = parents
        self._ids = ids
        self._whens = whens
        self._plain = plain
        self._warnings = warnings
        self.thread = thread
        self._kept = kept

    def __len__(self) -> int:
        return len(self._numbers)

    def read(self) -> Article | None:
        mails: dict[int, Mail] = {}
        messages = self._messages
        for place, data in enumerate(self._messages_read()):
            number = self._numbers[place]
            problem = data if isinstance(data, str) else None
            cuts: list[str] = []
            if isinstance(data, tuple):
                mail, cuts = data  # (read as it was indexed: the one listed)
                mails[number] = mail
            elif isinstance(data, bytes):
                take_cuts()
                try:
                    mail = read_mail(data)
                except Exception as error:  # one bad message never stops the others
                    problem = skip_reason(error)
                else:
                    if mail.message_id == self._ids[place]:
                        mails[number] = mail
                    else:
                        problem = CHANGED
                cuts = take_cuts()
            if self._warnings is not None and (problem is not None or cuts):
                said = f"message skipped: {problem}" if problem else "; ".join(dict.fromkeys(cuts))
                self._warnings.append(f"{messages.path}: {messages.where(number)}: {said}")
        nodes = [
            Node(number, self._ids[place], [], self._whens[place])
            for place, number in enumerate(self._numbers)
        ]
        for place, parent in enumerate(self._parents):
            if parent >= 0:
                nodes[place].parent = nodes[parent]
                nodes[parent].replies.append(nodes[place])
        tops = readable(nodes[:1], mails)
        if not tops:
            return None
        if len(tops) > 1 or tops[0] is not nodes[0]:
            # Its first message is gone: its first reply that can be read
            # stands in for it, the others reply to that one.
            first = tops[0]
            first.replies = sorted([*first.replies, *tops[1:]], key=order)
            nodes[0] = first
        article = thread_article(messages.path, nodes[0], mails)
        # A header's bytes `email` could not decode are kept as lone surrogates.
        scrub_articles([article])
        return article

    def _messages_read(self) -> Iterator[bytes | str | tuple[Mail, list[str]]]:
        """Each message's bytes, or why it cannot be read, in display order;
        one read as it was indexed: its mail and what reading it cut."""
        kept = self._kept
        if not kept:
            yield from self._messages.read(self._numbers)
            return
        taken = [kept.pop(number, None) for number in self._numbers]
        missing = [number for number, mail in zip(self._numbers, taken, strict=True) if not mail]
        read = self._messages.read(missing) if missing else iter(())
        for mail in taken:
            yield mail if mail is not None else next(read)
        next(read, None)  # (its end: the mailbox closed)

    def texts(self, needle: bytes | None, ignore_case: bool) -> Iterator[tuple[int, Sequence[str]]]:
        may_hide = needle is not None and (b" " in needle or (ignore_case and b"k" in needle))
        for place, data in enumerate(self._messages.read(self._numbers)):
            if isinstance(data, str):
                continue
            if needle is not None and self._plain[place]:
                body = _body(data)
                haystack = body.lower() if ignore_case else body
                if needle not in haystack and not (
                    not body.isascii() and _HIDDEN.search(body) is not None
                ) and not (may_hide and b"\t" in body):  # fmt: skip
                    continue
            try:
                mail = read_mail(data)
            except Exception:  # reported when the thread is read in full
                continue
            finally:
                take_cuts()
            if mail.message_id == self._ids[place]:
                yield place, [scrub(text) for text in mail.text]


def _body(data: bytes) -> bytes:
    """A message's body, where `plain_head.read_head` ends its head (the whole
    message if it has no head: a search then looks at more, never less)."""
    end = data.find(b"\n\n")
    crlf = data.find(b"\n\r\n", 0, len(data) if end < 0 else end + 2)
    if crlf >= 0:
        end = crlf
    return data[end + 1 :] if end >= 0 else data
