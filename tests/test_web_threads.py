"""Each kind of URL opens its thread, fetched from a local server in the
service's real shape and read by the same format readers as a saved file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from reader.errors import LoadError
from reader.formats import jsondoc
from reader.formats.hn import algolia
from reader.formats.jsondoc import encode_json
from reader.formats.loader import load_articles
from reader.loading import Loading
from reader.model import Article, iter_comments
from reader.state.identity import article_key
from reader.web.ahead import opened_in_full
from reader.web.batches import url_batches
from reader.web.hn import PARENT_HOPS
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
    opened = opened_in_full(session(server, cache), url)
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


def test_an_hn_thread_shows_after_two_requests_and_its_replies_order_follows(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """The first frame waits for the story's Algolia and Firebase items only;
    the items that order the replies below come after, and the thread read
    then takes the first one's place."""
    serve_hn(httpserver)
    loading = Loading(
        [f"https://news.ycombinator.com/item?id={STORY}"], web=session(httpserver, tmp_path)
    )
    assert loading.read_ahead()
    assert len(httpserver.log) == 2
    first, then = list(loading)
    (preview,) = [prepared.article for prepared in first.articles]
    # The top level in HN's order already; 9101's replies still in Algolia's.
    assert tree(preview) == [("9101", ["9104", "9105"]), ("9102", ["9106"]), "9103"]
    assert then.replacing == 1
    assert tree(then.articles[0].article) == [
        ("9101", ["9105", "9104"]),
        ("9102", ["9106"]),
        "9103",
    ]
    assert requests_to(httpserver, "/hacker-news.firebaseio.com/v0/item/9101.json") == 1


def test_an_hn_thread_after_the_first_file_is_read_once_in_its_whole_order(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only what is read ahead (the first frame's) gives a preview: an HN thread
    loaded after a file is not read until its order is whole."""
    serve_hn(httpserver)
    saved = tmp_path / "first.yaml"
    saved.write_text("title: A file first\nbody: Its body.\n", encoding="utf-8")
    read: list[int] = []
    parse = algolia.parse

    def counted(sample: Any, warnings: list[str] | None = None) -> Any:
        read.append(sample.json["id"])
        return parse(sample, warnings)

    monkeypatch.setattr(algolia, "parse", counted)
    url = f"https://news.ycombinator.com/item?id={STORY}"
    loading = Loading([saved, url], web=session(httpserver, tmp_path / "cache"))
    assert loading.read_ahead()
    batches = list(loading)
    assert read == [STORY]
    assert tree(batches[-1].articles[0].article)[0] == ("9101", ["9105", "9104"])


def test_an_hn_thread_with_no_replies_to_order_is_read_once(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """No comment has two replies: the story's order is the whole order."""
    story = web_support.algolia_story()
    story["children"] = [web_support.algolia_chain(3)]
    httpserver.expect_request(f"/hn.algolia.com/api/v1/items/{STORY}").respond_with_json(story)
    httpserver.expect_request(
        f"/hacker-news.firebaseio.com/v0/item/{STORY}.json"
    ).respond_with_json(web_support.firebase_item(STORY, [20000], type="story"))
    opened = session(httpserver, tmp_path).open(f"https://news.ycombinator.com/item?id={STORY}")
    assert opened.refine is None
    assert len(httpserver.log) == 2


def test_dump_waits_for_the_whole_order_and_reads_no_preview(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    warnings: list[str] = []
    batches = list(
        url_batches(
            session(httpserver, tmp_path),
            f"https://news.ycombinator.com/item?id={STORY}",
            warnings,
            previews=False,
        )
    )
    assert [batch.preview for batch in batches] == [False]
    assert tree(batches[0].articles[0]) == [("9101", ["9105", "9104"]), ("9102", ["9106"]), "9103"]


FIREBASE_ITEM = "/hacker-news.firebaseio.com/v0/item"


def serve_firebase_parents(server: HTTPServer, parents: dict[int, int]) -> None:
    """Firebase items of comments, each naming its parent."""
    for item, parent in parents.items():
        server.expect_request(f"{FIREBASE_ITEM}/{item}.json").respond_with_json(
            web_support.firebase_item(item, [], type="comment", parent=parent)
        )


def test_a_comment_algolia_names_no_story_of_is_followed_up_its_firebase_parents(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """A deleted comment (Algolia: `{id, children}`, no story) and one Algolia
    has not got (404): each opens its story, by its parents' Firebase items."""
    serve_hn(httpserver)
    httpserver.expect_request("/hn.algolia.com/api/v1/items/9108").respond_with_json(
        {"id": 9108, "children": []}
    )
    httpserver.expect_request("/hn.algolia.com/api/v1/items/9109").respond_with_data(
        '{"status":404,"error":"Not Found"}', status=404, content_type="application/json"
    )
    serve_firebase_parents(httpserver, {9108: 9104, 9104: 9101, 9109: 9103, 9103: STORY})
    for comment, parents in (("9108", [9108, 9104, 9101, STORY]), ("9109", [9109, 9103, STORY])):
        httpserver.clear_log()
        article, focus = open_thread(
            httpserver, tmp_path, f"https://news.ycombinator.com/item?id={comment}"
        )
        assert (article.source_id, focus) == (str(STORY), comment)
        walked = [
            int(request.path.rsplit("/", 1)[1].removesuffix(".json"))
            for request, _ in httpserver.log
            if request.path.startswith(FIREBASE_ITEM)
        ]
        # Up to the story, one item each; then the story's (its order) and 9101's (its replies').
        assert walked[: len(parents)] == parents


def test_the_walk_up_to_a_story_is_bounded(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/hn.algolia.com/api/v1/items/9110").respond_with_json(
        {"id": 9110, "children": []}
    )
    serve_firebase_parents(httpserver, {9110: 9111, 9111: 9110})
    url = "https://news.ycombinator.com/item?id=9110"
    with pytest.raises(LoadError) as raised:
        session(httpserver, tmp_path).open(url)
    assert raised.value.name == url
    assert raised.value.reason == f"the item's story is more than {PARENT_HOPS} items up"
    assert len(httpserver.log) == 1 + PARENT_HOPS


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
    assert article.comments[0].text == ("Which datum?",)
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
    assert article.title == "[PATCH] tides: round heights to centimetres"  # tags kept
    assert [comment.author for comment in iter_comments(article.comments)] == ["Ola Brook"]
    assert focus == f"<{MESSAGE_ID}>"
    assert requests_to(httpserver, INBOX_PATH) == 1


# Parsed once ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("serve", "url"),
    [
        (serve_reddit, "https://redd.it/abc12"),
        (serve_hn, f"https://news.ycombinator.com/item?id={STORY}"),
        (serve_lobsters, "https://lobste.rs/s/qz7k1m"),
    ],
)
def test_a_fetched_document_is_parsed_once_not_again_by_its_reader(
    httpserver: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    serve: Callable[[HTTPServer], None],
    url: str,
) -> None:
    """The fetcher parses the JSON to check it; the format reader takes that."""
    serve(httpserver)
    files_parsed: list[Path] = []

    def parse_file(text: str, path: Path) -> object:
        files_parsed.append(path)
        return json.loads(text)

    monkeypatch.setattr(jsondoc, "parse_json", parse_file)
    batches = list(url_batches(session(httpserver, tmp_path), url, []))
    assert batches[-1].articles[0].comments
    assert files_parsed == []


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
