"""The index's reading of a message: what places and lists it, from its head.

An archive's index needs of each message its place in the threads (its ids
and Date) and its author, and of a thread's first message its subject, list
and archive link; bodies are read when a thread is opened or searched
(`thread_text`). This reads the head as bytes by two regular expressions,
one that checks it is a plain head (`read_head` reads it) and one that takes
the wanted fields: a few µs, where `read_head` and `thread_fields` take some
20. It gives exactly what they give (`tests/test_mail_heads.py` holds them to
each other); a head it cannot read so is left to them, and a message they
cannot read is None, for the caller to read in full with `email`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from .dates import date_key
from .fields import thread_fields
from .header_values import author_in, header_text
from .plain_head import BAD_LINE, NAMES, PRINTABLE, read_head

# The headers every message is listed by, and those a thread's first message
# adds: each as its line starts, and its value unfolded as `read_head` takes it.
_LISTED = re.compile(
    r"\n(from|date|message-id|in-reply-to|references|content-type|content-transfer-encoding"
    r"|content-disposition):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)",
    re.IGNORECASE,
)
_FIRST = re.compile(
    r"\n(subject|list-id|archived-at):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)", re.IGNORECASE
)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# A body whose bytes are its text, as far as ASCII goes: one text/plain part
# (no file name), no transfer encoding, a charset that keeps ASCII as ASCII.
_PLAIN_TYPE = re.compile(
    r"text/plain\s*(?:;\s*(?:charset=\"?(?:us-ascii|ascii|utf-8|iso-8859-\d+|windows-125\d)\"?"
    r"|format=\"?flowed\"?|delsp=\"?(?:yes|no)\"?)\s*)*",
    re.IGNORECASE,
)
_PLAIN_ENCODINGS = frozenset(["", "7bit", "8bit", "binary"])
# Whether a Content-Type and Content-Transfer-Encoding make a plain body, by
# the pair: a list's messages have a few pairs between them.
_PLAIN_KINDS: dict[tuple[str | None, str | None], bool] = {}
_KINDS_KEPT = 1024


class Listing(NamedTuple):
    """What the index takes from a message's head, as the full read gives it."""

    message_id: str | None
    parents: list[str]  # In-Reply-To first, then References nearest first
    when: int  # `dates.date_key` of its Date
    author: str | None
    # Its body's bytes hold any ASCII text it shows (see `_PLAIN_TYPE`).
    plain: bool
    # What a thread's first message shows in the list (None for a reply, which
    # starts a thread only if its parents are missing: then read again).
    first: FirstMessage | None


class FirstMessage(NamedTuple):
    subject: str  # decoded, whitespace collapsed
    date: str | None  # as written (unfolded)
    list_id: str
    archived_at: str


def list_head(
    data: bytes, start: int, end: int, ids: dict[str, str] | None = None
) -> Listing | None:
    """The listing of the message `data[start:end]`, which starts after a
    line break (`data[start - 1]`; 0 for a message alone); None where
    `read_head` or `thread_fields` give none. Each Message-ID it gives is
    the one string `ids` keeps for it (an archive's ids recur in every
    reply's References: one string each, not one a mention)."""
    head_end = data.find(b"\n\n", start, end)
    if head_end <= start or start == 0 or data.find(b"\r", start, head_end + 2) >= 0:
        # No head, line ends `read_head` mends first, or no line break before
        # it to read it from: as `read_head` reads it.
        return listing_alone(data[start:end], ids)
    head = data[start - 1 : head_end]
    if head.translate(None, PRINTABLE) or head[1] in b" \t" or BAD_LINE.search(head):
        return listing_alone(data[start:end], ids)
    text = head.decode()
    fields = _fields(_LISTED, text)
    if "content-disposition" in fields:
        return None  # `read_head` leaves it to `email`
    return _listing(fields, text, ids)


def _fields(pattern: re.Pattern[str], text: str) -> dict[str, str]:
    """The first of each header `pattern` finds in `text`, unfolded."""
    fields: dict[str, str] = {}
    for name, value in pattern.findall(text):
        key = NAMES.get(name) or name.lower()
        if key not in fields:
            fields[key] = value.replace("\n", "") if "\n" in value else value
    return fields


def listing_alone(data: bytes, ids: dict[str, str] | None = None) -> Listing | None:
    """The listing of a message alone in `data`, read by `read_head` and
    `thread_fields` (what `list_head` gives, the slow way)."""
    head = read_head(data)
    if head is None or thread_fields(head) is None:
        return None
    return _listing(head.headers, None, ids)


def _listing(
    fields: dict[str, str], text: str | None = None, ids: dict[str, str] | None = None
) -> Listing | None:
    """A message's listing from its headers as `read_head` takes them: all
    of them, or those of `_LISTED` (the rest, if wanted, then found in the
    head's `text`)."""
    date = fields.get("date")
    sender = fields.get("from")
    author = None if sender is None else author_in(sender)
    more: dict[str, str] | None = None
    if not (date or author):
        more = fields if text is None else _fields(_FIRST, text)
        if not header_text("subject", more.get("subject", "")):
            return None  # maybe no message at all: `email` says
    in_reply_to = fields.get("in-reply-to")
    references = fields.get("references")
    parents: list[str] = []
    if in_reply_to is not None:
        parents = _MESSAGE_ID.findall(header_text("in-reply-to", in_reply_to))[:1]
    if references is not None:
        parents += _MESSAGE_ID.findall(header_text("references", references))[::-1]
    own = _MESSAGE_ID.search(header_text("message-id", fields.get("message-id", "")))
    message_id = own.group() if own else None
    if ids is not None:
        parents = [ids.setdefault(parent, parent) for parent in parents]
        if message_id is not None:
            message_id = ids.setdefault(message_id, message_id)
    first = None
    if not parents:
        if more is None:
            more = fields if text is None else _fields(_FIRST, text)
        first = _first(more.get, date)
    kind = (fields.get("content-type"), fields.get("content-transfer-encoding"))
    plain = _PLAIN_KINDS.get(kind)
    if plain is None:
        plain = _is_plain(*kind)
        if len(_PLAIN_KINDS) < _KINDS_KEPT:
            _PLAIN_KINDS[kind] = plain
    return Listing(message_id, parents, date_key(date), author, plain, first)


def _is_plain(content_type: str | None, encoding: str | None) -> bool:
    return (encoding or "").strip().lower() in _PLAIN_ENCODINGS and (
        content_type is None or _PLAIN_TYPE.fullmatch(content_type) is not None
    )


def _first(get: Callable[[str, str], str], date: str | None) -> FirstMessage:
    return FirstMessage(
        subject=" ".join(header_text("subject", get("subject", "")).split()),
        date=date,
        list_id=header_text("list-id", get("list-id", "")),
        archived_at=header_text("archived-at", get("archived-at", "")),
    )


def first_message(data: bytes) -> FirstMessage | None:
    """What a thread's first message shows in the list, read again from its
    bytes (a reply whose parents the archive lacks starts a thread); None if
    its head is not one `read_head` reads."""
    head = read_head(data)
    return None if head is None else _first(head.headers.get, head.headers.get("date"))
