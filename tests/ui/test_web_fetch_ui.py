"""What the app fetches as the reader goes, from a local server in each
service's shape: a comment's URL opens on that comment, a front page's
stories have their threads fetched when shown (the first few ahead), and a
Reddit stub's comments come into its place on `space`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.loading import Loading
from reader.state import open_state
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.articles.pane import ArticlesPane
from reader.ui.screens import web_updates
from reader.ui.thread.view import ThreadView
from tests.ui.scenes import wait_for
from tests.web_support import (
    REDDIT_THREAD_PATH,
    algolia_hit,
    algolia_story,
    reddit_comment,
    reddit_thread,
    requests_to,
    serve_hn,
    serve_hn_front,
    serve_reddit,
    session,
)

WIDE = (160, 45)
FIREBASE = "/hacker-news.firebaseio.com/v0/item"
ALGOLIA = "/hn.algolia.com/api/v1/items"


def web_app(server: HTTPServer, folder: Path, urls: list[str]) -> ReaderApp:
    return ReaderApp(Loading(urls, web=session(server, folder / "cache")))


def source_ids(view: ThreadView) -> list[str | None]:
    """The open thread's comments' source ids (none while no thread is open)."""
    return [comment.source_id for comment in view.thread.comments] if view.thread else []


def cursor_id(view: ThreadView) -> str | None:
    ids = source_ids(view)
    return ids[view.cursor] if 0 <= view.cursor < len(ids) else None


async def test_an_hn_comment_url_opens_its_story_with_the_cursor_on_that_comment(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    app = web_app(httpserver, tmp_path, ["https://news.ycombinator.com/item?id=9105"])
    async with app.run_test(size=WIDE) as pilot:
        view = app.query_one(ThreadView)
        await wait_for(pilot, lambda: cursor_id(view) == "9105", "the cursor on 9105")
        assert view.thread is not None and view.thread.comments[0].source_id == "9101"


async def test_a_reddit_comment_permalink_opens_with_the_cursor_on_that_comment(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_reddit(httpserver)
    url = "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/c2/"
    app = web_app(httpserver, tmp_path, [url])
    async with app.run_test(size=WIDE) as pilot:
        view = app.query_one(ThreadView)
        await wait_for(pilot, lambda: cursor_id(view) == "t1_c2", "the cursor on c2")
        # Only the first time it opens: moving on and back keeps the reader's place.
        await pilot.press("tab", "tab", "k")
        await pilot.pause()
        assert cursor_id(view) == "t1_c1"


def serve_story(server: HTTPServer, story_id: int, title: str) -> None:
    """A story of the front page with one comment of its own."""
    comment = {"id": story_id + 1, "type": "comment", "author": "tern", "text": "First!"}
    server.expect_request(f"{ALGOLIA}/{story_id}").respond_with_json(
        {
            "id": story_id,
            "type": "story",
            "title": title,
            "author": "fennel_ops",
            "created_at_i": 1717232400,
            "children": [{**comment, "parent_id": story_id, "children": []}],
        }
    )
    server.expect_request(f"{FIREBASE}/{story_id}.json").respond_with_json(
        {"id": story_id, "type": "story", "kids": [story_id + 1]}
    )


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A server that answers requests at once, as a site does (one held
    request does not hold the others)."""
    threaded = HTTPServer(threaded=True)
    threaded.start()
    yield threaded
    threaded.clear()
    threaded.stop()


def serve_front_page(server: HTTPServer, held: threading.Event | None = None) -> threading.Event:
    """The front page of three stories (9300, 9100, 9200) and their threads;
    with `held`, 9100's Algolia item waits for it. Gives the event set when
    9100's item is asked for."""
    asked = threading.Event()
    if held is not None:
        story = serve_hn_story_held(held, asked)
        server.expect_request(f"{ALGOLIA}/9100").respond_with_handler(story)
    serve_hn_front(server)
    serve_story(server, 9300, "Ask HN: Favourite estuary?")
    serve_hn(server)
    serve_story(server, 9200, "Mudflats of the north coast")
    return asked


def serve_hn_story_held(held: threading.Event, asked: threading.Event) -> Any:
    def answer(request: Request) -> Response:
        asked.set()
        held.wait(10)
        return Response(json.dumps(algolia_story()), content_type="application/json")

    return answer


async def test_a_front_page_fetches_a_storys_thread_when_shown_and_the_first_ahead(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_updates, "PREFETCH", 1)
    held = threading.Event()
    asked = serve_front_page(server, held)
    state, _ = open_state(tmp_path / "state.db")
    app = ReaderApp(
        Loading(["https://news.ycombinator.com/"], web=session(server, tmp_path / "cache")),
        state=state,
    )
    async with app.run_test(size=WIDE) as pilot:
        articles = app.query_one("#articles", ArticleList)
        view = app.query_one(ThreadView)
        try:
            await wait_for(pilot, lambda: articles.entry_count == 3, "the front page")
            # The first story, shown and prefetched: its thread comes in its place.
            await wait_for(pilot, lambda: source_ids(view) == ["9301"], "the first thread")
            assert requests_to(server, f"{ALGOLIA}/9200") == 0
            # The second shown: fetched (held); the third, shown and left before
            # its turn, is dropped.
            await pilot.press("j")
            await wait_for(pilot, asked.is_set, "the second story asked for")
            await pilot.press("j", "k")
            await pilot.pause()
        finally:
            held.set()
        await wait_for(pilot, lambda: "9105" in source_ids(view), "the second story's thread")
        assert requests_to(server, f"{ALGOLIA}/9200") == 0
        await pilot.press("j")
        await wait_for(pilot, lambda: source_ids(view) == ["9201"], "the third story's thread")
        entry = str(articles.prompt_at(2))
        # Its first version: its comment unread, not new.
        assert "Mudflats" in entry and "1 comment · 1 unread" in entry
        # Its thread now: `r` fetches the story's item, not the front page.
        await pilot.press("r")
        await wait_for(pilot, lambda: requests_to(server, f"{ALGOLIA}/9200") == 2, "the refresh")
        assert requests_to(server, "/hacker-news.firebaseio.com/v0/topstories.json") == 1
    assert state is not None
    state.close()


async def test_R_lists_a_front_pages_new_stories_after_the_others(
    server: HTTPServer, tmp_path: Path
) -> None:
    serve_front_page(server)
    app = web_app(server, tmp_path, ["https://news.ycombinator.com/"])
    async with app.run_test(size=WIDE) as pilot:
        articles = app.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: articles.entry_count == 3, "the front page")
        await wait_for(
            pilot,
            lambda: "fetching" not in str(app.query_one(ArticlesPane).border_subtitle),
            "the prefetches",
        )
        server.clear()
        server.expect_request("/hacker-news.firebaseio.com/v0/topstories.json").respond_with_json(
            [9400, 9300, 9100, 9200]
        )
        hit = algolia_hit(9400, "Salt marsh restoration", 0)
        server.expect_request("/hn.algolia.com/api/v1/search").respond_with_json(
            {"hits": [hit], "nbHits": 1, "hitsPerPage": 1}
        )
        serve_story(server, 9400, "Salt marsh restoration")
        await pilot.press("R")
        await wait_for(pilot, lambda: articles.entry_count == 4, "the new story")
        assert "Salt marsh restoration" in str(articles.prompt_at(3))


async def test_the_list_says_what_is_being_fetched(server: HTTPServer, tmp_path: Path) -> None:
    held = threading.Event()
    asked = serve_front_page(server, held)
    app = web_app(server, tmp_path, ["https://news.ycombinator.com/"])
    async with app.run_test(size=WIDE) as pilot:
        pane = app.query_one(ArticlesPane)
        try:
            await wait_for(pilot, asked.is_set, "the second story asked for")
            await wait_for(
                pilot, lambda: "fetching 2/3" in str(pane.border_subtitle), "two of three fetched"
            )
        finally:
            held.set()
        await wait_for(pilot, lambda: "fetching" not in str(pane.border_subtitle), "all fetched")


def thread_with_a_stub() -> list[Any]:
    return reddit_thread()


async def test_space_on_a_reddit_stub_fetches_its_comments_into_its_place(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_json(thread_with_a_stub())
    things = []
    for name in ("c7", "c8"):
        comment = reddit_comment(name, "sand_piper", f"Words of {name}.")
        comment["data"]["parent_id"] = "t3_abc12"
        things.append(comment)
    httpserver.expect_request("/www.reddit.com/api/morechildren.json").respond_with_json(
        {"json": {"errors": [], "data": {"things": things}}}
    )
    url = "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/"
    app = web_app(httpserver, tmp_path, [url])
    async with app.run_test(size=WIDE) as pilot:
        view = app.query_one(ThreadView)
        await wait_for(pilot, lambda: len(source_ids(view)) == 3, "the thread")
        await pilot.press("tab", "tab", "G")
        await pilot.pause()
        assert view.thread is not None and view.thread.comments[view.cursor].status == "more"
        await pilot.press("space")
        await wait_for(pilot, lambda: "t1_c8" in source_ids(view), "the stub's comments")
        assert source_ids(view) == ["t1_c1", "t1_c2", "t1_c7", "t1_c8"]
        # The cursor on the first comment that came in the stub's place.
        assert cursor_id(view) == "t1_c7"
        assert requests_to(httpserver, "/www.reddit.com/api/morechildren.json") == 1


def test_a_story_listed_without_its_comments_says_how_many_its_site_counts() -> None:
    from reader.model import Article
    from reader.ui.articles.entry import article_prompt

    story = Article("Salt marsh restoration", source="Hacker News", comment_count=17)
    assert "17 comments" in str(article_prompt(story, 0))
    # Once its thread is in, the comments it holds.
    assert "5 comments" in str(article_prompt(story, 5))
