"""A mailbox's threads listed from its index (`thread_list`): each listed
comment is the one the constructor makes, and the listing leaves no cycle
among the index's nodes (they are freed as the index is, not by the cyclic
collector)."""

from __future__ import annotations

import gc
from array import array
from pathlib import Path

import pytest

from reader.formats.mail.index import MailboxIndex
from reader.formats.mail.mailbox import _mbox_messages
from reader.formats.mail.mbox import MboxFile
from reader.formats.mail.thread_list import listed_threads
from reader.formats.mail.threads import Node
from reader.model import Comment, Thread
from reader.model.source_fields import SourceFields


@pytest.mark.parametrize("author", ["Ann Writer", None, ""])
@pytest.mark.parametrize("message_id", ["<a@x.org>", ""])
def test_a_listed_comment_is_the_constructors_slot_by_slot(
    author: str | None, message_id: str
) -> None:
    made = Comment(author, text=(), source_id=message_id)
    listed = Comment.listed(author, message_id)
    for slot in Comment.__slots__:
        if slot == "source_fields":
            continue
        assert getattr(listed, slot) == getattr(made, slot), slot
        assert type(getattr(listed, slot)) is type(getattr(made, slot)), slot
    assert made.source_fields is not None and listed.source_fields is not None
    for slot in SourceFields.__slots__:
        assert getattr(listed.source_fields, slot) == getattr(made.source_fields, slot), slot
    assert listed.source_id == message_id and listed.text == () and listed.replies == []


def _mail(number: int, parent: int | None = None, loop_to: int | None = None) -> str:
    refs = ""
    if parent is not None:
        refs = f"In-Reply-To: <m{parent}@x.org>\n"
    elif loop_to is not None:
        refs = f"References: <m{loop_to}@x.org>\n"
    return (
        f"From w@x.org Mon Mar  4 10:00:00 2024\nFrom: Writer <w@x.org>\n"
        f"Subject: Thread {number}\nDate: Mon, 4 Mar 2024 10:{number:02d}:00 +0000\n"
        f"Message-ID: <m{number}@x.org>\n{refs}\nBody {number}.\n\n"
    )


def test_the_listing_leaves_no_cycle_among_the_nodes(tmp_path: Path) -> None:
    """Replies, replies of replies, and two messages whose References loop
    back to each other (one is cut loose to start a thread)."""
    mails = [_mail(0), _mail(1, 0), _mail(2, 1), _mail(3, 0), _mail(4, loop_to=5)]
    mails += [_mail(5, loop_to=4), _mail(6)]
    path = tmp_path / "list.mbox"
    path.write_text("".join(mails), encoding="ascii")
    box = MboxFile(path)
    index = MailboxIndex(box, True, [])
    index.take(_mbox_messages(box), [])
    nodes = list(index.nodes)
    articles = [article for batch in listed_threads(index, None, 0.0) for article in batch.articles]
    assert [len(article.deferred.thread.comments) for article in articles] == [3, 1, 0]
    assert all(node.parent is None for node in nodes)
    del index, articles, box
    was_enabled = gc.isenabled()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        del nodes
        gc.collect()
        assert not [found for found in gc.garbage if isinstance(found, Node)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


def test_a_listed_thread_is_measured_as_empty_and_one_read_at_once_is_measured(
    tmp_path: Path,
) -> None:
    """`Thread.in_order(listed=True)` skips measuring comments that hold no
    text yet: its counts are what measuring them gives. A message without a
    Message-ID is read at once (the state knows it by its text): its thread
    is measured."""
    plain = [_mail(0), _mail(1, 0), _mail(2, 1)]
    no_id = (
        "From w@x.org Mon Mar  4 10:00:00 2024\nFrom: Writer <w@x.org>\n"
        "Subject: Re: Thread 0\nDate: Mon, 4 Mar 2024 10:09:00 +0000\n"
        "In-Reply-To: <m0@x.org>\n\nRead at once.\n\n"
    )
    path = tmp_path / "list.mbox"
    path.write_text("".join([*plain, no_id]), encoding="ascii")
    box = MboxFile(path)
    index = MailboxIndex(box, True, [])
    index.take(_mbox_messages(box), [])
    (article,) = [a for batch in listed_threads(index, None, 0.0) for a in batch.articles]
    thread = article.deferred.thread
    read_at_once = [i for i, comment in enumerate(thread.comments) if comment.text]
    assert len(read_at_once) == 1 and thread.characters[read_at_once[0]] == len("Read at once.")
    listed = [Comment.listed("Ann", f"<{n}@x.org>") for n in range(3)]
    parents = array("i", [-1, 0, 0])
    skipped = Thread.in_order(listed, parents, listed=True)
    measured = Thread.in_order([Comment.listed("Ann", f"<{n}@x.org>") for n in range(3)], parents)
    assert (skipped.stubs, skipped.characters, skipped.line_breaks) == (
        measured.stubs,
        measured.characters,
        measured.line_breaks,
    )
    assert (skipped.depths, skipped.ends, skipped.top_level) == (
        measured.depths,
        measured.ends,
        measured.top_level,
    )
