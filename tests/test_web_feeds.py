"""What a URL opens is decided by what it returns: a feed, a WordPress post
with its threaded comments, a Discourse topic with every post, any other page
as its extracted article; a source that fails falls back to the next, and
which was used is said. All against a local server in the real shapes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.errors import LoadError
from reader.formats.loader import load_articles
from reader.model import Article, iter_comments
from reader.web.links import recognise
from reader.web.page import WebPage
from tests.feed_support import (
    ARTICLE_URL,
    BLOG,
    COMMENT_COUNT,
    CURLEW_TEXT,
    FORUM,
    POST_COUNT,
    POST_URL,
    TOPIC_ID,
    TOPIC_URL,
    serve_discourse,
    serve_feeds,
    serve_news_page,
    serve_wordpress,
    session,
)
from tests.web_support import requests_to


def open_url(
    server: HTTPServer, cache: Path, url: str, **options: bool
) -> tuple[list[Article], object]:
    opened = session(server, cache, **options).open(url)
    return load_articles(opened.path), opened


# Feeds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "titles"),
    [
        (f"https://{BLOG}/feed/", ["Spring tides & neap tides", "A summary-only post"]),
        ("https://feeds.example/estuary.rdf", ["Curlews at low water", "Fog"]),
        ("https://feeds.example/harbour.atom", ["Dredging starts Monday", "Berth fees"]),
    ],
)
def test_a_feed_url_opens_as_its_list_of_articles(
    httpserver: HTTPServer, tmp_path: Path, url: str, titles: list[str]
) -> None:
    serve_feeds(httpserver)
    articles, _ = open_url(httpserver, tmp_path, url)
    assert [article.title for article in articles] == titles


def test_a_feed_fetched_once_opens_offline_from_the_cache(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feeds(httpserver)
    open_url(httpserver, tmp_path, f"https://{BLOG}/feed/")
    articles, opened = open_url(httpserver, tmp_path, f"https://{BLOG}/feed/", offline=True)
    assert len(articles) == 2
    assert "offline; read from the cache" in opened.notes[0]  # type: ignore[attr-defined]
    assert requests_to(httpserver, f"/{BLOG}/feed/") == 1


def test_a_feed_url_that_fails_opens_its_kept_copy_and_says_so(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feeds(httpserver)
    open_url(httpserver, tmp_path, f"https://{BLOG}/feed/")
    httpserver.clear()
    httpserver.expect_request(f"/{BLOG}/feed/").respond_with_data("", status=503)
    articles, opened = open_url(httpserver, tmp_path, f"https://{BLOG}/feed/")
    assert len(articles) == 2
    assert "HTTP 503 Service Unavailable; read from the cache" in opened.notes[0]  # type: ignore[attr-defined]


def test_any_other_url_is_a_web_page_decided_by_what_it_returns() -> None:
    assert recognise("https://example.com/notes/a@b/") == WebPage("https://example.com/notes/a@b/")
    # A known service's other pages are not articles.
    with pytest.raises(LoadError):
        recognise("https://news.ycombinator.com/user?id=someone")


# A page: its article extracted -------------------------------------------------------------------


def test_a_news_page_opens_as_one_article_with_its_main_text_and_its_feeds(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_news_page(httpserver)
    (article,), opened = open_url(httpserver, tmp_path, ARTICLE_URL)
    assert article.title == "Curlews return to the estuary"
    assert (article.author, article.source) == ("Mara Fenn", "The Estuary Paper")
    assert article.published == "2024-06-02"
    assert article.url == ARTICLE_URL
    # The article's text, none of the navigation, sidebar or footer.
    assert article.body == CURLEW_TEXT
    assert article.feeds == ("https://paper.example/feed.xml", "https://paper.example/nature.atom")
    assert not article.partial and not article.comments
    assert opened.notes == []  # type: ignore[attr-defined]


def test_a_page_that_is_neither_html_nor_a_feed_is_one_error(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request(f"/{BLOG}/logo.png").respond_with_data(
        b"\x89PNG\r\n\x1a\n....", content_type="image/png"
    )
    with pytest.raises(LoadError) as raised:
        open_url(httpserver, tmp_path, f"https://{BLOG}/logo.png")
    assert raised.value.reason == "neither a feed nor a web page (content type image/png)"


# WordPress -----------------------------------------------------------------------------------


def test_a_wordpress_post_opens_with_every_page_of_its_comments_threaded_by_parent(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_wordpress(httpserver)
    (article,), opened = open_url(httpserver, tmp_path, POST_URL)
    assert article.title == "Spring tides & neap tides"
    assert (article.author, article.published) == ("Wren Ash", "2024-06-01T10:00:00+00:00")
    # content.rendered, links resolved against the post.
    assert article.body[1] == "See syzygy [1]."
    assert article.body[-1] == "[1] https://blog.example/glossary/syzygy/"
    comments = list(iter_comments(article.comments))
    assert len(comments) == COMMENT_COUNT == article.comment_count
    by_id = {c.source_id: c for c in comments}
    # Every third comment answers the one before; those of page 2 answer comment 2.
    assert [c.source_id for c in by_id["1002"].replies] == ["1003", "1101", "1102", "1103"]
    assert [c.source_id for c in by_id["1005"].replies] == ["1006"]
    assert len(article.comments) == COMMENT_COUNT - 33 - 3
    assert by_id["1002"].author == "Wren Ash" and by_id["1002"].is_op
    assert by_id["1001"].posted == "2024-06-02T06:01:00+00:00"
    assert by_id["1001"].text == ("Comment number 1.",)
    assert article.comments_note is None and opened.notes == []  # type: ignore[attr-defined]
    # Both pages asked for, each once; the comment feed not at all.
    assert requests_to(httpserver, f"/{BLOG}/wp-json/wp/v2/comments") == 2
    assert requests_to(httpserver, f"/{BLOG}/2024/06/spring-tides/feed/") == 0


def test_the_wordpress_api_is_found_by_the_link_header_alone(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_wordpress(httpserver, header_only=True)
    (article,), _ = open_url(httpserver, tmp_path, POST_URL)
    assert len(list(iter_comments(article.comments))) == COMMENT_COUNT


@pytest.mark.parametrize(
    ("api", "reason"),
    [
        ("forbidden", "HTTP 401 Unauthorized"),
        ("html", "malformed JSON"),
    ],
)
def test_a_wordpress_api_that_fails_falls_back_to_the_comment_feed_and_says_so(
    httpserver: HTTPServer, tmp_path: Path, api: str, reason: str
) -> None:
    serve_wordpress(httpserver, api=api)
    (article,), opened = open_url(httpserver, tmp_path, POST_URL)
    # The page's extracted text, the comment feed's comments: flat, oldest first.
    assert article.title == "Spring tides & neap tides"
    assert article.body[0].startswith("The range of the tide changes through the month")
    assert [(c.author, c.replies) for c in article.comments] == [
        ("Tom Reed", []),
        ("Pia Strand", []),
    ]
    assert article.comments_note is not None
    assert article.comments_note.startswith(
        "comments from the post's comment feed: flat, in time order (the WordPress REST API: "
    )
    assert reason in article.comments_note
    (note,) = opened.notes  # type: ignore[attr-defined]
    assert note.startswith(
        f"{POST_URL}: the WordPress REST API: https://{BLOG}/wp-json/wp/v2/posts"
    )
    assert reason in note
    # The site's own comment feed is not the post's.
    assert "https://blog.example/comments/feed/" in article.feeds


def test_without_api_or_comment_feed_the_page_opens_and_says_no_comments_were_read(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_wordpress(httpserver, api="forbidden")
    httpserver.clear()
    from tests.feed_support import wordpress_page

    httpserver.expect_request(f"/{BLOG}/2024/06/spring-tides/").respond_with_data(
        wordpress_page(comment_feed=False), content_type="text/html"
    )
    httpserver.expect_request(f"/{BLOG}/wp-json/wp/v2/posts").respond_with_data("", status=403)
    (article,), _ = open_url(httpserver, tmp_path, POST_URL)
    assert article.comments == []
    assert article.comments_note is not None
    assert article.comments_note.startswith("no comments read (the WordPress REST API: ")


# Discourse -------------------------------------------------------------------------------------


def test_a_discourse_topic_opens_with_every_post_nested_by_reply(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_discourse(httpserver)
    (article,), opened = open_url(httpserver, tmp_path, TOPIC_URL)
    assert article.title == "Tide gauge drift after the storm"
    assert (article.author, article.source) == ("kelda", "Shore Forum")
    assert article.body == ["Post 1 on gauge drift."]
    comments = list(iter_comments(article.comments))
    # All 22 replies: 19 inline, 3 fetched in one chunk.
    assert len(comments) == POST_COUNT - 1 == article.comment_count
    assert requests_to(httpserver, f"/{FORUM}/t/{TOPIC_ID}/posts.json") == 1
    by_id = {c.source_id: c for c in comments}
    assert [c.source_id for c in by_id["503"].replies] == ["505"]
    # Post 22 (fetched later) answers post 21 (inline).
    assert [c.source_id for c in by_id["521"].replies] == ["522"]
    assert by_id["505"].text == ("Post 5 on gauge drift.", "quoted")
    assert by_id["506"].is_op and by_id["503"].score == 3
    assert opened.focus is None  # type: ignore[attr-defined]


def test_a_discourse_post_url_opens_the_topic_with_the_cursor_on_the_post(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_discourse(httpserver)
    _, opened = open_url(httpserver, tmp_path, f"{TOPIC_URL}/5")
    assert opened.focus == "505"  # type: ignore[attr-defined]


def test_a_discourse_api_that_refuses_falls_back_to_the_page_and_says_so(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_discourse(httpserver, api="forbidden")
    (article,), opened = open_url(httpserver, tmp_path, TOPIC_URL)
    (note,) = opened.notes  # type: ignore[attr-defined]
    assert note == (
        f"{TOPIC_URL}: the Discourse API: https://{FORUM}/t/{TOPIC_ID}.json: HTTP 403 Forbidden"
    )
    assert article.comments == []


def test_a_page_built_from_several_responses_opens_offline_as_last_built(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_discourse(httpserver)
    open_url(httpserver, tmp_path, TOPIC_URL)
    (article,), opened = open_url(httpserver, tmp_path, TOPIC_URL, offline=True)
    assert len(list(iter_comments(article.comments))) == POST_COUNT - 1
    assert "offline" in opened.notes[0]  # type: ignore[attr-defined]
    with pytest.raises(LoadError) as raised:
        open_url(httpserver, tmp_path, ARTICLE_URL, offline=True)
    assert raised.value.reason == "offline, and not in the cache"


# Items kept after the feed drops them ----------------------------------------------------------

JUNE_10 = datetime(2024, 6, 10, tzinfo=UTC).timestamp()


def refreshed_titles(
    server: HTTPServer, cache: Path, now: float, keep_days: float = 90
) -> list[str]:
    """The feed's titles once it has been fetched in full, then without its
    second item (and with a new one)."""
    from reader.web.session import WebSession
    from tests.feed_support import RSS2, network

    url = f"https://{BLOG}/feed/"
    settings = network(server, cache)._replace(keep_days=keep_days)
    server.expect_oneshot_request(f"/{BLOG}/feed/").respond_with_data(RSS2)
    load_articles(WebSession(settings, clock=lambda: JUNE_10).open(url).path)
    start, end = RSS2.index("<item>"), RSS2.index("</item>") + len("</item>")
    second = RSS2.index("<item>", end)
    newer = RSS2[start:end].replace("p=41", "p=45").replace("Spring tides &amp;", "Ebb and")
    dropped = RSS2[:start] + newer + RSS2[start:second] + RSS2[RSS2.index("</channel>") :]
    server.expect_oneshot_request(f"/{BLOG}/feed/").respond_with_data(dropped)
    opened = WebSession(settings, clock=lambda: now).open(url)
    return [article.title for article in load_articles(opened.path)]


def test_an_item_the_feed_drops_is_kept_after_its_items(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    assert refreshed_titles(httpserver, tmp_path, JUNE_10) == [
        "Ebb and neap tides",
        "Spring tides & neap tides",
        "A summary-only post",
    ]


def test_a_dropped_item_older_than_keep_days_is_let_go(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    # 15 May + 90 days is 13 August.
    later = datetime(2024, 8, 20, tzinfo=UTC).timestamp()
    assert refreshed_titles(httpserver, tmp_path, later) == [
        "Ebb and neap tides",
        "Spring tides & neap tides",
    ]


def test_keep_days_0_keeps_nothing_the_feed_dropped(httpserver: HTTPServer, tmp_path: Path) -> None:
    assert refreshed_titles(httpserver, tmp_path, JUNE_10, keep_days=0) == [
        "Ebb and neap tides",
        "Spring tides & neap tides",
    ]


# The whole article ----------------------------------------------------------------------------


def test_a_summary_is_replaced_by_its_pages_text_kept_for_offline(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    from reader.web.whole import whole_article
    from tests.feed_support import article_page

    serve_feeds(httpserver)
    httpserver.expect_request(f"/{BLOG}/2024/05/gauges/").respond_with_data(
        article_page("How a float gauge works", "Ola Brook", "Tide Notes", CURLEW_TEXT),
        content_type="text/html",
    )
    articles, _ = open_url(httpserver, tmp_path, f"https://{BLOG}/feed/")
    summary = articles[1]
    assert summary.partial
    warnings: list[str] = []
    whole = whole_article(session(httpserver, tmp_path), summary, warnings)
    assert whole.body == CURLEW_TEXT and not whole.partial
    # Its own title, author, time and identity stay.
    assert (whole.title, whole.author, whole.published, whole.source_id) == (
        summary.title,
        summary.author,
        summary.published,
        summary.source_id,
    )
    assert warnings == []
    again = whole_article(session(httpserver, tmp_path, offline=True), summary, warnings)
    assert again.body == CURLEW_TEXT
    assert "offline; read from the cache" in warnings[0]
    assert requests_to(httpserver, f"/{BLOG}/2024/05/gauges/") == 1


def test_a_page_without_text_is_one_error_naming_it(httpserver: HTTPServer, tmp_path: Path) -> None:
    from reader.web.whole import whole_article

    serve_feeds(httpserver)
    httpserver.expect_request(f"/{BLOG}/2024/05/gauges/").respond_with_data(
        "<html><head><title>Gauges</title></head><body><script>app()</script></body></html>",
        content_type="text/html",
    )
    articles, _ = open_url(httpserver, tmp_path, f"https://{BLOG}/feed/")
    with pytest.raises(LoadError) as raised:
        whole_article(session(httpserver, tmp_path), articles[1], [])
    assert str(raised.value) == (
        f"https://{BLOG}/2024/05/gauges/: no article text found on the page"
    )


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        ("https://blog.example/wp-json/", "https://blog.example/wp-json/wp/v2/posts?slug=a-b"),
        (
            "https://blog.example/?rest_route=/",
            "https://blog.example/?rest_route=/wp/v2/posts&slug=a-b",
        ),
    ],
)
def test_wordpress_endpoints_follow_the_form_of_the_sites_api_root(
    root: str, expected: str
) -> None:
    from reader.web.wordpress import endpoint

    assert endpoint(root, "posts", {"slug": "a-b"}) == expected


def test_the_wordpress_api_root_is_read_from_a_link_header_among_others() -> None:
    from reader.web.page_head import read_head
    from reader.web.wordpress import api_root

    header = '<https://blog.example/?p=41>; rel="shortlink", <https://blog.example/wp-json/>; rel="https://api.w.org/"'
    head = read_head("<html><head></head></html>", "https://blog.example/")
    assert api_root({"link": header}, head) == "https://blog.example/wp-json/"
    assert api_root({}, head) is None
