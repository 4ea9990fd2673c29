"""The in-memory document store that every pane reads from.

Each article's comment tree is also flattened into arrays in display
(pre-)order, so that walking, counting and navigating a thread are index
arithmetic rather than recursion: a reply chain thousands deep is just a long
array here.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .model import Article, Comment
from .sanitize import neutralise
from .search import Match, Query, SearchText
from .subjects import list_tag, shown_subject

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


class Thread:
    """The comments of one article in display order, with their tree links.

    For the comment at index `i`: `depths[i]` is its nesting level (0 for
    top-level), `parents[i]` the index of its parent (-1 for top-level) and
    `ends[i]` the index just past its last descendant, so its subtree is the
    slice `i:ends[i]`. `characters[i]` and `line_breaks[i]` measure its text
    (paragraph breaks count twice, a blank line and a new line), so a view can
    guess its height without wrapping it.

    `subject` is the subject its top-level comments reply to (the article's),
    `list_tag` the tag its list puts before subjects (see `reader.subjects`).
    """

    __slots__ = (
        "article_id",
        "characters",
        "comments",
        "depths",
        "ends",
        "line_breaks",
        "list_tag",
        "parents",
        "stubs",
        "subject",
        "top_level",
    )

    def __init__(
        self, roots: Sequence[Comment], subject: str | None = None, list_tag: str | None = None
    ) -> None:
        # Set when the article is registered in a store.
        self.article_id = ""
        self.subject = subject
        self.list_tag = list_tag
        self.comments: list[Comment] = []
        # Compact int arrays, not lists: a 100,000-comment thread would spend
        # some 30 MB on int objects otherwise.
        self.depths = array("i")
        self.parents = array("i")
        self.ends = array("i")
        self.top_level = array("i")
        self._flatten(roots)
        # Stubs for replies the file does not hold (reddit's "more") are rows,
        # not comments: they are left out of every count.
        self.stubs = sum(comment.status == "more" for comment in self.comments)
        self.characters = array("i", (sum(map(len, comment.text)) for comment in self.comments))
        self.line_breaks = array(
            "i",
            (
                sum(paragraph.count("\n") for paragraph in comment.text) + 2 * len(comment.text)
                for comment in self.comments
            ),
        )

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
            # depth and ordinal from now on; its text is frozen as a tuple
            # (some 40 bytes smaller than a list with room to grow).
            replies = comment.place(self, index)
            comment.text = tuple(comment.text)
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
        differs from its parent's (see `reader.subjects.shown_subject`)."""
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


# A NamedTuple, not a dataclass: created at start-up, where each dataclass costs
# some 0.4 ms to build (its methods are compiled from source), a NamedTuple 0.06.
class PreparedArticle(NamedTuple):
    """An article with its thread index and search texts, ready to register."""

    article: Article
    thread: Thread
    article_text: SearchText
    thread_text: SearchText


class DocumentStore:
    """Every loaded article, in load order, and their threads."""

    def __init__(self) -> None:
        self._articles: list[Article] = []
        self._by_id: dict[str, Article] = {}
        # The next `~n` to try for each base id: a mailbox's thousands of
        # threads share one, and counting up from 2 each time was quadratic.
        self._next_suffix: dict[str, int] = {}
        self._threads: dict[str, Thread] = {}
        self._article_text: dict[str, SearchText] = {}
        self._thread_text: dict[str, SearchText] = {}

    @staticmethod
    def prepare(article: Article) -> PreparedArticle:
        """Index an article for the store: the costly part of adding it, safe to
        run off the UI thread, since it touches nothing but the article."""
        thread = Thread(
            article.comments, article.subject or article.title, list_tag(article.source)
        )
        return PreparedArticle(
            article, thread, article_search_text(article), thread_search_text(thread)
        )

    def register(self, prepared: PreparedArticle, base_id: str | None = None) -> Article:
        """Add a prepared article under an id unique here, derived from `base_id`,
        by default the article's file name without its suffix (`x`, then `x~2`
        for the next `x.yaml` or the next thread of mailbox `x`)."""
        if base_id is None:
            path = prepared.article.path
            base_id = path.stem if path is not None else ""
        base_id = base_id or "article"
        article_id, suffix = base_id, self._next_suffix.get(base_id, 2)
        while article_id in self._by_id:
            article_id = f"{base_id}~{suffix}"
            suffix += 1
        self._next_suffix[base_id] = suffix
        article = prepared.article
        article.id = prepared.thread.article_id = article_id
        self._articles.append(article)
        self._by_id[article_id] = article
        self._threads[article_id] = prepared.thread
        self._article_text[article_id] = prepared.article_text
        self._thread_text[article_id] = prepared.thread_text
        return article

    def remove_last(self, count: int) -> list[Article]:
        """Take out the last `count` articles registered (a preview, whose full
        version takes its place): their ids are free again, so the full version
        gets the id the preview had."""
        removed = self._articles[len(self._articles) - count :]
        del self._articles[len(self._articles) - count :]
        for article in removed:
            key = article.id
            del self._by_id[key], self._threads[key], self._article_text[key]
            del self._thread_text[key]
            base, _, suffix = key.rpartition("~")
            if suffix.isdigit() and base in self._next_suffix:
                # Counting on from a lower suffix only tries a free id sooner.
                self._next_suffix[base] = min(self._next_suffix[base], int(suffix))
        return removed

    def add(self, article: Article, base_id: str) -> Article:
        """Prepare and register an article in one go."""
        return self.register(self.prepare(article), base_id)

    @property
    def articles(self) -> list[Article]:
        return list(self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def thread(self, article_id: str) -> Thread:
        return self._threads[article_id]

    def comment_count(self, article_id: str) -> int:
        return self._threads[article_id].comment_count

    # Searching -----------------------------------------------------------------

    def search_thread(self, article_id: str, query: Query) -> Iterator[Match]:
        """Matches in the article's comments, in display order.

        Each match's key is `(comment index, paragraph)`, the paragraph being
        `HEADER` for the comment's author. Lazy: the first match is found
        without scanning the rest of the thread. Raises `QueryError`.
        """
        return self._thread_text[article_id].finditer(query)

    def search_article(self, article_id: str, query: Query) -> Iterator[Match]:
        """Matches in the article's own text; keys are `(TITLE|SUBTITLE|BODY|BIO, n)`."""
        return self._article_text[article_id].finditer(query)

    def search_all(self, query: Query) -> Iterator[tuple[str, int]]:
        """Every article whose text or comments match, in load order, with the
        number of its comments that match. Lazy, article by article."""
        for article in list(self._articles):
            matches = self.search_thread(article.id, query)
            comments = {match.key[0] for match in matches}  # type: ignore[index]
            if comments or next(self.search_article(article.id, query), None) is not None:
                yield article.id, len(comments)
