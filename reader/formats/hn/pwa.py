"""Hacker News as the HNPWA / node-hnapi API gives an item (`GET /item/ID`).

`id`, `title`, `user`, `time` (unix seconds), `url` (`item?id=N` for Ask HN),
`content` (HTML), `points`, `comments_count` (older: `commentscount`) and
`comments`, nested: `id`, `level`, `user`, `time`, `content`, `comments`.
A deleted comment has `deleted: true`, no `user` and content `[deleted]`; a
dead one has `dead: true` and keeps its text.
"""

from __future__ import annotations

from typing import Any

from ...model import Article, Comment
from ..sample import Sample
from ..values import int_of, iso_from_unix, list_of, text_of
from .site import ITEM_URL, build_hn_comments, new_article, new_comment, status_of

_RELATIVE_ITEM = "item?id="


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    return (
        isinstance(data, dict)
        and "comments" in data
        and ("time_ago" in data or "comments_count" in data or "commentscount" in data)
    )


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    root: dict[str, Any] = sample.json
    url = text_of(root.get("url"))
    if url is not None and url.startswith(_RELATIVE_ITEM):
        url = ITEM_URL + url[len(_RELATIVE_ITEM) :]
    article = new_article(
        root.get("id"), root.get("title"), root.get("user"), url, root.get("content")
    )
    article.published = iso_from_unix(root.get("time"))
    article.score = int_of(root.get("points"))
    count = root.get("comments_count", root.get("commentscount"))
    article.comment_count = int_of(count)

    build_hn_comments(article, _comments(root), _comment, _comments)
    return [article]


def _comment(item: dict[str, Any]) -> Comment:
    status = status_of(item)
    comment = new_comment(
        item.get("id"),
        item.get("user"),
        iso_from_unix(item.get("time")),
        None if status == "deleted" else item.get("content"),
    )
    comment.status = status
    return comment


def _comments(item: dict[str, Any]) -> list[Any]:
    return list_of(item.get("comments"))
