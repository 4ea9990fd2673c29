"""An article: its metadata, its body and its top-level comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .tree import Comment

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
    # Set by the store: unique within the store, derived from the file name.
    id: str = ""

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, title={self.title!r}, comments={len(self.comments)})"
