"""A comment's own link, worked out from its source's ids and its article's
URL: what `o` opens and `y` copies on a comment."""

from __future__ import annotations

import pytest

from reader.model import Article, Comment
from reader.permalinks import comment_url
from tests.formats_support import comments, load


def test_an_hn_comment_is_its_item() -> None:
    article = load("hn_algolia.json")[0]
    assert comment_url(article, comments(article)[0]) == (
        "https://news.ycombinator.com/item?id=4101"
    )


def test_a_reddit_comment_is_its_permalink_under_the_post() -> None:
    article = load("reddit.json")[0]
    first = comments(article)[0]
    assert comment_url(article, first) == "https://www.reddit.com/comments/1abcde/_/c1/"


def test_a_mail_is_its_place_in_the_archive_of_its_thread() -> None:
    """The tidepool series' cover letter is archived at …/<its Message-ID>."""
    article = next(a for a in load("tidepool.mbox") if a.url)
    reply = comments(article)[0]
    assert article.url is not None and article.source_id is not None
    bare = (reply.source_id or "").strip("<>")
    assert comment_url(article, reply) == article.url.replace(article.source_id.strip("<>"), bare)


def test_a_kernel_list_mail_without_archive_is_on_lore() -> None:
    article = Article(
        title="t", source="linux-kernel.vger.kernel.org", source_id="<a@b>", format="mail"
    )
    reply = Comment(source_id="<20240101.1-2-x@example.org>")
    assert comment_url(article, reply) == "https://lore.kernel.org/all/20240101.1-2-x@example.org/"


@pytest.mark.parametrize(
    ("kind", "url", "expected"),
    [
        ("lobsters", None, "https://lobste.rs/c/abc123"),
        (
            "discourse",
            "https://forum.example.org/t/a-topic/12",
            "https://forum.example.org/p/abc123",
        ),
        (
            "wordpress",
            "https://blog.example.org/2024/post/",
            "https://blog.example.org/2024/post/#comment-abc123",
        ),
        ("txt", None, None),
        ("mail", None, None),
    ],
)
def test_each_kind_of_source(kind: str, url: str | None, expected: str | None) -> None:
    article = Article(title="t", url=url, format=kind, source_id="<root@x>")
    assert comment_url(article, Comment(source_id="abc123")) == expected


def test_a_comment_without_an_id_has_no_link() -> None:
    assert comment_url(Article(title="t", format="hn"), Comment()) is None
