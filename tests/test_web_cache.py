"""The cache: a thread once fetched opens again from it (refreshed when the
network answers, as it was when it does not), a bad answer never replaces a
good copy, and a crash while writing leaves the last good copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.errors import LoadError
from reader.formats.loader import load_articles
from reader.model import Article, iter_comments
from reader.web import cache as cache_module
from reader.web.ahead import opened_in_full
from reader.web.cache import ResponseCache
from reader.web.request import Validators
from reader.web.session import WebSession
from tests.web_support import (
    REDDIT_THREAD_PATH,
    STORY,
    network,
    reddit_thread,
    requests_to,
    serve_hn,
    serve_reddit,
)

HN_URL = f"https://news.ycombinator.com/item?id={STORY}"
REDDIT_URL = "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/"


class Clock:
    def __init__(self) -> None:
        self.now = 1_717_300_000.0

    def __call__(self) -> float:
        return self.now


def open_article(session: WebSession, url: str) -> tuple[Article, list[str]]:
    opened = opened_in_full(session, url)
    (article,) = load_articles(opened.path)
    return article, opened.notes


def ids(article: Article) -> list[str | None]:
    return [comment.source_id for comment in iter_comments(article.comments)]


def test_a_refresh_shows_the_comments_that_arrived_since(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    web = WebSession(network(httpserver, tmp_path))
    first, _ = open_article(web, HN_URL)
    httpserver.clear()
    serve_hn(httpserver, late_reply=True)
    second, notes = open_article(web, HN_URL)
    assert "9107" not in ids(first)
    # The new reply, placed first among its siblings as Firebase's kids say.
    assert ids(second)[:4] == ["9101", "9107", "9105", "9104"]
    assert notes == []


def test_a_copy_still_current_is_not_sent_again(httpserver: HTTPServer, tmp_path: Path) -> None:
    """The second request carries the first's ETag; a 304 opens the kept copy."""
    body = json.dumps(reddit_thread())
    httpserver.expect_request(
        REDDIT_THREAD_PATH, headers={"If-None-Match": '"r1"'}
    ).respond_with_data("", status=304)
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_data(
        body, headers={"ETag": '"r1"'}, content_type="application/json"
    )
    clock = Clock()
    web = WebSession(network(httpserver, tmp_path), clock=clock)
    first, _ = open_article(web, REDDIT_URL)
    clock.now += 600
    second, notes = open_article(web, REDDIT_URL)
    statuses = [response.status_code for _, response in httpserver.log]
    assert statuses == [200, 304]
    assert ids(second) == ids(first) and notes == []
    assert web.cache.lookup(_reddit_api()).fetched == clock.now  # found current now


def test_offline_a_thread_opens_from_the_cache_with_its_age(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_hn(httpserver)
    clock = Clock()
    fetched, _ = open_article(WebSession(network(httpserver, tmp_path), clock=clock), HN_URL)
    sent = len(httpserver.log)
    clock.now += 3 * 3600
    offline = WebSession(network(httpserver, tmp_path), offline=True, clock=clock)
    again, notes = open_article(offline, HN_URL)
    assert len(httpserver.log) == sent  # nothing asked
    assert ids(again) == ids(fetched)
    assert notes == [f"{HN_URL}: offline; read from the cache, fetched 3 h ago"]


def test_when_the_network_fails_the_cached_copy_is_read_and_the_reason_said(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_reddit(httpserver)
    clock = Clock()
    web = WebSession(network(httpserver, tmp_path), clock=clock)
    fetched, _ = open_article(web, REDDIT_URL)
    httpserver.clear()
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_data("busy", status=503)
    clock.now += 120
    again, notes = open_article(web, REDDIT_URL)
    assert ids(again) == ids(fetched)
    assert notes == [
        f"{REDDIT_URL}: HTTP 503 Service Unavailable; read from the cache, fetched 2 min ago"
    ]


def test_malformed_json_never_replaces_a_good_copy(httpserver: HTTPServer, tmp_path: Path) -> None:
    serve_reddit(httpserver)
    web = WebSession(network(httpserver, tmp_path))
    fetched, _ = open_article(web, REDDIT_URL)
    httpserver.clear()
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_data(
        '[{"kind": "Listing"', status=200
    )
    again, notes = open_article(web, REDDIT_URL)
    assert ids(again) == ids(fetched)
    assert "malformed JSON" in notes[0]
    # With nothing kept, it is the error.
    fresh = WebSession(network(httpserver, tmp_path / "empty"))
    with pytest.raises(LoadError) as raised:
        fresh.open(REDDIT_URL)
    assert str(raised.value).startswith(f"{REDDIT_URL}: {_reddit_api()}: malformed JSON: ")


def test_a_page_that_is_not_a_thread_is_said_so(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_json({"kind": "Listing"})
    with pytest.raises(LoadError) as raised:
        WebSession(network(httpserver, tmp_path)).open(REDDIT_URL)
    assert raised.value.reason.endswith(
        "not a Reddit thread (expected its post and comment listings)"
    )
    assert ResponseCache(tmp_path).lookup(_reddit_api()) is None


def test_a_crash_while_storing_leaves_the_last_good_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ResponseCache(tmp_path)
    url = "https://lobste.rs/s/qz7k1m.json"
    cache.store(url, b'{"old": 1}', ".json", Validators('"a"'), 10.0)
    real_replace = cache_module.os.replace
    calls: list[str] = []

    def crash_at_the_record(source: str, target: Path) -> None:
        calls.append(str(target))
        if str(target).endswith(".meta.json"):
            raise KeyboardInterrupt  # the process stops as the record was to be renamed
        real_replace(source, target)

    monkeypatch.setattr(cache_module.os, "replace", crash_at_the_record)
    with pytest.raises(KeyboardInterrupt):
        cache.store(url, b'{"new": 2}', ".json", Validators('"b"'), 20.0)
    monkeypatch.undo()
    assert len(calls) == 2  # the new body was in place; its record was not
    copy = ResponseCache(tmp_path).lookup(url)
    assert copy is not None
    assert (copy.path.read_bytes(), copy.validators.etag, copy.fetched) == (
        b'{"old": 1}',
        '"a"',
        10.0,
    )
    assert not [path for path in tmp_path.rglob(".tmp-*")]  # no temporary file left
    # The new body no record names is gone too: one body for the URL.
    assert [path.name for path in copy.path.parent.glob("*-*.json")] == [copy.path.name]


def test_storing_a_url_again_keeps_one_body_without_listing_the_hosts_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ResponseCache(tmp_path)
    url = "https://lobste.rs/s/qz7k1m.json"
    for number in range(50):  # the site's other threads, read before
        cache.store(f"https://lobste.rs/s/{number}.json", b"{}", ".json", Validators(), 1.0)
    cache.store(url, b'{"old": 1}', ".json", Validators(), 10.0)
    listed: list[object] = []
    real_scandir = cache_module.os.scandir

    def counted_scandir(*arguments: object) -> object:
        listed.append(arguments)
        return real_scandir(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module.os, "scandir", counted_scandir)
    monkeypatch.setattr(Path, "iterdir", lambda self: listed.append(self) or iter(()))
    copy = cache.store(url, b'{"new": 2}', ".json", Validators(), 20.0)
    monkeypatch.undo()
    assert listed == []
    bodies = sorted(tmp_path.rglob(f"{copy.path.name.split('-')[0]}-*"))
    assert bodies == [copy.path] and copy.path.read_bytes() == b'{"new": 2}'
    assert len(list((tmp_path / "lobste.rs").glob("*-*.json"))) == 51


def test_the_cache_keys_by_the_url_asked_not_the_host_it_was_sent_to(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_reddit(httpserver)
    WebSession(network(httpserver, tmp_path)).open(REDDIT_URL)
    copy = ResponseCache(tmp_path).lookup(_reddit_api())
    assert copy is not None and copy.path.parent == tmp_path / "www.reddit.com"
    assert requests_to(httpserver, REDDIT_THREAD_PATH) == 1


def _reddit_api() -> str:
    return "https://www.reddit.com/comments/abc12.json?raw_json=1&limit=500"
