"""What the three Hacker News shapes share: their HTML and their site."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model import Article, Comment
from ..text.html import html_to_text
from ..tree import build_comments
from ..values import text_of

SITE = "Hacker News"
ITEM_URL = "https://news.ycombinator.com/item?id="


def hn_text(html: object) -> tuple[list[str], Any]:
    """HN's comment HTML as block strings and layout; `>` paragraphs are quotes."""
    if not isinstance(html, str) or not html:
        return [], None
    return html_to_text(html, gt_quotes=True)


def item_url(item_id: object) -> str | None:
    return f"{ITEM_URL}{item_id}" if item_id is not None else None


def new_article(
    item_id: object, title: object, author: object, url: object, html: object
) -> Article:
    body, body_blocks = hn_text(html)
    return Article(
        title=text_of(title) or f"Hacker News item {item_id}",
        author=text_of(author),
        byline=f"By {author}" if text_of(author) else None,
        source=SITE,
        url=text_of(url) or item_url(item_id),
        body=body,
        body_blocks=body_blocks,
        source_id=str(item_id) if item_id is not None else None,
        format="hn",
    )


def new_comment(item_id: object, author: object, posted: str | None, html: object) -> Comment:
    text, blocks = hn_text(html)
    return Comment(
        author=text_of(author),
        posted=posted,
        text=text,
        blocks=blocks,
        source_id=str(item_id) if item_id is not None else None,
    )


def status_of(item: dict[str, Any]) -> str | None:
    """`deleted` or `dead` where the item says so (`deleted: true`, `dead: true`)."""
    if item.get("deleted") is True:
        return "deleted"
    return "dead" if item.get("dead") is True else None


def build_hn_comments(
    article: Article,
    items: list[Any],
    comment_of: Callable[[dict[str, Any]], Comment],
    replies_of: Callable[[dict[str, Any]], list[Any]],
) -> None:
    """The article's comment tree from nested items (`tree.build_comments`):
    an item that is not an object is skipped, and a comment by the story's
    author is marked as the original poster's."""

    def made(item: object) -> Comment | None:
        if not isinstance(item, dict):
            return None
        comment = comment_of(item)
        mark_op(article, comment)
        return comment

    build_comments(article.comments, items, made, replies_of)


def mark_op(article: Article, comment: Comment) -> None:
    comment.is_op = comment.author is not None and comment.author == article.author
