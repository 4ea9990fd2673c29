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
from .query import SEPARATOR, SEPARATOR_BYTES, Chunk, SearchText

# Search keys of an article's own text: (field name, paragraph number).
TITLE, SUBTITLE, BODY, BIO = "title", "subtitle", "body", "bio"
# Paragraph number of a comment's header (its author) in thread search keys.
HEADER = -1


def article_fields(article: Article) -> list[tuple[tuple[str, int], str]]:
    """The article's own searchable text, in reading order, each field with its
    search key: the title, the subtitle, the body's blocks, the paragraphs of the
    author's bio. Search looks in exactly these and the body pane draws exactly
    these, so a match always lands on what is shown."""
    return [
        ((kind, number), text)
        for kind, texts in _article_parts(article)
        for number, text in enumerate(texts)
    ]


def _article_parts(article: Article) -> list[tuple[str, list[str]]]:
    """`article_fields`, kind by kind: the fields of each kind, in order."""
    parts = [(TITLE, [article.title])]
    if article.subtitle:
        parts.append((SUBTITLE, [article.subtitle]))
    parts.append((BODY, article.body))
    if article.author_bio:
        parts.append((BIO, article.author_bio.split("\n\n")))
    return parts


def article_search_text(article: Article) -> SearchText:
    """The article's own text for finding in the body pane. Fields are searched
    as they are shown (neutralised), so spans line up with the screen."""
    texts: list[str] = []
    keys = ArticleFields()
    for kind, fields in _article_parts(article):
        texts.extend(map(neutralise, fields))
        keys.add(kind, len(fields))
    return SearchText(texts, keys)  # type: ignore[arg-type]


class ArticleFields:
    """The search keys of an article's fields, `(kind, number)`, from how many
    fields of each kind follow one another: a body of 500,000 paragraphs kept
    a key of two objects for each (a quarter of the body's own size)."""

    __slots__ = ("_count", "_runs")

    def __init__(self) -> None:
        # Each kind and the number of its first field.
        self._runs: list[tuple[str, int]] = []
        self._count = 0

    def add(self, kind: str, count: int) -> None:
        if count:
            self._runs.append((kind, self._count))
            self._count += count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, field: int) -> tuple[str, int]:
        if not 0 <= field < self._count:
            raise IndexError(field)
        kind, first = next(run for run in reversed(self._runs) if run[1] <= field)
        return kind, field - first


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
    one: seed text has none), then its paragraphs, read as the comment keeps
    them (packed: see `Comment.text`), neutralised only where that changes
    them (a control character, a tab: almost never)."""
    parts: list[str | bytes] = []
    keys = CommentFields()
    chunks: list[Chunk] = []
    # `keys.add` for each comment, written out: this runs for every comment loaded.
    firsts, authorless = keys.firsts, keys.authorless
    count = size = 0
    first_field = first_part = 0
    for comment in thread.comments:
        firsts.append(count)
        author = comment.author
        if author:
            parts.append(neutralise(author))
            authorless.append(0)
            count += 1
            size += len(author) + 1
        else:
            authorless.append(1)
        text = comment.text_utf8
        if text is not None and _shown_as_written(text):
            parts.append(text)
            count += text.count(SEPARATOR_BYTES) + 1
            size += len(text) + 1
        else:
            paragraphs = comment.text
            # (`neutralise` shows a NUL of its own as `␀`: no separator is left.)
            parts.extend(map(neutralise, paragraphs))
            count += len(paragraphs)
            size += sum(map(len, paragraphs)) + len(paragraphs)
        if size >= SearchText.CHUNK:
            chunks.append(_chunk(first_field, count, first_part, len(parts)))
            first_field, first_part, size = count, len(parts), 0
    if first_part < len(parts) or not chunks:
        chunks.append(_chunk(first_field, count, first_part, len(parts)))
    keys._count = count
    return SearchText.of_parts(parts, keys, chunks)  # type: ignore[arg-type]


def _chunk(first_field: int, end_field: int, first_part: int, end_part: int) -> Chunk:
    return Chunk(first_field, end_field - first_field, first_part, end_part - first_part)


# The bytes of ASCII that `neutralise` leaves as they are (NUL parts paragraphs).
_ASCII_SHOWN = bytes((0, 0x0A, *range(0x20, 0x7F)))


def _shown_as_written(text: bytes) -> bool:
    """Whether a comment's packed paragraphs are shown as they are written
    (neutralising changes none), so search may read them as they are."""
    if text.isascii():
        # Nothing left once they are taken out: a table lookup a byte, where
        # a regular expression's class was ten times that.
        return not text.translate(None, _ASCII_SHOWN)
    return all(
        neutralise(paragraph) is paragraph
        for paragraph in text.decode("utf-8", "surrogatepass").split(SEPARATOR)
    )
