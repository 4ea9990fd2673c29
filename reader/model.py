"""The document model: articles and their nested comments.

Pure data, no I/O and no UI. The parsers build these objects; the
`DocumentStore` places each comment in its thread (`thread`, `index`), whose
arrays then say its `parent`, `depth`, `ordinal` and `replies`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from .store import Thread
    from .text import Block

T = TypeVar("T")


class _SourceFields:
    """What the source says about a comment beyond its plain words (its time, its
    text's layout, its id, score ...): none of it in seed text, so kept apart,
    made on the first one set."""

    __slots__ = (
        "blocks",
        "distinguished",
        "edited",
        "is_op",
        "more",
        "posted",
        "score",
        "source_id",
        "status",
        "stickied",
        "subject",
    )

    def __init__(
        self,
        posted: str | None = None,
        blocks: tuple[Block, ...] | None = None,
        source_id: str | None = None,
        score: int | None = None,
        edited: str | None = None,
        is_op: bool = False,
        status: str | None = None,
        more: int | None = None,
        distinguished: str | None = None,
        stickied: bool = False,
        subject: str | None = None,
    ) -> None:
        self.posted = posted
        self.blocks = blocks
        self.source_id = source_id
        self.score = score
        self.edited = edited
        self.is_op = is_op
        self.status = status
        self.more = more
        self.distinguished = distinguished
        self.stickied = stickied
        self.subject = subject


class _SourceField(Generic[T]):
    """A comment attribute kept in its `_SourceFields`, `default` while it has none."""

    def __init__(self, default: T) -> None:
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, comment: Comment | None, owner: type | None = None) -> T:
        fields = comment._source if comment is not None else None
        return self.default if fields is None else getattr(fields, self.name)

    def __set__(self, comment: Comment, value: T) -> None:
        if comment._source is None:
            if value == self.default:
                return
            comment._source = _SourceFields()
        setattr(comment._source, self.name, value)


class Comment:
    """One comment of a thread; `text` is its blocks' words (paragraphs for plain
    text), `blocks` their layout (None: all plain paragraphs, see `reader.text`),
    `replies` its children.

    `posted` is an ISO 8601 time where the source gives one (with its offset when
    known), else the source's own words. `status` is None for an ordinary
    comment, else `deleted`, `removed` or `dead` (text kept where the source has
    it) or `more`: a stub for `more` replies the file does not hold (0: the
    thread goes on at the source).

    Slots, not a dict, and no slot for the fields most comments leave unset:
    a comment's own size is most of what a huge thread costs beyond its words."""

    __slots__ = ("_replies", "_source", "_text", "author", "index", "thread")

    # What the source says about the comment (None where it says nothing).
    posted = _SourceField[str | None](None)
    blocks = _SourceField["tuple[Block, ...] | None"](None)
    source_id = _SourceField[str | None](None)
    score = _SourceField[int | None](None)
    edited = _SourceField[str | None](None)
    is_op = _SourceField[bool](False)
    status = _SourceField[str | None](None)
    more = _SourceField[int | None](None)
    # Reddit: who speaks for the site (`moderator`, `admin`), pinned by a moderator.
    distinguished = _SourceField[str | None](None)
    stickied = _SourceField[bool](False)
    # Mail: the message's subject as written (decoded, whitespace collapsed).
    subject = _SourceField[str | None](None)

    def __init__(
        self,
        author: str | None = None,
        posted: str | None = None,
        # Lists while a parser builds them; the store freezes the text into a
        # tuple and takes the replies over (see `place`).
        text: list[str] | tuple[str, ...] | None = None,
        replies: list[Comment] | tuple[Comment, ...] | None = None,
        blocks: tuple[Block, ...] | None = None,
        source_id: str | None = None,
        score: int | None = None,
        edited: str | None = None,
        is_op: bool = False,
        status: str | None = None,
        more: int | None = None,
        distinguished: str | None = None,
        stickied: bool = False,
        subject: str | None = None,
    ) -> None:
        self.author = author
        self._text: list[str] | tuple[str, ...] | str = [] if text is None else text
        # The parser's replies: None until a parser first asks for the list to
        # add to (so a comment without replies never has one), and again once
        # the store has indexed the comment, whose thread then knows them.
        self._replies = replies
        self._source: _SourceFields | None = None
        if (
            posted is not None
            or blocks is not None
            or source_id is not None
            or score is not None
            or edited is not None
            or is_op
            or status is not None
            or more is not None
            or distinguished is not None
            or stickied
            or subject is not None
        ):
            self._source = _SourceFields(
                posted,
                blocks,
                source_id,
                score,
                edited,
                is_op,
                status,
                more,
                distinguished,
                stickied,
                subject,
            )
        # Set by the store when the article is added: the comment's thread and
        # its index there, from which its parent, depth and ordinal are read.
        self.thread: Thread | None = None
        self.index = -1

    def place(self, thread: Thread, index: int) -> Sequence[Comment]:
        """Called by the store as it indexes the thread: the comment is at `index`
        of `thread`. Gives the replies as the parser left them, and forgets them:
        from now on they are read from the thread's arrays."""
        replies = self._replies
        if replies is None:
            replies = self.replies if self.thread is not None else ()
        self.thread, self.index, self._replies = thread, index, None
        return replies

    @property
    def replies(self) -> list[Comment] | tuple[Comment, ...]:
        replies = self._replies
        if replies is not None:
            return replies
        thread = self.thread
        if thread is None:
            # Not indexed yet: the list a parser adds replies to.
            replies = self._replies = []
            return replies
        # A tuple: adding to the replies of an indexed comment must fail loudly,
        # not change a copy.
        return tuple([thread.comments[child] for child in thread.children(self.index)])

    @replies.setter
    def replies(self, replies: list[Comment] | tuple[Comment, ...]) -> None:
        self._replies = replies

    @property
    def parent(self) -> Comment | None:
        thread = self.thread
        if thread is None:
            return None
        parent = thread.parents[self.index]
        return thread.comments[parent] if parent >= 0 else None

    @property
    def depth(self) -> int:
        """Nesting level: 0 for a top-level comment."""
        return self.thread.depths[self.index] if self.thread is not None else 0

    @property
    def ordinal(self) -> int:
        """Position among its siblings, from 1 (0 before the store indexes it)."""
        return self.thread.ordinal(self.index) if self.thread is not None else 0

    @property
    def text(self) -> list[str] | tuple[str, ...]:
        text = self._text
        return (text,) if type(text) is str else text

    @text.setter
    def text(self, text: list[str] | tuple[str, ...]) -> None:
        # A text of one paragraph, most comments' (once the store has frozen it
        # into a tuple), is kept as its bare string: 48 bytes less a comment.
        self._text = text[0] if type(text) is tuple and len(text) == 1 else text

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
    # Mail: the first message's subject as written, where the title is not
    # all of it (the title drops `Re:` and the list's tag).
    subject: str | None = None
    path: Path | None = None
    format: str = ""
    # Set by the store: unique within the store, derived from the file name.
    id: str = ""

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, title={self.title!r}, comments={len(self.comments)})"


def iter_comments(comments: Sequence[Comment]) -> list[Comment]:
    """All comments of a forest in display (pre-)order, without recursion."""
    ordered: list[Comment] = []
    stack = list(reversed(comments))
    while stack:
        comment = stack.pop()
        ordered.append(comment)
        stack.extend(reversed(comment.replies))
    return ordered
