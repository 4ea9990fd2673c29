"""A local web for the web tests: one HTTP server on 127.0.0.1 standing in for
every service, each under its own path prefix, reached through
`[network.hosts]`; and invented threads in each service's real shape.

The names and words are made up here. The shapes are the services' own:
Algolia's `items/N` (nested `children`; a deleted comment is `{id, children}`),
Firebase's `item/N.json` (`kids` in the order HN shows), Reddit's
`/comments/ID.json` (two listings, `t3` then `t1` with nested `replies` and a
`more` stub), Lobsters' `/s/ID.json` (flat comments naming `parent_comment`),
public-inbox's `t.mbox.gz` (a gzipped mboxrd of the thread).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from reader.config.network import Network
from reader.web.session import Opened, WebSession

HOSTS = (
    "news.ycombinator.com",
    "hn.algolia.com",
    "hacker-news.firebaseio.com",
    "www.reddit.com",
    "lobste.rs",
    "lore.kernel.org",
)
# Small, so that a test of a timeout takes a fraction of a second.
TIMEOUT = 0.5


def network(server: HTTPServer, cache: Path, timeout: float = TIMEOUT) -> Network:
    """Settings that send every service's requests to `server`."""
    return Network(timeout=timeout, hosts=base_urls(server), cache=cache)


def base_urls(server: HTTPServer) -> dict[str, str]:
    return {host: server.url_for(f"/{host}") for host in HOSTS}


def session(server: HTTPServer, cache: Path, offline: bool = False) -> WebSession:
    return WebSession(network(server, cache), offline)


def open_in_full(web: WebSession, url: str) -> Opened:
    """What `url` opens to once every step that follows the first is taken
    (a Hacker News thread's deeper order), with the notes of them all."""
    opened = web.open(url)
    notes = list(opened.notes)
    while opened.refine is not None:
        opened = opened.refine()
        notes += opened.notes
    return opened._replace(notes=notes)


def config_text(server: HTTPServer, cache: Path) -> str:
    """A config.toml with the same settings."""
    hosts = "\n".join(f'"{host}" = "{base}"' for host, base in base_urls(server).items())
    return f'[network]\ntimeout = {TIMEOUT}\ncache = "{cache}"\n[network.hosts]\n{hosts}\n'


def requests_to(server: HTTPServer, path: str) -> int:
    """How many requests the server had for `path`."""
    return sum(1 for request, _ in server.log if request.path == path)


# Hacker News ----------------------------------------------------------------------------------

STORY = 9100


def algolia_comment(item_id: int, author: str, text: str, *children: dict[str, Any]) -> Any:
    return {
        "id": item_id,
        "created_at": "2024-06-01T10:00:00.000Z",
        "created_at_i": 1717236000 + item_id - STORY,
        "type": "comment",
        "author": author,
        "text": text,
        "points": None,
        "parent_id": STORY,
        "story_id": STORY,
        "options": [],
        "children": list(children),
    }


def algolia_story(*, late_reply: bool = False) -> dict[str, Any]:
    """The story and its comments as Algolia gives them: children in no
    particular order (9103 before 9101), a deleted comment as `{id, children}`."""
    deeper = [
        algolia_comment(9104, "brine_shrimp", "Neap tides too?"),
        algolia_comment(9105, "fennel_ops", "Both, from the harmonic constants."),
    ]
    if late_reply:
        deeper.append(algolia_comment(9107, "kelp_reader", "Arrived later than the rest."))
    return {
        "id": STORY,
        "created_at": "2024-06-01T09:00:00.000Z",
        "created_at_i": 1717232400,
        "type": "story",
        "author": "fennel_ops",
        "title": "Show HN: A tide table in the terminal",
        "url": "https://tides.example/",
        "text": None,
        "points": 42,
        "parent_id": None,
        "story_id": STORY,
        "options": [],
        "children": [
            algolia_comment(9103, "marram_grass", "Does it do <i>lunar</i> tides?"),
            algolia_comment(9101, "brine_shrimp", "Lovely idea.", *deeper),
            {"id": 9102, "children": [algolia_comment(9106, "sand_piper", "What was here?")]},
        ],
    }


def algolia_chain(depth: int) -> dict[str, Any]:
    """A chain of `depth` comments, each the one reply of the one before."""
    top = chain = algolia_comment(20000, "tide_pool", "Reply 0")
    for number in range(1, depth):
        reply = algolia_comment(20000 + number, "tide_pool", f"Reply {number}")
        chain["children"].append(reply)
        chain = reply
    return top


def firebase_item(item_id: int, kids: list[int], **more: Any) -> dict[str, Any]:
    return {"id": item_id, "by": "fennel_ops", "time": 1717232400, "kids": kids, **more}


def serve_hn(server: HTTPServer, *, late_reply: bool = False) -> None:
    story = algolia_story(late_reply=late_reply)
    server.expect_request(f"/hn.algolia.com/api/v1/items/{STORY}").respond_with_json(story)
    server.expect_request("/hn.algolia.com/api/v1/items/9105").respond_with_json(
        algolia_comment(9105, "fennel_ops", "Both.")
    )
    firebase = "/hacker-news.firebaseio.com/v0/item"
    server.expect_request(f"{firebase}/{STORY}.json").respond_with_json(
        firebase_item(STORY, [9101, 9102, 9103], type="story", descendants=6)
    )
    kids = [9107, 9105, 9104] if late_reply else [9105, 9104]
    server.expect_request(f"{firebase}/9101.json").respond_with_json(
        firebase_item(9101, kids, type="comment", parent=STORY)
    )
    server.expect_request(f"{firebase}/9105.json").respond_with_json(
        firebase_item(9105, [], type="comment", parent=9101)
    )


# Reddit ---------------------------------------------------------------------------------------


def reddit_comment(name: str, author: str, body: str, *replies: dict[str, Any]) -> Any:
    return {
        "kind": "t1",
        "data": {
            "id": name,
            "name": f"t1_{name}",
            "author": author,
            "body": body,
            "created_utc": 1717240000.0,
            "score": 3,
            "edited": False,
            "is_submitter": False,
            "distinguished": None,
            "stickied": False,
            "parent_id": "t3_abc12",
            "replies": (
                ""
                if not replies
                else {"kind": "Listing", "data": {"children": list(replies), "after": None}}
            ),
        },
    }


def reddit_chain(depth: int) -> dict[str, Any]:
    """A chain of `depth` comments, each the one reply of the one before."""
    top = chain = reddit_comment("d0", "tide_pool", "Reply 0")
    for number in range(1, depth):
        reply = reddit_comment(f"d{number}", "tide_pool", f"Reply {number}")
        chain["data"]["replies"] = {"kind": "Listing", "data": {"children": [reply]}}
        chain = reply
    return top


def reddit_thread(*, extra: bool = False) -> list[Any]:
    comments = [
        reddit_comment(
            "c1",
            "heron_watch",
            "Saw **three** herons today.",
            reddit_comment("c2", "mudflat_mo", "Only one here."),
        ),
        {
            "kind": "more",
            "data": {
                "count": 2,
                "name": "t1_c9",
                "id": "c9",
                "parent_id": "t3_abc12",
                "depth": 0,
                "children": ["c7", "c8"],
            },
        },
    ]
    if extra:
        comments.insert(1, reddit_comment("c3", "egret_ed", "Late to the party."))
    post = {
        "kind": "t3",
        "data": {
            "id": "abc12",
            "name": "t3_abc12",
            "title": "Birds seen at the estuary this week",
            "author": "heron_watch",
            "selftext": "Post your sightings & counts.",
            "subreddit": "estuarybirds",
            "permalink": "/r/estuarybirds/comments/abc12/birds_seen/",
            "url": "https://www.reddit.com/r/estuarybirds/comments/abc12/birds_seen/",
            "is_self": True,
            "created_utc": 1717236000.0,
            "score": 17,
            "num_comments": 5,
        },
    }
    return [
        {"kind": "Listing", "data": {"children": [post], "after": None}},
        {"kind": "Listing", "data": {"children": comments, "after": None}},
    ]


REDDIT_THREAD_PATH = "/www.reddit.com/comments/abc12.json"


def serve_reddit(server: HTTPServer, *, extra: bool = False) -> None:
    server.expect_request(REDDIT_THREAD_PATH).respond_with_json(reddit_thread(extra=extra))


# Lobsters -------------------------------------------------------------------------------------


def lobsters_comment(short_id: str, parent: str | None, depth: int, user: str, html: str) -> Any:
    return {
        "short_id": short_id,
        "short_id_url": f"https://lobste.rs/c/{short_id}",
        "created_at": "2024-06-02T08:00:00.000-05:00",
        "last_edited_at": "2024-06-02T08:00:00.000-05:00",
        "is_deleted": False,
        "is_moderated": False,
        "score": 4,
        "flags": 0,
        "parent_comment": parent,
        "comment": html,
        "comment_plain": html,
        "url": f"https://lobste.rs/s/qz7k1m/terminal_tide_tables#c_{short_id}",
        "depth": depth,
        "commenting_user": user,
    }


def lobsters_story() -> dict[str, Any]:
    return {
        "short_id": "qz7k1m",
        "short_id_url": "https://lobste.rs/s/qz7k1m",
        "created_at": "2024-06-02T07:00:00.000-05:00",
        "title": "Terminal tide tables",
        "url": "https://tides.example/post",
        "score": 12,
        "flags": 0,
        "comment_count": 3,
        "description": "",
        "description_plain": "",
        "submitter_user": "pier_keeper",
        "user_is_author": True,
        "tags": ["cli", "science"],
        "comments_url": "https://lobste.rs/s/qz7k1m/terminal_tide_tables",
        "comments": [
            lobsters_comment("ab12cd", None, 0, "gull_song", "<p>Which datum?</p>"),
            lobsters_comment("ef34gh", "ab12cd", 1, "pier_keeper", "<p>Chart datum.</p>"),
            lobsters_comment("ij56kl", None, 0, "gull_song", "<p>Nice colours.</p>"),
        ],
    }


def serve_lobsters(server: HTTPServer) -> None:
    server.expect_request("/lobste.rs/s/qz7k1m.json").respond_with_json(lobsters_story())


# public-inbox ---------------------------------------------------------------------------------

MESSAGE_ID = "20240603.tide-1@example.org"
MAILBOX = f"""From mboxrd@z Thu Jan  1 00:00:00 1970
From: Wren Ash <wren@example.org>
To: tides@lists.example.org
Subject: [PATCH] tides: round heights to centimetres
Date: Mon, 03 Jun 2024 09:00:00 +0000
Message-ID: <{MESSAGE_ID}>

Heights were printed to the millimetre, which no gauge gives.

From mboxrd@z Thu Jan  1 00:00:00 1970
From: Ola Brook <ola@example.net>
Subject: Re: [PATCH] tides: round heights to centimetres
Date: Mon, 03 Jun 2024 10:00:00 +0000
Message-ID: <20240603.reply-2@example.net>
In-Reply-To: <{MESSAGE_ID}>
References: <{MESSAGE_ID}>

Looks right to me.

""".encode()
INBOX_PATH = f"/lore.kernel.org/tides/{MESSAGE_ID}/t.mbox.gz"


def serve_public_inbox(server: HTTPServer) -> None:
    server.expect_request(INBOX_PATH).respond_with_data(
        gzip.compress(MAILBOX), content_type="application/gzip"
    )


# Front pages ----------------------------------------------------------------------------------


def algolia_hit(story_id: int, title: str, comments: int) -> dict[str, Any]:
    return {
        "created_at": "2024-06-01T09:00:00.000Z",
        "title": title,
        "url": f"https://{story_id}.example/",
        "author": "fennel_ops",
        "points": 10 + comments,
        "story_text": None,
        "comment_text": None,
        "num_comments": comments,
        "story_id": None,
        "parent_id": None,
        "created_at_i": 1717232400,
        "_tags": ["story", "author_fennel_ops", f"story_{story_id}", "front_page"],
        "objectID": str(story_id),
    }


def serve_hn_front(server: HTTPServer) -> None:
    """Ranked 9300, 9100, 9200; Algolia finds them in another order."""
    server.expect_request("/hacker-news.firebaseio.com/v0/topstories.json").respond_with_json(
        [9300, 9100, 9200]
    )
    hits = [
        algolia_hit(9100, "Show HN: A tide table in the terminal", 6),
        algolia_hit(9200, "Mudflats of the north coast", 0),
        algolia_hit(9300, "Ask HN: Favourite estuary?", 12),
    ]
    server.expect_request("/hn.algolia.com/api/v1/search").respond_with_json(
        {"hits": hits, "nbHits": 3, "page": 0, "nbPages": 1, "hitsPerPage": 3}
    )


def serve_subreddit(server: HTTPServer) -> None:
    post = reddit_thread()[0]["data"]["children"][0]
    other = {
        "kind": "t3",
        "data": {
            **post["data"],
            "id": "def34",
            "name": "t3_def34",
            "title": "A curlew, at last",
            "num_comments": 0,
        },
    }
    server.expect_request("/www.reddit.com/r/estuarybirds/new.json").respond_with_json(
        {"kind": "Listing", "data": {"children": [post, other], "after": "t3_def34"}}
    )


def serve_lobsters_page(server: HTTPServer) -> None:
    story = {key: value for key, value in lobsters_story().items() if key != "comments"}
    second = {**story, "short_id": "w2x3y4", "title": "Chart datums explained", "comment_count": 0}
    server.expect_request("/lobste.rs/t/science.json").respond_with_json([story, second])
