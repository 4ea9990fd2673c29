"""Reddit's `more` stubs: the comments behind one fetched (`/api/morechildren`,
or a "continue this thread" stub's parent permalink), nested by `parent_id`
in its place, kept so that the thread opens again with them; and a comment
permalink whose comment is behind a stub. A local server answers in Reddit's
shape, with invented comments."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.config.network import Network
from reader.errors import LoadError
from reader.formats.loader import load_articles
from reader.model import Article, Comment, Thread, iter_comments
from reader.web.reddit_api import MORE_CHILDREN
from reader.web.session import WebSession
from tests.web_support import (
    REDDIT_THREAD_PATH,
    reddit_comment,
    reddit_thread,
    requests_to,
    session,
)

THREAD_URL = "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/"
MORECHILDREN_PATH = "/www.reddit.com/api/morechildren.json"
CONTINUE_PATH = "/www.reddit.com/comments/abc12/_/c2.json"


def network_settings(cache: Path, hosts: dict[str, str]) -> Network:
    return Network(timeout=5, hosts=hosts, cache=cache)


def thing(name: str, parent: str) -> dict[str, Any]:
    """A comment as morechildren gives it: flat, naming its parent."""
    comment = reddit_comment(name, "sand_piper", f"Words of {name}.")
    comment["data"]["parent_id"] = parent
    return comment


def stub(name: str, parent: str, children: list[str], count: int | None = None) -> dict[str, Any]:
    return {
        "kind": "more",
        "data": {
            "count": len(children) if count is None else count,
            "name": f"t1_{name}",
            "id": name,
            "parent_id": parent,
            "depth": 0 if parent.startswith("t3_") else 1,
            "children": children,
        },
    }


def answer(*things: dict[str, Any]) -> dict[str, Any]:
    return {"json": {"errors": [], "data": {"things": list(things)}}}


def thread_with_stubs(children: list[str] | None = None) -> list[Any]:
    """The invented thread: c1 with its reply c2, c2's replies cut short by a
    "continue this thread" stub, then a top-level stub for c7 and c8."""
    thread = reddit_thread()
    top = thread[1]["data"]["children"]
    c2 = top[0]["data"]["replies"]["data"]["children"][0]
    c2["data"]["parent_id"] = "t1_c1"
    c2["data"]["replies"] = {
        "kind": "Listing",
        "data": {"children": [stub("_", "t1_c2", [], count=0)]},
    }
    top[1] = stub("c9", "t3_abc12", children or ["c7", "c8"])
    return thread


def serve(server: HTTPServer, children: list[str] | None = None) -> None:
    server.expect_request(REDDIT_THREAD_PATH).respond_with_json(thread_with_stubs(children))
    server.expect_request(MORECHILDREN_PATH).respond_with_json(
        answer(
            thing("c7", "t3_abc12"),
            thing("c10", "t1_c7"),
            stub("c11", "t1_c10", ["c11"]),
            thing("c8", "t3_abc12"),
            # Already in the thread: left out.
            thing("c2", "t1_c1"),
        )
    )


def open_article(web: WebSession, url: str = THREAD_URL) -> Article:
    opened = web.open(url)
    (article,) = load_articles(opened.path)
    return article


def tree(comments: list[Comment] | tuple[Comment, ...]) -> list[object]:
    """Source ids, nested as replies."""
    return [(c.source_id, tree(c.replies)) if c.replies else c.source_id for c in comments]


def stub_named(article: Article, name: str) -> Comment:
    return next(c for c in iter_comments(article.comments) if c.source_id == name)


# morechildren ---------------------------------------------------------------------------------


def test_a_stub_expands_to_its_comments_nested_by_parent_with_the_stubs_they_leave(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve(httpserver)
    web = session(httpserver, tmp_path)
    article = open_article(web)
    assert tree(article.comments) == [("t1_c1", [("t1_c2", ["t1__"])]), "t1_c9"]
    comments = web.expand(article, stub_named(article, "t1_c9"))
    assert tree(comments) == [("t1_c7", [("t1_c10", ["t1_c11"])]), "t1_c8"]
    new_stub = comments[0].replies[0].replies[0]
    assert (new_stub.status, new_stub.more) == ("more", 1)
    ((request, _),) = [entry for entry in httpserver.log if entry[0].path == MORECHILDREN_PATH]
    assert request.args.to_dict() == {
        "api_type": "json",
        "link_id": "t3_abc12",
        "children": "c7,c8",
        "sort": "confidence",
        "limit_children": "false",
        "raw_json": "1",
    }


def test_the_posts_suggested_sort_orders_the_stubs_comments(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    thread = thread_with_stubs()
    thread[0]["data"]["children"][0]["data"]["suggested_sort"] = "new"
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_json(thread)
    httpserver.expect_request(MORECHILDREN_PATH).respond_with_json(answer(thing("c7", "t3_abc12")))
    web = session(httpserver, tmp_path)
    article = open_article(web)
    web.expand(article, stub_named(article, "t1_c9"))
    ((request, _),) = [entry for entry in httpserver.log if entry[0].path == MORECHILDREN_PATH]
    assert request.args["sort"] == "new"


def test_an_expanded_stub_stays_expanded_when_the_thread_opens_again(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve(httpserver)
    web = session(httpserver, tmp_path)
    article = open_article(web)
    web.expand(article, stub_named(article, "t1_c9"))
    expanded = [("t1_c1", [("t1_c2", ["t1__"])]), ("t1_c7", [("t1_c10", ["t1_c11"])]), "t1_c8"]
    # Fetched again (Reddit still has the stub): its comments put in from the cache.
    assert tree(open_article(web).comments) == expanded
    assert tree(open_article(session(httpserver, tmp_path, offline=True)).comments) == expanded
    assert requests_to(httpserver, MORECHILDREN_PATH) == 1


def test_a_stub_whose_comments_changed_is_a_new_stub(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve(httpserver)
    web = session(httpserver, tmp_path)
    article = open_article(web)
    web.expand(article, stub_named(article, "t1_c9"))
    httpserver.clear()
    serve(httpserver, children=["c7", "c8", "c12"])
    assert tree(open_article(web).comments)[1] == "t1_c9"


def test_a_stub_of_more_ids_than_reddit_answers_leaves_the_rest_behind_a_stub(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """The first 100 asked for; the rest are a stub after their comments,
    which expands in turn (found in the thread as kept, with the first
    answer in)."""
    ids = [f"k{number}" for number in range(MORE_CHILDREN + 30)]
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_json(thread_with_stubs(ids))

    def morechildren(request: Request) -> Response:
        asked = request.args["children"].split(",")
        return Response(
            json.dumps(answer(*(thing(name, "t3_abc12") for name in asked))),
            content_type="application/json",
        )

    httpserver.expect_request(MORECHILDREN_PATH).respond_with_handler(morechildren)
    web = session(httpserver, tmp_path)
    article = open_article(web)
    first = web.expand(article, stub_named(article, "t1_c9"))
    assert [c.source_id for c in first[:-1]] == [f"t1_{name}" for name in ids[:MORE_CHILDREN]]
    rest = first[-1]
    assert (rest.status, rest.more, rest.source_id) == ("more", 30, f"t1_{ids[MORE_CHILDREN]}")
    article.comments[1:2] = first  # in the stub's place, as the app puts them
    second = web.expand(article, rest)
    assert [c.source_id for c in second] == [f"t1_{name}" for name in ids[MORE_CHILDREN:]]
    asked = [len(request.args["children"].split(",")) for request, _ in httpserver.log[1:]]
    assert asked == [MORE_CHILDREN, 30]
    # Both kept: the thread opens with all of them.
    assert len(open_article(web).comments) == 1 + len(ids)


# Continue this thread -------------------------------------------------------------------------


def test_a_continue_this_thread_stub_is_replaced_by_its_parents_replies(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve(httpserver)
    permalink = reddit_thread()
    c2 = reddit_comment(
        "c2", "mudflat_mo", "Only one here.", thing("c13", "t1_c2"), thing("c2", "t1_c2")
    )
    permalink[1]["data"]["children"] = [c2]
    httpserver.expect_request(CONTINUE_PATH).respond_with_json(permalink)
    web = session(httpserver, tmp_path)
    article = open_article(web)
    Thread(article.comments)  # indexed, as the store does: the stub knows its parent
    continued = stub_named(article, "t1__")
    assert continued.parent is not None and continued.parent.source_id == "t1_c2"
    assert tree(web.expand(article, continued)) == ["t1_c13"]
    assert requests_to(httpserver, CONTINUE_PATH) == 1
    assert tree(open_article(web).comments)[0] == ("t1_c1", [("t1_c2", ["t1_c13"])])


# A comment's permalink behind a stub ------------------------------------------------------------


def test_a_comment_permalink_behind_a_stub_is_grafted_in_from_its_permalink(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve(httpserver)
    permalink = reddit_thread()
    permalink[1]["data"]["children"] = [
        reddit_comment("c8", "egret_ed", "The one behind the stub.", thing("c14", "t1_c8"))
    ]
    httpserver.expect_request("/www.reddit.com/comments/abc12/_/c8.json").respond_with_json(
        permalink
    )
    web = session(httpserver, tmp_path)
    opened = web.open(f"{THREAD_URL}c8/")
    (article,) = load_articles(opened.path)
    assert opened.focus == "t1_c8"
    # In the stub's place, before it; the stub asks only for the rest.
    assert tree(article.comments)[1:] == [("t1_c8", ["t1_c14"]), "t1_c9"]
    assert article.comments[2].more == 1
    assert len(httpserver.log) == 2
    assert httpserver.log[1][0].args["context"] == "8"
    # The stub, expanded, does not bring c8 again.
    expanded = web.expand(article, stub_named(article, "t1_c9"))
    assert "t1_c8" not in [c.source_id for c in iter_comments(expanded)]


def test_a_permalink_that_cannot_be_had_opens_the_thread_without_its_comment(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve(httpserver)
    httpserver.expect_request("/www.reddit.com/comments/abc12/_/c8.json").respond_with_data(
        "gone", status=404
    )
    opened = session(httpserver, tmp_path).open(f"{THREAD_URL}c8/")
    (article,) = load_articles(opened.path)
    assert tree(article.comments)[1] == "t1_c9"


# One at a time, and what fails ---------------------------------------------------------------


def test_stubs_are_fetched_one_request_at_a_time(tmp_path: Path) -> None:
    """Two stubs expanded at once from two threads: the second request waits
    for the first to be answered (a request that came while another was
    being answered would be seen by the server)."""
    in_flight = 0
    most = 0
    lock = threading.Lock()
    second_came = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
            if in_flight > 1:
                second_came.set()
        if request.url.path.endswith("morechildren.json"):
            second_came.wait(0.5)  # long enough for a second request to come, if it may
            body = answer(thing("c7", "t3_abc12"))
        elif request.url.path.endswith("c2.json"):
            second_came.wait(0.5)
            permalink = reddit_thread()
            permalink[1]["data"]["children"] = [
                reddit_comment("c2", "mudflat_mo", "Only one.", thing("c13", "t1_c2"))
            ]
            body = permalink
        else:
            body = thread_with_stubs()
        with lock:
            in_flight -= 1
        return httpx.Response(
            200,
            headers={"Content-Type": "application/json"},
            stream=httpx.ByteStream(json.dumps(body).encode()),
        )

    hosts = {"www.reddit.com": "http://127.0.0.1:9/www.reddit.com"}
    web = WebSession(network_settings(tmp_path, hosts), transport=httpx.MockTransport(handler))
    article = open_article(web)
    Thread(article.comments)
    stubs = [stub_named(article, "t1_c9"), stub_named(article, "t1__")]
    results: list[list[Comment]] = []
    workers = [
        threading.Thread(target=lambda s=s: results.append(web.expand(article, s))) for s in stubs
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(results) == 2
    assert most == 1


def test_a_stub_that_cannot_be_fetched_says_why_naming_the_request(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request(REDDIT_THREAD_PATH).respond_with_json(thread_with_stubs())
    httpserver.expect_request(MORECHILDREN_PATH).respond_with_json(
        {"json": {"errors": [["TOO_MANY", "one request at a time", "children"]]}}
    )
    web = session(httpserver, tmp_path)
    article = open_article(web)
    with pytest.raises(LoadError) as raised:
        web.expand(article, stub_named(article, "t1_c9"))
    assert raised.value.name.startswith("https://www.reddit.com/api/morechildren.json?")
    assert raised.value.reason == "Reddit refused it: TOO_MANY: one request at a time: children"
    # Nothing was kept: the thread opens with its stub.
    assert tree(open_article(web).comments)[1] == "t1_c9"


def test_offline_a_stub_never_fetched_cannot_be_expanded(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve(httpserver)
    article = open_article(session(httpserver, tmp_path))
    offline = session(httpserver, tmp_path, offline=True)
    with pytest.raises(LoadError) as raised:
        offline.expand(article, stub_named(article, "t1_c9"))
    assert raised.value.reason == "offline, and not in the cache"


def test_only_a_reddit_threads_stubs_are_fetched(tmp_path: Path) -> None:
    article = Article(title="A saved thread", comments=[Comment(status="more", more=2)])
    web = WebSession(network_settings(tmp_path, {}))
    with pytest.raises(LoadError) as raised:
        web.expand(article, article.comments[0])
    assert raised.value.reason == "not a Reddit thread: only Reddit's stubs are fetched"


def test_a_stub_of_a_saved_thread_file_expands_from_the_file(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """Never fetched by URL: the stub's ids are read from the file it came from."""
    serve(httpserver)
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(thread_with_stubs()), encoding="utf-8")
    (article,) = load_articles(saved)
    web = session(httpserver, tmp_path / "cache")
    assert tree(web.expand(article, stub_named(article, "t1_c9")))[-1] == "t1_c8"
    assert requests_to(httpserver, REDDIT_THREAD_PATH) == 0
    assert saved.read_text(encoding="utf-8") == json.dumps(thread_with_stubs())
