"""Reddit's API for threads: where a thread, a comment's permalink and the
comments behind a `more` stub are asked for, and what a good answer to each
looks like.

- A thread: `GET /comments/ID.json?raw_json=1&limit=500`, two listings (the
  post, then its comments, nested, `more` stubs for the rest).
- A comment's permalink: `GET /comments/ID/_/COMMENT.json` in the same shape,
  its comment listing holding the comment under `context` of its parents
  (each with only the reply on the way down), and the comment's replies.
- The comments of a `more` stub: `GET /api/morechildren.json?api_type=json&
  link_id=t3_ID&children=A,B,…&sort=SORT&limit_children=false`, at most
  `MORE_CHILDREN` ids a request, one request at a time (Reddit's rule): an
  object `{"json": {"errors": [], "data": {"things": [...]}}}`, the comments
  flat in tree order, each naming its parent (`parent_id`), with `more` stubs
  for what did not fit. A stub of no ids ("continue this thread": `count` 0)
  stands for its parent's replies, which the parent's permalink gives.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

API = "https://www.reddit.com"
# Requests at once to Reddit's API host.
CONNECTIONS = {"www.reddit.com": 1}
COMMENT_LIMIT = 500
# The most ids of a `more` stub Reddit answers in one request.
MORE_CHILDREN = 100
# The most levels of parents a permalink gives with its comment.
CONTEXT = 8
# The order of comments when the post suggests none (Reddit's "best").
DEFAULT_SORT = "confidence"


def thread_url(thread_id: str) -> str:
    return f"{API}/comments/{thread_id}.json?raw_json=1&limit={COMMENT_LIMIT}"


def permalink_url(thread_id: str, comment_id: str, context: int = 0) -> str:
    """A comment's permalink: the comment and its replies (under `context` of its parents)."""
    url = f"{API}/comments/{thread_id}/_/{comment_id}.json?raw_json=1&limit={COMMENT_LIMIT}"
    return f"{url}&context={context}" if context else url


def morechildren_url(thread_id: str, children: list[str], sort: str) -> str:
    query = urlencode(
        {
            "api_type": "json",
            "link_id": f"t3_{thread_id}",
            "children": ",".join(children),
            "sort": sort,
            "limit_children": "false",
            "raw_json": "1",
        }
    )
    return f"{API}/api/morechildren.json?{query}"


def document_url(thread_id: str) -> str:
    """What a thread is kept under with the comments of its stubs put in."""
    return f"{API}/comments/{thread_id}/"


def thread_problem(data: Any) -> str | None:
    if (
        isinstance(data, list)
        and len(data) == 2
        and all(isinstance(part, dict) and part.get("kind") == "Listing" for part in data)
    ):
        return None
    return "not a Reddit thread (expected its post and comment listings)"


def morechildren_problem(data: Any) -> str | None:
    answer = data.get("json") if isinstance(data, dict) else None
    if not isinstance(answer, dict):
        return "not Reddit's comments of a stub (expected json.data.things)"
    errors = answer.get("errors")
    if isinstance(errors, list) and errors:
        first = errors[0]
        words = [str(part) for part in first if part] if isinstance(first, list) else [str(first)]
        return f"Reddit refused it: {': '.join(words)}"
    found = answer.get("data")
    if not isinstance(found, dict) or not isinstance(found.get("things"), list):
        return "not Reddit's comments of a stub (expected json.data.things)"
    return None
