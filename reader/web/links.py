"""Which service a URL is for, and what it names there."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import LoadError
from . import hn, lobsters, public_inbox, reddit
from .document import Link

# Hosts whose pages reader reads through their APIs only: any other page of
# theirs (a user's profile, a settings page) is not an article.
_SERVICE_HOSTS = hn.HOSTS | reddit.HOSTS | lobsters.HOSTS | public_inbox.KNOWN_HOSTS

KINDS = (
    "Hacker News items and front pages (https://news.ycombinator.com/item?id=N, /news, …)",
    "Reddit threads, comments and subreddits (https://www.reddit.com/r/SUB/comments/ID/…)",
    "Lobsters stories and pages (https://lobste.rs/s/ID, /newest, /t/TAG)",
    "public-inbox messages (https://lore.kernel.org/LIST/MESSAGE-ID/)",
    "feeds (RSS, Atom), WordPress posts, Discourse topics and any article page",
)


def recognise(url: str) -> Link:
    """The link `url` is, or a LoadError naming it and what reader reads."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise LoadError(url, "only http and https URLs are fetched")
    host = (parts.hostname or "").lower()
    link: Link | None
    if host in hn.HOSTS:
        link = hn.recognise(parts)
    elif host in reddit.HOSTS:
        link = reddit.recognise(parts)
    elif host in lobsters.HOSTS:
        link = lobsters.recognise(parts)
    else:
        link = public_inbox.recognise(parts)
    if link is None and host not in _SERVICE_HOSTS:
        # What it opens is decided by what it returns. Imported here: pages
        # need the HTML reader, which knowing a service's URL does not.
        from .page import WebPage

        link = WebPage(url)
    if link is None:
        raise LoadError(url, f"not a page reader reads; it reads {'; '.join(KINDS)}")
    return link
