"""Refreshing what was read from the web, in the app: `r` fetches the open
thread again from a local server, and the comments that arrived are marked
new where the reader is; `R` fetches everything; failures are one line."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.config import Config
from reader.loading import Loading
from reader.state import State, open_state
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.articles.pane import ArticlesPane
from reader.ui.thread.view import ThreadView
from reader.web.ahead import opened_in_full
from tests.ui.conftest import record_notifications
from tests.ui.scenes import wait_for
from tests.web_support import (
    STORY,
    algolia_story,
    network,
    requests_to,
    serve_hn,
    session,
)

URL = f"https://news.ycombinator.com/item?id={STORY}"
WIDE = (160, 45)


def web_app(server: HTTPServer, folder: Path, urls: list[str], state: State | None) -> ReaderApp:
    return ReaderApp(Loading(urls, web=session(server, folder / "cache")), state=state)


def open_db(folder: Path) -> State:
    state, warnings = open_state(folder / "state.db")
    assert state is not None and not warnings
    return state


def source_ids(view: ThreadView) -> list[str | None]:
    """The open thread's comments' source ids (none while no thread is open)."""
    return [comment.source_id for comment in view.thread.comments] if view.thread else []


async def test_r_fetches_the_thread_again_and_marks_what_arrived_new_keeping_the_cursor(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    state = open_db(tmp_path)
    app = web_app(httpserver, tmp_path, [URL], state)
    notes = record_notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        view = app.query_one(ThreadView)
        # The thread in HN's whole order (its reply order fetched after the first frame).
        await wait_for(
            pilot, lambda: view.thread is not None and len(view.thread) == 6, "the thread"
        )
        await wait_for(pilot, lambda: source_ids(view)[1] == "9105", "the reply order")
        # 9101 folded, the cursor on the comment after it.
        await pilot.press("tab", "tab", "space", "j")
        await pilot.pause()
        assert source_ids(view)[view.cursor] == "9102"
        httpserver.clear()
        serve_hn(httpserver, late_reply=True)
        await pilot.press("r")
        await wait_for(pilot, lambda: "9107" in source_ids(view), "the refreshed thread")
        await pilot.pause()
        # The cursor and the fold stay; the comment that arrived is new, the others not.
        assert source_ids(view)[view.cursor] == "9102"
        assert view.rows is not None and view.rows.is_collapsed(0)
        marks = view.reading.article
        assert marks is not None
        arrived = source_ids(view).index("9107")
        assert [index for index in range(len(marks.reading)) if marks.is_new(index)] == [arrived]
        entry = str(app.query_one("#articles", ArticleList).prompt_at(0))
        assert "1 new" in entry
        assert "1 new comment" in [note["message"] for note in notes]
        assert requests_to(httpserver, f"/hn.algolia.com/api/v1/items/{STORY}") == 1
    state.close()


async def test_a_refresh_that_fails_says_so_in_one_line_and_keeps_the_thread(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    app = web_app(httpserver, tmp_path, [URL], None)
    notes = record_notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        view = app.query_one(ThreadView)
        await wait_for(pilot, lambda: source_ids(view)[1:2] == ["9105"], "the thread")
        thread = view.thread
        httpserver.clear()
        httpserver.expect_request(f"/hn.algolia.com/api/v1/items/{STORY}").respond_with_data(
            "busy", status=503
        )
        await pilot.press("R")
        # The server fails (Algolia 503, Firebase 500, whichever answers first).
        await wait_for(
            pilot, lambda: any("cache" in note["message"] for note in notes), "the failure"
        )
        # Served from the cache instead, said in one line naming the URL and why.
        (said,) = [note["message"] for note in notes if "cache" in note["message"]]
        assert said.startswith(f"{URL}: HTTP 50") and "\n" not in said
        assert view.thread is not None and len(view.thread) == len(thread or [])
        pane = app.query_one(ArticlesPane)
        await wait_for(pilot, lambda: "fetching" not in str(pane.border_subtitle), "the end")


async def test_the_configs_interval_refreshes_by_itself(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    # An interval of some 60 ms: the test waits for it to come round, twice.
    settings = network(httpserver, tmp_path / "cache")._replace(refresh_minutes=0.001)
    app = ReaderApp(
        Loading([URL], web=session(httpserver, tmp_path / "cache")),
        config=Config(network=settings),
    )
    async with app.run_test(size=WIDE) as pilot:
        view = app.query_one(ThreadView)
        await wait_for(pilot, lambda: source_ids(view)[1:2] == ["9105"], "the thread")
        path = f"/hn.algolia.com/api/v1/items/{STORY}"
        await wait_for(pilot, lambda: requests_to(httpserver, path) >= 3, "two refreshes")


async def test_subscriptions_open_from_the_cache_at_once_then_refresh_in_the_background(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """`reader` with no argument: the config's URLs are read from the cache
    without a request, and fetched again once the app is open."""
    serve_hn(httpserver)
    cache = tmp_path / "cache"
    opened_in_full(session(httpserver, cache), URL)
    httpserver.clear()
    held, asked = threading.Event(), threading.Event()

    def later(request: Request) -> Response:
        asked.set()
        held.wait(10)
        return Response(json.dumps(algolia_story(late_reply=True)), content_type="application/json")

    httpserver.expect_request(f"/hn.algolia.com/api/v1/items/{STORY}").respond_with_handler(later)
    serve_hn(httpserver, late_reply=True)
    web = session(httpserver, cache)
    web.cached_first = True
    state = open_db(tmp_path)
    app = ReaderApp(Loading([URL], web=web), state=state)
    async with app.run_test(size=WIDE) as pilot:
        view = app.query_one(ThreadView)
        try:
            await wait_for(pilot, lambda: len(source_ids(view)) == 6, "the cached thread")
            assert "9107" not in source_ids(view)
            await wait_for(pilot, asked.is_set, "the refresh")
        finally:
            held.set()
        await wait_for(pilot, lambda: "9107" in source_ids(view), "the refreshed thread")
        marks = view.reading.article
        assert marks is not None and marks.is_new(source_ids(view).index("9107"))
        # The cached copy was read without a request: Algolia was asked once, by the refresh.
        assert requests_to(httpserver, f"/hn.algolia.com/api/v1/items/{STORY}") == 1
    state.close()


async def test_r_on_a_feeds_item_fetches_the_feed_and_keeps_that_item_in_its_place(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    from tests import feed_support

    feed_support.serve_feeds(httpserver)
    url = f"https://{feed_support.BLOG}/feed/"
    app = ReaderApp(Loading([url], web=feed_support.session(httpserver, tmp_path / "cache")))
    async with app.run_test(size=WIDE) as pilot:
        articles = app.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: articles.entry_count == 2, "the feed's items")
        titles = [str(articles.prompt_at(row)).split("\n")[0] for row in range(2)]
        await pilot.press("j", "r")
        await wait_for(
            pilot,
            lambda: requests_to(httpserver, f"/{feed_support.BLOG}/feed/") == 2,
            "the feed fetched again",
        )
        await wait_for(pilot, lambda: not app.main_screen.web.busy, "the refresh")
        await pilot.pause()
        assert [str(articles.prompt_at(row)).split("\n")[0] for row in range(2)] == titles
        assert app.main_screen.article is not None
        assert app.main_screen.article.title == titles[1].lstrip("● ")
