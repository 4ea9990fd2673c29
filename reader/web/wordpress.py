"""A WordPress post and its comments, through the site's REST API.

A WordPress site says where its API is in a `Link: <https://SITE/wp-json/>;
rel="https://api.w.org/"` header, or a `<link rel="https://api.w.org/">` in
the page's head (`https://SITE/?rest_route=/` on sites without pretty
permalinks). The post is found by its slug (the URL's last path segment, or
`?p=ID`): `GET wp/v2/posts?slug=SLUG&_embed=author` (`title.rendered`,
`content.rendered`, `date_gmt`, `link`, the author's name embedded). Its
comments: `GET wp/v2/comments?post=ID&per_page=100&order=asc&page=N`, every
page the `X-WP-TotalPages` header counts (each comment names its `parent`, 0
at the top level; `author_name`, `date_gmt`, `content.rendered`).

The document kept is reader's WordPress bundle, read by
`reader.formats.feed.wordpress`:
`{"wordpress": {"api": ROOT, "site": NAME, "post": POST, "comments": [...]}}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from ..errors import LoadError
from .fetcher import Fetcher
from .page_head import WORDPRESS_API_REL, PageHead
from .request import FetchError, Response

PER_PAGE = 100
# Pages of comments asked for at most (10,000 comments).
MAX_PAGES = 100
_LINK = re.compile(r'<([^>]*)>\s*;[^,]*?rel="?([^",;]+)"?')


def api_root(headers: Mapping[str, str], head: PageHead) -> str | None:
    """The site's REST API root, if the page says it is a WordPress site."""
    for target, rel in _LINK.findall(headers.get("link", "")):
        if rel.strip().lower() == WORDPRESS_API_REL:
            return target.strip()
    return head.links.get(WORDPRESS_API_REL)


def endpoint(root: str, route: str, query: dict[str, str | int]) -> str:
    """`ROOT/wp/v2/ROUTE?QUERY`, or `?rest_route=/wp/v2/ROUTE&QUERY` for a
    root of that form."""
    parts = urlsplit(root)
    if "rest_route" in parse_qs(parts.query):
        base = root.split("?", 1)[0]
        return f"{base}?rest_route=/wp/v2/{route}&{urlencode(query)}"
    return f"{root.rstrip('/')}/wp/v2/{route}?{urlencode(query)}"


def fetch_bundle(fetcher: Fetcher, root: str, page_url: str, site: str | None) -> bytes:
    """The post at `page_url` and all its comments, as reader's bundle
    (LoadError when the API does not give them: the caller falls back)."""
    post = _post(fetcher, root, page_url)
    comments: list[Any] = []
    pages = 1
    page = 1
    while page <= pages:
        query: dict[str, str | int] = {
            "post": post["id"],
            "per_page": PER_PAGE,
            "order": "asc",
            "page": page,
        }
        url = endpoint(root, "comments", query)
        found, response = fetcher.request_json(url, _comments_problem)
        comments.extend(item for item in found if isinstance(item, dict))
        if page == 1:
            pages = min(_total_pages(response), MAX_PAGES)
        page += 1
    bundle = {"wordpress": {"api": root, "site": site, "post": post, "comments": comments}}
    return json.dumps(bundle).encode()


def _post(fetcher: Fetcher, root: str, page_url: str) -> dict[str, Any]:
    parts = urlsplit(page_url)
    post_id = parse_qs(parts.query).get("p", [""])[0]
    if post_id.isdigit():
        url = endpoint(root, f"posts/{post_id}", {"_embed": "author"})
        post, _ = fetcher.request_json(url, _post_problem)
        return post
    slug = next((part for part in reversed(parts.path.split("/")) if part), "")
    if not slug:
        raise LoadError(page_url, "the URL names no post (no slug)")
    url = endpoint(root, "posts", {"slug": unquote(slug), "_embed": "author"})
    found, _ = fetcher.request_json(url, _posts_problem)
    if not found:
        raise FetchError(url, f"no post with the slug {slug!r}")
    return found[0]


def _total_pages(response: Response) -> int:
    value = response.headers.get("x-wp-totalpages", "1").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


def is_post(data: object) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("id"), int)
        and isinstance(data.get("content"), dict)
        and isinstance(data["content"].get("rendered"), str)
    )


def _post_problem(data: Any) -> str | None:
    return None if is_post(data) else "not a WordPress post (REST API)"


def _posts_problem(data: Any) -> str | None:
    if isinstance(data, list) and all(is_post(item) for item in data):
        return None
    return "not a list of WordPress posts (REST API)"


def _comments_problem(data: Any) -> str | None:
    if isinstance(data, list) and all(
        isinstance(item, dict) and isinstance(item.get("id"), int) for item in data
    ):
        return None
    return "not a list of WordPress comments (REST API)"
