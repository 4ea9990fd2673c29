"""Hacker News items as the official Firebase API gives them, one per item,
saved as a JSON array or as JSON lines (one item a line).

`id`, `type`, `by`, `time`, `text` (HTML), `kids`, `parent`, `title`, `url`,
`score`, `descendants`, `dead`, `deleted`. The tree is assembled from
`parent` and `kids`: kid order is display order, a reply its parent does not
list comes after the listed ones, and an item whose parent is not in the file
goes to the top level.
"""

from __future__ import annotations

from typing import Any

from ...errors import LoadError
from ...model import Article, Comment
from ..sample import Sample
from ..values import int_of, iso_from_unix, list_of
from .site import mark_op, new_article, new_comment, status_of

_ROOT_TYPES = frozenset(["story", "job", "poll"])


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    if not isinstance(data, list) or not data:
        return False
    first = data[0]
    return (
        isinstance(first, dict)
        and "id" in first
        and "time" in first
        and ("by" in first or "kids" in first or "type" in first)
    )


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    items = [
        item
        for item in sample.json
        if isinstance(item, dict) and isinstance(item.get("id"), int | str)
    ]
    story = next((item for item in items if _type(item) in _ROOT_TYPES), None)
    if story is None:
        story = {"id": None, "title": f"Hacker News items ({len(items)})"}
    article = new_article(
        story.get("id"), story.get("title"), story.get("by"), story.get("url"), story.get("text")
    )
    article.published = iso_from_unix(story.get("time"))
    article.score = int_of(story.get("score"))
    article.comment_count = int_of(story.get("descendants"))

    comments: dict[Any, Comment] = {}
    by_id: dict[Any, dict[str, Any]] = {}
    for item in items:
        if item is story or _type(item) == "pollopt":
            continue
        comment = new_comment(
            item["id"], item.get("by"), iso_from_unix(item.get("time")), item.get("text")
        )
        comment.status = status_of(item)
        mark_op(article, comment)
        comments[item["id"]] = comment
        by_id[item["id"]] = item

    placed: set[Any] = set()
    replies_of: dict[Any, list[Any]] = {}
    for item_id, item in by_id.items():
        _check_ids(sample, item)
        if item.get("parent") is not None:
            replies_of.setdefault(item["parent"], []).append(item_id)
    _check_ids(sample, story)
    top = _ordered(story.get("kids"), replies_of.get(story.get("id"), []), comments, placed)
    placed.update(top)
    top += [
        item_id
        for item_id, item in by_id.items()
        if item_id not in placed and item.get("parent") not in by_id
    ]
    placed.update(top)
    article.comments = [comments[item_id] for item_id in top]
    stack = list(top)
    while stack:
        item_id = stack.pop()
        item = by_id[item_id]
        kids = _ordered(item.get("kids"), replies_of.get(item_id, []), comments, placed)
        placed.update(kids)
        comments[item_id].replies = [comments[kid] for kid in kids]
        stack.extend(kids)
    return [article]


def _type(item: dict[str, Any]) -> str | None:
    kind = item.get("type")
    return kind if isinstance(kind, str) else None


def _is_id(value: object) -> bool:
    return isinstance(value, int | str) and not isinstance(value, bool)


def _check_ids(sample: Sample, item: dict[str, Any]) -> None:
    """Raise LoadError, naming the item, if its `parent` is not an id or its
    `kids` are not a list of ids (a list or an object in their place cannot be
    looked up: the tree is built from them)."""
    parent, kids = item.get("parent"), item.get("kids")
    if parent is not None and not _is_id(parent):
        raise LoadError(sample.path, f"item {item.get('id')}: `parent` must be an item id")
    if kids is not None and not (isinstance(kids, list) and all(map(_is_id, kids))):
        raise LoadError(sample.path, f"item {item.get('id')}: `kids` must be a list of item ids")


def _ordered(
    kids: object, replies: list[Any], comments: dict[Any, Comment], placed: set[Any]
) -> list[Any]:
    """Listed kids in their order, then replies the parent does not list, each once."""
    ordered: list[Any] = []
    seen: set[Any] = set()
    for kid in [*list_of(kids), *replies]:
        if kid in comments and kid not in placed and kid not in seen:
            seen.add(kid)
            ordered.append(kid)
    return ordered
