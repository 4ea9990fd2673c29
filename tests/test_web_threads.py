"""Each kind of URL opens its thread, fetched from a local server in the
service's real shape and read by the same format readers as a saved file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.errors import LoadError
from reader.formats.jsondoc import encode_json
from reader.formats.loader import load_articles
from reader.model import Article, iter_comments
from reader.state.identity import article_key
from reader.web.links import recognise
from tests import web_support
from tests.web_support import (
    INBOX_PATH,
    MESSAGE_ID,
    REDDIT_THREAD_PATH,
    STORY,
    requests_to,
    serve_hn,
    serve_hn_front,
    serve_lobsters,
    serve_lobsters_page,
    serve_public_inbox,
    serve_reddit,
    serve_subreddit,
    session,
)


def open_thread(server: HTTPServer, cache: Path, url: str) -> tuple[Article, str | None]:
    opened = session(server, cache).open(url)
    (article,) = load_articles(opened.path)
    return article, opened.focus


def tree(article: Article) -> list[object]:
    """The comments' source ids, nested as replies."""

    def nest(comments: list) -> list[object]:  # type: ignore[type-arg]
        return [(c.source_id, nest(c.replies)) if c.replies else c.source_id for c in comments]

    return nest(article.comments)


# Hacker News ----------------------------------------------------------------------------------


def test_an_hn_story_opens_in_the_order_hn_shows_with_the_deleted_comment_in_its_place(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    article, focus = open_thread(
        httpserver, tmp_path, f"https://news.ycombinator.com/item?id={STORY}"
    )
    assert article.title == "Show HN: A tide table in the terminal"
    assert article.source_id == str(STORY)
    # Algolia gave 9103, 9101, 9102; Firebase's kids say 9101, 9102, 9103, and
    # 9101's say 9105 before 9104.
    assert tree(article) == [("9101", ["9105", "9104"]), ("9102", ["9106"]), "9103"]
    assert article.comments[1].status == "deleted"
    assert focus is None
    # One request each: the story's content, its order, its one reply list of two.
    assert [
        requests_to(httpserver, f"/hn.algolia.com/api/v1/items/{STORY}"),
        requests_to(httpserver, f"/hacker-news.firebaseio.com/v0/item/{STORY}.json"),
        requests_to(httpserver, "/hacker-news.firebaseio.com/v0/item/9101.json"),
    ] == [1, 1, 1]


def test_an_hn_comment_id_opens_its_story_with_the_cursor_on_the_comment(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    article, focus = open_thread(httpserver, tmp_path, "https://news.ycombinator.com/item?id=9105")
    assert article.source_id == str(STORY)
    assert focus == "9105"
    assert "9105" in [comment.source_id for comment in iter_comments(article.comments)]


def test_an_hn_thread_fetched_and_the_same_thread_saved_share_their_identity(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    url = f"https://news.ycombinator.com/item?id={STORY}"
    fetched, _ = open_thread(httpserver, tmp_path / "cache", url)
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(web_support.algolia_story()))
    (from_file,) = load_articles(saved)
    assert article_key(fetched) == article_key(from_file)


# Reddit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/",
        "https://old.reddit.com/r/estuarybirds/comments/abc12/",
        "https://np.reddit.com/comments/abc12",
        "https://redd.it/abc12",
    ],
)
def test_a_reddit_thread_opens_from_any_of_its_urls(
    httpserver: HTTPServer, tmp_path: Path, url: str
) -> None:
    serve_reddit(httpserver)
    article, focus = open_thread(httpserver, tmp_path, url)
    assert article.title == "Birds seen at the estuary this week"
    assert tree(article) == [("t1_c1", ["t1_c2"]), "t1_c9"]
    assert article.comments[1].status == "more"
    assert focus is None
    ((request, _),) = httpserver.log
    assert request.args["raw_json"] == "1" and request.args["limit"] == "500"


def test_a_reddit_comment_permalink_opens_the_thread_with_the_cursor_on_the_comment(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_reddit(httpserver)
    url = "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/c2/"
    article, focus = open_thread(httpserver, tmp_path, url)
    assert focus == "t1_c2"
    assert article.comments[0].replies[0].source_id == focus
    assert requests_to(httpserver, REDDIT_THREAD_PATH) == 1


# Lobsters -------------------------------------------------------------------------------------


def test_a_lobsters_story_opens_with_its_comments_nested_by_parent(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_lobsters(httpserver)
    url = "https://lobste.rs/s/qz7k1m/terminal_tide_tables#c_ef34gh"
    article, focus = open_thread(httpserver, tmp_path, url)
    assert (article.title, article.author, article.source) == (
        "Terminal tide tables",
        "pier_keeper",
        "Lobsters",
    )
    assert tree(article) == [("ab12cd", ["ef34gh"]), "ij56kl"]
    assert article.comments[0].replies[0].is_op
    assert article.comments[0].text == ["Which datum?"]
    assert focus == "ef34gh"


# public-inbox ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["/", "/T/#u", "/t/", "/raw", "/t.mbox.gz"])
def test_a_public_inbox_message_opens_its_thread_from_the_gzipped_mbox(
    httpserver: HTTPServer, tmp_path: Path, form: str
) -> None:
    serve_public_inbox(httpserver)
    article, focus = open_thread(
        httpserver, tmp_path, f"https://lore.kernel.org/tides/{MESSAGE_ID}{form}"
    )
    assert article.title == "tides: round heights to centimetres"
    assert [comment.author for comment in iter_comments(article.comments)] == ["Ola Brook"]
    assert focus == f"<{MESSAGE_ID}>"
    assert requests_to(httpserver, INBOX_PATH) == 1


# Threads deeper than Python's recursion --------------------------------------------------------


def test_reply_chains_deeper_than_pythons_recursion_open_by_url(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """JSON nests a level or more per reply: a chain of 1,500 replies is read
    (and the HN thread, rebuilt in HN's order, written) without recursion."""
    depth = 1500
    reddit = web_support.reddit_thread()
    reddit[1]["data"]["children"] = [web_support.reddit_chain(depth)]
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_data(
        encode_json(reddit), content_type="application/json"
    )
    story = web_support.algolia_story()
    story["children"] = [web_support.algolia_chain(depth)]
    httpserver.expect_request(f"/hn.algolia.com/api/v1/items/{STORY}").respond_with_data(
        encode_json(story), content_type="application/json"
    )
    httpserver.expect_request(
        f"/hacker-news.firebaseio.com/v0/item/{STORY}.json"
    ).respond_with_json(web_support.firebase_item(STORY, [], type="story"))
    for url in ("https://redd.it/abc12", f"https://news.ycombinator.com/item?id={STORY}"):
        article, _ = open_thread(httpserver, tmp_path, url)
        assert len(iter_comments(article.comments)) == depth


# What is not a thread -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://lore.kernel.org/x", "only http and https URLs are fetched"),
        ("https://news.ycombinator.com/user?id=someone", "not a page reader reads"),
        ("https://www.reddit.com/user/someone/", "not a page reader reads"),
        ("https://lobste.rs/~someone", "not a page reader reads"),
        ("https://example.com/notes/a@b/", "not a page reader reads"),
    ],
)
def test_a_url_that_names_no_thread_is_refused_before_any_request(url: str, reason: str) -> None:
    with pytest.raises(LoadError) as raised:
        recognise(url)
    assert raised.value.name == url
    assert raised.value.reason.startswith(reason)


# Front pages ----------------------------------------------------------------------------------


def open_page(server: HTTPServer, cache: Path, url: str) -> list[Article]:
    return load_articles(session(server, cache).open(url).path)


def test_an_hn_front_page_lists_its_stories_in_hns_ranking_without_comments(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn_front(httpserver)
    stories = open_page(httpserver, tmp_path, "https://news.ycombinator.com/news")
    assert [(s.source_id, s.comment_count, s.comments) for s in stories] == [
        ("9300", 12, []),
        ("9100", 6, []),
        ("9200", 0, []),
    ]
    search = next(request for request, _ in httpserver.log if request.path.endswith("/search"))
    assert search.args["tags"] == "(story_9300,story_9100,story_9200)"
    assert len(httpserver.log) == 2


def test_a_subreddit_page_lists_its_posts(httpserver: HTTPServer, tmp_path: Path) -> None:
    serve_subreddit(httpserver)
    posts = open_page(httpserver, tmp_path, "https://old.reddit.com/r/estuarybirds/new/")
    assert [(p.source_id, p.title, p.comments) for p in posts] == [
        ("t3_abc12", "Birds seen at the estuary this week", []),
        ("t3_def34", "A curlew, at last", []),
    ]
    ((request, _),) = httpserver.log
    assert (request.args["raw_json"], request.args["limit"]) == ("1", "30")


def test_a_lobsters_tag_page_lists_its_stories(httpserver: HTTPServer, tmp_path: Path) -> None:
    serve_lobsters_page(httpserver)
    stories = open_page(httpserver, tmp_path, "https://lobste.rs/t/science")
    assert [(s.source_id, s.comment_count) for s in stories] == [("qz7k1m", 3), ("w2x3y4", 0)]
