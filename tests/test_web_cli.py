"""`reader dump URL` and `reader URL` against a local server: every kind of
URL reads, every failure is one line naming the URL, exit 2 when nothing
could be read, the kept copy when there is one, never a traceback."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pexpect
import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.cli import main
from tests.builders import write
from tests.terminal import Terminal
from tests.test_cli import FakeApp, fake_app  # noqa: F401 - a fixture
from tests.web_support import (
    INBOX_PATH,
    MESSAGE_ID,
    REDDIT_THREAD_PATH,
    STORY,
    config_text,
    serve_hn,
    serve_lobsters,
    serve_public_inbox,
    serve_reddit,
)

HN_URL = f"https://news.ycombinator.com/item?id={STORY}"
REDDIT_URL = "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/"


@pytest.fixture
def config(httpserver: HTTPServer, tmp_path: Path) -> str:
    return str(write(tmp_path / "config.toml", config_text(httpserver, tmp_path / "cache")))


def dump(
    capsys: pytest.CaptureFixture[str], config: str, url: str, *more: str
) -> tuple[int, str, str]:
    code = main(["dump", url, "--config", config, "--format", "json", *more])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("serve", "url", "title", "comments"),
    [
        (serve_hn, HN_URL, "Show HN: A tide table in the terminal", 6),
        (serve_reddit, REDDIT_URL, "Birds seen at the estuary this week", 3),
        (serve_lobsters, "https://lobste.rs/s/qz7k1m", "Terminal tide tables", 3),
        (
            serve_public_inbox,
            f"https://lore.kernel.org/tides/{MESSAGE_ID}/T/",
            "[PATCH] tides: round heights to centimetres",
            1,
        ),
    ],
)
def test_dump_reads_every_kind_of_url(
    httpserver: HTTPServer,
    config: str,
    capsys: pytest.CaptureFixture[str],
    serve: object,
    url: str,
    title: str,
    comments: int,
) -> None:
    serve(httpserver)  # type: ignore[operator]
    code, out, err = dump(capsys, config, url)
    assert (code, err) == (0, "")
    article = json.loads(out)  # one article: an object, not an array
    assert article["title"] == title
    assert _count(article["comments"]) == comments


def test_dump_of_a_url_prints_yaml_too(
    httpserver: HTTPServer, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_lobsters(httpserver)
    assert main(["dump", "https://lobste.rs/s/qz7k1m", "--config", config]) == 0
    assert yaml.safe_load(capsys.readouterr().out)["title"] == "Terminal tide tables"


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (404, "gone", "HTTP 404 Not Found"),
        (
            429,
            "slow down",
            "HTTP 429 Too Many Requests: the site asks to wait 60 s before asking again",
        ),
        (500, "oops", "HTTP 500 Internal Server Error"),
        (200, "<html>a page</html>", "malformed JSON: Expecting value (line 1)"),
    ],
)
def test_a_failure_is_one_line_naming_the_url_and_exit_2(
    httpserver: HTTPServer,
    config: str,
    capsys: pytest.CaptureFixture[str],
    status: int,
    body: str,
    reason: str,
) -> None:
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_data(body, status=status)
    code, out, err = dump(capsys, config, REDDIT_URL)
    assert (code, out) == (2, "")
    assert err.startswith(f"reader: {REDDIT_URL}: https://www.reddit.com/comments/abc12.json")
    assert err.rstrip("\n").endswith(reason) and err.count("\n") == 1
    assert "Traceback" not in err


def test_with_the_server_down_dump_reads_the_kept_copy_and_says_its_age(
    httpserver: HTTPServer, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_public_inbox(httpserver)
    url = f"https://lore.kernel.org/tides/{MESSAGE_ID}/"
    fetched = dump(capsys, config, url)
    httpserver.clear()
    httpserver.expect_request(INBOX_PATH).respond_with_data("", status=502)
    again = dump(capsys, config, url)
    assert (again[0], again[1]) == (0, fetched[1])
    assert again[2] == (
        f"reader: warning: {url}: HTTP 502 Bad Gateway; read from the cache, fetched just now\n"
    )


def test_offline_dump_reads_the_cache_and_sends_nothing(
    httpserver: HTTPServer, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_hn(httpserver)
    fetched = dump(capsys, config, HN_URL)
    sent = len(httpserver.log)
    offline = dump(capsys, config, HN_URL, "--offline")
    assert offline[:2] == fetched[:2]
    assert "offline; read from the cache" in offline[2]
    assert len(httpserver.log) == sent
    code, _, err = dump(capsys, config, "https://lobste.rs/s/never1", "--offline")
    assert (code, err) == (2, "reader: https://lobste.rs/s/never1: offline, and not in the cache\n")


def test_the_app_reads_urls_beside_files_in_their_order(
    httpserver: HTTPServer,
    config: str,
    tmp_path: Path,
    fake_app: type[FakeApp],  # noqa: F811
) -> None:
    serve_lobsters(httpserver)
    good = write(tmp_path / "good.yaml", "title: A YAML article\nbody: Its body.\n")
    assert main(["--config", config, "--no-state", "https://lobste.rs/s/qz7k1m", str(good)]) == 0
    (app,) = fake_app.instances
    assert [path.suffix if path else None for path in app.paths] == [".json", ".yaml"]
    assert app.load_errors == []


def test_the_app_says_why_a_url_could_not_be_read_and_opens_the_rest(
    httpserver: HTTPServer,
    config: str,
    tmp_path: Path,
    fake_app: type[FakeApp],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_data("", status=404)
    good = write(tmp_path / "good.yaml", "title: A YAML article\nbody: Its body.\n")
    assert main(["--config", config, "--no-state", REDDIT_URL, str(good)]) == 0
    (app,) = fake_app.instances
    assert app.paths == [good]
    assert [error.name for error in app.load_errors] == [REDDIT_URL]
    # Nothing readable at all: the reason on stderr, exit 2, no app.
    assert main(["--config", config, "--no-state", REDDIT_URL]) == 2
    assert capsys.readouterr().err.endswith("HTTP 404 Not Found\n")


def _patient_config(httpserver: HTTPServer, tmp_path: Path) -> Path:
    """A config whose timeout outlasts an answer the test holds back."""
    return write(
        tmp_path / "slow.toml",
        config_text(httpserver, tmp_path / "cache").replace("timeout = 0.5", "timeout = 60"),
    )


def _wait_for_the_answer_logged(httpserver: HTTPServer) -> None:
    """A held answer is logged as it is sent: waited for, so that it is not
    logged among the next test's requests."""
    for _ in range(200):
        if httpserver.log:
            break
        time.sleep(0.05)


def test_ctrl_c_while_the_first_url_is_fetched_ends_reader_at_once(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """The first URL is fetched in a thread while the app's modules load:
    ctrl+c ends reader without waiting for an answer that has not come."""
    asked = threading.Event()
    release = threading.Event()

    def never_answers(request: Request) -> Response:
        asked.set()
        release.wait(30)
        return Response("[]", status=503)

    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_handler(never_answers)
    config = _patient_config(httpserver, tmp_path)
    try:
        with Terminal(["--config", str(config), "--no-state", REDDIT_URL]) as terminal:
            assert asked.wait(20)
            # Once: raised as KeyboardInterrupt, it could be lost in Python's
            # import machinery (which says so, and goes on) or leave a module
            # half made under the fetching thread (exit status 1).
            terminal.child.sendintr()
            terminal.child.expect(pexpect.EOF, timeout=10)
            terminal.child.close()
            assert terminal.child.exitstatus == 130, terminal.child.before
            assert not release.is_set()  # the request was still unanswered
    finally:
        release.set()
        _wait_for_the_answer_logged(httpserver)


def _count(comments: list[dict[str, object]]) -> int:
    stack, count = list(comments), 0
    while stack:
        comment = stack.pop()
        count += 1
        stack.extend(comment.get("replies") or [])  # type: ignore[arg-type]
    return count


def test_the_configs_urls_are_read_from_the_cache_first_urls_named_are_fetched(
    httpserver: HTTPServer,
    config: str,
    tmp_path: Path,
    fake_app: type[FakeApp],  # noqa: F811
) -> None:
    """`reader` with no argument opens the subscriptions from the cache (then
    the app fetches them again); a URL named on the command line is fetched."""
    serve_lobsters(httpserver)
    url = "https://lobste.rs/s/qz7k1m"
    subscribed = write(
        tmp_path / "subscribed.toml", f'paths = ["{url}"]\n' + Path(config).read_text()
    )
    assert main(["--config", str(subscribed), "--no-state"]) == 0
    assert main(["--config", config, "--no-state", url]) == 0
    first, second = fake_app.instances
    assert first.loading.web is not None and first.loading.web.cached_first
    assert second.loading.web is not None and not second.loading.web.cached_first


def test_a_slow_first_fetch_is_said_on_the_terminal_then_rubbed_out(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """The terminal stays blank until the first URL is read (so that its error,
    if it fails, is not flashed behind an empty app): a wait of more than a
    moment says what it waits for, and the line goes once the wait is over."""
    release = threading.Event()

    def answers_once_the_wait_is_said(request: Request) -> Response:
        release.wait(30)
        return Response("", status=404)

    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_handler(
        answers_once_the_wait_is_said
    )
    config = _patient_config(httpserver, tmp_path)
    try:
        with Terminal(["--config", str(config), "--no-state", REDDIT_URL]) as terminal:
            terminal.child.expect_exact(f"reader: fetching {REDDIT_URL}".encode(), timeout=20)
            release.set()
            terminal.child.expect(pexpect.EOF, timeout=20)
            said = terminal.child.before.decode()
            terminal.child.close()
            assert terminal.child.exitstatus == 2
            # Rubbed out, then the reason in its place.
            assert said.startswith("… (ctrl+c to stop)\r\x1b[K"), said
            assert said.rstrip().endswith("HTTP 404 Not Found")
    finally:
        release.set()
        _wait_for_the_answer_logged(httpserver)
