"""A Reddit thread as `https://www.reddit.com/comments/ID.json` gives it.

A two-element array of listings: the post (`t3`: `title`, `author`,
`created_utc`, `selftext` in Markdown, `url`, `permalink`, `subreddit`,
`score`, `num_comments`, `is_self`), then the comments (`t1`: `id`, `author`,
`body` in Markdown with `&amp;`, `&lt;` and `&gt;` escaped, `created_utc`,
`score`, `edited`, `is_submitter`, `distinguished`: `moderator`, `admin` or
null, `stickied`, `replies`: `""` or a nested listing).
A `more` entry is not a comment: it becomes one stub for the replies the file
does not hold (`count: 0`: the thread continues on reddit).
"""

from __future__ import annotations

from typing import Any

from ..errors import LoadError
from ..model import Article, Comment
from .markdowntext import markdown_to_text
from .sample import Sample
from .times import iso_from_unix

SITE = "https://www.reddit.com"
_GONE = {"[deleted]": "deleted", "[removed]": "removed"}


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    return (
        isinstance(data, list)
        and len(data) == 2
        and all(isinstance(part, dict) and part.get("kind") == "Listing" for part in data)
    )


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    post_listing, comment_listing = sample.json
    posts = [child for child in _children(post_listing) if isinstance(child, dict)]
    entry = next((child for child in posts if child.get("kind") == "t3"), None)
    if entry is None:
        raise LoadError(sample.path, "Reddit thread without its post (no t3 entry)")
    post = entry.get("data")
    if not isinstance(post, dict):
        raise LoadError(sample.path, "the post (t3 entry) has no `data` object")
    body, body_blocks = markdown_to_text(_unescape(_string(post.get("selftext"))))
    permalink = _string(post.get("permalink"))
    thread_url = SITE + permalink if permalink else None
    subreddit = _string(post.get("subreddit"))
    author = _author(post.get("author"))
    article = Article(
        title=_string(post.get("title")) or "Reddit thread",
        author=author,
        byline=f"By u/{author}" if author else None,
        source=f"r/{subreddit}" if subreddit else "Reddit",
        published=iso_from_unix(post.get("created_utc")),
        url=_string(post.get("url")) or thread_url if post.get("is_self") is False else thread_url,
        body=body,
        body_blocks=body_blocks,
        source_id=_string(post.get("name")) or _prefixed("t3_", post.get("id")),
        score=_int(post.get("score")),
        comment_count=_int(post.get("num_comments")),
        format="reddit",
    )
    stack: list[tuple[list[Any], list[Comment]]] = [(_children(comment_listing), article.comments)]
    while stack:
        children, target = stack.pop()
        for child in children:
            if not isinstance(child, dict) or not isinstance(child.get("data"), dict):
                continue
            data = child["data"]
            if child.get("kind") == "more":
                target.append(_more(data))
            elif child.get("kind") == "t1":
                comment = _comment(data)
                target.append(comment)
                replies = _children(data.get("replies"))
                if replies:
                    stack.append((replies, comment.replies))
    return [article]


def _comment(data: dict[str, Any]) -> Comment:
    body = _unescape(_string(data.get("body")))
    gone = _GONE.get(body.strip())
    status = gone or _GONE.get(_string(data.get("author")))
    text, blocks = ([], None) if gone else markdown_to_text(body)
    edited = data.get("edited")
    return Comment(
        author=_author(data.get("author")),
        posted=iso_from_unix(data.get("created_utc")),
        text=text,
        blocks=blocks,
        source_id=_string(data.get("name")) or _prefixed("t1_", data.get("id")),
        score=_int(data.get("score")),
        edited=iso_from_unix(edited) if edited not in (False, None) else None,
        is_op=data.get("is_submitter") is True,
        status=status,
        distinguished=_string(data.get("distinguished")) or None,
        stickied=data.get("stickied") is True,
    )


def _more(data: dict[str, Any]) -> Comment:
    count = _int(data.get("count")) or 0
    words = (
        f"{count} more repl{'y' if count == 1 else 'ies'} not in this file"
        if count
        else "thread continues on reddit"
    )
    return Comment(
        text=[words],
        source_id=_string(data.get("name")) or _prefixed("t1_", data.get("id")),
        status="more",
        more=count,
    )


def _children(listing: object) -> list[Any]:
    if not isinstance(listing, dict) or not isinstance(listing.get("data"), dict):
        return []
    children = listing["data"].get("children")
    return children if isinstance(children, list) else []


def _unescape(text: str) -> str:
    """Reddit escapes these three in Markdown it stores; `&amp;` last."""
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _author(value: object) -> str | None:
    author = _string(value)
    return None if not author or author in _GONE else author


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _prefixed(prefix: str, value: object) -> str | None:
    return f"{prefix}{value}" if isinstance(value, str) and value else None
