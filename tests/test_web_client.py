"""The one HTTP client: polite (per-host waits, 429, Reddit's rate headers),
safe (redirects, sizes, gzip bombs, cookies) and clear when it fails. A local
server answers; waits are counted on a fake clock, never taken."""

from __future__ import annotations

import gzip
import re
import socket
import threading
import tracemalloc
import zlib

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.config.network import DEFAULT_USER_AGENT
from reader.formats import limits
from reader.web.body import TooLarge, gunzip_bounded
from reader.web.client import WebClient
from reader.web.gate import HostGate, retry_after
from reader.web.hosts import HostMap
from reader.web.request import FetchError, Validators
from tests.web_support import TIMEOUT, base_urls

URL = "https://lobste.rs/s/qz7k1m.json"
PATH = "/lobste.rs/s/qz7k1m.json"


class FakeClock:
    """A clock that moves only when slept on, and remembers each sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def client(
    server: HTTPServer, clock: FakeClock | None = None, transport: httpx.BaseTransport | None = None
) -> WebClient:
    clock = clock or FakeClock()
    gate = HostGate(max_wait=10, clock=clock.time, sleep=clock.sleep)
    return WebClient(DEFAULT_USER_AGENT, TIMEOUT, HostMap(base_urls(server)), gate, transport)


def requests(server: HTTPServer) -> int:
    return len(server.log)


# What is sent ---------------------------------------------------------------------------------


def test_the_request_goes_to_the_mapped_host_with_readers_user_agent_and_no_cookie(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request(PATH).respond_with_data(
        "{}", headers={"Set-Cookie": "session=abc; Path=/"}, content_type="application/json"
    )
    web = client(httpserver)
    assert web.get(URL).body == b"{}"
    assert web.get(URL).body == b"{}"
    first, second = (request for request, _ in httpserver.log)
    assert first.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.split(":")[1:3] == ["reader", DEFAULT_USER_AGENT.split(":")[2]]
    assert "Cookie" not in second.headers


def test_a_url_with_credentials_or_another_scheme_is_not_fetched(httpserver: HTTPServer) -> None:
    web = client(httpserver)
    for url, reason in [
        ("https://someone:secret@lobste.rs/s/x.json", "a URL with a user name or password"),
        ("file:///etc/passwd", "only http and https URLs are fetched"),
    ]:
        with pytest.raises(FetchError, match=reason):
            web.get(url)
    assert requests(httpserver) == 0


# Redirects ------------------------------------------------------------------------------------


def test_a_redirect_to_http_is_followed_and_resolved_against_the_url_asked(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/lobste.rs/s/old.json").respond_with_data(
        "", status=301, headers={"Location": "/s/qz7k1m.json"}
    )
    httpserver.expect_request(PATH).respond_with_data("{}")
    response = client(httpserver).get("https://lobste.rs/s/old.json")
    assert (response.url, response.body) == (URL, b"{}")
    assert requests(httpserver) == 2


def test_a_redirect_to_a_file_url_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    with pytest.raises(FetchError) as raised:
        client(httpserver).get(URL)
    assert raised.value.name == URL
    assert (
        raised.value.reason == "redirected to file:///etc/passwd: only http and https are followed"
    )


def test_a_redirect_loop_stops(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("", status=302, headers={"Location": URL})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        client(httpserver).get(URL)
    assert requests(httpserver) == 6


# Sizes ----------------------------------------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 64 * 1024)
    return limits.MAX_FILE_BYTES


def test_a_body_over_the_limit_is_refused_whether_its_length_is_declared_or_not(
    httpserver: HTTPServer, small_limit: int
) -> None:
    big = b"x" * (small_limit + 1)
    httpserver.expect_request("/lobste.rs/declared.json").respond_with_data(big)

    def chunked(request: Request) -> Response:
        return Response(iter([big[:small_limit], big[small_limit:]]), direct_passthrough=True)

    httpserver.expect_request("/lobste.rs/chunked.json").respond_with_handler(chunked)
    web = client(httpserver)
    for name in ("declared", "chunked"):
        with pytest.raises(FetchError, match=re.escape("over the 0.0625 MB limit")):
            web.get(f"https://lobste.rs/{name}.json")
    httpserver.expect_request("/lobste.rs/fits.json").respond_with_data(big[:small_limit])
    assert len(web.get("https://lobste.rs/fits.json").body) == small_limit


def test_a_gzip_bomb_stops_at_the_limit(httpserver: HTTPServer, small_limit: int) -> None:
    bomb = gzip.compress(b"\0" * (64 * small_limit))  # 4 MB of zeros in some 4 kB
    assert len(bomb) < small_limit
    httpserver.expect_request(PATH).respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    web = client(httpserver)
    with pytest.raises(FetchError, match=re.escape("over the 0.0625 MB limit")):
        web.get(URL)
    ((request, _),) = httpserver.log
    assert request.headers["Accept-Encoding"] == "gzip"


def test_a_gzip_bomb_is_never_inflated_past_the_limit_in_memory() -> None:
    """The decompressor is asked for no more than the limit: 32 MB of zeros
    (32 kB compressed) never become more than a few hundred kB in memory."""
    bomb = gzip.compress(b"\0" * (32 * 1024 * 1024))
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge):
            gunzip_bounded(bomb, 64 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_a_gzip_file_of_several_members_is_read_whole() -> None:
    assert (
        gunzip_bounded(gzip.compress(b"From a") + gzip.compress(b"\nmore"), 100) == b"From a\nmore"
    )


def test_a_gzip_body_within_the_limit_is_decompressed(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data(
        gzip.compress(b'{"short_id": "qz7k1m"}'), headers={"Content-Encoding": "gzip"}
    )
    assert client(httpserver).get(URL).body == b'{"short_id": "qz7k1m"}'


def test_a_body_that_does_not_decompress_is_an_error(httpserver: HTTPServer) -> None:
    damaged = zlib.compress(b"abc")[:-3]
    httpserver.expect_request(PATH).respond_with_data(damaged, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="does not decompress"):
        client(httpserver).get(URL)


# Politeness -----------------------------------------------------------------------------------


def test_a_429_with_a_short_retry_after_is_waited_out_and_asked_again(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_oneshot_request(PATH).respond_with_data(
        "", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_request(PATH).respond_with_data("{}")
    clock = FakeClock()
    assert client(httpserver, clock).get(URL).body == b"{}"
    assert clock.sleeps == [7.0]
    assert requests(httpserver) == 2


def test_a_429_with_a_long_retry_after_fails_and_the_host_is_left_alone_meanwhile(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request(PATH).respond_with_data(
        "", status=429, headers={"Retry-After": "3600"}
    )
    clock = FakeClock()
    web = client(httpserver, clock)
    with pytest.raises(FetchError) as raised:
        web.get(URL)
    assert raised.value.reason == (
        "HTTP 429 Too Many Requests: the site asks to wait 3600 s before asking again"
    )
    with pytest.raises(FetchError, match="the site asks to wait 3600 s"):
        web.get(URL)
    assert requests(httpserver) == 1  # the second was never sent
    assert clock.sleeps == []
    clock.now += 3600
    httpserver.clear()
    httpserver.expect_request(PATH).respond_with_data("{}")
    assert web.get(URL).body == b"{}"


def test_reddits_rate_headers_hold_the_host_until_the_reset(httpserver: HTTPServer) -> None:
    path = "/www.reddit.com/comments/abc12.json"
    httpserver.expect_request(path).respond_with_data(
        "[]",
        headers={
            "X-Ratelimit-Remaining": "0.0",
            "X-Ratelimit-Reset": "4",
            "X-Ratelimit-Used": "100",
        },
    )
    clock = FakeClock()
    web = client(httpserver, clock)
    url = "https://www.reddit.com/comments/abc12.json"
    web.get(url)
    web.get(url)
    assert clock.sleeps == [4.0]
    assert requests(httpserver) == 2


def test_retry_after_as_an_http_date() -> None:
    assert retry_after("Wed, 21 Oct 2015 07:28:30 GMT", 1445412480.0) == 30.0
    assert retry_after("soon", 0.0) is None


# Conditional requests -------------------------------------------------------------------------


def test_the_validators_of_a_cached_copy_are_sent_and_304_says_it_is_current(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request(PATH, headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    validators = Validators('"v1"', "Sat, 01 Jun 2024 10:00:00 GMT")
    response = client(httpserver).get(URL, validators)
    assert response.status == 304
    ((request, _),) = httpserver.log
    assert request.headers["If-Modified-Since"] == "Sat, 01 Jun 2024 10:00:00 GMT"


# Failures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"), (503, "HTTP 503")],
)
def test_an_http_error_is_one_line_naming_the_url(
    httpserver: HTTPServer, status: int, reason: str
) -> None:
    httpserver.expect_request(PATH).respond_with_data("<html>oops</html>", status=status)
    with pytest.raises(FetchError) as raised:
        client(httpserver).get(URL)
    assert str(raised.value).startswith(f"{URL}: {reason}")


def test_a_server_that_does_not_answer_in_time_times_out(httpserver: HTTPServer) -> None:
    answer = threading.Event()

    def slow(request: Request) -> Response:
        answer.wait(10)  # until the client has given up (the server answers one at a time)
        return Response("{}")

    httpserver.expect_request(PATH).respond_with_handler(slow)
    try:
        with pytest.raises(FetchError) as raised:
            client(httpserver).get(URL)
    finally:
        answer.set()
    assert raised.value.reason == f"timed out (no answer within {TIMEOUT:g} s)"


def test_a_refused_connection_says_so(httpserver: HTTPServer) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    gate = HostGate(max_wait=0)
    web = WebClient("ua", TIMEOUT, HostMap({"lobste.rs": f"http://127.0.0.1:{port}"}), gate)
    with pytest.raises(FetchError, match=r"^.*: cannot connect: "):
        web.get(URL)


def test_a_host_that_cannot_be_found_says_so() -> None:
    def no_dns(request: httpx.Request) -> httpx.Response:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as error:
            raise httpx.ConnectError(str(error), request=request) from error

    web = WebClient("ua", TIMEOUT, HostMap({}), HostGate(0), httpx.MockTransport(no_dns))
    with pytest.raises(FetchError) as raised:
        web.get(URL)
    assert raised.value.reason == "cannot find the host (no network, or no such host)"
