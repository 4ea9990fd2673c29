"""A mailbox's threads listed from its index, in order, in batches.

Each thread is given listed (`Article.deferred`, a `MailThread`): its title,
author and date from its first message's head, its messages' authors and ids
in display order, as comments placed in their `Thread` as they are found
(`Thread.in_order`, which the store takes as it is); its bodies are read when
it is opened, searched or dumped.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from ...errors import LoadError
from ...model import Article, Comment, Thread
from ..batch import Batch
from ..scrub import scrub
from .header_values import date_and_posted
from .headerbounds import take_cuts
from .heads import FirstMessage, first_message
from .index import MailboxIndex
from .maildir import MaildirMessages
from .mbox import unescape
from .messages import Mail, list_name, listed_article, read_mail
from .thread_text import MailThread
from .threads import Node, order, thread_roots

# After the first thread, a batch is given each time this many more messages
# have been listed: each batch costs the load a hand-over to the UI.
BATCH_MESSAGES = 500


def listed_threads(index: MailboxIndex, preview: int | None, seen: float) -> Iterator[Batch]:
    """The threads in order, listed; the first thread alone (it is all the
    first screen needs), then a batch every `BATCH_MESSAGES` messages
    listed. After a preview (of its first message, number `preview`, `seen`
    of the mailbox read), the first batch runs on to the thread that holds
    that message, and ends with it."""
    nodes = index.nodes
    if not nodes:
        raise LoadError(index.messages.path, "no readable messages in the mailbox")
    waiting = next((node for node in nodes if node.number == preview), None)
    roots = thread_roots(nodes)
    while waiting is not None and waiting.parent is not None:
        waiting = waiting.parent
    articles: list[Article] = []
    given = listed = 0
    # A Maildir's bytes as read: no stat of each file for the load's progress.
    size = index.messages.size if isinstance(index.messages, MaildirMessages) else None
    for root in roots:
        article, count = listed_thread(index, root)
        articles.append(article)
        listed += count
        if root is waiting:
            waiting = None
        if waiting is None and (not given or listed - given >= BATCH_MESSAGES):
            # The share past the preview's grows with the messages listed.
            share = 1 - (1 - seen) * (len(nodes) - listed) / len(nodes)
            yield Batch(articles, share, size=size)
            articles, given = [], listed
    if articles:
        yield Batch(articles, 1.0, size=size)


def listed_thread(index: MailboxIndex, root: Node) -> tuple[Article, int]:
    """The thread under `root` as listed, and how many messages it holds.
    Its comments are made in display order and placed in their `Thread` at
    once, from the parents' places the walk finds (no tree of replies built
    to be walked again). Its nodes are unlinked from their parents (no
    cycle left), so that they are freed as soon as they can be, not left to
    the cyclic collector."""
    article = _first(index, root)
    authors = index.authors
    numbers, parents, whens = array("i"), array("i"), array("q")
    ids: list[str | None] = []
    comments: list[Comment] = []
    # Display order: each message, then its replies in date order; with its
    # parent's place.
    stack: list[tuple[Node, int]] = [(root, -1)]
    # Whether every comment is listed alone, its text unread.
    unread = True
    while stack:
        node, parent = stack.pop()
        place = len(numbers)
        numbers.append(node.number)
        parents.append(parent)
        message_id = node.message_id
        ids.append(message_id)
        whens.append(node.when)
        if place:
            if message_id is not None:
                comments.append(Comment.listed(authors[node.number], message_id))
            else:
                # Known to the state by its text: read now.
                comment = Comment(authors[node.number], text=())
                comment.text = tuple(_text(index, node.number))
                comments.append(comment)
                unread = False
        replies = node.replies
        if replies:
            if len(replies) > 1:
                replies.sort(key=order, reverse=True)
            stack.extend([(reply, place) for reply in replies])
        # (Its replies stay: once every parent link is gone, no cycle is left.)
        node.parent = None
    # The comments' parents: the first message is the article, not a comment.
    thread = Thread.in_order(
        comments, array("i", [parent - 1 for parent in parents[1:]]), listed=unread
    )
    article.comments = [comments[place] for place in thread.top_level]
    article.deferred = MailThread(
        index.messages,
        numbers,
        parents,
        ids,
        whens,
        bytes(map(index.plain.__getitem__, numbers)),
        index.warnings,
        thread,
        index.kept,
    )
    return article, len(numbers)


def _first(index: MailboxIndex, root: Node) -> Article:
    """The thread's article as its first message lists it."""
    number = root.number
    first = index.firsts.get(number)
    if first is None:
        # A reply whose parents the archive lacks: its head read again.
        first = _read_first(index, number)
    author = index.authors[number]
    path = index.messages.path
    if isinstance(first, Mail):
        article = listed_article(path, first.subject, first.list_name, author, first.posted)
        article.url = first.url
    elif first is not None:
        name = list_name(first.list_id)
        posted = date_and_posted(first.date)[1]
        article = listed_article(path, first.subject, name, author, posted)
        article.url = first.archived_at.strip().strip("<>") or None
    else:
        article = listed_article(path, "", None, author, None)
    article.source_id = root.message_id
    return article


def _read_first(index: MailboxIndex, number: int) -> FirstMessage | Mail | None:
    data = next(index.messages.read([number]))
    if not isinstance(data, bytes):
        return None
    if index.escaped:
        data = unescape(data)
    try:
        return first_message(data) or read_mail(data)
    except Exception:  # reported when its thread is read
        return None
    finally:
        take_cuts()


def _text(index: MailboxIndex, number: int) -> list[str]:
    data = next(index.messages.read([number]))
    try:
        return [scrub(text) for text in read_mail(data).text] if isinstance(data, bytes) else []
    except Exception:  # reported when its thread is read
        return []
    finally:
        take_cuts()
