"""How much of one mail header is handed to the standard library's parser.

`email`'s header parser takes time that grows with the square of a header's
length where it holds quoted strings, comments or many addresses: one
`From:` or `Content-Transfer-Encoding:` of 100 KB took 6 to 13 s, and a
mailbox of such headers never finished. Mail servers refuse such headers (a
line is at most 998 characters, RFC 5322); here an over-long one is cut, and
the cut is reported with the message, so that any mailbox loads at the speed
of an ordinary one. Free text (Subject, X-...) is parsed in near linear
time and may be longer; References longer still, and of it, whose last ids
are a reply's nearest parents, the end is kept.

A header the parser fails on (an `IndexError` deep in it, for some malformed
address lists) is `HeaderProblem`: the message is skipped, its reason in
mail's terms.
"""

from __future__ import annotations

import threading

MAX_STRUCTURED_CHARS = 998
MAX_FREE_TEXT_CHARS = 4 * 1024
# References name every ancestor of a reply: hundreds of ids in a long thread.
MAX_REFERENCES_CHARS = 16 * 1024
_KEEP_THE_END = frozenset(("references",))


class HeaderProblem(ValueError):
    """A header `email` could not parse: its name, in the message's reason."""

    def __init__(self, name: str) -> None:
        super().__init__(f"its {_spelled(name)} header could not be parsed")


def bounded(name: str, value: str, free_text: bool) -> str:
    """`value` cut to the limit for its kind of header, the cut noted for
    `take_cuts` (in this thread: several files may load at once)."""
    if not free_text:
        limit = MAX_STRUCTURED_CHARS
    elif name.lower() in _KEEP_THE_END:
        limit = MAX_REFERENCES_CHARS
    else:
        limit = MAX_FREE_TEXT_CHARS
    if len(value) <= limit:
        return value
    end = "last" if name.lower() in _KEEP_THE_END else "first"
    _notes().append(
        f"its {_spelled(name)} header of {len(value):,} characters was cut to the {end} {limit:,}"
    )
    if name.lower() in _KEEP_THE_END:
        tail = value[-limit:]
        # From the first whole id on.
        return tail[tail.find(" ") + 1 :] if " " in tail else tail
    return value[:limit]


def take_cuts() -> list[str]:
    """The cuts noted since the last call, in this thread, and forget them."""
    notes = _notes()
    taken = notes[:]
    notes.clear()
    return taken


def forget_cuts() -> None:
    """Forget the cuts noted since the last call, in this thread (what
    `take_cuts` does, for a caller that does not say them: no list made)."""
    notes = getattr(_local, "notes", None)
    if notes:
        notes.clear()


_local = threading.local()
_SPELLINGS = {"message-id": "Message-ID", "mime-version": "MIME-Version"}


def _spelled(name: str) -> str:
    """A header's name as mail writes it, whatever case `email` passed it in."""
    lowered = name.lower()
    return _SPELLINGS.get(lowered) or "-".join(map(str.capitalize, lowered.split("-")))


def _notes() -> list[str]:
    notes: list[str] | None = getattr(_local, "notes", None)
    if notes is None:
        notes = _local.notes = []
    return notes


def skip_reason(error: Exception) -> str:
    """Why a message is skipped, in mail's terms: the reason reader gives
    (a missing header, a header that cannot be parsed), never the words of an
    exception inside `email` (`'str' object has no attribute 'token_type'`)."""
    if isinstance(error, HeaderProblem) or type(error) is ValueError:
        return str(error)
    return "its headers or parts could not be parsed"
