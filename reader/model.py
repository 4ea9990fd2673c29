"""The document model: articles and their nested comments.

Pure data, no I/O and no UI. The parsers build these objects; the
`DocumentStore` fills in the fields that describe a comment's place in its
thread (`parent`, `depth`, `ordinal`, `thread`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Thread
    from .text import Block


@dataclass(eq=False, repr=False, slots=True)
class Comment:
    """One comment of a thread; `text` is its blocks' words (paragraphs for plain
    text), `blocks` their layout (None: all plain paragraphs, see `reader.text`),
    `replies` its children.

    `posted` is an ISO 8601 time where the source gives one (with its offset when
    known), else the source's own words. `status` is None for an ordinary
    comment, else `deleted`, `removed` or `dead` (text kept where the source has
    it) or `more`: a stub for `more` replies the file does not hold (0: the
    thread goes on at the source)."""

    author: str | None = None
    posted: str | None = None
    text: list[str] = field(default_factory=list)
    replies: list[Comment] = field(default_factory=list)
    blocks: tuple[Block, ...] | None = None
    # What the source says about the comment (None where it says nothing).
    source_id: str | None = None
    score: int | None = None
    edited: str | None = None
    is_op: bool = False
    status: str | None = None
    more: int | None = None
    # Reddit: who speaks for the site (`moderator`, `admin`), pinned by a moderator.
    distinguished: str | None = None
    stickied: bool = False
    # Set by the store when the article is added.
    parent: Comment | None = None
    depth: int = 0
    ordinal: int = 0
    thread: Thread | None = None

    @property
    def path(self) -> str:
        """Position in the thread, such as `3.1.2` (third top-level comment, ...)."""
        ordinals: list[str] = []
        node: Comment | None = self
        while node is not None:
            ordinals.append(str(node.ordinal))
            node = node.parent
        return ".".join(reversed(ordinals))

    @property
    def article_id(self) -> str:
        return self.thread.article_id if self.thread is not None else ""

    @property
    def id(self) -> str:
        """Stable address of the comment: the article id and its position path."""
        return f"{self.article_id}:{self.path}"

    def __repr__(self) -> str:
        # The default dataclass repr would recurse through replies and parent.
        return f"Comment(id={self.id!r}, author={self.author!r}, replies={len(self.replies)})"


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
    path: Path | None = None
    format: str = ""
    # Set by the store: unique within the store, derived from the file name.
    id: str = ""

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, title={self.title!r}, comments={len(self.comments)})"


def iter_comments(comments: list[Comment]) -> list[Comment]:
    """All comments of a forest in display (pre-)order, without recursion."""
    ordered: list[Comment] = []
    stack = list(reversed(comments))
    while stack:
        comment = stack.pop()
        ordered.append(comment)
        stack.extend(reversed(comment.replies))
    return ordered
