"""The `web` section (issue 20): threads read by URL from a local server.

A 2,000-comment Hacker News thread and a 500-comment Reddit thread, generated
in each service's shape with invented words (Algolia's item and Firebase's
items; Reddit's two listings, every field a comment has there), and a
public-inbox thread (a gzipped mbox of 40 messages), served by an HTTP server
the bench starts on 127.0.0.1 and reached through `[network.hosts]` in a
config file, as the tests reach theirs:

- `reader URL` to the first frame, in a pseudo-terminal as the start-up
  figures are timed, the cache emptied before each run (a first fetch),
  against `reader FILE` of the same document saved, interleaved run by run;
- the requests each thread takes before the first frame (what the command
  line reads ahead before the app starts, counted in-process) and in all;
- the JSON parse a fetched body no longer gets twice (the fetcher parses it
  to check it and hands it to the format reader).

Key latency while 30 threads are fetched is in `bench_web_keys.py`, and 30
threads named at once against one at a time in `bench_web_many.py`, in the
same section.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from reader.config.network import Network
from reader.errors import LoadError
from reader.formats.jsondoc import decode_json
from reader.loading import Loading
from reader.web.session import WebSession
from tests.bench_support import READER_FRAME_MARKERS, Bench, Figure, time_to_screen

HN_COMMENTS = 2000
REDDIT_COMMENTS = 500
INBOX_MESSAGES = 40
STORY = 8_100_000
THREAD = "bw42x"
MESSAGE_ID = "20240601.bench-0@example.org"
HN_URL = f"https://news.ycombinator.com/item?id={STORY}"
REDDIT_URL = f"https://www.reddit.com/r/benchbirds/comments/{THREAD}/a_long_thread/"
INBOX_URL = f"https://lore.kernel.org/benchlist/{MESSAGE_ID}/"
HOSTS = ("hn.algolia.com", "hacker-news.firebaseio.com", "www.reddit.com", "lore.kernel.org")
_WORDS = (
    "the estuary gauge read high water twice while a survey counted herons and curlews on the "
    "mudflats below the old pier where tide tables were pinned"
).split()


def web_figures(bench: Bench) -> list[Figure]:
    site = BenchSite.generate(bench.folder / "web")
    with serving(site) as server:
        config = bench.folder / "web" / "config.toml"
        cache = bench.folder / "web" / "cache"
        config.write_text(_config(server, cache), encoding="utf-8")
        figures: list[Figure] = []
        for name, url, saved in (
            (f"HN {HN_COMMENTS:,}", HN_URL, site.hn_saved),
            (f"Reddit {REDDIT_COMMENTS}", REDDIT_URL, site.reddit_saved),
        ):
            fetched, opened = _first_frames(bench, config, cache, url, saved)
            ratio = fetched / opened
            figures.append(
                Figure(
                    f"{name}: reader URL, first frame",
                    fetched * 1000,
                    "ms",
                    "<= 1.3x the saved file",
                    ratio <= 1.3,
                    opened * 1000,
                    ratio,
                )
            )
        network = Network(timeout=20, hosts=served_hosts(server), cache=cache)
        hn_first, hn_all = _requests(server, network, cache, HN_URL)
        reddit_first, reddit_all = _requests(server, network, cache, REDDIT_URL)
        _, inbox_all = _requests(server, network, cache, INBOX_URL)
    figures += [
        Figure(
            f"HN {HN_COMMENTS:,}: requests before the first frame",
            hn_first,
            "",
            "<= 2",
            hn_first <= 2,
        ),
        Figure(f"HN {HN_COMMENTS:,}: requests in all (its order)", hn_all, "", "report", None),
        Figure(
            f"Reddit {REDDIT_COMMENTS}: requests",
            reddit_all,
            "",
            "1",
            reddit_first == reddit_all == 1,
        ),
        Figure("public-inbox thread: requests", inbox_all, "", "1", inbox_all == 1),
    ]
    for name, body in (
        (f"HN {HN_COMMENTS:,}", site.files[f"/hn.algolia.com/api/v1/items/{STORY}"]),
        (f"Reddit {REDDIT_COMMENTS}", site.files[f"/www.reddit.com/comments/{THREAD}.json"]),
    ):
        parse = _parse_seconds(body, bench.runs) * 1000
        figures.append(
            Figure(
                f"{name}: JSON parse, once a fetch (was twice)",
                parse,
                "ms",
                f"report ({len(body) / 1e6:.1f} MB)",
                None,
            )
        )
    return figures


def _first_frames(
    bench: Bench, config: Path, cache: Path, url: str, saved: Path
) -> tuple[float, float]:
    """Medians of `reader URL` (an empty cache each run) and `reader FILE` to the first frame."""
    python = sys.executable
    fetched, opened = [], []
    # The quick run (CI's) is a smoke test: one start each side.
    for _ in range(1 if bench.quick else bench.runs):
        shutil.rmtree(cache, ignore_errors=True)
        command = [python, "-m", "reader", "--config", str(config)]
        fetched.append(time_to_screen([*command, url], *READER_FRAME_MARKERS)[-1])
        opened.append(time_to_screen([*command, str(saved)], *READER_FRAME_MARKERS)[-1])
    return statistics.median(fetched), statistics.median(opened)


def _requests(server: _Server, network: Network, cache: Path, url: str) -> tuple[int, int]:
    """Requests a URL takes before the first frame (the command line's read
    ahead) and in all, from an empty cache."""
    shutil.rmtree(cache, ignore_errors=True)
    server.log.clear()
    web = WebSession(network)
    try:
        loading = Loading([url], web=web)
        if not loading.read_ahead():
            raise RuntimeError(f"{url}: {loading.problems}")
        before = len(server.log)
        problems = [result for result in loading if isinstance(result, LoadError)]
        if problems:
            raise RuntimeError(f"{url}: {problems}")
    finally:
        web.close()
    return before, len(server.log)


def _parse_seconds(body: bytes, runs: int) -> float:
    def once() -> float:
        start = time.perf_counter()
        decode_json(body.decode())
        return time.perf_counter() - start

    return statistics.median(once() for _ in range(max(runs, 5)))


# The site ------------------------------------------------------------------------------------


class BenchSite:
    """Every response the server gives, by path; and the same threads saved."""

    def __init__(self, files: dict[str, bytes], hn_saved: Path, reddit_saved: Path) -> None:
        self.files = files
        self.hn_saved = hn_saved
        self.reddit_saved = reddit_saved

    @classmethod
    def generate(cls, folder: Path) -> BenchSite:
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(20)
        files: dict[str, bytes] = {}
        story, firebase = hn_thread(rng, HN_COMMENTS)
        files[f"/hn.algolia.com/api/v1/items/{STORY}"] = json.dumps(story).encode()
        for item_id, item in firebase.items():
            files[f"/hacker-news.firebaseio.com/v0/item/{item_id}.json"] = json.dumps(item).encode()
        reddit = json.dumps(_reddit_thread(rng, REDDIT_COMMENTS)).encode()
        files[f"/www.reddit.com/comments/{THREAD}.json"] = reddit
        files[f"/lore.kernel.org/benchlist/{MESSAGE_ID}/t.mbox.gz"] = gzip.compress(
            _mailbox(rng, INBOX_MESSAGES)
        )
        hn_saved = folder / "hn-thread.json"
        hn_saved.write_bytes(files[f"/hn.algolia.com/api/v1/items/{STORY}"])
        reddit_saved = folder / "reddit-thread.json"
        reddit_saved.write_bytes(reddit)
        return cls(files, hn_saved, reddit_saved)


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 30)))


def hn_thread(
    rng: random.Random, count: int, story_id: int = STORY
) -> tuple[dict[str, Any], dict[int, Any]]:
    """Algolia's item of a story and its comments (children in id order, as
    Algolia gives them), and the Firebase items of the story and of each
    comment with replies (`kids` in another order: HN's)."""
    story: dict[str, Any] = {
        "id": story_id,
        "created_at": "2024-06-01T09:00:00.000Z",
        "created_at_i": 1717232400,
        "type": "story",
        "author": "gauge_keeper",
        "title": "Ask HN: How do you read tide tables?",
        "url": None,
        "text": f"<p>{_sentence(rng)}</p>",
        "points": 321,
        "parent_id": None,
        "story_id": story_id,
        "options": [],
        "children": [],
    }
    items = [story]
    for number in range(count):
        item_id = story_id + 1 + number
        parent = story if number < count // 10 else rng.choice(items[-40:])
        text = f"<p>{_sentence(rng)}</p><p>{_sentence(rng)}</p>"
        comment = {
            "id": item_id,
            "created_at": "2024-06-01T10:00:00.000Z",
            "created_at_i": 1717236000 + number,
            "type": "comment",
            "author": f"reader{number % 300}",
            "text": text,
            "points": None,
            "parent_id": parent["id"],
            "story_id": story_id,
            "options": [],
            "children": [],
        }
        parent["children"].append(comment)
        items.append(comment)
    firebase = {
        item["id"]: {
            "id": item["id"],
            "by": item["author"],
            "time": item["created_at_i"],
            "type": item["type"],
            "kids": [child["id"] for child in reversed(item["children"])],
        }
        for item in items
        if item["children"]
    }
    return story, firebase


def _reddit_thread(rng: random.Random, count: int) -> list[Any]:
    """A post and `count` comments as `/comments/ID.json` gives them: every
    field a comment has there, replies nested."""
    post = {
        "kind": "t3",
        "data": {
            "id": THREAD,
            "name": f"t3_{THREAD}",
            "title": "A long thread about the estuary's birds",
            "author": "heron_count",
            "selftext": _sentence(rng),
            "subreddit": "benchbirds",
            "permalink": f"/r/benchbirds/comments/{THREAD}/a_long_thread/",
            "url": f"https://www.reddit.com/r/benchbirds/comments/{THREAD}/a_long_thread/",
            "is_self": True,
            "created_utc": 1717236000.0,
            "score": 812,
            "num_comments": count,
        },
    }
    roots: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    for number in range(count):
        parent = None if number < count // 8 else rng.choice(comments[-30:])
        body = f"{_sentence(rng)}\n\n{_sentence(rng)}"
        name = f"c{number:05d}"
        data = {
            "subreddit_id": "t5_2bench",
            "approved_at_utc": None,
            "author_is_blocked": False,
            "comment_type": None,
            "awarders": [],
            "mod_reason_by": None,
            "banned_by": None,
            "author_flair_type": "text",
            "total_awards_received": 0,
            "subreddit": "benchbirds",
            "author_flair_template_id": None,
            "likes": None,
            "replies": "",
            "user_reports": [],
            "saved": False,
            "id": name,
            "banned_at_utc": None,
            "mod_reason_title": None,
            "gilded": 0,
            "archived": False,
            "collapsed_reason_code": None,
            "no_follow": True,
            "author": f"birder{number % 120}",
            "can_mod_post": False,
            "created_utc": 1717236000.0 + number,
            "send_replies": True,
            "parent_id": parent["data"]["name"] if parent else f"t3_{THREAD}",
            "score": rng.randint(1, 90),
            "author_fullname": f"t2_b{number % 120}",
            "approved_by": None,
            "mod_note": None,
            "all_awardings": [],
            "collapsed": False,
            "body": body,
            "edited": False,
            "top_awarded_type": None,
            "author_flair_css_class": None,
            "name": f"t1_{name}",
            "is_submitter": number % 37 == 0,
            "downs": 0,
            "author_flair_richtext": [],
            "author_patreon_flair": False,
            "body_html": f'<div class="md"><p>{body.replace(chr(10) * 2, "</p><p>")}</p></div>',
            "removal_reason": None,
            "collapsed_reason": None,
            "distinguished": None,
            "associated_award": None,
            "stickied": False,
            "author_premium": False,
            "can_gild": False,
            "gildings": {},
            "unrepliable_reason": None,
            "author_flair_text_color": None,
            "score_hidden": False,
            "permalink": f"/r/benchbirds/comments/{THREAD}/a_long_thread/{name}/",
            "subreddit_type": "public",
            "locked": False,
            "report_reasons": None,
            "created": 1717236000.0 + number,
            "author_flair_text": None,
            "treatment_tags": [],
            "link_id": f"t3_{THREAD}",
            "subreddit_name_prefixed": "r/benchbirds",
            "controversiality": 0,
            "depth": 0,
            "author_flair_background_color": None,
            "collapsed_because_crowd_control": None,
            "mod_reports": [],
            "num_reports": None,
            "ups": 1,
        }
        comment = {"kind": "t1", "data": data}
        if parent is None:
            roots.append(comment)
        else:
            data["depth"] = parent["data"]["depth"] + 1
            replies = parent["data"]["replies"] or {
                "kind": "Listing",
                "data": {"after": None, "dist": None, "children": [], "before": None},
            }
            parent["data"]["replies"] = replies
            replies["data"]["children"].append(comment)
        comments.append(comment)
    return [
        {"kind": "Listing", "data": {"after": None, "dist": 1, "children": [post]}},
        {"kind": "Listing", "data": {"after": None, "dist": None, "children": roots}},
    ]


def _mailbox(rng: random.Random, count: int) -> bytes:
    """A thread of `count` messages, each replying to an earlier one."""
    ids = [MESSAGE_ID] + [f"20240601.bench-{n}@example.org" for n in range(1, count)]
    messages = []
    for number, message_id in enumerate(ids):
        parent = ids[rng.randrange(number)] if number else None
        head = [
            "From mboxrd@z Thu Jan  1 00:00:00 1970",
            f"From: Gauge Keeper {number} <keeper{number}@example.org>",
            "Subject: " + ("Re: " if parent else "") + "[PATCH] tides: read the gauge twice",
            f"Date: Sat, 01 Jun 2024 {9 + number // 60:02d}:{number % 60:02d}:00 +0000",
            f"Message-ID: <{message_id}>",
        ]
        if parent:
            head += [f"In-Reply-To: <{parent}>", f"References: <{parent}>"]
        messages.append("\n".join([*head, "", _sentence(rng), "", _sentence(rng), ""]))
    return ("\n".join(messages) + "\n").encode()


# The server ----------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: BenchSite, latency: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site
        # Seconds each answer waits, as a distant server's would.
        self.latency = latency
        self.log: list[str] = []
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # The head and the body are two writes: with Nagle's algorithm the second
    # waits for the client's delayed ACK of the first (up to 40 ms a request).
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.log.append(path)
        body = self.server.site.files.get(path)
        if self.server.latency:
            time.sleep(self.server.latency)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        kind = "application/gzip" if path.endswith(".gz") else "application/json"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(site: BenchSite, latency: float = 0.0) -> Iterator[_Server]:
    server = _Server(site, latency)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def served_hosts(server: _Server) -> dict[str, str]:
    return {host: f"{server.base}/{host}" for host in HOSTS}


def _config(server: _Server, cache: Path) -> str:
    hosts = "\n".join(f'"{host}" = "{base}"' for host, base in served_hosts(server).items())
    return f'[network]\ncache = "{cache}"\n[network.hosts]\n{hosts}\n'
