"""Hacker News as the Algolia API gives an item: one nested object.

Saved with `curl -o thread.json 'https://hn.algolia.com/api/v1/items/ID'`:
`id`, `type`, `author`, `created_at_i`, `title`, `url`, `text` (HTML),
`points`, `children` (the same shape, nested). A deleted comment has neither
author nor text.
"""

from __future__ import annotations

from typing import Any

from ...model import Article, Comment
from ..sample import Sample
from ..values import int_of, iso_from_unix, list_of
from .site import build_hn_comments, new_article, new_comment


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    return isinstance(data, dict) and "children" in data and "created_at_i" in data


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    root: dict[str, Any] = sample.json
    article = new_article(
        root.get("id"), root.get("title"), root.get("author"), root.get("url"), root.get("text")
    )
    article.published = _posted(root)
    article.score = int_of(root.get("points"))

    build_hn_comments(article, _children(root), _comment, _children)
    return [article]


def _comment(item: dict[str, Any]) -> Comment:
    comment = new_comment(item.get("id"), item.get("author"), _posted(item), item.get("text"))
    if comment.author is None and not comment.text:
        comment.status = "deleted"
    return comment


def _children(item: dict[str, Any]) -> list[Any]:
    return list_of(item.get("children"))


def _posted(item: dict[str, Any]) -> str | None:
    return iso_from_unix(item.get("created_at_i")) or (
        item["created_at"] if isinstance(item.get("created_at"), str) else None
    )
