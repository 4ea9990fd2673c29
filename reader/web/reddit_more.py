"""The comments behind a Reddit `more` stub, fetched to take its place.

`expand_stub` gives the comments to put in a stub's place in an article read
from Reddit: nested as they reply to each other, with new stubs where Reddit
left some out. A stub of ids asks Reddit's `morechildren` for them (the first
`MORE_CHILDREN`; the rest stay behind a new stub after the comments); a
"continue this thread" stub (no ids) asks for its parent's permalink, whose
replies take its place. A comment the thread holds already is left out.

What was fetched is kept, so that the thread opens again with it: the answer
in the cache under its request's URL, as it came; each time the thread is
read (`apply_kept`), every stub whose answer is kept has it put in its place,
the answers' own stubs included, offline or fetched again, as long as
Reddit's stub asks for the same comments (a stub whose comments changed is a
new stub, to expand again). The thread with them in is kept under
`document_url`, the file read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ..errors import LoadError
from ..model import Article, Comment, iter_comments
from .cache import ResponseCache
from .fetcher import Fetcher, parse_json
from .reddit_api import (
    DEFAULT_SORT,
    MORE_CHILDREN,
    document_url,
    morechildren_problem,
    morechildren_url,
    permalink_url,
    thread_problem,
    thread_url,
)
from .reddit_tree import (
    Item,
    comment_names,
    find_stub,
    kind_of,
    listing_items,
    nest,
    post_of,
    replies_of,
    slots,
    top_level,
)


class StubRequest(NamedTuple):
    """What to ask Reddit for a stub's comments."""

    url: str
    asked: list[str]  # the ids asked for; none: the parent's replies
    rest: list[str]  # the ids left for a stub of their own


def expand_stub(fetcher: Fetcher, article: Article, stub: Comment) -> list[Comment]:
    """The comments to put in the place of `stub`, a `more` stub of `article`
    (a Reddit thread), fetched, and kept for the thread's next opening
    (LoadError naming the request, or the thread, when they cannot be had).
    Reddit answers one such request at a time: the client asks its API host
    one thing at a time."""
    thread_id = _thread_id(article)
    where = document_url(thread_id)
    if stub.status != "more":
        raise LoadError(where, "not a stub of more comments")
    parent = _parent_name(article, stub, where) or f"t3_{thread_id}"
    # Where the stub is: the thread as kept, with the stubs expanded before
    # (whose answers hold stubs too), else the file the article was read from.
    thread = kept_thread(fetcher.cache, thread_id)
    found = find_stub(thread, stub.source_id, parent) if thread is not None else None
    if found is None and article.path is not None:
        thread = _read_thread(article.path)
        found = find_stub(thread, stub.source_id, parent)
    if thread is None or found is None:
        raise LoadError(where, "the stub is not in the thread as kept; open the thread again")
    siblings, index = found
    data = siblings[index]["data"]
    request = stub_request(thread_id, data, sort_of(thread))
    if request is None:
        raise LoadError(where, "the stub names no comments to fetch")
    problem = morechildren_problem if request.asked else thread_problem
    answer, _ = fetcher.get_json(request.url, problem)
    # (A stub is named after the first comment it stands for: not a comment.)
    known = comment_names(top_level(thread)) | {
        comment.source_id
        for comment in iter_comments(article.comments)
        if comment.source_id and comment.status != "more"
    }
    items = replacement(request, data, answer, known)
    if items is None:
        raise LoadError(request.url, "the answer does not hold the stub's comments")
    # Here: opening a thread (which puts in kept answers) needs no Markdown.
    from ..formats.reddit import comments_of

    return comments_of(items)


def apply_kept(cache: ResponseCache, thread_id: str, thread: list[Any]) -> bool:
    """Put in the thread the kept answers of its stubs (and of theirs);
    whether there were any."""
    sort = sort_of(thread)
    known: set[str] | None = None  # the thread's comments, once an answer is found
    spliced: set[str] = set()
    for siblings, index, _ in slots(thread):
        item = siblings[index]
        if kind_of(item) != "more":
            continue
        request = stub_request(thread_id, item["data"], sort)
        # An answer is put in once: its own stubs may ask the same again.
        if request is None or request.url in spliced:
            continue
        answer = _kept_answer(cache, request)
        if answer is None:
            continue
        if known is None:
            known = comment_names(top_level(thread))
        items = replacement(request, item["data"], answer, known)
        if items is None:
            continue
        spliced.add(request.url)
        known |= comment_names(items)
        siblings[index : index + 1] = items
    return bool(spliced)


def kept_thread(cache: ResponseCache, thread_id: str) -> list[Any] | None:
    """The thread as last fetched, with its kept answers put in; None when
    it was never fetched."""
    copy = cache.lookup(thread_url(thread_id))
    if copy is None:
        return None
    try:
        thread = parse_json(copy.path.read_bytes())
    except (OSError, ValueError):
        return None
    if thread_problem(thread) is not None:
        return None
    apply_kept(cache, thread_id, thread)
    return thread


def stub_request(thread_id: str, stub: dict[str, Any], sort: str) -> StubRequest | None:
    """The request for a stub's comments; None for a stub that names none."""
    children = stub.get("children")
    ids = (
        [child for child in children if isinstance(child, str) and child.isalnum()]
        if isinstance(children, list)
        else []
    )
    if ids:
        asked, rest = ids[:MORE_CHILDREN], ids[MORE_CHILDREN:]
        return StubRequest(morechildren_url(thread_id, asked, sort), asked, rest)
    parent = stub.get("parent_id")
    if isinstance(parent, str) and parent.startswith("t1_") and parent[3:].isalnum():
        return StubRequest(permalink_url(thread_id, parent[3:]), [], [])
    return None


def replacement(
    request: StubRequest, stub: dict[str, Any], answer: Any, known: set[str]
) -> list[Item] | None:
    """What takes a stub's place from the answer to its request, without what
    `known` names; None when the answer does not hold the stub's comments."""
    if not request.asked:
        # A permalink: the stub's parent, with its replies.
        parent = next((item for item in listing_items(answer[1]) if kind_of(item) == "t1"), None)
        if parent is None or parent["data"].get("name") != stub.get("parent_id"):
            return None
        return [
            item
            for item in replies_of(parent)
            if kind_of(item) == "more" or item["data"].get("name") not in known
        ]
    things = answer["json"]["data"]["things"]
    items = nest(things, known)
    if request.rest:
        items.append(_rest_stub(stub, request.rest, things))
    return items


def sort_of(thread: list[Any]) -> str:
    """The order the thread's comments come in: the post's suggested one, else Reddit's best."""
    suggested = post_of(thread).get("suggested_sort")
    return suggested if isinstance(suggested, str) and suggested.isalpha() else DEFAULT_SORT


def _rest_stub(stub: dict[str, Any], rest: list[str], things: list[Any]) -> Item:
    """A stub for the ids not asked for yet: of the stub's count, what the
    answer neither gave nor left behind a stub of its own."""
    count = stub.get("count")
    given = sum(1 for thing in things if kind_of(thing) == "t1")
    left = sum(
        thing["data"]["count"]
        for thing in things
        if kind_of(thing) == "more" and isinstance(thing["data"].get("count"), int)
    )
    total = count if isinstance(count, int) and not isinstance(count, bool) else 0
    return {
        "kind": "more",
        "data": {
            "count": max(len(rest), total - given - left),
            "name": f"t1_{rest[0]}",
            "id": rest[0],
            "parent_id": stub.get("parent_id"),
            "depth": stub.get("depth"),
            "children": rest,
        },
    }


def _kept_answer(cache: ResponseCache, request: StubRequest) -> Any:
    """The kept answer to a stub's request, if there is a good one."""
    copy = cache.lookup(request.url)
    if copy is None:
        return None
    try:
        answer = parse_json(copy.path.read_bytes())
    except (OSError, ValueError):
        return None
    problem = morechildren_problem if request.asked else thread_problem
    return answer if problem(answer) is None else None


def _read_thread(path: Path) -> list[Any]:
    """The Reddit thread a file holds (LoadError naming it if it holds none)."""
    try:
        thread = parse_json(path.read_bytes())
    except OSError as error:
        raise LoadError(path, f"cannot read it again: {error.strerror}") from None
    except ValueError as error:
        raise LoadError(path, str(error)) from None
    problem = thread_problem(thread)
    if problem is not None:
        raise LoadError(path, problem)
    return thread


def _thread_id(article: Article) -> str:
    source_id = article.source_id or ""
    if article.format != "reddit" or not source_id.startswith("t3_"):
        raise LoadError(
            article.url or article.title, "not a Reddit thread: only Reddit's stubs are fetched"
        )
    return source_id[3:]


def _parent_name(article: Article, stub: Comment, where: str) -> str | None:
    """The name of the comment `stub` replies to; None at the top level."""
    if stub.thread is not None:
        parent = stub.parent
        return parent.source_id if parent is not None else None
    stack: list[tuple[Comment, str | None]] = [(comment, None) for comment in article.comments]
    while stack:
        comment, parent_name = stack.pop()
        if comment is stub:
            return parent_name
        stack.extend((reply, comment.source_id) for reply in comment.replies)
    raise LoadError(where, "the stub is not one of the article's comments")
