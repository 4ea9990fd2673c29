"""A comment's own link, where its source gives comments one: what `o` opens
and `y` copies on a comment, as circumflex and tuir do.

Worked out from what the parser kept (the article's and the comment's ids,
the article's URL), nothing stored per comment: Hacker News items, Reddit
permalinks, Lobsters and Discourse comments, WordPress comment anchors, and a
mail's place in the list's archive (its thread's `Archived-At` with the
message's own id, or lore.kernel.org for the kernel's lists).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from .model import Article, Comment

HN_ITEM = "https://news.ycombinator.com/item?id="
REDDIT = "https://www.reddit.com"
LOBSTERS_COMMENT = "https://lobste.rs/c/"
# Every list lore.kernel.org archives, under one name (`/all/`).
LORE_ALL = "https://lore.kernel.org/all/"
KERNEL_LISTS = ".kernel.org"
# What a Message-ID keeps in an archive's URL (public-inbox quotes the rest).
MESSAGE_ID_SAFE = "@.-_+=~!$&'*,;:"


def comment_url(article: Article, comment: Comment) -> str | None:
    """The comment's own link, or None where its source gives it none."""
    comment_id = comment.source_id
    if not comment_id:
        return None
    kind = article.format
    if kind == "hn":
        return HN_ITEM + quote(comment_id)
    if kind == "reddit":
        return _reddit(article, comment_id)
    if kind == "lobsters":
        return LOBSTERS_COMMENT + quote(comment_id)
    if kind == "discourse" and article.url:
        parts = urlsplit(article.url)
        return f"{parts.scheme}://{parts.netloc}/p/{quote(comment_id)}"
    if kind == "wordpress" and article.url:
        return f"{article.url.split('#')[0]}#comment-{quote(comment_id)}"
    if kind == "mail":
        return _mail(article, comment_id)
    return None


def _reddit(article: Article, comment_id: str) -> str | None:
    post = (article.source_id or "").removeprefix("t3_")
    if not post:
        return None
    return f"{REDDIT}/comments/{quote(post)}/_/{quote(comment_id.removeprefix('t1_'))}/"


def _mail(article: Article, message_id: str) -> str | None:
    """The message in the archive its thread's first message is in."""
    bare = message_id.strip("<>")
    root = (article.source_id or "").strip("<>")
    url = article.url
    if url and root:
        for form in (root, quote(root, safe=MESSAGE_ID_SAFE)):
            if form in url:
                return url.replace(form, quote(bare, safe=MESSAGE_ID_SAFE), 1)
    if (article.source or "").endswith(KERNEL_LISTS):
        return f"{LORE_ALL}{quote(bare, safe=MESSAGE_ID_SAFE)}/"
    return None
