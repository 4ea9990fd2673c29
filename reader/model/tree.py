"""Comments and the thread that holds them, kept together (a node and its tree).

The parsers build `Comment`s with their replies in lists; `Thread` then
flattens a forest into arrays in display (pre-)order and each comment reads
its `parent`, `depth`, `ordinal` and `replies` from them, so that walking,
counting and navigating a thread are index arithmetic rather than recursion:
a reply chain thousands deep is just a long array here.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence

from ..text import Block, packed_layout, unpacked_layout
from .source_fields import NOTHING_SAID, SourceField, SourceFields
from .subjects import shown_subject

# What parts a comment's paragraphs in its packed text (see `Comment.text`). No
# shown text holds NUL (the loader refuses files with one; a paragraph that
# has one from a JSON escape is kept unpacked).
PARAGRAPH_BREAK = "\x00"


def packed_text(paragraphs: Sequence[str]) -> bytes | tuple[str, ...]:
    """A comment's paragraphs as it keeps them: one string of bytes, UTF-8 (a
    lone surrogate passed through), the paragraphs parted by NUL; a text with
    NUL of its own, or none at all, as a tuple."""
    if not paragraphs:
        return ()
    joined = PARAGRAPH_BREAK.join(paragraphs)
    if joined.count(PARAGRAPH_BREAK) != len(paragraphs) - 1:
        return tuple(paragraphs)
    return joined.encode("utf-8", "surrogatepass")


def unpacked_text(data: bytes) -> tuple[str, ...]:
    """The paragraphs of a packed text."""
    return tuple(data.decode("utf-8", "surrogatepass").split(PARAGRAPH_BREAK))


class Comment:
    """One comment of a thread; `text` is its blocks' words (paragraphs for plain
    text), `blocks` their layout (None: all plain paragraphs, see `reader.text`),
    `replies` its children.

    The text is kept packed (`packed_text`) and its strings made when asked
    for: a view asks for the comments it paints, search and the state read
    the bytes as they are (`text_utf8`). A string a paragraph took 49 to 74
    bytes of header, and two bytes a character once one character in it is
    beyond Latin-1: a 100,000-comment thread's text was 1.6 to 1.9 times its
    UTF-8 (issue 24).

    `posted` is an ISO 8601 time where the source gives one (with its offset when
    known), else the source's own words. `status` is None for an ordinary
    comment, else `deleted`, `removed` or `dead` (text kept where the source has
    it) or `more`: a stub for `more` replies the file does not hold (0: the
    thread goes on at the source).

    Slots, not a dict, and no slot for the fields most comments leave unset:
    a comment's own size is most of what a huge thread costs beyond its words."""

    __slots__ = ("_replies", "_text", "author", "index", "source_fields", "thread")

    # What the source says about the comment (None where it says nothing).
    posted = SourceField[str | None](None)
    source_id = SourceField[str | None](None)
    score = SourceField[int | None](None)
    edited = SourceField[str | None](None)
    is_op = SourceField[bool](False)
    status = SourceField[str | None](None)
    more = SourceField[int | None](None)
    # Reddit: who speaks for the site (`moderator`, `admin`), pinned by a moderator.
    distinguished = SourceField[str | None](None)
    stickied = SourceField[bool](False)
    # Mail: the message's subject as written (decoded, whitespace collapsed).
    subject = SourceField[str | None](None)

    def __init__(
        self,
        author: str | None = None,
        posted: str | None = None,
        # Lists while a parser builds them; the store takes the replies over
        # (see `place`).
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
        self._text: tuple[str, ...] | bytes = () if text is None else packed_text(text)
        # The parser's replies: None until a parser first asks for the list to
        # add to (so a comment without replies never has one), and again once
        # the store has indexed the comment, whose thread then knows them.
        self._replies = replies
        self.source_fields: SourceFields | None = None
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
            self.source_fields = SourceFields(
                posted,
                None if blocks is None else packed_layout(blocks),
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

    @classmethod
    def listed(cls, author: str | None, source_id: str) -> Comment:
        """A comment listed before its text is read (a mailbox's message,
        known by its id): `Comment(author, text=(), source_id=source_id)`,
        made without the constructor's keywords (an archive lists tens of
        thousands: a third less time each). Every slot is set as the
        constructor sets it (a test holds the two to each other)."""
        comment = _new_comment(cls)
        comment.author = author
        comment._text = ()
        comment._replies = None
        # (posted, blocks, source_id, score, edited, is_op, status, more,
        # distinguished, stickied, subject)
        comment.source_fields = SourceFields(
            None, None, source_id, None, None, False, None, None, None, False, None
        )
        comment.thread = None
        comment.index = -1
        return comment

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
    def text(self) -> tuple[str, ...]:
        text = self._text
        return unpacked_text(text) if type(text) is bytes else text

    @text.setter
    def text(self, text: list[str] | tuple[str, ...]) -> None:
        self._text = packed_text(text)

    @property
    def blocks(self) -> tuple[Block, ...] | None:
        """The text's layout, kept packed (`reader.text.packed_layout`) and
        made when asked for."""
        fields = self.source_fields
        packed = None if fields is None else fields.blocks
        return None if packed is None else unpacked_layout(packed)

    @blocks.setter
    def blocks(self, blocks: tuple[Block, ...] | None) -> None:
        packed = None if blocks is None else packed_layout(blocks)
        if self.source_fields is None:
            if packed is None:
                return
            self.source_fields = SourceFields(*NOTHING_SAID)
        self.source_fields.blocks = packed

    @property
    def text_utf8(self) -> bytes | None:
        """The text as kept packed (see `packed_text`): the paragraphs parted
        by NUL, in UTF-8; None where it is not (no text, or NUL of its own:
        `text` then gives it)."""
        text = self._text
        return text if type(text) is bytes else None

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


_new_comment = object.__new__


class Thread:
    """The comments of one article in display order, with their tree links.

    For the comment at index `i`: `depths[i]` is its nesting level (0 for
    top-level), `parents[i]` the index of its parent (-1 for top-level) and
    `ends[i]` the index just past its last descendant, so its subtree is the
    slice `i:ends[i]`. `characters[i]` and `line_breaks[i]` measure its text
    (paragraph breaks count twice, a blank line and a new line), so a view can
    guess its height without wrapping it.

    `subject` is the subject its top-level comments reply to (the article's),
    `list_tag` the tag its list puts before subjects (see `subjects`).
    """

    __slots__ = (
        "article_id",
        "characters",
        "comments",
        "depths",
        "ends",
        "line_breaks",
        "list_tag",
        "order",
        "parents",
        "source_ranks",
        "stubs",
        "subject",
        "top_level",
    )

    def __init__(
        self, roots: Sequence[Comment], subject: str | None = None, list_tag: str | None = None
    ) -> None:
        self._start(subject, list_tag)
        self._flatten(roots)
        self._measure()

    def _start(self, subject: str | None, list_tag: str | None) -> None:
        """A thread of no comment yet."""
        # Set when the article is registered in a store.
        self.article_id = ""
        # The order the comments are in (`reader.sorts`), and where each was in
        # the source's order (None: that order).
        self.order = "source"
        self.source_ranks: array[int] | None = None
        self.subject = subject
        self.list_tag = list_tag
        self.comments: list[Comment] = []
        # Compact int arrays, not lists: a 100,000-comment thread would spend
        # some 30 MB on int objects otherwise.
        self.depths = array("i")
        self.parents = array("i")
        self.ends = array("i")
        self.top_level = array("i")

    @classmethod
    def in_order(
        cls,
        comments: list[Comment],
        parents: array[int],
        subject: str | None = None,
        list_tag: str | None = None,
        listed: bool = False,
    ) -> Thread:
        """The thread of `comments` given in display order, none placed yet
        nor holding replies, `parents[i]` the index of comment `i`'s parent
        (-1 for top-level): the arrays are made from `parents` by index
        arithmetic, no tree walked (a mailbox's listed thread comes so).
        `listed`: no comment has text yet nor is a stub (`Comment.listed`),
        so there is nothing to measure (5,000 threads of an archive each
        measured its comments' text and status one by one)."""
        thread = cls.__new__(cls)
        thread._start(subject, list_tag)
        thread.comments = comments
        thread.parents = parents
        depths, ends, top_level = thread.depths, thread.ends, thread.top_level
        for index, (comment, parent) in enumerate(zip(comments, parents, strict=True)):
            comment.thread, comment.index = thread, index
            if parent < 0:
                depths.append(0)
                top_level.append(index)
            else:
                depths.append(depths[parent] + 1)
        # A subtree ends where its last descendant's ends: the descendants
        # come after it, so each end is known before its parent's is asked.
        ends.extend(range(1, len(comments) + 1))
        for index in range(len(comments) - 1, -1, -1):
            parent = parents[index]
            if parent >= 0 and ends[index] > ends[parent]:
                ends[parent] = ends[index]
        if listed:
            thread.stubs = 0
            thread.characters = array("i", bytes(4 * len(comments)))
            thread.line_breaks = array("i", thread.characters)
        else:
            thread._measure()
        return thread

    def _measure(self) -> None:
        # Stubs for replies the file does not hold (reddit's "more") are rows,
        # not comments: they are left out of every count.
        comments = self.comments
        self.stubs = sum(comment.status == "more" for comment in comments)
        texts = [comment._text for comment in comments]
        if texts.count(()) == len(texts):
            # No text (a listed thread's comments): nothing to measure.
            self.characters = array("i", bytes(4 * len(texts)))
            self.line_breaks = array("i", self.characters)
            return
        characters: list[int] = []
        line_breaks: list[int] = []
        for text in texts:
            # Most comments' text is packed (see `Comment.text`): measured as
            # bytes, decoded only when a character is beyond ASCII.
            if type(text) is bytes:
                breaks = text.count(b"\x00")
                characters.append(
                    (len(text) if text.isascii() else len(text.decode("utf-8", "surrogatepass")))
                    - breaks
                )
                line_breaks.append(text.count(b"\n") + 2 * breaks + 2)
            else:
                characters.append(sum(map(len, text)))
                line_breaks.append(sum(paragraph.count("\n") for paragraph in text) + 2 * len(text))
        self.characters = array("i", characters)
        self.line_breaks = array("i", line_breaks)

    def _flatten(self, roots: Sequence[Comment]) -> None:
        comments, depths, parents, ends = self.comments, self.depths, self.parents, self.ends
        # Stack entries: (comment, parent index, depth).
        stack: list[tuple[Comment, int, int]] = [(comment, -1, 0) for comment in reversed(roots)]
        # Indices whose subtree is still open, innermost last.
        open_ancestors: list[int] = []
        while stack:
            comment, parent, depth = stack.pop()
            index = len(comments)
            while open_ancestors and depths[open_ancestors[-1]] >= depth:
                ends[open_ancestors.pop()] = index
            # The thread's arrays stand for the comment's replies, parent,
            # depth and ordinal from now on.
            replies = comment.place(self, index)
            comments.append(comment)
            depths.append(depth)
            parents.append(parent)
            ends.append(index + 1)
            if parent < 0:
                self.top_level.append(index)
            if replies:
                open_ancestors.append(index)
                stack.extend((reply, index, depth + 1) for reply in reversed(replies))
        for index in open_ancestors:
            ends[index] = len(comments)

    def __len__(self) -> int:
        return len(self.comments)

    @property
    def comment_count(self) -> int:
        """How many comments the thread holds, stubs left out."""
        return len(self.comments) - self.stubs

    def descendant_count(self, index: int) -> int:
        return self.ends[index] - index - 1

    def children(self, index: int) -> list[int]:
        """Indices of the direct replies of the comment at `index` (-1: the top level)."""
        if index < 0:
            return list(self.top_level)
        found: list[int] = []
        child, end = index + 1, self.ends[index]
        while child < end:
            found.append(child)
            child = self.ends[child]
        return found

    def siblings(self, index: int) -> list[int]:
        """The comment's parent's replies, the comment itself included."""
        return self.children(self.parents[index])

    def ancestors(self, index: int) -> list[int]:
        """Indices from the parent up to the top-level comment."""
        found: list[int] = []
        parent = self.parents[index]
        while parent >= 0:
            found.append(parent)
            parent = self.parents[parent]
        return found

    def next_sibling(self, index: int) -> int | None:
        following = self.ends[index]
        parent = self.parents[index]
        limit = self.ends[parent] if parent >= 0 else len(self.comments)
        return following if following < limit else None

    def ordinal(self, index: int) -> int:
        """Position of the comment among its siblings, from 1."""
        parent = self.parents[index]
        if parent < 0:
            return bisect_left(self.top_level, index) + 1
        ordinal, sibling = 1, parent + 1
        while sibling < index:
            ordinal += 1
            sibling = self.ends[sibling]
        return ordinal

    def shown_subject(self, index: int) -> str | None:
        """What comment `index`'s header says of its subject: nothing unless it
        differs from its parent's (see `subjects.shown_subject`)."""
        subject = self.comments[index].subject
        if subject is None:
            return None
        parent = self.parents[index]
        parents = self.comments[parent].subject if parent >= 0 else self.subject
        return shown_subject(subject, parents, self.list_tag)

    def previous_sibling(self, index: int) -> int | None:
        siblings = self.siblings(index)
        position = siblings.index(index)
        return siblings[position - 1] if position > 0 else None


def iter_comments(comments: Sequence[Comment]) -> list[Comment]:
    """All comments of a forest in display (pre-)order, without recursion."""
    ordered: list[Comment] = []
    stack = list(reversed(comments))
    while stack:
        comment = stack.pop()
        ordered.append(comment)
        stack.extend(reversed(comment.replies))
    return ordered
