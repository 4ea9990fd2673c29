"""What a source says about a comment beyond its plain words, kept apart.

Seed text says none of it, and a huge thread's comments are most of its
memory: a comment makes its `SourceFields` on the first such field set, and
reads each one through a `SourceField` descriptor, its default until then.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

T = TypeVar("T")


class HasSourceFields(Protocol):
    """What a `SourceField` is an attribute of (a `Comment`)."""

    source_fields: SourceFields | None


class SourceFields:
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
        posted: str | None,
        # The text's layout, packed (`reader.text.packed_layout`).
        blocks: bytes | None,
        source_id: str | None,
        score: int | None,
        edited: str | None,
        is_op: bool,
        status: str | None,
        more: int | None,
        distinguished: str | None,
        stickied: bool,
        subject: str | None,
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


# Each field's value where the source says nothing, in `SourceFields`' order.
NOTHING_SAID = (None, None, None, None, None, False, None, None, None, False, None)


class SourceField(Generic[T]):
    """A comment attribute kept in its `SourceFields`, `default` while it has none."""

    def __init__(self, default: T) -> None:
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, comment: HasSourceFields | None, owner: type | None = None) -> T:
        fields = comment.source_fields if comment is not None else None
        return self.default if fields is None else getattr(fields, self.name)

    def __set__(self, comment: HasSourceFields, value: T) -> None:
        if comment.source_fields is None:
            if value == self.default:
                return
            comment.source_fields = SourceFields(*NOTHING_SAID)
        setattr(comment.source_fields, self.name, value)
