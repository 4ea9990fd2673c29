"""How a mailbox's messages form threads, from their threading fields alone.

A reply hangs under its `In-Reply-To` message, else under the nearest
`References` entry the archive holds; one whose parents are all missing (or
that loops back to itself) starts a thread of its own. Threads, and the
replies to each message, are in date order (undated last, then in archive
order). Nothing here reads a message's body: the threads of a whole archive
are known before any of it is read in full, so the first thread can be shown
while the others are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter


@dataclass(eq=False, slots=True)
class Node:
    """One message as threading knows it."""

    number: int  # in archive order
    message_id: str | None
    parents: list[str]  # In-Reply-To first, then References nearest first
    when: int  # its Date as a `dates.date_key`
    replies: list[Node] = field(default_factory=list)
    parent: Node | None = None


# A node's place among its siblings (or among the threads): a sort key (in C,
# where a method was a Python call per node of every thread listed).
order = attrgetter("when", "number")


def thread_roots(nodes: list[Node]) -> list[Node]:
    """Link each message to its parent and return the threads' first messages,
    in order; each node's `replies` are then its children (not yet sorted)."""
    by_id: dict[str, Node] = {}
    for node in nodes:
        if node.message_id is not None:
            by_id.setdefault(node.message_id, node)
    find = by_id.get
    for node in nodes:
        # (A loop, not `next()` over a generator: one made for each message
        # was a third of this.)
        for ref in node.parents:
            parent = find(ref)
            if parent is not None and parent is not node:
                node.parent = parent
                break
        else:
            node.parent = None
    _break_cycles(nodes)
    for node in nodes:
        if node.parent is not None:
            node.parent.replies.append(node)
    return sorted((node for node in nodes if node.parent is None), key=order)


def _break_cycles(nodes: list[Node]) -> None:
    """Mail whose parents loop back to it (forged or broken headers) is cut
    loose at its earliest message, which then starts a thread."""
    # By message number: 1 on the current walk, 2 settled (a byte each: a
    # dict of an archive's 50,000 numbers was a fifth of threading it).
    state = bytearray(max(map(_NUMBER, nodes), default=-1) + 1)
    for start in nodes:
        if state[start.number]:
            continue  # settled by an earlier walk
        walk: list[Node] = []
        node: Node | None = start
        while node is not None and not state[node.number]:
            state[node.number] = 1
            walk.append(node)
            node = node.parent
        if node is not None and state[node.number] == 1:
            cycle = walk[walk.index(node) :]
            min(cycle, key=order).parent = None
        for visited in walk:
            state[visited.number] = 2


_NUMBER = attrgetter("number")
