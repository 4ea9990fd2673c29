"""URLs named together are fetched a few at once, and read in the order they
were named (`reader.web.ahead`), from a local server that answers requests
at the same time (each test counts what is in flight at once)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.errors import LoadError
from reader.loading import Loading
from reader.prepared import PreparedBatch
from reader.web.ahead import AT_ONCE
from reader.web.session import WebSession
from tests.web_support import (
    STORY,
    lobsters_story,
    network,
    reddit_thread,
    serve_hn,
)

# Not speed figures: how long a request is held for what the test waits to
# see, before it gives up (when the behaviour is broken) instead of hanging.
HANG_SECONDS = 5.0
# How long a request is held for one request more than the bound to arrive
# (it never does while the bound holds).
BEYOND_SECONDS = 0.3
HN_URL = f"https://news.ycombinator.com/item?id={STORY}"


def session(server: HTTPServer, cache: Path) -> WebSession:
    """A session whose requests wait for the server's holds (not the tests' usual 0.5 s)."""
    return WebSession(network(server, cache, timeout=HANG_SECONDS * 2))


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A server that answers each request in a thread of its own."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def lobsters_url(number: int) -> str:
    return f"https://lobste.rs/s/st{number}"


def lobsters_json(number: int) -> str:
    return json.dumps({**lobsters_story(), "short_id": f"st{number}", "title": f"Story {number}"})


def serve_stories(server: HTTPServer, count: int, answer: Callable[[int], Response]) -> list[str]:
    """`count` Lobsters stories, each answered by `answer(number)`; their URLs."""
    for number in range(count):
        server.expect_request(f"/lobste.rs/s/st{number}.json").respond_with_handler(
            lambda _request, number=number: answer(number)
        )
    return [lobsters_url(number) for number in range(count)]


def story(number: int) -> Response:
    return Response(lobsters_json(number), content_type="application/json")


class InFlight:
    """Counts the requests answered at once. Each request is held until
    `until` are in flight, then for one more than `bound` to arrive: the first
    time `until` are, the requests after it pass at once."""

    def __init__(self, until: int, bound: int) -> None:
        self.until = until
        self.bound = bound
        self.now = 0
        self.peak = 0
        self.shown = False
        self._changed = threading.Condition()

    def hold(self) -> None:
        with self._changed:
            self.now += 1
            self.peak = max(self.peak, self.now)
            self._changed.notify_all()
            if not self.shown:
                self._changed.wait_for(lambda: self.now >= self.until, HANG_SECONDS)
                self._changed.wait_for(lambda: self.now > self.bound, BEYOND_SECONDS)
                self.shown = True

    def done(self) -> None:
        with self._changed:
            self.now -= 1
            self._changed.notify_all()

    def answer(self, respond: Callable[[], Response]) -> Response:
        self.hold()
        try:
            return respond()
        finally:
            self.done()

    def reached(self, count: int) -> bool:
        """Whether `count` requests have been in flight at once (waiting for it)."""
        with self._changed:
            return self._changed.wait_for(lambda: self.peak >= count, HANG_SECONDS)


def read_all(loading: Loading) -> list[PreparedBatch | LoadError]:
    return list(loading)


def outline(results: list[PreparedBatch | LoadError]) -> list[str]:
    """Each result: its articles' titles, or the URL of its error."""
    said: list[str] = []
    for result in results:
        if isinstance(result, LoadError):
            said.append(f"error: {result.name}")
        else:
            said.extend(prepared.article.title for prepared in result.articles)
    return said


def test_named_urls_are_fetched_a_few_at_once_never_more(
    server: HTTPServer, tmp_path: Path
) -> None:
    """Six stories, two at a time: two requests are in flight together, and
    no third arrives while they are held."""
    in_flight = InFlight(until=2, bound=2)
    urls = serve_stories(server, 6, lambda number: in_flight.answer(lambda: story(number)))
    loading = Loading(urls, web=session(server, tmp_path), fetch_at_once=2)
    assert outline(read_all(loading)) == [f"Story {number}" for number in range(6)]
    assert in_flight.peak == 2


def test_by_default_as_many_as_at_once_are_fetched_together(
    server: HTTPServer, tmp_path: Path
) -> None:
    in_flight = InFlight(until=AT_ONCE, bound=AT_ONCE)
    urls = serve_stories(
        server, AT_ONCE + 2, lambda number: in_flight.answer(lambda: story(number))
    )
    loading = Loading(urls, web=session(server, tmp_path))
    assert len(outline(read_all(loading))) == AT_ONCE + 2
    assert in_flight.peak == AT_ONCE


def test_a_hosts_own_limit_holds_whatever_is_fetched_at_once(
    server: HTTPServer, tmp_path: Path
) -> None:
    """Reddit is asked one request at a time, however many threads are named."""
    in_flight = InFlight(until=1, bound=1)
    ids = ["abc12", "abc13", "abc14"]
    for thread_id in ids:
        thread = reddit_thread()
        thread[0]["data"]["children"][0]["data"].update(id=thread_id, title=thread_id)

        def answer(_request: Request, thread: Any = thread) -> Response:
            return in_flight.answer(
                lambda: Response(json.dumps(thread), content_type="application/json")
            )

        server.expect_request(f"/www.reddit.com/comments/{thread_id}.json").respond_with_handler(
            answer
        )
    urls = [f"https://www.reddit.com/comments/{thread_id}/" for thread_id in ids]
    loading = Loading(urls, web=session(server, tmp_path))
    assert outline(read_all(loading)) == ids
    assert in_flight.peak == 1


def test_articles_come_in_the_order_named_whichever_arrives_first(
    server: HTTPServer, tmp_path: Path
) -> None:
    """The first story's answer waits for the last one's: the list still has
    them in the order they were named."""
    last_answered = threading.Event()

    def answer(number: int) -> Response:
        if number == 0:
            assert last_answered.wait(HANG_SECONDS)
        if number == 2:
            last_answered.set()
        return story(number)

    urls = serve_stories(server, 3, answer)
    loading = Loading(urls, web=session(server, tmp_path))
    assert outline(read_all(loading)) == ["Story 0", "Story 1", "Story 2"]


def test_a_url_that_fails_is_one_line_naming_it_in_its_place_and_the_others_load(
    server: HTTPServer, tmp_path: Path
) -> None:
    urls = serve_stories(server, 4, story)
    failing = "https://lobste.rs/s/gone1"
    server.expect_request("/lobste.rs/s/gone1.json").respond_with_data("", status=404)
    named = [urls[0], failing, *urls[1:]]
    loading = Loading(named, web=session(server, tmp_path), fetch_at_once=2)
    results = read_all(loading)
    assert outline(results) == ["Story 0", f"error: {failing}", "Story 1", "Story 2", "Story 3"]
    (error,) = [result for result in results if isinstance(result, LoadError)]
    assert str(error) == f"{failing}: https://lobste.rs/s/gone1.json: HTTP 404 Not Found"


def test_the_progress_counts_the_urls_read_of_all_named(server: HTTPServer, tmp_path: Path) -> None:
    urls = serve_stories(server, 5, story)
    loading = Loading(urls, web=session(server, tmp_path))
    done = []
    for _ in loading:
        # As the load worker asks: the total first, which ends the walk.
        assert loading.byte_count == 0  # a URL's size is not known
        done.append((loading.files_done, loading.file_count))
    assert done == [(number, 5) for number in range(1, 6)]


def test_the_first_url_is_read_ahead_alone_and_its_whole_order_comes_before_the_others(
    server: HTTPServer, tmp_path: Path
) -> None:
    """The first frame waits for the first thread's two requests only; its
    reply order (the article on screen) is fetched before the URLs after it
    are asked for."""
    asked: list[str] = []
    others_asked = threading.Event()

    def reply_order(_request: Request) -> Response:
        # Room for a URL after it to be asked for meanwhile: none is.
        others_asked.wait(BEYOND_SECONDS)
        asked.append("reply order")
        return Response('{"id": 9101, "kids": [9105, 9104]}', content_type="application/json")

    def other(number: int) -> Response:
        others_asked.set()
        asked.append(f"story {number}")
        return story(number)

    server.expect_request("/hacker-news.firebaseio.com/v0/item/9101.json").respond_with_handler(
        reply_order
    )
    serve_hn(server)
    urls = serve_stories(server, 2, other)
    loading = Loading([HN_URL, *urls], web=session(server, tmp_path))
    assert loading.read_ahead()
    assert len(server.log) == 2
    results = read_all(loading)
    assert asked[0] == "reply order"
    assert sorted(asked[1:]) == ["story 0", "story 1"]
    assert outline(results) == [
        "Show HN: A tide table in the terminal",
        "Show HN: A tide table in the terminal",
        "Story 0",
        "Story 1",
    ]
    assert results[1].replacing == 1  # type: ignore[union-attr]


# The process ends as its main thread does, while every story's request is
# held by the server (until the test ends).
QUIT_SCRIPT = """
import sys, threading
from pathlib import Path
from reader.config.network import Network
from reader.loading import Loading
from reader.web.session import WebSession
network = Network(timeout=60, hosts=eval(sys.argv[1]), cache=Path(sys.argv[2]))
loading = Loading(sys.argv[3:], web=WebSession(network))
threading.Thread(target=lambda: list(loading), daemon=True).start()
sys.stdin.readline()
"""


def test_the_process_ends_while_urls_fetched_ahead_are_in_flight(
    server: HTTPServer, tmp_path: Path
) -> None:
    in_flight = InFlight(until=AT_ONCE, bound=AT_ONCE)
    release = threading.Event()

    def held(number: int) -> Response:
        in_flight.hold()
        release.wait(HANG_SECONDS * 4)
        return story(number)

    urls = serve_stories(server, AT_ONCE + 1, held)
    hosts = dict(network(server, tmp_path).hosts)
    process = subprocess.Popen(
        [sys.executable, "-c", QUIT_SCRIPT, repr(hosts), str(tmp_path), *urls],
        stdin=subprocess.PIPE,
        text=True,
    )
    try:
        assert in_flight.reached(AT_ONCE)
        process.communicate("\n", timeout=HANG_SECONDS * 2)
        assert process.returncode == 0
        assert not release.is_set()
    finally:
        release.set()
        if process.poll() is None:
            process.kill()
