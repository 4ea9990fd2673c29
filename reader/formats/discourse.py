"""A Discourse topic as `https://FORUM/t/ID.json` gives it (`reader.web`
keeps it with every post; a saved one holds its first 20).

`id`, `title` (`fancy_title` has HTML entities), `created_at`, `posts_count`,
`slug`, `details.created_by.username`, and `post_stream.posts`: each post
with `id`, `post_number`, `username` (and `name`), `created_at`,
`updated_at`, `cooked` (its HTML), `reply_to_post_number` (null: it answers
the topic), `deleted_at`/`user_deleted`/`hidden`. The first post is the
article's body; the others are its comments, nested by
`reply_to_post_number` (a reply to the first post, or to a post not in the
file, goes to the top level).
"""

from __future__ import annotations

from typing import Any

from ..model import Article, Comment
from .sample import Sample
from .text.html import html_to_text
from .values import int_of, list_of, text_of


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    if not isinstance(data, dict) or not isinstance(data.get("post_stream"), dict):
        return False
    return isinstance(data["post_stream"].get("posts"), list) and "title" in data


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    topic: dict[str, Any] = sample.json
    posts = [post for post in list_of(topic["post_stream"].get("posts")) if isinstance(post, dict)]
    posts.sort(key=lambda post: int_of(post.get("post_number")) or 0)
    first = posts[0] if posts and int_of(posts[0].get("post_number")) == 1 else None
    base = _topic_url(topic)
    body, blocks = _cooked(first, base) if first is not None else ([], None)
    author = _user(first) if first is not None else _creator(topic)
    article = Article(
        title=text_of(topic.get("title")) or f"Discourse topic {topic.get('id')}",
        author=author,
        byline=f"By {author}" if author else None,
        source=text_of(topic.get("site_name")),
        published=text_of(topic.get("created_at")),
        url=base,
        body=body,
        body_blocks=blocks,
        source_id=str(topic["id"]) if int_of(topic.get("id")) is not None else base,
        comment_count=max(0, (int_of(topic.get("posts_count")) or 1) - 1),
        format="discourse",
    )
    # One pass in post order: a post answers an earlier one, so no cycle.
    placed: dict[int, Comment] = {}
    for post in posts:
        if post is first:
            continue
        text, text_blocks = _cooked(post, base)
        number = int_of(post.get("post_number"))
        name = _user(post)
        deleted = post.get("deleted_at") or post.get("user_deleted") is True
        created = text_of(post.get("created_at"))
        updated = text_of(post.get("updated_at"))
        comment = Comment(
            author=name,
            posted=created,
            text=text,
            blocks=text_blocks,
            source_id=str(post["id"]) if int_of(post.get("id")) is not None else None,
            score=_likes(post),
            is_op=author is not None and name == author,
            status="deleted" if deleted else "removed" if post.get("hidden") is True else None,
            edited=updated if updated and created and updated[:16] != created[:16] else None,
        )
        parent = placed.get(int_of(post.get("reply_to_post_number")) or 0)
        (parent.replies if parent is not None else article.comments).append(comment)
        if number is not None:
            placed.setdefault(number, comment)
    return [article]


def _cooked(post: dict[str, Any], base: str | None) -> tuple[list[str], Any]:
    cooked = text_of(post.get("cooked"))
    return html_to_text(cooked, base=base) if cooked else ([], None)


def _user(post: dict[str, Any]) -> str | None:
    return text_of(post.get("username")) or text_of(post.get("name"))


def _creator(topic: dict[str, Any]) -> str | None:
    details = topic.get("details")
    creator = details.get("created_by") if isinstance(details, dict) else None
    return text_of(creator.get("username")) if isinstance(creator, dict) else None


def _likes(post: dict[str, Any]) -> int | None:
    for action in list_of(post.get("actions_summary")):
        if isinstance(action, dict) and action.get("id") == 2:
            return int_of(action.get("count"))
    return None


def _topic_url(topic: dict[str, Any]) -> str | None:
    """The topic's page (`reader.web` adds `url`: the JSON does not say its forum)."""
    return text_of(topic.get("url"))
