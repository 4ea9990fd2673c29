"""A mailbox's index: what the heads of its messages say, message by message.

Each message is listed from its head (`heads.list_head`: its ids, its Date's
key, its author, whether its body is plain, and for a thread's first message
what lists it); a head only `email` reads is read in full; a message that
cannot be read is skipped with a warning. The second half of a big mailbox
comes listed from a helper process (`second_half`) and is taken in order.
The threads are then listed from the index (`thread_list`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import NamedTuple

from ...errors import LoadError
from ...model import Article
from ..scrub import scrub
from .dates import key_of
from .headerbounds import HeaderProblem, forget_cuts, skip_reason, take_cuts
from .heads import FirstMessage, Listing, list_head
from .maildir import MaildirMessages
from .mbox import MboxFile, unescape
from .messages import Mail, Messages, read_mail, readable, thread_article
from .second_half import Helper, Pieces, Record, index_maildir_half, index_mbox_half
from .threads import Node, order, thread_roots


class Found(NamedTuple):
    """A message as the mailbox is read: its bytes are `data[start:end]` (a
    line break before them: `heads` reads from there), or why it cannot be
    read (`data` a str); the share of the mailbox read once it is."""

    data: bytes | str
    start: int
    end: int
    share: float


class Half(NamedTuple):
    """What is left of a mailbox once its preview is given, in pieces shared
    with a helper (`second_half`): the index reads the first, the helper
    the last, whatever each can while the other reads."""

    pieces: Pieces
    helper: Helper

    def close(self) -> None:
        self.helper.close()
        self.pieces.close()


class Preview(NamedTuple):
    """The first thread among a big mailbox's first messages: the number of
    its first message, and its articles as given."""

    number: int
    articles: list[Article]


class MailboxIndex:
    """What the heads of a mailbox's messages say, message by message."""

    def __init__(
        self, messages: Messages, escaped: bool, warnings: list[str] | None, in_full: bool = False
    ) -> None:
        self.messages = messages
        # An mbox's messages: `>From ` quoted.
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
        # When every thread is to be read at once (`in_full`): each message
        # read in full as it is indexed, by number, with what reading it cut
        # (said when its thread is read, as a read from the mailbox says it);
        # its thread's read takes it from here (`MailThread.read`).
        self.kept: dict[int, tuple[Mail, list[str]]] | None = {} if in_full else None

    def take(self, found: Iterable[Found], warnings: list[str] | None) -> float:
        """Index the messages of `found`; the share of the mailbox read once
        they are (0 if it held none)."""
        share = 0.0
        ids, authors, plain, kept = self.ids, self.authors, self.plain, self.kept
        for data, start, end, read in found:
            share = read
            number = len(authors)
            if isinstance(data, str):
                authors.append(None)
                plain.append(0)
                self.skip(number, data, warnings)
                continue
            if kept is not None and self._keep(number, data, start, end, warnings):
                continue
            try:
                listing = list_head(data, start, end, ids)
            except HeaderProblem:
                listing = None  # read in full below, which says what is wrong
            forget_cuts()  # (a head cut is cut again, and said, when it is read in full)
            if listing is not None:
                self._add(number, listing)
            else:
                authors.append(None)
                plain.append(0)
                message = data[start:end]
                self._read_in_full(number, unescape(message) if self.escaped else message, warnings)
        return share

    def take_half(self, half: Half, warnings: list[str] | None) -> None:
        """Index the pieces the helper read (or, if it failed, read here as
        it would have), after the index's own."""
        messages = self.messages
        if isinstance(messages, MboxFile) and messages.stop is None:
            return  # read to its end here (the index's last piece, or lone CRs)
        if not half.pieces.left:
            return  # every piece was the index's
        answer = half.helper.result()
        if answer is not None and answer[0] == "error":
            raise LoadError(messages.path, answer[1])
        if answer is not None and len(answer[1]) != half.pieces.left:
            answer = None  # (not the pieces left: read here)
        records: list[Record] = []
        if isinstance(messages, MboxFile):
            assert messages.stop is not None
            if answer is None:
                read = index_mbox_half(str(messages.path), messages.stop, None, self.ids)
                assert read is not None  # (to the end: by lines if need be)
                pieces = [(read.starts, read.ends, read.lines, read.records, 0)]
            else:
                pieces = [
                    (*(array("q", piece[i]) for i in range(3)), piece[3], piece[4])
                    for piece in answer[1]
                ]
            # The line each piece starts on, from the line the index stopped on.
            line = messages.line_at_stop
            for starts, ends, lines, piece_records, line_breaks in pieces:
                messages.starts.extend(starts)
                messages.ends.extend(ends)
                messages.lines.extend(number + line - 1 for number in lines)
                records += piece_records
                line += line_breaks
        else:
            assert isinstance(messages, MaildirMessages)
            read_pieces = (
                answer[1]
                if answer is not None
                else [index_maildir_half(messages.files_from(messages.stop), self.ids)]
            )
            for piece_records, size in read_pieces:
                records += piece_records
                messages.size += size
        authors, plain, firsts, nodes = self.authors, self.plain, self.firsts, self.nodes
        for record in records:
            number = len(authors)
            if isinstance(record, tuple):
                # A `Listing`'s fields (see `second_half.Record`). Its ids are
                # one string each already: the helper's are, and `marshal`
                # gives a string it wrote once for each mention of it (read
                # here, they are the index's own strings).
                message_id, parents, when, author, is_plain, first = record
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
                self.skip(number, data, warnings)
            else:
                if isinstance(record, str):  # (read here only: the helper could not)
                    messages.size += len(data)
                self._read_in_full(number, data, warnings)

    def _add(self, number: int, listing: Listing) -> None:
        """Message `number` (the next) as its head lists it."""
        message_id, parents, when, author, is_plain, first = listing
        self.nodes.append(Node(number, message_id, parents, when))
        self.authors.append(_scrubbed(author))
        self.plain.append(is_plain)
        if first is not None:
            self.firsts[number] = first

    def _keep(
        self, number: int, data: bytes, start: int, end: int, warnings: list[str] | None
    ) -> bool:
        """Message `number` (the next, `data[start:end]`) read in full, indexed
        and kept for its thread's read, which then finds what reading it from
        the mailbox would: False if reading it raises (it is then indexed as
        any other, and its thread's read reads it again, and says why)."""
        message = data[start:end]
        try:
            mail = read_mail(unescape(message) if self.escaped else message)
        except Exception:
            forget_cuts()
            return False
        cuts = take_cuts()
        if cuts:
            # The index says them too where it reads the message in full
            # (`_read_in_full`: its head only `email` reads).
            try:
                listing = list_head(data, start, end, self.ids)
            except HeaderProblem:
                listing = None
            forget_cuts()
            if listing is None:
                self._say_cuts(number, cuts, warnings)
        assert self.kept is not None
        self.kept[number] = (mail, cuts)
        self.nodes.append(Node(number, mail.message_id, mail.parents, key_of(mail.when)))
        self.authors.append(_scrubbed(mail.author))
        self.plain.append(0)  # (for a search's read: the thread is read in full at once)
        self.firsts[number] = mail
        return True

    def _read_in_full(self, number: int, message: bytes, warnings: list[str] | None) -> None:
        """A message whose head only `email` reads (or maybe no message at all)."""
        try:
            mail = read_mail(message)
        except Exception as error:  # one bad message never stops the others
            take_cuts()
            self.skip(number, skip_reason(error), warnings)
            return
        self._report_cuts(number, warnings)
        node = Node(number, mail.message_id, mail.parents, key_of(mail.when))
        self.authors[number] = _scrubbed(mail.author)
        mail.text, mail.blocks = [], None  # its head is what the index needs
        self.firsts[number] = mail
        self.nodes.append(node)

    def skip(self, number: int, reason: str, warnings: list[str] | None) -> None:
        """Message `number` left out of the index, said in `warnings`."""
        if warnings is not None:
            where = self.messages.where(number)
            warnings.append(f"{self.messages.path}: {where}: message skipped: {reason}")

    def _report_cuts(self, number: int, warnings: list[str] | None) -> None:
        """What reading the message cut (an over-long header), said once."""
        self._say_cuts(number, take_cuts(), warnings)

    def _say_cuts(self, number: int, cuts: list[str], warnings: list[str] | None) -> None:
        """The `cuts` reading message `number` made, said in `warnings` (each once)."""
        if cuts and warnings is not None:
            where = self.messages.where(number)
            warnings.append(f"{self.messages.path}: {where}: {'; '.join(dict.fromkeys(cuts))}")

    def preview(self) -> Preview | None:
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
        return Preview(root.number, articles) if articles else None


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
