"""Reddit threads by URL: `https://www.reddit.com/r/SUB/comments/ID/slug/`
(also `old.`, `np.`, `new.`, `m.` and bare `reddit.com`, `/comments/ID`
without the subreddit, and `https://redd.it/ID`); a comment's permalink
(`.../comments/ID/slug/COMMENT/`) opens the thread, the cursor on it.

One request: `GET https://www.reddit.com/comments/ID.json?raw_json=1&limit=500`
(a two-listing array: the post, then the comments, `more` stubs for the rest),
kept as it came and read by the Reddit format reader, with the comments of the
stubs expanded before put in (see `reddit_more`). A comment's permalink whose
comment is behind a stub takes one more: the permalink's own JSON, whose
comment (with its parents) is grafted in where the stub stood.

A subreddit's page (`/r/SUB/`, `/hot`, `/new`, `/top`, `/rising`) lists its
posts without comments: `GET /r/SUB/SORT.json?raw_json=1&limit=30` (with `t=`
for `/top`). Reddit allows one request at a time here (see `CONNECTIONS`) and
says its limits in `X-Ratelimit-*` headers, which the client heeds.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import SplitResult, parse_qs

from ..errors import LoadError
from ..formats.jsondoc import encode_json
from .document import Document
from .fetcher import Fetcher
from .reddit_api import API, CONTEXT, document_url, permalink_url, thread_problem, thread_url
from .reddit_more import apply_kept
from .reddit_tree import comment_names, graft, top_level

HOSTS = frozenset(f"{prefix}reddit.com" for prefix in ("", "www.", "old.", "np.", "new.", "m.")) | {
    "redd.it"
}
_ID = r"[a-z0-9]{1,13}"
_THREAD = re.compile(
    rf"^(?:/r/[A-Za-z0-9_]+)?/comments/(?P<thread>{_ID})(?:/[^/]*(?:/(?P<comment>{_ID}))?)?/?$"
)
_SHORT = re.compile(rf"^/(?P<thread>{_ID})/?$")
_SUBREDDIT = re.compile(r"^/r/(?P<sub>[A-Za-z0-9_]+)(?:/(?P<sort>hot|new|top|rising))?/?$")
_PERIODS = frozenset(["hour", "day", "week", "month", "year", "all"])
FRONT_PAGE = 30


class RedditThread(NamedTuple):
    """A thread, and the comment its URL names (base 36 ids, no prefix)."""

    thread_id: str
    comment_id: str | None = None

    def fetch(self, fetcher: Fetcher) -> Document:
        thread, copy = fetcher.get_json(thread_url(self.thread_id), thread_problem)
        changed = apply_kept(fetcher.cache, self.thread_id, thread)
        focus = f"t1_{self.comment_id}" if self.comment_id else None
        if focus is not None and focus not in comment_names(top_level(thread)):
            changed = self._graft(fetcher, thread) or changed
        if changed:
            copy = fetcher.keep(document_url(self.thread_id), encode_json(thread), ".json")
        return Document(copy, focus, thread)

    def _graft(self, fetcher: Fetcher, thread: list[Any]) -> bool:
        """Graft in the comment the URL names, from its permalink: it is
        behind a stub. A permalink that cannot be had leaves the thread as it
        is (the cursor then finds no comment to be on)."""
        url = permalink_url(self.thread_id, self.comment_id or "", CONTEXT)
        try:
            chain, _ = fetcher.get_json(url, thread_problem)
        except LoadError:
            return False
        return graft(thread, chain, f"t1_{self.comment_id}")


class Subreddit(NamedTuple):
    """A subreddit's page of posts, sorted (`hot`, `new`, `top`, `rising`)."""

    name: str
    sort: str
    period: str | None = None

    def fetch(self, fetcher: Fetcher) -> Document:
        url = f"{API}/r/{self.name}/{self.sort}.json?raw_json=1&limit={FRONT_PAGE}"
        page, copy = fetcher.get_json(
            url + (f"&t={self.period}" if self.period else ""), _page_problem
        )
        return Document(copy, parsed=page)


def recognise(parts: SplitResult) -> RedditThread | Subreddit | None:
    """The thread or subreddit page a Reddit URL names, if it names one."""
    host = (parts.hostname or "").lower()
    page = _SUBREDDIT.match(parts.path) if host != "redd.it" else None
    if page is not None:
        sort = page.group("sort") or "hot"
        period = parse_qs(parts.query).get("t", [None])[0] if sort == "top" else None
        return Subreddit(page.group("sub"), sort, period if period in _PERIODS else None)
    path = parts.path.lower()
    found = (_SHORT if host == "redd.it" else _THREAD).match(path)
    if found is None:
        return None
    comment = found.groupdict().get("comment")
    return RedditThread(found.group("thread"), comment)


def _page_problem(data: Any) -> str | None:
    if isinstance(data, dict) and data.get("kind") == "Listing":
        return None
    return "not a subreddit's page (expected a listing of posts)"
