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
from datetime import UTC, datetime
from typing import Generic, TypeVar

from .fields import date_of

_LAST = datetime.max.replace(tzinfo=UTC)

Payload = TypeVar("Payload")


@dataclass(eq=False, slots=True)
class Node(Generic[Payload]):
    """One message as threading knows it, with what its reader attached."""

    number: int  # in archive order
    message_id: str | None
    parents: list[str]  # In-Reply-To first, then References nearest first
    # Its Date header as written (parsed only when its order is needed: for
    # the threads' first messages, at once; for replies, as their thread is
    # read), or its time, or None.
    date: str | datetime | None
    payload: Payload
    replies: list[Node[Payload]] = field(default_factory=list)
    parent: Node[Payload] | None = None
    _order: tuple[datetime, int] | None = None

    def order(self) -> tuple[datetime, int]:
        """Its place among its siblings (or among the threads)."""
        if self._order is None:
            if isinstance(self.date, str):
                self.date = date_of(self.date)
            self._order = (self.date or _LAST, self.number)
        return self._order


def thread_roots(nodes: list[Node[Payload]]) -> list[Node[Payload]]:
    """Link each message to its parent and return the threads' first messages,
    in order; each node's `replies` are then its children (not yet sorted)."""
    by_id: dict[str, Node[Payload]] = {}
    for node in nodes:
        if node.message_id is not None:
            by_id.setdefault(node.message_id, node)
    for node in nodes:
        node.parent = next(
            (by_id[ref] for ref in node.parents if ref in by_id and by_id[ref] is not node), None
        )
    _break_cycles(nodes)
    for node in nodes:
        if node.parent is not None:
            node.parent.replies.append(node)
    return sorted((node for node in nodes if node.parent is None), key=Node.order)


def _break_cycles(nodes: list[Node[Payload]]) -> None:
    """Mail whose parents loop back to it (forged or broken headers) is cut
    loose at its earliest message, which then starts a thread."""
    state: dict[int, int] = {}  # id(node): 1 on the current walk, 2 settled
    for start in nodes:
        walk: list[Node[Payload]] = []
        node: Node[Payload] | None = start
        while node is not None and id(node) not in state:
            state[id(node)] = 1
            walk.append(node)
            node = node.parent
        if node is not None and state[id(node)] == 1:
            cycle = walk[walk.index(node) :]
            min(cycle, key=Node.order).parent = None
        for visited in walk:
            state[id(visited)] = 2
