"""The in-memory document store that every pane reads from: each loaded
article with its `Thread`, its search texts and its state, under an id unique
here. The load hands it prepared batches (`apply`).

An article may be listed before its text is read (a mailbox's thread,
`Article.deferred`): its thread then holds its comments' authors and ids
alone. It is read off the UI thread (`read`) and put in its place (`replace`)
when it is opened; a search of every article reads only what may match
(`DeferredText.texts`), and keeps nothing of it."""

from __future__ import annotations

from array import array
from collections.abc import Container, Iterator
from typing import TYPE_CHECKING

from .model import Article, Thread
from .prepared import PreparedArticle, PreparedBatch, prepare
from .sanitize import neutralise
from .search.fields import article_search_text, thread_search_text
from .search.query import Match, Query, SearchText, plan
from .sorts import resorted

if TYPE_CHECKING:
    from .state import ArticleState, State


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
        # (None: a listed article's, made when searched: see `_listed_text`.)
        self._thread_text: dict[str, SearchText | None] = {}
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

    def is_listed(self, article_id: str) -> bool:
        """Whether the article's text is still to be read (see `read`)."""
        return self._by_id[article_id].deferred is not None

    def read(self, article_id: str, state: State | None = None) -> PreparedArticle | None:
        """The listed article read in full and prepared, for `replace`, with
        its state: the listed one's, unless reading it left out messages
        that can no longer be read (then read again from `state`). None if
        none of it can be read any more (its format's warnings say why).
        Safe off the UI thread: it changes nothing here. Raises what reading
        raises."""
        listed = self._by_id[article_id]
        assert listed.deferred is not None
        full = listed.deferred.read()
        if full is None:
            return None
        full.path = listed.path
        prepared = prepare(full)
        marks = self._states.get(article_id)
        if marks is not None and state is not None and marks.comment_count != len(prepared.thread):
            marks = state.prepare(full, prepared.thread)
        return prepared._replace(state=marks)

    def replace(self, article_id: str, prepared: PreparedArticle) -> Article:
        """Put `prepared` in the place of the article `article_id` (the same
        thread fetched again, a story's thread in the place of the story, or
        a listed thread read in full: see `read`), under the same id."""
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
        without scanning the rest of the thread. Raises `QueryError`. (Of a
        listed article, its text is read for the search, and not kept.)
        """
        return self._texts(article_id)[1].finditer(query)

    def forget_folded(self) -> None:
        """Drop the case-folded copies every search so far made of the loaded
        text: the memory back as at load (each is made again when searched)."""
        for text in (*self._article_text.values(), *self._thread_text.values()):
            if text is not None:
                text.forget_folded()

    def search_article(self, article_id: str, query: Query) -> Iterator[Match]:
        """Matches in the article's own text; keys are `(TITLE|SUBTITLE|BODY|BIO, n)`."""
        return self._texts(article_id)[0].finditer(query)

    def _texts(self, article_id: str) -> tuple[SearchText, SearchText]:
        if self.is_listed(article_id):
            prepared = self.read(article_id)
            if prepared is not None and prepared.thread_text is not None:
                return prepared.article_text, prepared.thread_text
        return self._article_text[article_id], self._thread_search_text(article_id)

    def _thread_search_text(self, article_id: str) -> SearchText:
        """The article's comments' search text; of a listed article, its
        comments' authors, made now (and not kept)."""
        text = self._thread_text[article_id]
        return thread_search_text(self._threads[article_id]) if text is None else text

    def search_all(self, query: Query) -> Iterator[tuple[str, int]]:
        """Every article whose text or comments match, in load order, with the
        number of its comments that match. Lazy, article by article."""
        plan(query)  # an invalid query raises before any article is looked at
        for article in list(self._articles):
            if article.deferred is not None:
                found = self._search_listed(article, query)
            else:
                matches = self._thread_search_text(article.id).finditer(query)
                comments = {match.key[0] for match in matches}  # type: ignore[index]
                text = self._article_text[article.id]
                found = len(comments), next(text.finditer(query), None) is not None
            if found[0] or found[1]:
                yield article.id, found[0]

    def _search_listed(self, article: Article, query: Query) -> tuple[int, bool]:
        """`search_all` of an article whose text is still to be read: how many
        comments match, and whether its own text does. Its title and the
        comments' authors are here; of its text, only the messages that may
        hold the query are read (and not kept)."""
        assert article.deferred is not None
        matches = self._thread_search_text(article.id).finditer(query)
        comments: set[int] = {match.key[0] for match in matches}  # type: ignore[misc]
        own = next(self._article_text[article.id].finditer(query), None) is not None
        needle = query.needle()
        for place, paragraphs in article.deferred.texts(*needle or (None, False)):
            if (place - 1 in comments) if place else own:
                continue
            text = SearchText([neutralise(paragraph) for paragraph in paragraphs], paragraphs)
            if next(text.finditer(query), None) is not None:
                if place:
                    comments.add(place - 1)
                else:
                    own = True
        return len(comments), own
