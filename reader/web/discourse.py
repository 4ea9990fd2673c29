"""A Discourse topic and every post of it, through the forum's JSON API.

A topic's URL is `https://FORUM/t/SLUG/ID` (or `/t/ID`, and `/t/SLUG/ID/N`
for its post number N: the cursor on it), on a page whose generator is
Discourse. `GET /t/ID.json` gives the topic with its first posts (20) in
`post_stream.posts` and the ids of all of them in `post_stream.stream`; the
rest come `CHUNK` at a time from `GET /t/ID/posts.json?post_ids[]=…`.

The document kept is the topic JSON with every post in `post_stream.posts`,
in the stream's order, and the topic's `url` and `site_name` added, read by
`reader.formats.discourse` (a saved `/t/ID.json` reads the same, with the
posts it holds).
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple
from urllib.parse import urlencode, urlsplit

from .fetcher import Fetcher

CHUNK = 20
# Posts of a topic fetched at most.
MAX_POSTS = 10_000
_TOPIC = re.compile(r"^/t/(?:[^/]+/)?(?P<topic>\d+)(?:/(?P<post>\d+))?/?$")


class Topic(NamedTuple):
    forum: str  # https://FORUM
    topic_id: int
    post_number: int | None


def topic_of(url: str) -> Topic | None:
    """The topic a URL names, by its shape (`/t/SLUG/ID`)."""
    parts = urlsplit(url)
    found = _TOPIC.match(parts.path)
    if found is None:
        return None
    post = found.group("post")
    return Topic(
        f"{parts.scheme}://{parts.netloc}", int(found.group("topic")), int(post) if post else None
    )


def is_discourse(generator: str) -> bool:
    return generator.lower().startswith("discourse")


def fetch_topic(
    fetcher: Fetcher, topic: Topic, site: str | None = None
) -> tuple[bytes, str | None]:
    """The topic with every post, and the source id of the post its URL names;
    `url` (the topic's page) and `site_name` added, which the JSON lacks."""
    url = f"{topic.forum}/t/{topic.topic_id}.json"
    data, _ = fetcher.request_json(url, _topic_problem)
    stream = data["post_stream"]
    posts = [post for post in stream["posts"] if isinstance(post, dict)]
    have = {post.get("id") for post in posts}
    wanted = [
        post_id
        for post_id in stream.get("stream") or []
        if isinstance(post_id, int) and post_id not in have
    ][:MAX_POSTS]
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        query = urlencode([("post_ids[]", post_id) for post_id in chunk])
        more_url = f"{topic.forum}/t/{topic.topic_id}/posts.json?{query}"
        more, _ = fetcher.request_json(more_url, _posts_problem)
        posts.extend(post for post in more["post_stream"]["posts"] if isinstance(post, dict))
    order = {post_id: place for place, post_id in enumerate(stream.get("stream") or [])}
    posts.sort(key=lambda post: order.get(post.get("id"), len(order)))
    stream["posts"] = posts
    slug = data.get("slug") if isinstance(data.get("slug"), str) else "topic"
    data["url"] = f"{topic.forum}/t/{slug}/{topic.topic_id}"
    data["site_name"] = site
    focus = next(
        (
            str(post["id"])
            for post in posts
            if topic.post_number is not None and post.get("post_number") == topic.post_number
        ),
        None,
    )
    return json.dumps(data).encode(), focus


def _has_posts(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("post_stream"), dict)
        and isinstance(data["post_stream"].get("posts"), list)
    )


def _topic_problem(data: Any) -> str | None:
    if _has_posts(data) and isinstance(data.get("id"), int):
        return None
    return "not a Discourse topic (expected its post_stream)"


def _posts_problem(data: Any) -> str | None:
    return None if _has_posts(data) else "not Discourse posts (expected a post_stream)"
