"""An article: its metadata, its body and its top-level comments; and how an
article listed before its text was read reads it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .tree import Comment, Thread

if TYPE_CHECKING:
    from ..text import Block


@dataclass(eq=False, repr=False, slots=True)
class Article:
    """One article: its metadata, body paragraphs and top-level comments."""

    title: str
    subtitle: str | None = None
    byline: str | None = None
    author: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    body: list[str] = field(default_factory=list)
    author_bio: str | None = None
    comments: list[Comment] = field(default_factory=list)
    # Layout of `body` (None: plain paragraphs); see `reader.text`.
    body_blocks: tuple[Block, ...] | None = None
    # What the source says about the article (None where it says nothing):
    # its own id (HN item id, reddit `t3_...`, Message-ID), score and the
    # comment count it claims (which may exceed what the file holds).
    source_id: str | None = None
    score: int | None = None
    comment_count: int | None = None
    # Mail: the first message's subject as written, where the title is not
    # all of it (the title drops `Re:` and the list's tag).
    subject: str | None = None
    # True when the body is only what the source summed the article up in (a
    # feed without the full text), or nothing (a link post): its page's text
    # can take its place.
    partial: bool = False
    # A web page's feeds (RSS, Atom), as it lists them.
    feeds: tuple[str, ...] = ()
    # Where the comments came from, when it is not the article's own source
    # (a blog's comment feed: flat, in time order), to say in the thread header.
    comments_note: str | None = None
    # The feed that lists it (an item of a feed): the feed's URL, else its
    # file; its items are told apart as new since the last launch by it.
    feed: str | None = None
    path: Path | None = None
    format: str = ""
    # The URL the article was read from (None: a file): what `r` fetches again.
    origin: str | None = None
    # The source id of the comment that URL names (a comment's permalink):
    # where the cursor goes when the article is first opened.
    focus: str | None = None
    # Listed before its text was read (a mailbox's thread): how to read it.
    # Its body and its comments' text are then empty (see `deferred`).
    deferred: DeferredText | None = None
    # Set by the store: unique within the store, derived from the file name.
    id: str = ""

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, title={self.title!r}, comments={len(self.comments)})"


class DeferredText(Protocol):
    """How an article listed before its text was read reads it: a mailbox's
    thread, whose messages' bodies are read when it is opened, searched or
    dumped. The article listed has its metadata and its comments' authors
    and ids, in the order the full article gives them, so that it can be
    listed, counted and known by the state; its body and its comments' text
    are empty. What reads it is the format's."""

    # The listed comments placed in their thread as the format listed them
    # (its arrays made from the listing's): the store's, not made again.
    thread: Thread

    def read(self) -> Article | None:
        """The article in full: the listed one's metadata, its body, and its
        comments with their text, in the listed order (fewer if some cannot
        be read any more: each such is reported to the format's warnings;
        None if none can)."""
        ...

    def texts(self, needle: bytes | None, ignore_case: bool) -> Iterator[tuple[int, Sequence[str]]]:
        """The text of each message whose text may hold `needle` (ASCII; None:
        every message), read: its place in the thread (0 the article's body,
        then each comment in display order, from 1) and its paragraphs. A
        message left out holds no `needle` in anything it shows but its
        author (`ignore_case`: in ASCII letters of either case)."""
        ...
