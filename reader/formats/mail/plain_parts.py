"""A simple message's parts read by hand, as `email` would read them.

A single `text/plain` or `text/html` part, or a multipart/alternative of
such parts, unnamed, with a plain boundary and a transfer encoding the
standard library decodes in C (quoted-printable, base64, none): its text is
decoded here with the functions `email` uses, the charset's errors replaced.
A multipart/mixed or multipart/signed (a signed message, as list archives
keep it) of such single parts and of other unnamed parts (attachments, a
signature: listed by type and size) is read the same way. Anything else
gives None, for `email` to read (`parts.mail_parts`).
"""

from __future__ import annotations

import binascii
import re
from itertools import pairwise

from .parts import ATTACHMENT, HTML_PART, PLAIN_PART, TEXT_KINDS, MailPart
from .plain_head import read_head

_TYPE = re.compile(r"(text/plain|text/html|multipart/alternative)\s*", re.IGNORECASE)
# Any `type/subtype` (an attachment's), as `email` takes it: the Content-Type
# before its parameters, one `/` in it.
_ANY_TYPE = re.compile(r"([!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*")
# Multiparts whose every part is shown (or listed) in order.
_MIXED = re.compile(r"(multipart/mixed|multipart/signed)\s*", re.IGNORECASE)
# A boundary `email` takes as written, and the line breaks it splits lines at
# beside `\n` (a body with any of them is left to it).
_SIMPLE_BOUNDARY = re.compile(r"[A-Za-z0-9'()+_,./:=?-]{1,70}")
_OTHER_LINE_BREAK = re.compile(rb"[\r\v\f\x1c-\x1e]")
_PARAMETER = re.compile(
    r";\s*([A-Za-z0-9_.-]+)=(?:\"([^\"\\\r\n]*)\"|([!#$%&'+.^_`|~0-9A-Za-z-]+))\s*"
)
_PLAIN_ENCODINGS = frozenset(["7bit", "8bit", "binary"])


def message_parts(headers: dict[str, str], body: bytes) -> tuple[MailPart, ...] | None:
    """What `parts.mail_parts` gives of a simple message: its text part (see
    `text_part`), or the parts of a multipart/mixed or multipart/signed of
    single parts; None for `email`."""
    content_type = headers.get("content-type", "text/plain")
    mixed = _MIXED.match(content_type)
    if mixed is None:
        part = text_part(headers, body)
        return None if part is None else (part,)
    found = _content_type(content_type, _MIXED)
    if found is None or "name" in found[1]:
        return None
    texts: list[MailPart] = []
    others: list[MailPart] = []
    for data in _split(headers, found[1], body) or ():
        head = read_head(data)
        if head is None:
            return None
        part_headers = head.headers
        part_type = part_headers.get("content-type", "text/plain")
        if "multipart" in part_type.lower():
            return None  # nested parts: their epilogues have rules of their own
        part_body = data[head.body_start :]
        kind = _content_type(part_type, _ANY_TYPE)
        if kind is None or "name" in kind[1]:
            return None
        if kind[0].partition("/")[0] in ("text", "message"):
            part = text_part(part_headers, part_body)  # (another `text/*`, or a message: None)
            if part is None:
                return None
            texts.append(part)
        else:
            size = _decoded_size(part_headers, part_body)
            if size is None:
                return None
            others.append(MailPart(ATTACHMENT, "", None, kind[0], True, size))
    if not texts and not others:
        return None
    return (*texts, *others)


def _decoded_size(headers: dict[str, str], body: bytes) -> int | None:
    """The size of an attachment's body decoded as `email` decodes it (its
    `get_payload(decode=True)`); None when its encoding needs `email`."""
    encoding = headers.get("content-transfer-encoding", "").lower()
    if encoding in _PLAIN_ENCODINGS or not encoding:
        return len(body)
    if encoding == "quoted-printable":
        return len(binascii.a2b_qp(body))
    if encoding == "base64":
        try:
            return len(binascii.a2b_base64(b"".join(body.splitlines()), strict_mode=True))
        except binascii.Error:
            return None
    return None


def text_part(headers: dict[str, str], body: bytes) -> MailPart | None:
    """The text/plain part, else the text/html one, of a single part or a
    multipart/alternative of single parts, unnamed; None for `email`."""
    content_type = _content_type(headers.get("content-type", "text/plain"))
    if content_type is None:
        return None
    kind, parameters = content_type
    if "name" in parameters:
        return None  # a file name: `email` reads it (it may be encoded)
    if kind in TEXT_KINDS:
        text = _decoded(headers, parameters, body)
        if text is None:
            return None
        return MailPart(TEXT_KINDS[kind], text, None, kind)
    if kind == "multipart/alternative":
        return _alternatives(headers, parameters, body)
    return None


def _alternatives(
    headers: dict[str, str], parameters: dict[str, str], body: bytes
) -> MailPart | None:
    """The first text/plain part of a multipart/alternative (else the first
    text/html one), its parts split as `email` splits them: each ends before
    the line break that precedes the next boundary line."""
    plain: MailPart | None = None
    html: MailPart | None = None
    for data in _split(headers, parameters, body) or ():
        head = read_head(data)
        if head is None:
            return None
        part_headers = head.headers
        if "multipart" in part_headers.get("content-type", "").lower():
            return None  # nested parts: their epilogues have rules of their own

        part = text_part(part_headers, data[head.body_start :])
        if part is None:
            return None
        if plain is None and part.kind == PLAIN_PART:
            plain = part
        if html is None and part.kind == HTML_PART:
            html = part
    return plain or html


def _split(headers: dict[str, str], parameters: dict[str, str], body: bytes) -> list[bytes] | None:
    """A multipart's parts (each with its head), split as `email` splits
    them: each ends before the line break that precedes the next boundary
    line; None (for `email`) for anything else, or no part."""
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
    parts = []
    for opening, closing in pairwise(lines):
        data = body[opening.end() + 1 : closing.start()]
        if not data.endswith(b"\n"):
            return None
        parts.append(data[:-1])
    return parts


def _content_type(
    value: str, pattern: re.Pattern[str] = _TYPE
) -> tuple[str, dict[str, str]] | None:
    """A Content-Type's type and parameters when `email` would read them as
    written: a plain `type/subtype` (of those `pattern` matches) and
    `; name=value` or `name="value"`."""
    found = pattern.match(value)
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
        # An unknown charset: keep what can be read (as `parts` does).
        return payload.decode("utf-8", "replace")
