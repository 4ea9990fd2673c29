"""Hacker News as the HNPWA / node-hnapi API gives an item (`GET /item/ID`).

`id`, `title`, `user`, `time` (unix seconds), `url` (`item?id=N` for Ask HN),
`content` (HTML), `points`, `comments_count` (older: `commentscount`) and
`comments`, nested: `id`, `level`, `user`, `time`, `content`, `comments`.
A deleted comment has `deleted: true`, no `user` and content `[deleted]`; a
dead one has `dead: true` and keeps its text.
"""

from __future__ import annotations

from typing import Any

from ..model import Article, Comment
from .hn import ITEM_URL, int_of, mark_op, new_article, new_comment, text_of
from .sample import Sample
from .times import iso_from_unix

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
    stack: list[tuple[list[Any], list[Comment]]] = [(_comments(root), article.comments)]
    while stack:
        items, target = stack.pop()
        for item in items:
            if not isinstance(item, dict):
                continue
            deleted = item.get("deleted") is True
            comment = new_comment(
                item.get("id"),
                item.get("user"),
                iso_from_unix(item.get("time")),
                None if deleted else item.get("content"),
            )
            if deleted:
                comment.status = "deleted"
            elif item.get("dead") is True:
                comment.status = "dead"
            mark_op(article, comment)
            target.append(comment)
            replies = _comments(item)
            if replies:
                stack.append((replies, comment.replies))
    return [article]


def _comments(item: dict[str, Any]) -> list[Any]:
    comments = item.get("comments")
    return comments if isinstance(comments, list) else []
