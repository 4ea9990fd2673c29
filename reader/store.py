"""The in-memory document store that every pane reads from: each loaded
article with its `Thread`, its search texts and its state, under an id unique
here. The load hands it prepared batches (`apply`)."""

from __future__ import annotations

from array import array
from collections.abc import Container, Iterator
from typing import TYPE_CHECKING

from .model import Article, Thread
from .prepared import PreparedArticle, PreparedBatch, prepare
from .search.fields import article_search_text, thread_search_text
from .search.query import Match, Query, SearchText
from .sorts import resorted

if TYPE_CHECKING:
    from .state import ArticleState


class UniqueIds:
    """Ids unique among those `taken`: `base`, then `base~2`, `base~3`, ... (the
    next `x.yaml`, the next thread of mailbox `x`)."""

    def __init__(self, taken: Container[str]) -> None:
        self.taken = taken
        # The next `~n` to try for each base id: a mailbox's thousands of
        # threads share one, and counting up from 2 each time was quadratic.
        self._next_suffix: dict[str, int] = {}

    def new(self, base: str) -> str:
        """An id derived from `base` that is not taken (the caller takes it)."""
        article_id, suffix = base, self._next_suffix.get(base, 2)
        while article_id in self.taken:
            article_id = f"{base}~{suffix}"
            suffix += 1
        self._next_suffix[base] = suffix
        return article_id

    def free(self, article_id: str) -> None:
        """`article_id` is no longer taken: the next id of its base may be it."""
        base, _, suffix = article_id.rpartition("~")
        if suffix.isdigit() and base in self._next_suffix:
            # Counting on from a lower suffix only tries a free id sooner.
            self._next_suffix[base] = min(self._next_suffix[base], int(suffix))


class DocumentStore:
    """Every loaded article, in load order, and their threads."""

    def __init__(self) -> None:
        self._articles: list[Article] = []
        self._by_id: dict[str, Article] = {}
        self._ids = UniqueIds(self._by_id)
        self._threads: dict[str, Thread] = {}
        self._article_text: dict[str, SearchText] = {}
        self._thread_text: dict[str, SearchText] = {}
        # Each article's state, where it has one (a state this session).
        self._states: dict[str, ArticleState] = {}

    def register(self, prepared: PreparedArticle, base_id: str | None = None) -> Article:
        """Add a prepared article under an id unique here, derived from `base_id`,
        by default the article's file name without its suffix (`x`, then `x~2`
        for the next `x.yaml` or the next thread of mailbox `x`)."""
        if base_id is None:
            path = prepared.article.path
            base_id = path.stem if path is not None else ""
        article_id = self._ids.new(base_id or "article")
        article = prepared.article
        article.id = prepared.thread.article_id = article_id
        self._articles.append(article)
        self._by_id[article_id] = article
        self._threads[article_id] = prepared.thread
        self._article_text[article_id] = prepared.article_text
        self._thread_text[article_id] = prepared.thread_text
        if prepared.state is not None:
            self._states[article_id] = prepared.state
        return article

    def apply(self, batch: PreparedBatch) -> list[Article]:
        """Register a batch's articles, after taking out the ones it replaces
        (a preview: see `remove_last`); gives those replaced."""
        replaced = self.remove_last(batch.replacing) if batch.replacing else []
        for prepared in batch.articles:
            self.register(prepared)
        return replaced

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
            self._states.pop(key, None)
            self._ids.free(key)
        return removed

    def replace(self, article_id: str, prepared: PreparedArticle) -> Article:
        """Put `prepared` in the place of the article `article_id` (the same
        thread fetched again, or a story's thread in the place of the story),
        under the same id."""
        article = self._put(article_id, prepared.article)
        prepared.thread.article_id = article_id
        self._threads[article_id] = prepared.thread
        self._article_text[article_id] = prepared.article_text
        self._thread_text[article_id] = prepared.thread_text
        if prepared.state is not None:
            self._states[article_id] = prepared.state
        else:
            self._states.pop(article_id, None)
        return article

    def add(self, article: Article, base_id: str) -> Article:
        """Prepare and register an article in one go."""
        return self.register(prepare(article), base_id)

    def replace_article(self, article_id: str, article: Article) -> Article:
        """Put `article` in the place of the one under `article_id` (its whole
        text fetched: the same article with another body), under that id, its
        thread and state kept and its own text searched anew."""
        self._put(article_id, article)
        self._article_text[article_id] = article_search_text(article)
        return article

    def _put(self, article_id: str, article: Article) -> Article:
        """`article` in the list's place of the one under `article_id`, under that id."""
        old = self._by_id[article_id]
        article.id = article_id
        self._articles[next(i for i, a in enumerate(self._articles) if a is old)] = article
        self._by_id[article_id] = article
        return article

    @property
    def articles(self) -> list[Article]:
        return list(self._articles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def thread(self, article_id: str) -> Thread:
        return self._threads[article_id]

    def state(self, article_id: str) -> ArticleState | None:
        """The article's state (None: no state this session)."""
        return self._states.get(article_id)

    @property
    def states(self) -> list[ArticleState]:
        """Every loaded article's state (none without a state this session)."""
        return list(self._states.values())

    def sort_thread(self, article_id: str, order: str) -> array[int] | None:
        """Sort the article's comments (`reader.sorts`), its search text and
        state following: for each comment, where it was (None: in that order
        already)."""
        thread = self._threads[article_id]
        if thread.order == order:
            return None
        sorted_thread, old_of_new = resorted(thread, order)
        self._threads[article_id] = sorted_thread
        self._thread_text[article_id] = thread_search_text(sorted_thread)
        state = self._states.get(article_id)
        if state is not None:
            state.reorder(old_of_new)
        return old_of_new

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

    def forget_folded(self) -> None:
        """Drop the case-folded copies every search so far made of the loaded
        text: the memory back as at load (each is made again when searched)."""
        for text in (*self._article_text.values(), *self._thread_text.values()):
            text.forget_folded()

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
