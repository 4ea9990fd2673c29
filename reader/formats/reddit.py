"""A Reddit thread as `https://www.reddit.com/comments/ID.json` gives it.

A two-element array of listings: the post (`t3`: `title`, `author`,
`created_utc`, `selftext` in Markdown, `url`, `permalink`, `subreddit`,
`score`, `num_comments`, `is_self`), then the comments (`t1`: `id`, `author`,
`body` in Markdown with `&amp;`, `&lt;` and `&gt;` escaped, `created_utc`,
`score`, `edited`, `is_submitter`, `distinguished`: `moderator`, `admin` or
null, `stickied`, `replies`: `""` or a nested listing).
A `more` entry is not a comment: it becomes one stub for the replies the file
does not hold (`count: 0`: the thread continues on reddit).

A subreddit's page (`https://www.reddit.com/r/SUB/hot.json`) is one listing of
posts: each becomes an article without its comments.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import LoadError
from ..model import Article, Comment
from .jsonstream import NotStreamable, read_streamed
from .sample import NotThisFormat, Sample
from .text.markdown import markdown_to_text
from .tree import build_comments
from .values import int_of, iso_from_unix, list_of, string_of

SITE = "https://www.reddit.com"
_GONE = {"[deleted]": "deleted", "[removed]": "removed"}
# How a thread's file starts, as Reddit writes it: its first listing's kind first.
_THREAD_START = re.compile(
    rb'(?:\xef\xbb\xbf)?[ \t\n\r]*\[[ \t\n\r]*\{[ \t\n\r]*"kind"[ \t\n\r]*:[ \t\n\r]*"Listing"'
)
# Where a thread's comments are: the second listing's `data.children`.
_COMMENTS_PATH = (1, "data", "children")


def sniff(sample: Sample) -> bool:
    if not sample.json_read and sample.suffix == ".json" and _THREAD_START.match(sample.head(64)):
        # Taken by its first bytes, to be read a piece at a time (`parse`):
        # parsed here, it would be held whole.
        return True
    return _is_thread(sample.json if sample.is_json else None)


def _is_thread(data: object) -> bool:
    return (
        isinstance(data, list)
        and len(data) == 2
        and all(isinstance(part, dict) and part.get("kind") == "Listing" for part in data)
    )


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    chunks = sample.take_json_chunks()
    if chunks is not None:
        # A big file: its comments are made as each top-level one is read,
        # the bytes freed as they are decoded; the text and the parsed tree
        # are never whole.
        comments: list[Comment] = []

        def build(item: list[Any]) -> None:
            build_comments(comments, item, _comment_of, _replies, let_go=True)

        try:
            document = read_streamed(chunks, _COMMENTS_PATH, build)
        except NotStreamable:
            document = None
        if _is_thread(document):
            article = _article(sample, document[0])
            article.comments = comments
            build_comments(comments, _children(document[1]), _comment_of, _replies, let_go=True)
            return [article]
        del comments, document
        sample.read_again()
    if not _is_thread(sample.json):
        # Taken by its first bytes, yet not a thread: the loader asks the
        # other formats (the JSON read whole now says what it is, or what is
        # wrong with it).
        raise NotThisFormat
    # The tree is freed as its comments are made when the sample parsed it
    # (a document fetched from the web is its fetcher's too).
    own = sample.take_own_json()
    let_go = own is not None
    post_listing, comment_listing = own if let_go else sample.json
    del own
    article = _article(sample, post_listing)
    build_comments(
        article.comments,
        _children(comment_listing),
        _comment_of,
        _replies,
        let_go=let_go,
    )
    return [article]


def _article(sample: Sample, post_listing: object) -> Article:
    """The article of the thread's first listing, which holds its post."""
    posts = [child for child in _children(post_listing) if isinstance(child, dict)]
    entry = next((child for child in posts if child.get("kind") == "t3"), None)
    if entry is None:
        raise LoadError(sample.path, "Reddit thread without its post (no t3 entry)")
    post = entry.get("data")
    if not isinstance(post, dict):
        raise LoadError(sample.path, "the post (t3 entry) has no `data` object")
    return post_article(post)


def comments_of(items: list[Any]) -> list[Comment]:
    """The comments and stubs of `t1` and `more` entries, nested as their
    replies are (the comments fetched for a `more` stub, to put in its place)."""
    comments: list[Comment] = []
    build_comments(comments, items, _comment_of, _replies)
    return comments


def sniff_listing(sample: Sample) -> bool:
    """A subreddit's page of posts (`/r/SUB/hot.json`): one listing of `t3`s."""
    data = sample.json if sample.is_json else None
    return (
        isinstance(data, dict)
        and data.get("kind") == "Listing"
        and any(_is_post(child) for child in _children(data))
    )


def parse_listing(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    """Each post of a subreddit's page, without its comments (its `num_comments` kept)."""
    return [post_article(child["data"]) for child in _children(sample.json) if _is_post(child)]


def post_article(post: dict[str, Any]) -> Article:
    """The article of a post (`t3`), comments to come."""
    body, body_blocks = markdown_to_text(_unescape(string_of(post.get("selftext"))))
    permalink = string_of(post.get("permalink"))
    thread_url = SITE + permalink if permalink else None
    subreddit = string_of(post.get("subreddit"))
    author = _author(post.get("author"))
    link = string_of(post.get("url"))
    return Article(
        title=string_of(post.get("title")) or "Reddit thread",
        author=author,
        byline=f"By u/{author}" if author else None,
        source=f"r/{subreddit}" if subreddit else "Reddit",
        published=iso_from_unix(post.get("created_utc")),
        url=link or thread_url if post.get("is_self") is False else thread_url,
        body=body,
        body_blocks=body_blocks,
        source_id=string_of(post.get("name")) or _prefixed("t3_", post.get("id")),
        score=int_of(post.get("score")),
        comment_count=int_of(post.get("num_comments")),
        format="reddit",
    )


def _is_post(child: object) -> bool:
    return (
        isinstance(child, dict)
        and child.get("kind") == "t3"
        and isinstance(child.get("data"), dict)
    )


def _comment_of(child: object) -> Comment | None:
    """A `t1` entry's comment, a `more` entry's stub; None for anything else."""
    if not isinstance(child, dict) or not isinstance(child.get("data"), dict):
        return None
    kind = child.get("kind")
    if kind == "t1":
        return _comment(child["data"])
    return _more(child["data"]) if kind == "more" else None


def _replies(child: dict[str, Any]) -> list[Any]:
    return _children(child["data"].get("replies")) if child.get("kind") == "t1" else []


def _comment(data: dict[str, Any]) -> Comment:
    body = _unescape(string_of(data.get("body")))
    gone = _GONE.get(body.strip())
    status = gone or _GONE.get(string_of(data.get("author")))
    text, blocks = ([], None) if gone else markdown_to_text(body)
    edited = data.get("edited")
    return Comment(
        author=_author(data.get("author")),
        posted=iso_from_unix(data.get("created_utc")),
        # Frozen as the store keeps it, now: the builder's list is freed at
        # once and its memory taken by the next comment, not left as 100,000
        # holes when the store freezes them all after the last comment.
        text=tuple(text),
        blocks=blocks,
        source_id=string_of(data.get("name")) or _prefixed("t1_", data.get("id")),
        score=int_of(data.get("score")),
        edited=iso_from_unix(edited) if edited not in (False, None) else None,
        is_op=data.get("is_submitter") is True,
        status=status,
        distinguished=string_of(data.get("distinguished")) or None,
        stickied=data.get("stickied") is True,
    )


def _more(data: dict[str, Any]) -> Comment:
    count = int_of(data.get("count")) or 0
    words = (
        f"{count} more repl{'y' if count == 1 else 'ies'} not in this file"
        if count
        else "thread continues on reddit"
    )
    return Comment(
        text=[words],
        source_id=string_of(data.get("name")) or _prefixed("t1_", data.get("id")),
        status="more",
        more=count,
    )


def _children(listing: object) -> list[Any]:
    if not isinstance(listing, dict) or not isinstance(listing.get("data"), dict):
        return []
    return list_of(listing["data"].get("children"))


def _unescape(text: str) -> str:
    """Reddit escapes these three in Markdown it stores; `&amp;` last."""
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _author(value: object) -> str | None:
    author = string_of(value)
    return None if not author or author in _GONE else author


def _prefixed(prefix: str, value: object) -> str | None:
    return f"{prefix}{value}" if isinstance(value, str) and value else None
