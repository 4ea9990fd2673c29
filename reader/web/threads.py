"""A front page's stories and their threads: a story listed on a Hacker News
front page, a subreddit's page or a Lobsters page is an article without its
comments, whose thread is fetched by its own URL when it is opened."""

from __future__ import annotations

from urllib.parse import quote

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
    """The URL of the thread of `article`, a story read from a front page;
    None for any other article (a thread already, a feed's item, a file)."""
    if article.origin is None or not article.source_id or not is_front_page(article.origin):
        return None
    story = quote(article.source_id, safe="")
    if article.format == "hn":
        return f"{ITEM_URL}{story}"
    if article.format == "reddit":
        return f"https://www.reddit.com/comments/{story.removeprefix('t3_')}/"
    if article.format == "lobsters":
        return f"https://lobste.rs/s/{story}"
    return None
