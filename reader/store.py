"""The in-memory document store that every pane reads from.

Each article's comment tree is also flattened into arrays in display
(pre-)order, so that walking, counting and navigating a thread are index
arithmetic rather than recursion: a reply chain thousands deep is just a long
array here.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Article, Comment
from .sanitize import neutralise
from .search import Match, Query, SearchText

# Search keys of an article's own text: (field name, paragraph number).
TITLE, SUBTITLE, BODY, BIO = "title", "subtitle", "body", "bio"
# Paragraph number of a comment's header (its author) in thread search keys.
HEADER = -1


def article_search_text(article: Article) -> SearchText:
    """The article's own text, in reading order, for finding in the body pane.

    Fields are searched as they are shown (neutralised), so spans line up
    with the screen."""
    fields: list[tuple[tuple[str, int], str]] = [((TITLE, 0), article.title)]
    if article.subtitle:
        fields.append(((SUBTITLE, 0), article.subtitle))
    fields.extend(((BODY, number), paragraph) for number, paragraph in enumerate(article.body))
    if article.author_bio:
        fields.extend(
            ((BIO, number), paragraph)
            for number, paragraph in enumerate(article.author_bio.split("\n\n"))
        )
    return SearchText([(key, neutralise(text)) for key, text in fields])


def thread_search_text(thread: Thread) -> SearchText:
    """A thread's comments in display order: each one's author, then its paragraphs."""
    fields: list[tuple[tuple[int, int], str]] = []
    for index, comment in enumerate(thread.comments):
        fields.append(((index, HEADER), neutralise(comment.author or "")))
        fields.extend(
            ((index, number), neutralise(text)) for number, text in enumerate(comment.text)
        )
    return SearchText(fields)


class Thread:
    """The comments of one article in display order, with their tree links.

    For the comment at index `i`: `depths[i]` is its nesting level (0 for
    top-level), `parents[i]` the index of its parent (-1 for top-level) and
    `ends[i]` the index just past its last descendant, so its subtree is the
    slice `i:ends[i]`.
    """

    __slots__ = ("article_id", "comments", "depths", "ends", "parents", "top_level")

    def __init__(self, article_id: str, roots: list[Comment]) -> None:
        self.article_id = article_id
        self.comments: list[Comment] = []
        self.depths: list[int] = []
        self.parents: list[int] = []
        self.ends: list[int] = []
        self.top_level: list[int] = []
        self._flatten(roots)

    def _flatten(self, roots: list[Comment]) -> None:
        comments, depths, parents, ends = self.comments, self.depths, self.parents, self.ends
        # Stack entries: (comment, parent index, depth, ordinal among siblings).
        stack: list[tuple[Comment, int, int, int]] = [
            (comment, -1, 0, ordinal) for ordinal, comment in reversed(list(enumerate(roots, 1)))
        ]
        # Indices whose subtree is still open, innermost last.
        open_ancestors: list[int] = []
        while stack:
            comment, parent, depth, ordinal = stack.pop()
            index = len(comments)
            while open_ancestors and depths[open_ancestors[-1]] >= depth:
                ends[open_ancestors.pop()] = index
            comment.parent = comments[parent] if parent >= 0 else None
            comment.depth = depth
            comment.ordinal = ordinal
            comment.index = index
            comment.article_id = self.article_id
            comments.append(comment)
            depths.append(depth)
            parents.append(parent)
            ends.append(index + 1)
            if parent < 0:
                self.top_level.append(index)
            if comment.replies:
                open_ancestors.append(index)
                replies = comment.replies
                for reply_ordinal in range(len(replies), 0, -1):
                    stack.append((replies[reply_ordinal - 1], index, depth + 1, reply_ordinal))
        for index in open_ancestors:
            ends[index] = len(comments)

    def __len__(self) -> int:
        return len(self.comments)

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

    def previous_sibling(self, index: int) -> int | None:
        siblings = self.siblings(index)
        position = siblings.index(index)
        return siblings[position - 1] if position > 0 else None

    def find(self, path: str) -> int | None:
        """Index of the comment at a position path such as `3.1.2`, if any."""
        index = -1
        try:
            ordinals = [int(part) for part in path.split(".")]
        except ValueError:
            return None
        for ordinal in ordinals:
            children = self.children(index)
            if not 1 <= ordinal <= len(children):
                return None
            index = children[ordinal - 1]
        return index if index >= 0 else None


class DocumentStore:
    """Every loaded article, in load order, and their threads."""

    def __init__(self) -> None:
        self._articles: list[Article] = []
        self._by_id: dict[str, Article] = {}
        self._threads: dict[str, Thread] = {}
        self._article_text: dict[str, SearchText] = {}
        self._thread_text: dict[str, SearchText] = {}

    def add(self, article: Article, base_id: str) -> Article:
        """Add an article under an id derived from `base_id`, unique in this store."""
        article_id = base_id or "article"
        suffix = 2
        while article_id in self._by_id:
            article_id = f"{base_id}~{suffix}"
            suffix += 1
        article.id = article_id
        self._articles.append(article)
        self._by_id[article_id] = article
        thread = Thread(article_id, article.comments)
        self._threads[article_id] = thread
        self._article_text[article_id] = article_search_text(article)
        self._thread_text[article_id] = thread_search_text(thread)
        return article

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

    def comment(self, comment_id: str) -> Comment | None:
        """The comment with an id such as `000_x:3.1`, or None."""
        article_id, _, path = comment_id.rpartition(":")
        thread = self._threads.get(article_id)
        if thread is None:
            return None
        index = thread.find(path)
        return thread.comments[index] if index is not None else None

    def comment_count(self, article_id: str) -> int:
        return len(self._threads[article_id])

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
