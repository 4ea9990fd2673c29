"""What reader takes from one mail: a few headers and the body's text.

Most list mail is one `text/plain` part (or a multipart/alternative of text
parts) with ASCII headers. Such a message is read by hand: the header block
split into lines (`plain_head`), the parts at their boundary lines, the body
decoded with the same functions `email` uses (`plain_parts`). `email`'s own
parser with `policy.default` costs about ten times more, nearly all of it in
its header classes, built for every header of every message. Anything else
(multipart, attachments, HTML, 8-bit or odd header lines, an unusual
encoding, a parameter it would have to decode) is left to `email`
(`read_fields` returns None; `full_fields` reads it), which gives the same
fields: `tests/test_mail_fields.py` holds the two to each other.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from typing import NamedTuple

from .header_values import PARSER, author_in, author_of, date_and_posted, header_text
from .parts import MailPart, mail_parts
from .plain_head import Head, read_head
from .plain_parts import message_parts


class MailFields(NamedTuple):
    """A message's fields as reader uses them, headers decoded and unfolded;
    `parts` its text parts in order, then its other parts (see `mail_parts`).
    (A tuple: a frozen dataclass costs more to make than the rest of a
    message's read.)"""

    author: str | None
    subject: str
    when: datetime | None
    posted: str | None
    message_id: str
    in_reply_to: str
    references: str
    list_id: str
    archived_at: str
    parts: tuple[MailPart, ...]


def read_fields(
    data: bytes, head: Head | None = None, when: datetime | None = None
) -> MailFields | None:
    """The fields of a simple message (text parts, plain ASCII header lines),
    or None for `email` to read; `head` is its `read_head` and `when` its
    Date header's time (`date_of`), if read already."""
    if head is None:
        head = read_head(data)
        if head is None:
            return None
    headers, body_start = head
    body = data[body_start:]
    get = headers.get
    # In `email`'s order (an error in a header skips the message, with it as
    # the reason): is it a message at all, then the body and each header.
    sender = get("from")
    author = None if sender is None else author_in(sender)
    if not (author or header_text("subject", get("subject", "")) or get("date")):
        return None  # `email` says why it is no message
    parts = message_parts(headers, body)
    if parts is None:
        return None
    if when is not None:
        posted = when.isoformat()
    else:
        when, posted = date_and_posted(get("date"))
    references = header_text("references", get("references", ""))
    in_reply_to = header_text("in-reply-to", get("in-reply-to", ""))
    message_id = header_text("message-id", get("message-id", ""))
    return MailFields(
        references=references,
        in_reply_to=in_reply_to,
        message_id=message_id,
        subject=header_text("subject", get("subject", "")),
        author=author,
        when=when,
        posted=posted,
        list_id=header_text("list-id", get("list-id", "")),
        archived_at=header_text("archived-at", get("archived-at", "")),
        parts=parts,
    )


class ThreadFields(NamedTuple):
    """The fields that place a message in its thread, as `read_fields` gives them."""

    message_id: str
    in_reply_to: str
    references: str
    date: str | None  # the Date header as written, unfolded


def thread_fields(head: Head) -> ThreadFields | None:
    """A message's threading fields from its `read_head` (no body, no other
    header: a microsecond or two), the same as `read_fields` gives them; None
    when the message may not be readable at all (neither a Subject nor a
    Date nor an author), for the caller to read it in full."""
    get = head.headers.get
    date = get("date")
    # `read_fields`' test of a message, cheapest first.
    if not (date or header_text("subject", get("subject", ""))):
        sender = get("from")
        if sender is None or not author_in(sender):
            return None
    return ThreadFields(
        message_id=header_text("message-id", get("message-id", "")),
        in_reply_to=header_text("in-reply-to", get("in-reply-to", "")),
        references=header_text("references", get("references", "")),
        date=date,
    )


def date_of(value: str | None) -> datetime | None:
    """The time a Date header gives, as `read_fields` reads it."""
    return date_and_posted(value)[0]


def full_fields(data: bytes) -> MailFields:
    """Any message's fields, read by `email` with `policy.default`."""
    message = PARSER.parsebytes(data)
    assert isinstance(message, EmailMessage)
    if not message.keys() or not any(message[name] for name in ("from", "subject", "date")):
        raise ValueError("no From, Subject or Date header")
    header = message.get("date")
    when = getattr(header, "datetime", None)
    if header is None:
        posted = None
    elif not isinstance(when, datetime):
        when, posted = None, " ".join(str(header).split()) or None
    else:
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        posted = when.isoformat()

    def text(name: str) -> str:
        return str(message.get(name, "") or "")

    references = text("references")
    in_reply_to = text("in-reply-to")
    message_id = text("message-id")
    return MailFields(
        references=references,
        in_reply_to=in_reply_to,
        message_id=message_id,
        subject=text("subject"),
        author=author_of(message.get("from")),
        when=when,
        posted=posted,
        list_id=text("list-id"),
        archived_at=text("archived-at"),
        parts=mail_parts(message),
    )
