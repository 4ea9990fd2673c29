"""A message's parts as reader shows them, and `email`'s walk that finds them.

What a message shows, as mutt shows it: every `text/*` part in order (of a
multipart/alternative its plain text, else its HTML), then every other part,
listed as an attachment. `plain_parts` reads the common single-part message
by hand into the same `MailPart`s.
"""

from __future__ import annotations

from email.message import EmailMessage
from typing import NamedTuple

# What a message part is to reader (`MailPart.kind`): text read as mail
# (quotes, patches), HTML converted to text, text kept as written (a patch, or
# any other `text/*` type), or an attachment that is only listed.
PLAIN_PART, HTML_PART, VERBATIM_PART, ATTACHMENT = "plain", "html", "verbatim", "attachment"
# A forwarded message's head (its From, Date and Subject, one a line).
FORWARDED = "forwarded"
# Text types shown as mail text and as HTML; any other `text/*` is verbatim.
TEXT_KINDS = {"text/plain": PLAIN_PART, "text/html": HTML_PART}


class MailPart(NamedTuple):
    """One part of a message as reader shows it: its `kind`, its decoded
    `text` (empty for an attachment), its file name, its content type,
    whether it is marked an attachment, and (for an attachment) its size in
    bytes."""

    kind: str
    text: str
    name: str | None = None
    content_type: str = "text/plain"
    attached: bool = False
    size: int = 0


def mail_parts(message: EmailMessage) -> tuple[MailPart, ...]:
    """What a message shows, as mutt shows it: every `text/*` part in order
    (of a multipart/alternative, its plain text, else its HTML; of a
    multipart/related, its first part, whose pictures the rest are), marked
    an attachment or not, then every other part, listed. Walked with a stack:
    a message may nest parts as deep as it likes."""
    texts: list[MailPart] = []
    others: list[MailPart] = []
    stack: list[EmailMessage] = [message]
    while stack:
        part = stack.pop()
        content_type = part.get_content_type()
        if part.is_multipart():
            # A forwarded message (`message/rfc822`) holds one message: its
            # head, then its parts with the rest.
            payload = part.get_payload()
            children = list(payload) if isinstance(payload, list) else []
            if content_type == "message/rfc822" and children:
                texts.append(MailPart(FORWARDED, _forwarded(children[0]), None, content_type))
            elif content_type == "multipart/alternative":
                body = part.get_body(preferencelist=("plain", "html"))
                children = [body] if body is not None else children
            elif content_type == "multipart/related":
                children = children[:1]
            stack.extend(reversed(children))  # type: ignore[arg-type]
        elif part.get_content_maintype() == "text":
            kind = TEXT_KINDS.get(content_type, VERBATIM_PART)
            attached = part.get_content_disposition() == "attachment"
            name = part.get_filename()
            texts.append(MailPart(kind, _content(part), name, content_type, attached))
        else:
            payload = part.get_payload(decode=True)
            size = len(payload) if isinstance(payload, bytes) else 0
            others.append(MailPart(ATTACHMENT, "", part.get_filename(), content_type, True, size))
    return (*texts, *others)


def _forwarded(message: EmailMessage) -> str:
    """A forwarded message's head as mutt shows it: its From, Date and Subject."""
    lines = []
    for name in ("From", "Date", "Subject"):
        value = message.get(name)
        if value is not None:
            lines.append(f"{name}: {' '.join(str(value).split())}")
    return "\n".join(lines)


def _content(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        # An unknown or lying charset: keep what can be read.
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""
