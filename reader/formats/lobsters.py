"""A Lobsters story as `https://lobste.rs/s/ID.json` gives it.

`short_id`, `short_id_url`, `created_at` (ISO 8601), `title`, `url` (empty
for a text post), `score`, `comment_count`, `description` (HTML),
`submitter_user` (a name; older servers: an object with `username`), `tags`,
and `comments`: flat, in the order the site shows them, each with
`short_id`, `parent_comment` (its parent's `short_id`, null at the top
level), `depth`, `created_at`, `last_edited_at`, `is_deleted`,
`is_moderated`, `score`, `comment` (HTML; for a comment that is gone, why)
and `commenting_user`. A comment edited after it was posted is marked so.
A comment whose parent is not in the file goes to the
top level.

A page of stories (`/hottest.json`, `/newest.json`, `/t/TAG.json`) is an array
of stories without `comments`: each becomes an article without its comments.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..model import Article, Comment
from .sample import Sample
from .text.html import html_to_text
from .values import int_of, text_of

SITE = "Lobsters"
# Seconds between posting and an edit that count as no edit.
_SAME_MOMENT = 60


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    return (
        isinstance(data, dict)
        and isinstance(data.get("short_id"), str)
        and "submitter_user" in data
        and isinstance(data.get("comments"), list)
    )


def sniff_list(sample: Sample) -> bool:
    """A page of stories (`/hottest.json`, `/newest.json`, `/t/TAG.json`): an array
    of stories without their comments."""
    data = sample.json if sample.is_json else None
    return (
        isinstance(data, list)
        and bool(data)
        and all(
            isinstance(story, dict) and isinstance(story.get("short_id"), str) for story in data
        )
        and "submitter_user" in data[0]
    )


def parse_list(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    """Each story of a page, without its comments (its `comment_count` kept)."""
    return [story_article(story) for story in sample.json]


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    story: dict[str, Any] = sample.json
    article = story_article(story)
    placed: dict[str, Comment] = {}
    for item in story["comments"]:
        if not isinstance(item, dict):
            continue
        comment = _comment(item, article.author)
        parent = placed.get(item.get("parent_comment"))  # type: ignore[arg-type]
        (parent.replies if parent is not None else article.comments).append(comment)
        if comment.source_id is not None:
            placed[comment.source_id] = comment
    return [article]


def story_article(story: dict[str, Any]) -> Article:
    """The article of a story, comments to come."""
    body, body_blocks = _html(story.get("description"))
    author = _user(story.get("submitter_user"))
    tags = [tag for tag in story.get("tags") or [] if isinstance(tag, str)]
    return Article(
        title=text_of(story.get("title")) or f"Lobsters story {story['short_id']}",
        subtitle=", ".join(tags) or None,
        author=author,
        byline=f"By {author}" if author else None,
        source=SITE,
        published=text_of(story.get("created_at")),
        url=text_of(story.get("url")) or text_of(story.get("short_id_url")),
        body=body,
        body_blocks=body_blocks,
        source_id=story["short_id"],
        score=int_of(story.get("score")),
        comment_count=int_of(story.get("comment_count")),
        format="lobsters",
    )


def _comment(item: dict[str, Any], submitter: str | None) -> Comment:
    text, blocks = _html(item.get("comment"))
    author = _user(item.get("commenting_user"))
    posted = text_of(item.get("created_at"))
    edited = text_of(item.get("last_edited_at"))
    status = (
        "deleted"
        if item.get("is_deleted") is True
        else "removed"
        if item.get("is_moderated") is True
        else None
    )
    return Comment(
        author=author,
        posted=posted,
        text=text,
        blocks=blocks,
        source_id=text_of(item.get("short_id")),
        score=int_of(item.get("score")),
        edited=edited if _later(edited, posted) else None,
        is_op=author is not None and author == submitter,
        status=status,
    )


def _later(edited: str | None, posted: str | None) -> bool:
    """Whether the comment was edited after it was posted: Lobsters sets
    `last_edited_at` as it creates a comment too, a moment before `created_at`."""
    if edited is None or posted is None:
        return False
    try:
        later = datetime.fromisoformat(edited) - datetime.fromisoformat(posted)
    except (ValueError, TypeError):  # not ISO 8601, or one with an offset and one without
        return edited != posted
    return later.total_seconds() > _SAME_MOMENT


def _html(value: object) -> tuple[list[str], Any]:
    if not isinstance(value, str) or not value.strip():
        return [], None
    return html_to_text(value)


def _user(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("username")
    return text_of(value)
