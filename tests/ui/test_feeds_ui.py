"""Feeds in the app (issue 21): the list labels each item with its feed and
marks the items new since the last launch, `s` groups it by feed; `w` puts an
article's page text in place of its summary (kept: shown again from the
cache), or the config's `[feeds] whole_article` does it on open; a page's
feeds are in its facts and `F` opens one as articles; the comments' title
says where they came from. Against a local server in each real shape, through
`[network.hosts]`."""

from __future__ import annotations

import threading
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.config import Config
from reader.config.network import Network
from reader.formats.loader import load_articles
from reader.loading import Loading
from reader.state import State, open_state
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.thread.pane import ThreadPane
from reader.web.session import WebSession
from tests.feed_support import (
    ARTICLE_URL,
    BLOG,
    COMMENT_COUNT,
    CURLEW_TEXT,
    FEEDS,
    PAPER,
    POST_URL,
    RSS1,
    RSS2,
    article_page,
    network,
    serve_feeds,
    serve_news_page,
    serve_wordpress,
    session,
)
from tests.web_support import requests_to

from .conftest import focused_id, record_notifications
from .scenes import FIXTURES, settle, wait_for
from .test_key_help import footer_text
from .test_rendering import body_text

FEED_URL = f"https://{BLOG}/feed/"
SUMMARY_PAGE = f"/{BLOG}/2024/05/gauges/"
GAUGE_TITLE = "How a float gauge works"
# An item the feed lists at a later launch, before its others.
LATER_ITEM = """<item>
    <title>Neaps in June</title>
    <link>https://blog.example/2024/06/neaps/</link>
    <dc:creator>Wren Ash</dc:creator>
    <pubDate>Mon, 03 Jun 2024 12:00:00 +0000</pubDate>
    <guid isPermaLink="false">https://blog.example/?p=44</guid>
    <description>The neaps of June, briefly.</description>
  </item>
  <item>"""


def feed_app(
    server: HTTPServer,
    folder: Path,
    urls: list[str],
    state: State | None = None,
    whole_article: frozenset[str] = frozenset(),
    offline: bool = False,
) -> ReaderApp:
    cache = folder / "cache"
    config = Config(network=network(server, cache), whole_article=whole_article)
    loading = Loading(urls, web=session(server, cache, offline))
    return ReaderApp(loading, state=state, config=config, offline=offline)


def open_db(folder: Path) -> State:
    state, warnings = open_state(folder / "state.db")
    assert state is not None, warnings
    return state


def entries(app: ReaderApp) -> list[str]:
    articles = app.main_screen.query_one("#articles", ArticleList)
    return [articles.prompt_at(index).plain for index in range(articles.entry_count)]


def serve_summary_page(server: HTTPServer) -> None:
    server.expect_request(SUMMARY_PAGE).respond_with_data(
        article_page(GAUGE_TITLE, "Ola Brook", "Tide Notes", CURLEW_TEXT),
        content_type="text/html",
    )


def thread_size(app: ReaderApp) -> int:
    thread = app.main_screen.thread
    return 0 if thread is None else len(thread.comments)


async def list_feed(app: ReaderApp, *keys: str) -> tuple[list[str], list[str]]:
    """Run the app until its feed is listed, press `keys`: the list's entries
    before and after them."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = entries(app)
        await pilot.press(*keys)
        await settle(pilot)
        return listed, entries(app)


async def test_items_a_feed_lists_since_the_last_launch_are_marked_new(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request(f"/{BLOG}/feed/").respond_with_data(
        RSS2, content_type="application/rss+xml"
    )
    state = open_db(tmp_path)
    first, _ = await list_feed(feed_app(httpserver, tmp_path, [FEED_URL], state))
    state.close()
    # The first launch: each item labelled with its feed, none new.
    assert [entry.splitlines()[1].split(" · ")[0] for entry in first] == ["Tide Notes"] * 2
    assert not any("new" in entry for entry in first)
    httpserver.clear()
    httpserver.expect_request(f"/{BLOG}/feed/").respond_with_data(
        RSS2.replace("<item>", LATER_ITEM, 1), content_type="application/rss+xml"
    )
    state = open_db(tmp_path)
    second, limited = await list_feed(feed_app(httpserver, tmp_path, [FEED_URL], state), "l")
    state.close()
    # (Opened as the list shows it: not unread, still new for the session.)
    assert second[0].splitlines() == ["Neaps in June", "new · Tide Notes · Wren Ash · 0 comments"]
    assert [entry.splitlines()[1].startswith("new") for entry in second] == [True, False, False]
    # `l` keeps it (opened now) with the articles never opened (the first launch
    # opened the first).
    assert [entry.splitlines()[0] for entry in limited] == [
        "Neaps in June",
        "● A summary-only post",
    ]


async def test_s_groups_the_list_by_feed(httpserver: HTTPServer, tmp_path: Path) -> None:
    serve_feeds(httpserver)
    urls = [FEED_URL, f"https://{FEEDS}/estuary.rdf", f"https://{BLOG}/autumn.xml"]
    # Its summary-only post is its newest: listed second, grouped first.
    autumn = RSS2.replace("Spring tides", "Autumn tides").replace("15 May", "05 Jun")
    httpserver.expect_request(f"/{BLOG}/autumn.xml").respond_with_data(
        autumn, content_type="application/rss+xml"
    )
    app = feed_app(httpserver, tmp_path, urls)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"ssss")  # past load order, time, activity, comments
        titles = [entry.splitlines()[0] for entry in entries(app)]
    # Each feed's items together, newest first, the feeds in the order they loaded
    # (the two copies of Tide Notes' feed are two feeds: two URLs).
    assert titles == [
        "Spring tides & neap tides",
        "A summary-only post",
        "Curlews at low water",
        "Fog",
        "A summary-only post",
        "Autumn tides & neap tides",
    ]


async def test_w_puts_the_pages_text_in_place_of_the_summary_kept_for_the_next_launch(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feeds(httpserver)
    serve_summary_page(httpserver)
    app = feed_app(httpserver, tmp_path, [FEED_URL])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "w Whole article" not in footer_text(app)  # a full text has no summary
        await pilot.press("j")
        await pilot.pause()
        assert "How a float gauge works, in brief." in body_text(app)
        assert "w Whole article" in footer_text(app)
        await pilot.press("w")
        await wait_for(pilot, lambda: CURLEW_TEXT[0][:40] in body_text(app), "the page's text")
        article = app.main_screen.article
        assert article is not None and not article.partial
        assert article.title == "A summary-only post"  # the item's own title stays
        assert "in brief" not in body_text(app)
        assert "w Whole article" not in footer_text(app)
    assert requests_to(httpserver, SUMMARY_PAGE) == 1
    # The next launch, offline: the item shows its page's text from the cache.
    app = feed_app(httpserver, tmp_path, [FEED_URL], offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await wait_for(pilot, lambda: CURLEW_TEXT[0][:40] in body_text(app), "the kept text")
    assert requests_to(httpserver, SUMMARY_PAGE) == 1


async def test_a_feed_the_config_names_has_its_articles_pages_fetched_as_they_open(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feeds(httpserver)
    serve_wordpress(httpserver)
    serve_summary_page(httpserver)
    app = feed_app(httpserver, tmp_path, [FEED_URL], whole_article=frozenset([FEED_URL]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: thread_size(app) == COMMENT_COUNT, "the post's comments")
        # The first item has its full text: its page is asked for once, for its
        # discussion, not again for its text.
        assert requests_to(httpserver, "/blog.example/2024/06/spring-tides/") == 1
        await pilot.press("j")
        await wait_for(pilot, lambda: CURLEW_TEXT[0][:40] in body_text(app), "the page's text")
    assert requests_to(httpserver, SUMMARY_PAGE) == 1


async def test_a_pages_feeds_are_in_its_facts_and_F_opens_one_as_articles(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_news_page(httpserver)
    httpserver.expect_request(f"/{PAPER}/feed.xml").respond_with_data(
        RSS1, content_type="application/rss+xml"
    )
    app = feed_app(httpserver, tmp_path, [ARTICLE_URL])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # reading the page: the body has the focus
        shown = " ".join(body_text(app).split())
        assert "Feeds: https://paper.example/feed.xml · https://paper.example/nature.atom" in shown
        assert "F Open feed" in footer_text(app)
        await pilot.press("F")
        await settle(pilot)
        titles = [entry.splitlines()[0] for entry in entries(app)]
        assert titles == ["Curlews return to the estuary", "Curlews at low water", "Fog"]
        # The list has the focus, the feed's first article highlighted and open.
        assert focused_id(app) == "articles"
        assert app.main_screen.article is not None
        assert app.main_screen.article.title == "Curlews at low water"
        assert app.main_screen.article.feed == "https://paper.example/feed.xml"
        assert "F Open feed" not in footer_text(app)
        # Again from the page: its next feed (not served here: a 404), then the
        # first again, which is listed already: gone to, not fetched.
        await pilot.press("g", "F")
        await settle(pilot)
        assert app.main_screen.article.title == "Curlews return to the estuary"
        await pilot.press("F")
        await settle(pilot)
        assert app.main_screen.article.title == "Curlews at low water"
        assert len(entries(app)) == 3
    assert requests_to(httpserver, f"/{PAPER}/feed.xml") == 1
    assert requests_to(httpserver, f"/{PAPER}/nature.atom") == 1


async def test_the_comments_title_says_they_came_from_the_posts_comment_feed(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_wordpress(httpserver, api="forbidden")
    app = feed_app(httpserver, tmp_path, [POST_URL])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        title = str(app.main_screen.query_one(ThreadPane).border_title)
    assert title.startswith("Comments (2) · comments from the post's comment feed: flat,")


async def test_a_page_that_cannot_be_had_is_one_notice_naming_it_and_the_summary_stays(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feeds(httpserver)
    serve_wordpress(httpserver)
    httpserver.expect_request(SUMMARY_PAGE).respond_with_data("gone", status=404)
    app = feed_app(httpserver, tmp_path, [FEED_URL])
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: thread_size(app) == COMMENT_COUNT, "the post's comments")
        await pilot.press("j", "w")
        await settle(pilot)
        assert "How a float gauge works, in brief." in body_text(app)
    errors = [note["message"] for note in notes if note.get("severity") == "error"]
    assert errors == [f"https://{BLOG}/2024/05/gauges/: HTTP 404 Not Found"]


async def test_a_link_post_offers_w_and_offline_it_reads_only_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    config = Config(network=Network(cache=cache))
    app = ReaderApp(Loading([FIXTURES / "hn_code.json"]), config=config, offline=True)
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "w Whole article" in footer_text(app)
        await pilot.press("w")
        await settle(pilot)
    errors = [note["message"] for note in notes if note.get("severity") == "error"]
    assert errors == [
        f"{load_articles(FIXTURES / 'hn_code.json')[0].url}: offline, and not in the cache"
    ]
    assert not cache.exists()


async def test_the_configs_fetch_on_open_is_asked_once_a_session_even_when_it_fails(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feeds(httpserver)
    httpserver.expect_request(SUMMARY_PAGE).respond_with_data("gone", status=404)
    app = feed_app(httpserver, tmp_path, [FEED_URL], whole_article=frozenset([FEED_URL]))
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in "jkjkj":
            await pilot.press(key)
            await settle(pilot)
    assert requests_to(httpserver, SUMMARY_PAGE) == 1
    assert [note["severity"] for note in notes if "gauges" in note["message"]] == ["error"]


def test_quitting_while_a_page_is_fetched_does_not_wait_for_it(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    # The real `App.run`, which waits for asyncio's default executor as it ends.
    serve_feeds(httpserver)
    asked, release, answered = threading.Event(), threading.Event(), threading.Event()

    def slow_page(request: Request) -> Response:
        asked.set()
        release.wait(10)  # long enough that a run which waits for it fails
        answered.set()
        return Response("late", content_type="text/html")

    httpserver.expect_request(SUMMARY_PAGE).respond_with_handler(slow_page)
    # A timeout longer than the handler's wait: only quitting ends the request.
    patient = network(httpserver, tmp_path / "cache")._replace(timeout=30)
    app = ReaderApp(Loading([FEED_URL], web=WebSession(patient)), config=Config(network=patient))

    async def quit_once_asked(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("j", "w")
        await wait_for(pilot, asked.is_set, "the page's request")
        await pilot.press("q")

    try:
        app.run(headless=True, size=(120, 40), auto_pilot=quit_once_asked)
        # The app has ended with the request still unanswered.
        assert asked.is_set() and not answered.is_set()
    finally:
        release.set()


async def test_one_feed_at_two_urls_names_each_items_feed(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feeds(httpserver)
    httpserver.expect_request(f"/{PAPER}/feed.xml").respond_with_data(
        RSS1, content_type="application/rss+xml"
    )
    urls = [f"https://{FEEDS}/estuary.rdf", f"https://{PAPER}/feed.xml"]
    app = feed_app(httpserver, tmp_path, urls)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        details = [entry.splitlines()[1] for entry in entries(app)]
    assert [line.split(" · ")[:2] for line in details] == [
        ["Estuary Log", "feeds.example/estuary.rdf"],
        ["Estuary Log", "feeds.example/estuary.rdf"],
        ["Estuary Log", "paper.example/feed.xml"],
        ["Estuary Log", "paper.example/feed.xml"],
    ]


async def test_a_wordpress_feeds_item_opens_with_its_posts_comments(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """A feed's item the feed counts comments on has its page fetched as it is
    shown: a WordPress post, its comments threaded from the site's API, in
    the item's place, still labelled with its feed."""
    serve_feeds(httpserver)
    serve_wordpress(httpserver)
    app = feed_app(httpserver, tmp_path, [FEED_URL])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: thread_size(app) == COMMENT_COUNT, "the post's comments")
        article = app.main_screen.article
        assert article is not None and article.url == POST_URL
        assert article.feed == FEED_URL
        assert entries(app)[0].startswith("Spring tides & neap tides")
        assert "Tide Notes" in entries(app)[0]
        assert len(entries(app)) == 2  # in the item's place, not beside it
        comments = f"/{BLOG}/wp-json/wp/v2/comments"
        fetching = app.main_screen.web.updates.fetches
        # The post fetched again (`r`) is still its feed's.
        await pilot.press("r")
        await wait_for(pilot, lambda: requests_to(httpserver, comments) == 4, "the post again")
        await wait_for(pilot, lambda: not fetching.active, "the refresh done")
        assert app.main_screen.article.feed == FEED_URL
        # The feed and the post fetched again (`R`): the item is still the post.
        await pilot.press("R")
        await wait_for(pilot, lambda: requests_to(httpserver, comments) == 6, "the post again")
        await wait_for(pilot, lambda: requests_to(httpserver, f"/{BLOG}/feed/") == 2, "the feed")
        await wait_for(pilot, lambda: not fetching.active, "the refresh done")
        await settle(pilot)
        assert len(entries(app)) == 2
