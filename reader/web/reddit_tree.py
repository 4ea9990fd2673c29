"""Reddit's comment tree as its JSON holds it, changed in place: finding a
`more` stub, putting the comments fetched for one in its place (nested by
`parent_id`), and grafting a permalink's chain of comments in.

An item is `{"kind": "t1" | "more", "data": {...}}`; a comment's replies are
`data.replies`, `""` or a listing `{"kind": "Listing", "data": {"children":
[items]}}`. Everything here walks the tree with an explicit stack: a reply
chain nests four JSON levels a reply. Entries of any other shape are left
where they are and otherwise ignored, as the format reader ignores them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Item = dict[str, Any]


def post_of(thread: list[Any]) -> dict[str, Any]:
    """The post's data (the `t3` of the first listing); {} when there is none."""
    for item in listing_items(thread[0]):
        if (
            isinstance(item, dict)
            and item.get("kind") == "t3"
            and isinstance(item.get("data"), dict)
        ):
            return item["data"]
    return {}


def top_level(thread: list[Any]) -> list[Any]:
    """The thread's top-level comment entries (the second listing's)."""
    return listing_items(thread[1])


def slots(thread: list[Any]) -> Iterator[tuple[list[Any], int, str]]:
    """Each comment entry of the thread as its list, its index there and its
    parent's name (the post's for the top level), parents before replies. The
    entry at a slot may be replaced by others (`siblings[i:i + 1] = new`)
    while its slot is given: the walk goes on with the first of them."""
    return _slots(top_level(thread), _name(post_of(thread), "t3_") or "")


def _slots(items: list[Any], parent: str) -> Iterator[tuple[list[Any], int, str]]:
    stack: list[tuple[list[Any], list[int], str]] = [(items, [0], parent)]
    while stack:
        siblings, position, parent = stack[-1]
        index = position[0]
        if index >= len(siblings):
            stack.pop()
            continue
        item = siblings[index]
        yield siblings, index, parent
        if index < len(siblings) and siblings[index] is not item:
            continue  # replaced: its replacement is walked from here
        position[0] = index + 1
        replies = replies_of(item)
        if replies:
            stack.append((replies, [0], _name(item["data"]) or ""))


def comment_names(items: list[Any]) -> set[str]:
    """The names (`t1_…`) of the comments of entries, and of their replies."""
    return {
        name
        for siblings, index, _ in _slots(items, "")
        if kind_of(siblings[index]) == "t1" and (name := _name(siblings[index]["data"]))
    }


def find_stub(thread: list[Any], name: str | None, parent: str) -> tuple[list[Any], int] | None:
    """The `more` stub named `name` among the replies of `parent` (a
    "continue this thread" stub is named `t1__` wherever it is)."""
    for siblings, index, above in slots(thread):
        item = siblings[index]
        if above == parent and kind_of(item) == "more" and _name(item["data"]) == name:
            return siblings, index
    return None


def nest(things: list[Any], known: set[str]) -> list[Item]:
    """The flat comments and stubs of a stub's answer (each naming its
    parent, parents first) nested under the comments among them they name;
    the ones that name none of them (the stub's parent's replies, or a reply
    to a comment the thread holds elsewhere: kept, not lost) in order. What
    `known` names (comments the thread holds already) is left out."""
    placed: dict[str, Item] = {}
    top: list[Item] = []
    for thing in things:
        kind = kind_of(thing)
        if kind not in ("t1", "more"):
            continue
        data = thing["data"]
        if kind == "t1":
            name = _name(data)
            if not name or name in known or name in placed:
                continue
            placed[name] = thing
        parent_id = data.get("parent_id")
        parent = placed.get(parent_id) if isinstance(parent_id, str) else None
        if parent is None:
            top.append(thing)
        else:
            _replies_list(parent).append(thing)
    return top


def graft(thread: list[Any], chain: list[Any], target: str) -> bool:
    """Put in the thread the comments of a permalink's answer (`chain`: the
    comment named `target` under some of its parents, each with only the
    reply on the way to it) that it lacks, under the deepest of their parents
    it holds, before the stub that stood for them (without their ids). False
    when it holds none of their parents (the comment is deeper than the
    permalink's context reaches) or holds the comment already."""
    comments = {
        name: siblings[index]
        for siblings, index, _ in slots(thread)
        if kind_of(siblings[index]) == "t1" and (name := _name(siblings[index]["data"]))
    }
    node = _first_comment(listing_items(chain[1]))
    if node is None:
        return False
    parent = node["data"].get("parent_id")
    while node is not None and _name(node["data"]) in comments:
        if _name(node["data"]) == target:
            return False
        parent = _name(node["data"])
        node = _first_comment(replies_of(node))
    if node is None or not isinstance(parent, str):
        return False
    if parent == _name(post_of(thread), "t3_"):
        siblings = listing_items(thread[1])
    elif parent in comments:
        siblings = _replies_list(comments[parent])
    else:
        return False
    node_id = node["data"].get("id")
    for index, item in enumerate(siblings):
        if kind_of(item) != "more":
            continue
        data = item["data"]
        children = data.get("children")
        if not isinstance(children, list) or not children:  # "continue this thread"
            siblings.insert(index, node)
            return True
        if node_id in children:
            ids = _comment_ids(node)
            left = [child for child in children if child not in ids]
            count = data.get("count")
            if isinstance(count, int) and not isinstance(count, bool):
                data["count"] = max(0, count - (len(children) - len(left)))
            data["children"] = left
            siblings[index : index + 1] = [node, item] if left else [node]
            return True
    siblings.append(node)
    return True


def kind_of(item: object) -> str | None:
    """An entry's kind (`t1`, `more`), if it is an entry with data."""
    if isinstance(item, dict) and isinstance(item.get("data"), dict):
        kind = item.get("kind")
        return kind if isinstance(kind, str) else None
    return None


def replies_of(item: object) -> list[Any]:
    """A comment entry's replies (none for anything else)."""
    if kind_of(item) != "t1":
        return []
    return listing_items(item["data"].get("replies"))  # type: ignore[index]


def _replies_list(item: Item) -> list[Any]:
    """A comment's list of replies, made when it has none, to add to."""
    data = item["data"]
    replies = data.get("replies")
    if not (isinstance(replies, dict) and isinstance(replies.get("data"), dict)):
        replies = data["replies"] = {"kind": "Listing", "data": {"children": []}}
    children = replies["data"].get("children")
    if not isinstance(children, list):
        children = replies["data"]["children"] = []
    return children


def _first_comment(items: list[Any]) -> Item | None:
    return next((item for item in items if kind_of(item) == "t1"), None)


def _comment_ids(top: Item) -> set[str]:
    """The ids (no prefix) of a comment and all its replies."""
    ids: set[str] = set()
    stack = [top]
    while stack:
        item = stack.pop()
        if isinstance(item["data"].get("id"), str):
            ids.add(item["data"]["id"])
        stack.extend(reply for reply in replies_of(item) if kind_of(reply) == "t1")
    return ids


def listing_items(listing: object) -> list[Any]:
    """A listing's entries (none for anything else)."""
    if isinstance(listing, dict) and isinstance(listing.get("data"), dict):
        children = listing["data"].get("children")
        if isinstance(children, list):
            return children
    return []


def _name(data: dict[str, Any], prefix: str = "t1_") -> str | None:
    """An entry's full name (`t1_abc`), from `name` or else its `id`."""
    name = data.get("name")
    if isinstance(name, str) and name:
        return name
    identifier = data.get("id")
    return f"{prefix}{identifier}" if isinstance(identifier, str) and identifier else None
