"""The in-memory document store that every pane reads from: each loaded
article with its `Thread` and its search texts, under an id unique here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .model import Article, Thread
from .model.subjects import list_tag
from .search.fields import article_search_text, thread_search_text
from .search.query import Match, Query, SearchText


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
