"""A front page's stories and their threads: a story listed on a Hacker News
front page, a subreddit's page or a Lobsters page is an article without its
comments, whose thread is fetched by its own URL when it is opened; so is a
feed's item with comments (a WordPress post's), by its page's URL."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from ..errors import LoadError
from ..model import Article
from .hn import ITEM_URL, HnFrontPage
from .links import recognise
from .lobsters import LobstersPage
from .reddit import Subreddit

FRONT_PAGES = (HnFrontPage, Subreddit, LobstersPage)


def is_front_page(url: str) -> bool:
    """Whether `url` lists stories without their comments."""
    try:
        return isinstance(recognise(url), FRONT_PAGES)
    except LoadError:
        return False


def story_thread(article: Article) -> str | None:
    """The URL of the thread of `article`, a story read from a front page or a
    feed's item with comments; None for any other article (a thread already,
    a file)."""
    if article.origin is None:
        return None
    if article.format == "feed":
        return _item_discussion(article)
    if not article.source_id or not is_front_page(article.origin):
        return None
    story = quote(article.source_id, safe="")
    if article.format == "hn":
        return f"{ITEM_URL}{story}"
    if article.format == "reddit":
        return f"https://www.reddit.com/comments/{story.removeprefix('t3_')}/"
    if article.format == "lobsters":
        return f"https://lobste.rs/s/{story}"
    return None


def _item_discussion(article: Article) -> str | None:
    """A feed's item the feed counts comments on (`slash:comments`, as
    WordPress writes it): its page, which opens with its discussion (the
    site's API, else the post's comment feed)."""
    if not article.comment_count or not article.url:
        return None
    return article.url if urlsplit(article.url).scheme in ("http", "https") else None
