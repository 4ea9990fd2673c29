"""Hacker News threads by URL: `https://news.ycombinator.com/item?id=N`.

Any item of a thread opens its story, the cursor on the item when it is a
comment. The content comes in one request from Algolia (`GET
hn.algolia.com/api/v1/items/N`: the story and every comment, nested); the
order HN shows comments in comes from the official Firebase API (`GET
hacker-news.firebaseio.com/v0/item/N.json`: `kids`, best first), since
Algolia does not keep it.

In two steps, so that the thread shows after two requests: first the story's
Algolia item and its Firebase item, which orders the top level exactly; then
(the document's `then`) the items of the comments with two replies or more,
a few at once, upper levels first, up to `REPLY_ORDER_REQUESTS` of them:
deeper replies past that keep Algolia's order. Deleted and dead comments,
which Algolia gives as `{id, children}`, keep their place (their parent's
`kids` lists them).

A comment's URL takes one request more: Algolia's item names its story. A
comment Algolia names no story of (deleted, under a dead or deleted one, or
too new for Algolia, which then answers 404) is followed up through the
Firebase items' `parent`s, one request an item, at most `PARENT_HOPS`.

The document read is Algolia's item with its children in that order, kept
under the story's URL (after each step), so that it opens offline as it was
last fetched.

Front pages (`/`, `/news`, `/newest`, `/best`, `/ask`, `/show`, `/jobs`) list
their first `FRONT_PAGE` stories, without comments: the ranking from Firebase
(`v0/topstories.json` and the like), the stories from one Algolia search for
their ids (`search?tags=(story_1,story_2,…)`), kept in the ranking's order.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future
from typing import Any, NamedTuple
from urllib.parse import SplitResult, parse_qs

from ..errors import LoadError
from ..formats.jsondoc import encode_json
from .daemons import in_daemon, map_in_daemons
from .document import Document
from .fetcher import Fetcher
from .request import FetchError

HOSTS = frozenset(["news.ycombinator.com", "ycombinator.com"])
ITEM_URL = "https://news.ycombinator.com/item?id="
ALGOLIA_ITEM = "https://hn.algolia.com/api/v1/items/"
FIREBASE_ITEM = "https://hacker-news.firebaseio.com/v0/item/"
# How far up from a comment its story is looked for, item by item.
PARENT_HOPS = 64
STORY_TYPES = frozenset(["story", "poll", "job"])
# Items fetched for the order of replies below the top level, and how many at once.
REPLY_ORDER_REQUESTS = 100
REPLY_ORDER_CONNECTIONS = 4
FIREBASE = "https://hacker-news.firebaseio.com/v0/"
ALGOLIA_SEARCH = "https://hn.algolia.com/api/v1/search"
FRONT_PAGE = 30
# A front page's path, and the Firebase list that ranks it.
RANKINGS = {
    "/": "topstories",
    "/news": "topstories",
    "/newest": "newstories",
    "/best": "beststories",
    "/ask": "askstories",
    "/show": "showstories",
    "/jobs": "jobstories",
}


class HnItem(NamedTuple):
    """An item of a thread (its story or one of its comments)."""

    item_id: int

    def fetch(self, fetcher: Fetcher) -> Document:
        """The story in Algolia's item, its top level in HN's order: two
        requests, at once (the URL's item is most often the story, whose
        Firebase item orders the top level); a comment's URL takes two more,
        its story's. The order of the replies below follows (`then`)."""
        own = in_daemon(lambda: _firebase_item(fetcher, self.item_id))
        item, story, focus = self._story(fetcher, own)
        story_id = item["id"]
        kids = {story_id: _kids(story)}
        _in_order(item, kids)
        url = f"{ITEM_URL}{story_id}"
        copy = fetcher.keep(url, encode_json(item), ".json")
        wanted = _to_order(item)
        if not wanted:
            return Document(copy, focus, item)

        def reply_order(fetcher: Fetcher) -> Document:
            kids.update(_reply_orders(fetcher, wanted))
            _in_order(item, kids)
            return Document(fetcher.keep(url, encode_json(item), ".json"), focus, item)

        return Document(copy, focus, item, reply_order)

    def _story(
        self, fetcher: Fetcher, own: Future[dict[str, Any]]
    ) -> tuple[dict[str, Any], dict[str, Any], str | None]:
        """The story's Algolia item and Firebase item (asked at once), and the
        comment to put the cursor on; `own`: the Firebase item of the URL's
        item, asked for."""
        try:
            item, _ = fetcher.get_json(f"{ALGOLIA_ITEM}{self.item_id}", _algolia_problem)
        except FetchError as error:
            if error.status != 404:
                raise
            # Too new for Algolia, or gone from it: Firebase knows its parents.
            item = {"id": self.item_id}
        if item.get("type") == "story" or item.get("story_id") == item.get("id"):
            return item, own.result(), None
        focus = str(self.item_id)
        story_id = item.get("story_id")
        if isinstance(story_id, int):
            asked = in_daemon(lambda: _firebase_item(fetcher, story_id))
            item, _ = fetcher.get_json(f"{ALGOLIA_ITEM}{story_id}", _algolia_problem)
            return item, asked.result(), focus
        story = self._story_above(own.result(), fetcher)
        item, _ = fetcher.get_json(f"{ALGOLIA_ITEM}{story['id']}", _algolia_problem)
        return item, story, focus

    def _story_above(self, item: dict[str, Any], fetcher: Fetcher) -> dict[str, Any]:
        """The Firebase item of the story `item` is in, by the `parent`s (a
        poll option's `poll`), `PARENT_HOPS` items at most: for a comment
        Algolia names no story of (deleted, or under a dead or deleted one)."""
        looked = 1
        while item.get("type") not in STORY_TYPES:
            if looked == PARENT_HOPS:
                raise LoadError(self.url, f"the item's story is more than {PARENT_HOPS} items up")
            parent = item.get("parent", item.get("poll"))
            if not _is_id(parent):
                raise LoadError(self.url, "the item's story is not known (it names no parent)")
            item = _firebase_item(fetcher, parent)
            looked += 1
        return item

    @property
    def url(self) -> str:
        return f"{ITEM_URL}{self.item_id}"


class HnFrontPage(NamedTuple):
    """A front page: its URL (what it is kept under) and its Firebase ranking."""

    url: str
    ranking: str

    def fetch(self, fetcher: Fetcher) -> Document:
        ranked, _ = fetcher.get_json(f"{FIREBASE}{self.ranking}.json", _ranking_problem)
        ids = [item for item in ranked if isinstance(item, int)][:FRONT_PAGE]
        tags = ",".join(f"story_{item}" for item in ids)
        query = f"{ALGOLIA_SEARCH}?tags=({tags})&hitsPerPage={max(1, len(ids))}"
        found, _ = fetcher.get_json(query, _search_problem)
        rank = {str(item): place for place, item in enumerate(ids)}
        hits = [hit for hit in found["hits"] if isinstance(hit, dict)]
        hits = sorted(
            (hit for hit in hits if hit.get("objectID") in rank),
            key=lambda hit: rank[hit["objectID"]],
        )
        page = {"hits": hits, "nbHits": len(hits), "hitsPerPage": len(hits)}
        return Document(fetcher.keep(self.url, encode_json(page), ".json"), parsed=page)


def recognise(parts: SplitResult) -> HnItem | HnFrontPage | None:
    """The item or front page a news.ycombinator.com URL names, if any."""
    ranking = RANKINGS.get(parts.path or "/")
    if ranking is not None:
        return HnFrontPage(f"https://news.ycombinator.com{parts.path or '/'}", ranking)
    if parts.path != "/item":
        return None
    values = parse_qs(parts.query).get("id", [])
    if len(values) != 1 or not values[0].isdigit() or not values[0].isascii():
        return None
    return HnItem(int(values[0]))


def _firebase_item(fetcher: Fetcher, item_id: int) -> dict[str, Any]:
    item, _ = fetcher.get_json(f"{FIREBASE_ITEM}{item_id}.json", _firebase_problem)
    return item


def _to_order(story: dict[str, Any]) -> list[int]:
    """The comments whose replies' order is asked for: those with two replies
    or more, upper levels first, as many as `REPLY_ORDER_REQUESTS` allows."""
    wanted: list[int] = []
    queue: deque[dict[str, Any]] = deque(_children(story))
    while queue and len(wanted) < REPLY_ORDER_REQUESTS:
        item = queue.popleft()
        children = _children(item)
        if len(children) >= 2 and isinstance(item.get("id"), int):
            wanted.append(item["id"])
        queue.extend(children)
    return wanted


def _reply_orders(fetcher: Fetcher, wanted: list[int]) -> dict[int, list[int]]:
    """The `kids` of the `wanted` comments, a few at once; one that fails
    keeps Algolia's order."""

    def kids_of(item_id: int) -> tuple[int, list[int]] | None:
        try:
            return item_id, _kids(_firebase_item(fetcher, item_id))
        except LoadError:
            return None

    found = map_in_daemons(kids_of, wanted, REPLY_ORDER_CONNECTIONS)
    return dict(pair for pair in found if pair is not None)


def _in_order(root: dict[str, Any], kids: dict[int, list[int]]) -> dict[str, Any]:
    """`root` with each listed item's children in its `kids` order; children
    its `kids` do not list (too new for it) come after, in Algolia's order."""
    stack = [root]
    while stack:
        item = stack.pop()
        children = _children(item)
        order = kids.get(item.get("id"))  # type: ignore[arg-type]
        if order:
            rank = {kid: place for place, kid in enumerate(order)}
            last = len(rank)
            children.sort(key=lambda child: rank.get(child.get("id"), last))
        stack.extend(children)
    return root


def _children(item: dict[str, Any]) -> list[dict[str, Any]]:
    children = item.get("children")
    if not isinstance(children, list):
        return []
    # Kept in place (the list is sorted where it is), anything but an item dropped.
    children[:] = [child for child in children if isinstance(child, dict)]
    return children


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _kids(item: dict[str, Any]) -> list[int]:
    kids = item.get("kids")
    return [kid for kid in kids if isinstance(kid, int)] if isinstance(kids, list) else []


def _algolia_problem(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return "not a Hacker News item (Algolia API)"
    if not isinstance(data.get("children"), list):
        return "not a Hacker News item (Algolia API): no children"
    return None


def _ranking_problem(data: Any) -> str | None:
    return None if isinstance(data, list) else "not a Hacker News ranking (Firebase API)"


def _search_problem(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("hits"), list):
        return None
    return "not a Hacker News search result (Algolia API)"


def _firebase_problem(data: Any) -> str | None:
    if data is None:
        return "no such Hacker News item"
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return "not a Hacker News item (Firebase API)"
    return None
