"""An article made ready for the store off the UI thread: the costly part of
adding it (its thread's arrays, its search texts and, with a state this
session, its `ArticleState`), touching nothing but the article."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .model import Article, Thread
from .model.subjects import list_tag
from .search.fields import article_search_text, thread_search_text
from .search.query import SearchText

if TYPE_CHECKING:
    from .state import ArticleState, State


class PreparedArticle(NamedTuple):
    """An article with its thread index, search texts and state (None: no
    state this session), ready to register. An article listed before its
    text was read has no thread text (None): a search makes it of the
    comments' authors when it looks (see `DocumentStore`)."""

    article: Article
    thread: Thread
    article_text: SearchText
    thread_text: SearchText | None
    state: ArticleState | None = None


class PreparedBatch(NamedTuple):
    """A batch of articles ready for the store, and how many of the articles
    given just before it (a preview of its file) it takes the place of."""

    articles: list[PreparedArticle]
    replacing: int = 0


def prepare(article: Article, state: State | None = None) -> PreparedArticle:
    """Index an article for the store (and read its state, which hashes every
    comment): safe to run off the UI thread."""
    subject, tag = article.subject or article.title, list_tag(article.source)
    listed = article.deferred.thread if article.deferred is not None else None
    if listed is not None and not listed.article_id:
        # Made as the format listed it (a mailbox's thread), in no store yet.
        thread = listed
        thread.subject, thread.list_tag = subject, tag
    else:
        thread = Thread(article.comments, subject, tag)
    return PreparedArticle(
        article,
        thread,
        article_search_text(article),
        # (Of a listed article, the authors alone: 0.1 s of a 50,000-message
        # archive's listing, for a search that reads the bodies anyway.)
        thread_search_text(thread) if article.deferred is None else None,
        state.prepare(article, thread) if state is not None else None,
    )
