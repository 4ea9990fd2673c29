"""What search reads of an article and its thread, field by field, with keys.

The article's own fields are keyed `(TITLE|SUBTITLE|BODY|BIO, n)`, a thread's
`(comment index, paragraph)`, the paragraph being `HEADER` for the comment's
author. The body pane draws exactly the article's fields, and the thread view
each comment's header and paragraphs, so a match always lands on what is shown.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right

from ..model import Article, Thread
from ..sanitize import neutralise
from .query import SearchText

# Search keys of an article's own text: (field name, paragraph number).
TITLE, SUBTITLE, BODY, BIO = "title", "subtitle", "body", "bio"
# Paragraph number of a comment's header (its author) in thread search keys.
HEADER = -1


def article_fields(article: Article) -> list[tuple[tuple[str, int], str]]:
    """The article's own searchable text, in reading order, each field with its
    search key: the title, the subtitle, the body's blocks, the paragraphs of the
    author's bio. Search looks in exactly these and the body pane draws exactly
    these, so a match always lands on what is shown."""
    fields = [((TITLE, 0), article.title)]
    if article.subtitle:
        fields.append(((SUBTITLE, 0), article.subtitle))
    fields.extend(((BODY, number), block) for number, block in enumerate(article.body))
    if article.author_bio:
        paragraphs = article.author_bio.split("\n\n")
        fields.extend(((BIO, number), paragraph) for number, paragraph in enumerate(paragraphs))
    return fields


def article_search_text(article: Article) -> SearchText:
    """The article's own text for finding in the body pane. Fields are searched
    as they are shown (neutralised), so spans line up with the screen."""
    fields = article_fields(article)
    return SearchText([neutralise(text) for _, text in fields], [key for key, _ in fields])


class CommentFields:
    """The search keys of a thread's fields, `(comment index, paragraph)`. A
    comment's fields are its header (its author, if it has one) and then its
    paragraphs, so one int per comment, the number of its first field, says them
    all: a field's comment is found by bisection, not kept as two ints per field."""

    __slots__ = ("_count", "authorless", "firsts")

    def __init__(self) -> None:
        self.firsts = array("i")
        # 1 for a comment without an author, which has no header field.
        self.authorless = bytearray()
        self._count = 0

    def add(self, paragraphs: int, has_author: bool) -> None:
        """The next comment's fields: its header if it has an author, then its paragraphs."""
        self.firsts.append(self._count)
        self.authorless.append(not has_author)
        self._count += paragraphs + has_author

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, field: int) -> tuple[int, int]:
        # A comment with no fields at all shares its first field's number with
        # the next comment: bisect_right finds the one that holds the field.
        comment = bisect_right(self.firsts, field) - 1
        return comment, field - self.firsts[comment] + HEADER + self.authorless[comment]


def thread_search_text(thread: Thread) -> SearchText:
    """A thread's comments in display order: each one's author (where it has
    one: seed text has none), then its paragraphs."""
    texts: list[str] = []
    keys = CommentFields()
    for comment in thread.comments:
        # Neutralised as they are listed: one list of a huge thread's fields, not two.
        author = comment.author
        if author:
            texts.append(neutralise(author))
        paragraphs = comment.text
        texts.extend(map(neutralise, paragraphs))
        keys.add(len(paragraphs), bool(author))
    return SearchText(texts, keys)  # type: ignore[arg-type]
