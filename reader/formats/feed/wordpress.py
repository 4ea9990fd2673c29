"""A WordPress post with its comments: reader's WordPress bundle, which
`reader.web` builds from the site's REST API (and keeps in its cache):

    {"wordpress": {"api": the API root, "site": the site's name or null,
                   "post": the post as wp/v2/posts gives it,
                   "comments": every comment as wp/v2/comments gives them}}

The post: `title.rendered`, `content.rendered` (HTML), `date_gmt` (UTC),
`link`, `id`, and its author's `name` where `_embedded.author` holds it. A
comment: `id`, `parent` (0 at the top level), `author_name`, `date_gmt`,
`content.rendered`; threaded by `parent`, in the order given (oldest first).
A comment whose parent is not among those before it goes to the top level.
"""

from __future__ import annotations

from typing import Any

from ...model import Article, Comment
from ..sample import Sample
from ..text.html import html_to_text
from ..values import int_of, list_of, text_of


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    if not isinstance(data, dict) or not isinstance(data.get("wordpress"), dict):
        return False
    bundle = data["wordpress"]
    return isinstance(bundle.get("post"), dict) and isinstance(bundle.get("comments"), list)


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    bundle: dict[str, Any] = sample.json["wordpress"]
    post: dict[str, Any] = bundle["post"]
    link = text_of(post.get("link"))
    body, blocks = _html(post.get("content"), link)
    title, _ = _html(post.get("title"), link)
    author = _post_author(post)
    article = Article(
        title=" ".join(title) or link or "(untitled post)",
        author=author,
        byline=f"By {author}" if author else None,
        source=text_of(bundle.get("site")),
        published=_utc(post.get("date_gmt")) or text_of(post.get("date")),
        url=link,
        body=body,
        body_blocks=blocks,
        source_id=str(post["id"]) if int_of(post.get("id")) is not None else link,
        format="wordpress",
    )
    # Threaded in one pass, oldest first: a parent is placed before its replies,
    # so that no list of comments can make a cycle.
    placed: dict[int, Comment] = {}
    count = 0
    for item in list_of(bundle.get("comments")):
        if not isinstance(item, dict):
            continue
        text, text_blocks = _html(item.get("content"), text_of(item.get("link")))
        name = text_of(item.get("author_name"))
        comment_id = int_of(item.get("id"))
        comment = Comment(
            author=name,
            posted=_utc(item.get("date_gmt")) or text_of(item.get("date")),
            text=text,
            blocks=text_blocks,
            source_id=str(comment_id) if comment_id is not None else None,
            is_op=author is not None and name == author,
        )
        parent = placed.get(int_of(item.get("parent")) or 0)
        (parent.replies if parent is not None else article.comments).append(comment)
        if comment_id is not None:
            placed.setdefault(comment_id, comment)
        count += 1
    article.comment_count = count
    return [article]


def _html(value: object, base: str | None) -> tuple[list[str], Any]:
    rendered = value.get("rendered") if isinstance(value, dict) else None
    if not isinstance(rendered, str) or not rendered.strip():
        return [], None
    return html_to_text(rendered, base=base)


def _post_author(post: dict[str, Any]) -> str | None:
    embedded = post.get("_embedded")
    authors = list_of(embedded.get("author")) if isinstance(embedded, dict) else []
    first = authors[0] if authors else None
    return text_of(first.get("name")) if isinstance(first, dict) else None


def _utc(value: object) -> str | None:
    """WordPress's `date_gmt` (`2024-06-01T10:00:00`, no offset) as UTC ISO 8601."""
    text = text_of(value)
    return f"{text}+00:00" if text and len(text) == 19 else text
