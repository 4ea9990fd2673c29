"""What reader takes from one mail: a few headers and the body's text.

Most list mail is one `text/plain` part (or a multipart/alternative of text
parts) with ASCII headers. Such a message is read here by hand: the header
block split into lines, the parts at their boundary lines, the body decoded
with the same functions `email` uses (quoted-printable, base64, the charset
with errors replaced). `email`'s own parser with `policy.default` costs about ten
times more, nearly all of it in its header classes, built for every header of
every message. Anything else (multipart, attachments, HTML, 8-bit or odd
header lines, an unusual encoding, a parameter it would have to decode) is
left to `email` (`read_fields` returns None), which gives the same fields:
`tests/test_mail_fields.py` holds the two to each other.
"""

from __future__ import annotations

import binascii
import re
from datetime import UTC, datetime
from email import policy, utils
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.parser import BytesParser
from itertools import pairwise
from typing import NamedTuple

from .headerbounds import HeaderProblem, bounded


class _HeaderCache(HeaderRegistry):
    """`policy.default`'s headers, each class made once and each header read
    once: the stock registry builds a new class for every header it reads, and
    `email` reads a message's Content-Type some twenty times while it looks
    for the body. (Headers are immutable strings; sharing one is safe.)"""

    # Headers remembered: the current message's and the last few threads'
    # subjects. (A parsed header holds its parse tree, some 6 kB: 256 keep
    # about 1.5 MB after loading; 2,000 kept 12 MB.)
    _KEEP = 256

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type] = {}
        self._headers: dict[tuple[str, str], object] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._classes.get(key)
        if made is None:
            made = self._classes[key] = super().__getitem__(key)
        return made

    def __call__(self, name: str, value: str) -> object:
        made = self[name]
        value = bounded(name, value, issubclass(made, UnstructuredHeader))
        key = (name, value)
        header = self._headers.get(key)
        if header is None:
            if len(self._headers) >= self._KEEP:
                del self._headers[next(iter(self._headers))]  # the oldest
            try:
                header = made(name, value)
            except Exception:
                raise HeaderProblem(name) from None
            self._headers[key] = header
        return header


_POLICY = policy.default.clone(header_factory=_HeaderCache())
PARSER = BytesParser(policy=_POLICY)
# The bytes of a head `read_head` reads (any other is `email`'s to read).
PRINTABLE = bytes(range(0x20, 0x7F)) + b"\t\n"
# Header lines as `email` tells them: a name and a colon, then continuations;
# `BAD_LINE` finds a line after a line break that is neither.
_FIRST_LINE = re.compile(rb"[!-9;-~]+:")
BAD_LINE = re.compile(rb"\n(?![ \t]|[!-9;-~]+:)")
# The wanted headers, each as its line starts (after a line break), its value
# with its continuations; and Content-Disposition, which `email` must read.
_WANTED_LINE = re.compile(
    r"\n(from|subject|date|message-id|in-reply-to|references|list-id|archived-at"
    r"|content-type|content-transfer-encoding|content-disposition):[ \t]*"
    r"([^\n]*(?:\n[ \t][^\n]*)*)",
    re.IGNORECASE,
)
# Header names as most mailers write them, lower-cased without a call.
NAMES = {
    name: name.lower()
    for name in (
        *("From", "Date", "Message-ID", "Message-Id", "In-Reply-To", "References"),
        *("Content-Type", "Content-Transfer-Encoding", "Content-Disposition"),
        *("Subject", "List-Id", "List-ID", "Archived-At"),
    )
}
_TYPE = re.compile(r"(text/plain|text/html|multipart/alternative)\s*", re.IGNORECASE)
# A boundary `email` takes as written, and the line breaks it splits lines at
# beside `\n` (a body with any of them is left to it).
_SIMPLE_BOUNDARY = re.compile(r"[A-Za-z0-9'()+_,./:=?-]{1,70}")
_OTHER_LINE_BREAK = re.compile(rb"[\r\v\f\x1c-\x1e]")
_PARAMETER = re.compile(
    r";\s*([A-Za-z0-9_.-]+)=(?:\"([^\"\\\r\n]*)\"|([!#$%&'+.^_`|~0-9A-Za-z-]+))\s*"
)
# A Message-ID `policy.default` keeps as written: `<dot-atom@dot-atom>`.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_SIMPLE_MESSAGE_ID = re.compile(rf"\s*<{_ATOM}(?:\.{_ATOM})*@{_ATOM}(?:\.{_ATOM})*>\s*")
# Authors by the From header they were read from.
_AUTHORS: dict[str, str | None] = {}
_AUTHORS_KEPT = 4096
_PLAIN_ENCODINGS = frozenset(["7bit", "8bit", "binary"])


# What a message part is to reader (`MailPart.kind`): text read as mail
# (quotes, patches), HTML converted to text, text kept as written (a patch, or
# any other `text/*` type), or an attachment that is only listed.
PLAIN_PART, HTML_PART, VERBATIM_PART, ATTACHMENT = "plain", "html", "verbatim", "attachment"
# A forwarded message's head (its From, Date and Subject, one a line).
FORWARDED = "forwarded"
# Text types shown as mail text and as HTML; any other `text/*` is verbatim.
_TEXT_KINDS = {"text/plain": PLAIN_PART, "text/html": HTML_PART}


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
    author = None if sender is None else _author(sender)
    if not (author or _text("subject", get("subject", "")) or get("date")):
        return None  # `email` says why it is no message
    part = _text_part(headers, body)
    if part is None:
        return None
    if when is not None:
        posted = when.isoformat()
    else:
        when, posted = _date(get("date"))
    references = _text("references", get("references", ""))
    in_reply_to = _text("in-reply-to", get("in-reply-to", ""))
    message_id = _text("message-id", get("message-id", ""))
    return MailFields(
        references=references,
        in_reply_to=in_reply_to,
        message_id=message_id,
        subject=_text("subject", get("subject", "")),
        author=author,
        when=when,
        posted=posted,
        list_id=_text("list-id", get("list-id", "")),
        archived_at=_text("archived-at", get("archived-at", "")),
        parts=(part,),
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
    if not (date or _text("subject", get("subject", ""))):
        sender = get("from")
        if sender is None or not _author(sender):
            return None
    return ThreadFields(
        message_id=_text("message-id", get("message-id", "")),
        in_reply_to=_text("in-reply-to", get("in-reply-to", "")),
        references=_text("references", get("references", "")),
        date=date,
    )


def date_of(value: str | None) -> datetime | None:
    """The time a Date header gives, as `read_fields` reads it."""
    return _date(value)[0]


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
        author=_author_of(message.get("from")),
        when=when,
        posted=posted,
        list_id=text("list-id"),
        archived_at=text("archived-at"),
        parts=mail_parts(message),
    )


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
            kind = _TEXT_KINDS.get(content_type, VERBATIM_PART)
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


class Head(NamedTuple):
    """The wanted headers of a message or part (unfolded, the first of each),
    and where its body starts."""

    headers: dict[str, str]
    body_start: int


def _head_and_body(data: bytes) -> tuple[dict[str, str], bytes] | None:
    """`read_head`, with the body itself."""
    head = read_head(data)
    return None if head is None else (head.headers, data[head.body_start :])


def read_head(data: bytes) -> Head | None:
    """The head of a message or part whose header lines are plain ASCII;
    None for anything `email` would read differently (or that needs its
    Content-Disposition)."""
    end = data.find(b"\n\n")
    crlf = data.find(b"\n\r\n", 0, len(data) if end < 0 else end + 2)
    if crlf >= 0:
        end = crlf
    if end <= 0:
        return None
    body_start = data.index(b"\n", end + 1) + 1
    head = data[:end].removesuffix(b"\r").replace(b"\r\n", b"\n")
    if b"\r" in head or head.translate(None, PRINTABLE):
        return None
    if _FIRST_LINE.match(head) is None or BAD_LINE.search(head) is not None:
        return None  # a line `email` would not read as a header, or `From `
    headers: dict[str, str] = {}
    for name, value in _WANTED_LINE.findall("\n" + head.decode("ascii")):
        name = NAMES.get(name) or name.lower()
        if name == "content-disposition":
            return None
        if name not in headers:  # `email` reads the first one
            headers[name] = value.replace("\n", "") if "\n" in value else value  # unfolded
    return Head(headers, body_start)


def _text_part(headers: dict[str, str], body: bytes) -> MailPart | None:
    """The text/plain part, else the text/html one, of a single part or a
    multipart/alternative of single parts, unnamed; None for `email`."""
    content_type = _content_type(headers.get("content-type", "text/plain"))
    if content_type is None:
        return None
    kind, parameters = content_type
    if "name" in parameters:
        return None  # a file name: `email` reads it (it may be encoded)
    if kind in _TEXT_KINDS:
        text = _decoded(headers, parameters, body)
        if text is None:
            return None
        return MailPart(_TEXT_KINDS[kind], text, None, kind)
    if kind == "multipart/alternative":
        return _alternatives(headers, parameters, body)
    return None


def _alternatives(
    headers: dict[str, str], parameters: dict[str, str], body: bytes
) -> MailPart | None:
    """The first text/plain part of a multipart/alternative (else the first
    text/html one), its parts split as `email` splits them: each ends before
    the line break that precedes the next boundary line."""
    boundary = parameters.get("boundary", "")
    if (
        not _SIMPLE_BOUNDARY.fullmatch(boundary)
        or headers.get("content-transfer-encoding", "").lower() not in ("", *_PLAIN_ENCODINGS)
        or _OTHER_LINE_BREAK.search(body) is not None
    ):
        return None
    separator = re.compile(rb"^--" + re.escape(boundary.encode()) + rb"(--)?[ \t]*$", re.M)
    lines = list(separator.finditer(body))
    # Parts between boundary lines, the last one closing: anything else
    # (no close, a part after it, two boundary lines in a row) is `email`'s.
    if len(lines) < 2 or lines[-1].group(1) is None or any(line.group(1) for line in lines[:-1]):
        return None
    plain: MailPart | None = None
    html: MailPart | None = None
    for opening, closing in pairwise(lines):
        data = body[opening.end() + 1 : closing.start()]
        if not data.endswith(b"\n"):
            return None
        split = _head_and_body(data[:-1])
        if split is None:
            return None
        part_headers, part_body = split
        if "multipart" in part_headers.get("content-type", "").lower():
            return None  # nested parts: their epilogues have rules of their own

        part = _text_part(part_headers, part_body)
        if part is None:
            return None
        if plain is None and part.kind == PLAIN_PART:
            plain = part
        if html is None and part.kind == HTML_PART:
            html = part
    return plain or html


def _content_type(value: str) -> tuple[str, dict[str, str]] | None:
    """A Content-Type's type and parameters when `email` would read them as
    written: a plain `type/subtype` and `; name=value` or `name="value"`."""
    found = _TYPE.match(value)
    if found is None:
        return None
    parameters: dict[str, str] = {}
    position = found.end()
    while position < len(value):
        parameter = _PARAMETER.match(value, position)
        if parameter is None:
            return None
        key = parameter.group(1).lower()
        if key in parameters:
            return None
        quoted, token = parameter.group(2, 3)
        parameters[key] = quoted if quoted is not None else token
        position = parameter.end()
    return found.group(1).lower(), parameters


def _decoded(headers: dict[str, str], parameters: dict[str, str], body: bytes) -> str | None:
    """A text part's body decoded as `email` decodes it; None when its
    encoding needs `email`."""
    charset = parameters.get("charset", "ASCII")
    encoding = headers.get("content-transfer-encoding", "").lower()
    if encoding == "quoted-printable":
        payload = binascii.a2b_qp(body)
    elif encoding == "base64":
        try:
            payload = binascii.a2b_base64(b"".join(body.splitlines()), strict_mode=True)
        except binascii.Error:
            return None  # `email` mends bad base64 its own way
    elif encoding in _PLAIN_ENCODINGS or not encoding:
        payload = body
    else:
        return None
    try:
        return payload.decode(charset, "replace")
    except (LookupError, UnicodeError):
        # An unknown charset: keep what can be read (as `_content` does).
        return payload.decode("utf-8", "replace")


def _content(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        # An unknown or lying charset: keep what can be read.
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _text(name: str, value: str) -> str:
    """An unfolded header as `policy.default` gives it: encoded words decoded."""
    if "=?" in value or (name == "message-id" and not _SIMPLE_MESSAGE_ID.fullmatch(value)):
        return str(_POLICY.header_factory(name, value))
    return value


def _date(value: str | None) -> tuple[datetime | None, str | None]:
    if value is None:
        return None, None
    try:
        when = utils.parsedate_to_datetime(value) if value else None
    except ValueError:
        when = None
    if when is None:
        return None, " ".join(value.split()) or None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when, when.isoformat()


def _author(value: str) -> str | None:
    """The author a From header names (a list has few senders: each is read once)."""
    if value not in _AUTHORS:
        if len(_AUTHORS) >= _AUTHORS_KEPT:
            _AUTHORS.clear()
        _AUTHORS[value] = _author_of(_POLICY.header_factory("from", value))
    return _AUTHORS[value]


def _author_of(header: object) -> str | None:
    if header is None:
        return None
    addresses = getattr(header, "addresses", ())
    if addresses:
        return addresses[0].display_name or addresses[0].addr_spec or None
    return " ".join(str(header).split()) or None
