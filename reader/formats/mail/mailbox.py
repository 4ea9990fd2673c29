"""Mailing lists: an mbox file or a Maildir directory, one article per thread.

A mailbox is indexed as mutt indexes it: from its messages' heads alone (a
few µs each, `heads`), which give the threads and their order (`threads`),
each thread's title, author and date, and its messages' authors and ids. A
thread is given listed (`Article.deferred`): its messages' bodies are read
from the mailbox again when it is opened, searched or dumped
(`thread_text`). A message whose head only `email` reads is read in full
during the index; one that cannot be read at all is skipped with a warning
(its replies move up to its parent), and so, when its thread is read, is one
whose body cannot be.

The index must see every message before it knows which thread comes first
(a reply may come anywhere; the earliest thread may start last). So a
mailbox of more than `PREVIEW_MESSAGES` messages first gives a preview
(`Batch.preview`): its first messages alone are indexed and threaded, and
their first thread is given read in full, with the replies they hold; a few
ms. The index then goes on over the rest, and its first batch runs on to the
thread that holds the preview's first message, and ends with it: the
preview's listed version, in its place in the order. The preview reports
nothing: what could not be read is reported by the index, or when the thread
is read, as a load without a preview reports it.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from ...errors import LoadError
from ...model import Article, Comment
from ..batch import Batch
from ..sample import Sample
from ..scrub import scrub
from .dates import key_of
from .fields import _date
from .headerbounds import HeaderProblem, skip_reason, take_cuts
from .heads import FirstMessage, Listing, first_message, list_head
from .maildir import MaildirMessages, is_maildir, message_files
from .mbox import MboxFile, unescape
from .messages import (
    Mail,
    Messages,
    list_name,
    listed_article,
    read_mail,
    readable,
    thread_article,
)
from .second_half import (
    HALVED_MAILDIR_MESSAGES,
    HALVED_MBOX_BYTES,
    OWN_SHARE,
    Helper,
    Record,
    index_maildir_half,
    index_mbox_half,
)
from .thread_text import MailThread
from .threads import Node, order, thread_roots

# An mbox starts with a `From ` line, then a header line.
_MBOX_START = re.compile(rb"From \S+[^\n]*\r?\n[!-9;-~]+:")
# After the first thread, a batch is given each time this many more messages
# have been listed: each batch costs the load a hand-over to the UI.
_BATCH_MESSAGES = 500
# A bigger mailbox first gives a preview: the first thread among this many
# first messages, before the rest of the archive is read.
PREVIEW_MESSAGES = 100


class _Found(NamedTuple):
    """A message as the mailbox is read: its bytes are `data[start:end]` (a
    line break before them: `heads` reads from there), or why it cannot be
    read (`data` a str); the share of the mailbox read once it is."""

    data: bytes | str
    start: int
    end: int
    share: float


def sniff_mbox(sample: Sample) -> bool:
    return not sample.is_dir and _MBOX_START.match(sample.head(4096)) is not None


def sniff_maildir(sample: Sample) -> bool:
    return sample.is_dir and is_maildir(sample.path)


def parse_mbox(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    box = MboxFile(sample.path)
    yield from _parse(box, _mbox_messages(box), warnings, escaped=True)


def parse_maildir(sample: Sample, warnings: list[str] | None = None) -> Iterator[Batch]:
    try:
        files = message_files(sample.path)
    except OSError as error:
        raise LoadError(
            sample.path, f"cannot read the Maildir: {error.strerror or error}"
        ) from None
    box = MaildirMessages(sample.path, files)
    yield from _parse(box, _maildir_messages(box), warnings, escaped=False)


def _mbox_messages(box: MboxFile) -> Iterator[_Found]:
    """Each message as the file is read (a preview needs only the first)."""
    for chunk in box.split():
        for buffer, start, end, offset in chunk:
            yield _Found(buffer, start, end, offset / box.size if box.size else 1.0)


def _maildir_messages(box: MaildirMessages) -> Iterator[_Found]:
    """Each message's bytes (or why they cannot be read) in key order, up to
    `box.stop` (see `_halved`)."""
    count = len(box)
    for number, data in enumerate(box.read(_until_stop(box)), 1):
        if isinstance(data, str):
            yield _Found(data, 0, 0, number / count)
        else:
            box.size += len(data)
            yield _Found(b"\n" + data, 1, len(data) + 1, number / count)


def _until_stop(box: MaildirMessages) -> Iterator[int]:
    number = 0
    while number < box.stop:
        yield number
        number += 1


def _parse(
    messages: Messages, found: Iterator[_Found], warnings: list[str] | None, escaped: bool
) -> Iterator[Batch]:
    """Index the messages `found` (`escaped`: an mbox's, `>From ` quoted). A
    mailbox of more than `PREVIEW_MESSAGES` messages gives a preview first:
    the index takes those first messages alone, and their first thread is
    read and given with the replies those hold; then the index goes on."""
    index = _Index(messages, escaped, warnings)
    # The preview adds no warnings: what goes wrong before it is given is
    # reported after it, in the order a load without a preview reports it.
    held: list[str] = []
    seen = index.take(islice(found, PREVIEW_MESSAGES), held)
    preview = index.preview() if seen < 1 else None
    if preview is not None:
        yield Batch(preview.articles, seen, preview=True)
    if warnings is not None:
        warnings.extend(held)
    # Started once the preview is given, not before: on a busy machine its
    # start and reading slowed the first frame by a third.
    helper = _halved(messages)
    try:
        index.take(found, warnings)
        if helper is not None:
            index.take_half(helper, warnings)
    finally:
        if helper is not None:
            helper.close()
    if preview is None:
        yield from index.batches(None, 0.0)
    else:
        yield from index.batches(preview.number, seen)


class _Half(NamedTuple):
    """The second half of a mailbox, read by a helper (`second_half`): from
    the message that starts at byte `start` of an mbox, or from message
    number `start` of a Maildir."""

    start: int
    helper: Helper

    def close(self) -> None:
        self.helper.close()


def _halved(messages: Messages) -> _Half | None:
    """The second half of what is still to read of a big mailbox, given to a
    helper process, which starts reading it at once; None for a mailbox not
    worth it (or not halved)."""
    if isinstance(messages, MboxFile):
        if messages.size - messages.read_to < HALVED_MBOX_BYTES:
            return None
        start = messages.halve(OWN_SHARE)
        if start is None:
            return None
        return _Half(start, Helper(("mbox", str(messages.path), start)))
    if isinstance(messages, MaildirMessages):
        count = len(messages)
        if count < HALVED_MAILDIR_MESSAGES:
            return None
        messages.stop = start = int(count * OWN_SHARE)
        return _Half(start, Helper(("maildir", messages.paths(start))))
    return None


class _Preview(NamedTuple):
    """The first thread among a big mailbox's first messages: the number of
    its first message, and its articles as given."""

    number: int
    articles: list[Article]


class _Index:
    """What the heads of a mailbox's messages say, message by message."""

    def __init__(self, messages: Messages, escaped: bool, warnings: list[str] | None) -> None:
        self.messages = messages
        self.escaped = escaped
        # Given to each thread, for what cannot be read when it is.
        self.warnings = warnings
        self.nodes: list[Node] = []
        # By message number: its author, whether its body is plain (see
        # `Listing.plain`), and for a thread's first message what lists it.
        self.authors: list[str | None] = []
        self.plain = bytearray()
        self.firsts: dict[int, FirstMessage | Mail] = {}
        # One string for each Message-ID, however many messages mention it.
        self.ids: dict[str, str] = {}

    def take(self, found: Iterable[_Found], warnings: list[str] | None) -> float:
        """Index the messages of `found`; the share of the mailbox read once
        they are (0 if it held none)."""
        share = 0.0
        for data, start, end, read in found:
            share = read
            number = len(self.authors)
            self.authors.append(None)
            self.plain.append(0)
            if isinstance(data, str):
                self._skip(number, data, warnings)
                continue
            try:
                listing = list_head(data, start, end, self.ids)
            except HeaderProblem:
                listing = None  # read in full below, which says what is wrong
            take_cuts()  # (a head cut is cut again, and said, when it is read in full)
            if listing is not None:
                self._add(number, listing)
            else:
                message = data[start:end]
                self._read_in_full(number, unescape(message) if self.escaped else message, warnings)
        return share

    def take_half(self, half: _Half, warnings: list[str] | None) -> None:
        """Index the second half of the mailbox, from what its helper read
        (or, if it failed, read here as it would have)."""
        messages = self.messages
        answer = half.helper.result()
        records: list[Record]
        if isinstance(messages, MboxFile):
            if messages.stop is None:
                return  # read to its end here (see `MboxFile.halve`)
            if answer is None:
                read = index_mbox_half(str(messages.path), half.start)
                starts, ends, lines, records = read.starts, read.ends, read.lines, read.records
            elif answer[0] == "error":
                raise LoadError(messages.path, answer[1])
            else:
                starts, ends, lines = (array("q", answer[i]) for i in (1, 2, 3))
                records = answer[4]
            messages.starts.extend(starts)
            messages.ends.extend(ends)
            before = messages.line_at_stop - 1
            messages.lines.extend(line + before for line in lines)
        else:
            assert isinstance(messages, MaildirMessages)
            records, size = (
                answer[1:] if answer is not None else index_maildir_half(messages.paths(half.start))
            )
            messages.size += size
        ids = self.ids
        authors, plain, firsts, nodes = self.authors, self.plain, self.firsts, self.nodes
        for record in records:
            number = len(authors)
            if isinstance(record, tuple):
                # A `Listing`'s fields (see `second_half.Record`), its ids
                # made the strings the first half's are.
                message_id, parents, when, author, is_plain, first = record
                if message_id is not None:
                    message_id = ids.setdefault(message_id, message_id)
                parents = [ids.setdefault(parent, parent) for parent in parents]
                nodes.append(Node(number, message_id, parents, when))
                authors.append(_scrubbed(author))
                plain.append(is_plain)
                if first is not None:
                    firsts[number] = FirstMessage(*first)
                continue
            authors.append(None)
            plain.append(0)
            # Read here: one the helper could not list, or not read (a Maildir
            # message renamed meanwhile is found again).
            data = next(messages.read([number]))
            if isinstance(data, str):
                self._skip(number, data, warnings)
            else:
                if isinstance(record, str):  # (read here only: the helper could not)
                    messages.size += len(data)
                self._read_in_full(number, data, warnings)

    def _add(self, number: int, listing: Listing) -> None:
        node = Node(number, listing.message_id, listing.parents, listing.when)
        self.authors[number] = _scrubbed(listing.author)
        self.plain[number] = listing.plain
        if listing.first is not None:
            self.firsts[number] = listing.first
        self.nodes.append(node)

    def _read_in_full(self, number: int, message: bytes, warnings: list[str] | None) -> None:
        """A message whose head only `email` reads (or maybe no message at all)."""
        try:
            mail = read_mail(message)
        except Exception as error:  # one bad message never stops the others
            take_cuts()
            self._skip(number, skip_reason(error), warnings)
            return
        self._report_cuts(number, warnings)
        node = Node(number, mail.message_id, mail.parents, key_of(mail.when))
        self.authors[number] = _scrubbed(mail.author)
        mail.text, mail.blocks = [], None  # its head is what the index needs
        self.firsts[number] = mail
        self.nodes.append(node)

    def _skip(self, number: int, reason: str, warnings: list[str] | None) -> None:
        if warnings is not None:
            where = self.messages.where(number)
            warnings.append(f"{self.messages.path}: {where}: message skipped: {reason}")

    def _report_cuts(self, number: int, warnings: list[str] | None) -> None:
        """What reading the message cut (an over-long header), said once."""
        cuts = take_cuts()
        if cuts and warnings is not None:
            where = self.messages.where(number)
            warnings.append(f"{self.messages.path}: {where}: {'; '.join(dict.fromkeys(cuts))}")

    def preview(self) -> _Preview | None:
        """The first thread of the messages indexed so far, read in full
        (what cannot be read is left out, and reported when its thread is
        read); None if none of it can be. The nodes are unlinked again, to
        be threaded with the rest of the archive."""
        if not self.nodes:
            return None
        root = thread_roots(self.nodes)[0]
        thread = _preorder(root)
        mails: dict[int, Mail] = {}
        numbers = [node.number for node in thread]
        for node, data in zip(thread, self.messages.read(numbers), strict=True):
            if isinstance(data, bytes):
                try:
                    mail = read_mail(data)
                except Exception:  # reported with its thread
                    continue
                finally:
                    take_cuts()
                if mail.message_id == node.message_id:
                    mails[node.number] = mail
        path = self.messages.path
        articles = [thread_article(path, top, mails) for top in readable([root], mails)]
        for node in self.nodes:
            node.parent, node.replies = None, []
        return _Preview(root.number, articles) if articles else None

    def batches(self, preview: int | None, seen: float) -> Iterator[Batch]:
        """The threads in order, listed; the first thread alone (it is all
        the first screen needs), then a batch every `_BATCH_MESSAGES`
        messages listed. After a preview (of its first message, number
        `preview`, `seen` of the mailbox read), the first batch runs on to the
        thread that holds that message, and ends with it."""
        nodes = self.nodes
        if not nodes:
            raise LoadError(self.messages.path, "no readable messages in the mailbox")
        waiting = next((node for node in nodes if node.number == preview), None)
        roots = thread_roots(nodes)
        while waiting is not None and waiting.parent is not None:
            waiting = waiting.parent
        articles: list[Article] = []
        given = listed = 0
        # A Maildir's bytes as read: no stat of each file for the load's progress.
        size = self.messages.size if isinstance(self.messages, MaildirMessages) else None
        for root in roots:
            article, count = self._listed(root)
            articles.append(article)
            listed += count
            if root is waiting:
                waiting = None
            if waiting is None and (not given or listed - given >= _BATCH_MESSAGES):
                # The share past the preview's grows with the messages listed.
                share = 1 - (1 - seen) * (len(nodes) - listed) / len(nodes)
                yield Batch(articles, share, size=size)
                articles, given = [], listed
        if articles:
            yield Batch(articles, 1.0, size=size)

    def _listed(self, root: Node) -> tuple[Article, int]:
        """The thread under `root` as listed, and how many messages it holds.
        Its nodes are unlinked, so that they are freed as soon as they can
        be, not left to the cyclic collector."""
        article = self._first(root)
        authors = self.authors
        numbers, parents, whens = array("i"), array("i"), array("q")
        ids: list[str | None] = []
        # Display order: each message, then its replies in date order; with
        # its parent's place and its comment's list to go in.
        stack: list[tuple[Node, int, list[Comment]]] = [(root, -1, article.comments)]
        while stack:
            node, parent, siblings = stack.pop()
            place = len(numbers)
            numbers.append(node.number)
            parents.append(parent)
            ids.append(node.message_id)
            whens.append(node.when)
            replies: list[Comment] = article.comments
            if place:
                comment = Comment(author=authors[node.number], source_id=node.message_id)
                if node.message_id is None:
                    # Known to the state by its text: read now.
                    comment.text = self._text(node.number)
                siblings.append(comment)
                replies = comment.replies
            if node.replies:
                stack.extend(
                    (reply, place, replies)
                    for reply in sorted(node.replies, key=order, reverse=True)
                )
            node.replies, node.parent = [], None
        article.deferred = MailThread(
            self.messages,
            numbers,
            parents,
            ids,
            whens,
            bytes(map(self.plain.__getitem__, numbers)),
            self.warnings,
        )
        return article, len(numbers)

    def _first(self, root: Node) -> Article:
        """The thread's article as its first message lists it."""
        number = root.number
        first = self.firsts.get(number)
        if first is None:
            # A reply whose parents the archive lacks: its head read again.
            first = self._read_first(number)
        author = self.authors[number]
        path = self.messages.path
        if isinstance(first, Mail):
            article = listed_article(path, first.subject, first.list_name, author, first.posted)
            article.url = first.url
        elif first is not None:
            name = list_name(first.list_id)
            article = listed_article(path, first.subject, name, author, _date(first.date)[1])
            article.url = first.archived_at.strip().strip("<>") or None
        else:
            article = listed_article(path, "", None, author, None)
        article.source_id = root.message_id
        return article

    def _read_first(self, number: int) -> FirstMessage | Mail | None:
        data = next(self.messages.read([number]))
        if not isinstance(data, bytes):
            return None
        if self.escaped:
            data = unescape(data)
        try:
            return first_message(data) or read_mail(data)
        except Exception:  # reported when its thread is read
            return None
        finally:
            take_cuts()

    def _text(self, number: int) -> list[str]:
        data = next(self.messages.read([number]))
        try:
            return [scrub(text) for text in read_mail(data).text] if isinstance(data, bytes) else []
        except Exception:  # reported when its thread is read
            return []
        finally:
            take_cuts()


def _scrubbed(author: str | None) -> str | None:
    """A header's undecodable bytes are kept by `email` as lone surrogates;
    the loader leaves a listed thread's comments to the format (see
    `scrub_articles`)."""
    return author if author is None else scrub(author)


def _preorder(root: Node) -> list[Node]:
    """The thread under `root` in display order: each message, then its
    replies in date order."""
    found: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        found.append(node)
        if node.replies:
            stack.extend(sorted(node.replies, key=order, reverse=True))
    return found
