"""Mail read by hand gives what `email` (policy.default) gives, or is left to it.

`read_fields` is the fast path for simple messages; every field it returns
must equal `full_fields`' for the same bytes. The mbox splitter is held to
the line-by-line splitter the same way.
"""

from __future__ import annotations

import base64
import quopri
from email.header import Header

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.formats.mail import body as mailtext
from reader.formats.mail import header_values
from reader.formats.mail.fields import full_fields, read_fields
from reader.formats.mail.parts import MailPart
from tests.bench_sites import generated_mbox
from tests.formats_support import fixture
from tests.test_mbox import by_lines


def _agrees(data: bytes) -> bool:
    """Whether the fast path read `data` (True) or left it to `email` (False);
    either way, what it read (or the error it raised: the message is then
    skipped with that reason) equals `email`'s reading."""
    try:
        fast = read_fields(data)
    except Exception as error:
        fast_error: str | None = f"{type(error).__name__}: {error}"
    else:
        fast_error = None
        if fast is None:
            return False
    try:
        full = full_fields(data)
    except Exception as error:
        assert fast_error == f"{type(error).__name__}: {error}"
        return True
    assert fast_error is None and fast == full
    return True


def _fixture_messages() -> list[bytes]:
    mbox = fixture("garden.mbox").read_bytes()
    maildir = sorted(fixture("pond.maildir").glob("*/*"))
    messages = [data for _, data in by_lines(mbox)]
    return messages + [path.read_bytes() for path in maildir]


def test_fixture_and_generated_archive_messages_read_alike() -> None:
    messages = _fixture_messages() + [data for _, data in by_lines(generated_mbox(300))]
    fast = [_agrees(data) for data in messages]
    # The simple ones (most of a list) take the fast path; the rest are `email`'s.
    assert sum(fast) > len(messages) * 0.8
    assert not all(fast)


def test_a_simple_message_never_reaches_emails_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    parse = header_values.PARSER.parsebytes
    monkeypatch.setattr(
        header_values.PARSER, "parsebytes", lambda data: calls.append(data) or parse(data)
    )
    simple = (
        b"From: Ada Ravel <ada@example.net>\nSubject: Herons\n"
        b"Date: Mon, 4 Mar 2024 10:00:00 +0000\nMessage-ID: <1@x.org>\n\nCounted nine.\n"
    )
    fields = read_fields(simple)
    assert fields is not None and fields.parts == (MailPart("plain", "Counted nine.\n"),)
    assert not calls
    assert fields.author == "Ada Ravel" and fields.posted == "2024-03-04T10:00:00+00:00"


_TRICKY_HEADERS = [
    "From: Ada Ravel <ada@example.net>",
    'From: "Ravel, Ada" <ada@example.net>',
    "From: ada@example.net (Ada Ravel)",
    "From: =?utf-8?q?=C3=89mile_Roux?= <emile@example.net>",
    "From: <>",
    "From:",
    "From: Ada\n Ravel <ada@example.net>",
    "Subject: =?iso-8859-1?q?caf=E9?= notes",
    "Subject: =?utf-8?b?w6l0w6k=?==?utf-8?q?_x?=",
    "Subject: Re: [herons]   folded\n\tsubject",
    "Subject: =?bogus?q?x?=",
    "Subject:   ",
    "Date: Mon, 4 Mar 2024 10:00:00 +0100",
    "Date: 4 Mar 2024 10:00 -0000",
    "Date: yesterday",
    "Date: Mon, 4 Mar 2024 10:00:00",
    "Date:",
    "Message-ID: <1.2@lists.example.org>",
    "Message-ID: <a b@c>",
    "Message-ID: <[1]@x>",
    "Message-ID:   <x@y>  (comment)",
    "In-Reply-To: <p@x> <q@x>",
    "References: <a@x>\n <b@x>\n\t<c@x>",
    "List-Id: Herons <herons.example.org>",
    "Archived-At: <https://lists.example.org/1>",
    "Content-Type: text/plain; charset=utf-8",
    'Content-Type: TEXT/PLAIN; charset="ISO-8859-1"; format=flowed',
    "Content-Type: text/plain; charset=utf-8; charset=latin-1",
    "Content-Type: text/plain; charset*=utf-8''x",
    "Content-Type: text/plain; charset=no-such-charset",
    "Content-Type: text/plain;",
    "Content-Type: text/html; charset=utf-8",
    "Content-Type: text/plain ; charset = utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: BASE64",
    "Content-Transfer-Encoding: 8bit",
    "Content-Transfer-Encoding: quoted-printable ",
    "Content-Transfer-Encoding: x-uuencode",
    "Content-Disposition: inline",
    "X-Mailer: Kestrel 2.0",
    "x-odd-Name.2: value",
]
_BODIES = [
    "Plain text.\n\n> quoted\nhttps://example.org/a\n",
    "caf=C3=A9 =\nsoft break\n",
    base64.encodebytes("élève, naïve\n".encode()).decode(),
    "bm90IGJhc2U2NA",  # bad padding
    "Z m 9 v\n",
    "",
]


@settings(max_examples=300, deadline=None)
@given(
    headers=st.lists(st.sampled_from(_TRICKY_HEADERS), min_size=1, max_size=8),
    body=st.sampled_from(_BODIES),
    crlf=st.booleans(),
    latin=st.booleans(),
)
def test_generated_messages_read_alike(
    headers: list[str], body: str, crlf: bool, latin: bool
) -> None:
    text = "\n".join(headers) + "\n\n" + body
    if crlf:
        text = text.replace("\n", "\r\n")
    _agrees(text.encode("latin-1" if latin else "utf-8", "replace"))


def test_encoded_names_and_charsets_read_alike() -> None:
    name = Header("Chiara Ossi – notes", "utf-8").encode()
    for charset, encoding, payload in (
        ("utf-8", "quoted-printable", quopri.encodestring("façade über\n".encode())),
        ("iso-8859-1", "8bit", "façade über\n".encode("latin-1")),
        ("utf-8", "base64", base64.encodebytes("Ærø\n".encode())),
    ):
        data = (
            f"From: {name} <c@example.net>\nSubject: {name}\n"
            f"Content-Type: text/plain; charset={charset}\n"
            f"Content-Transfer-Encoding: {encoding}\n\n"
        ).encode() + payload
        assert _agrees(data)


_BODY_LINES = [
    "> quoted", ">> deeper", "> > spaced", ">\tx", ">", "> ", "plain words", "words  ",
    "  indented", "-- ", "--", "\xa0", "", "  ", "Ünïcode", "a\tb", "x > y", ">>>> 4",
    ">>>>>>>>>>>> 12 deep",
]  # fmt: skip


def test_mail_without_patch_or_link_never_reaches_the_builder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[object] = []
    builder = mailtext.TextBuilder
    monkeypatch.setattr(mailtext, "TextBuilder", lambda: built.append(1) or builder())
    text, blocks = mailtext.mail_to_text("> you said\n> so\n\nI agree.\n-- \nAda\n")
    assert text == ["you said\nso", "I agree.\n-- \nAda"] and blocks is not None
    assert built == []
    mailtext.mail_to_text("See https://example.org/a\n")
    assert built == [1]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BODY_LINES), max_size=12))
def test_mail_without_patch_or_link_skips_the_builder_with_the_same_result(
    lines: list[str],
) -> None:
    builder = mailtext.TextBuilder()
    mailtext.add_mail(builder, lines, may_diff=False)
    assert mailtext.paragraphs_and_quotes(lines) == builder.finish()


_PART_HEADERS = [
    "Content-Type: text/plain; charset=utf-8",
    "Content-Type: text/html; charset=utf-8",
    'Content-Type: text/plain; charset="iso-8859-1"; format=flowed',
    "Content-Type: image/png",
    "Content-Type: application/pgp-signature",
    "Content-Type: application/octet-stream; name=a.bin",
    "Content-Type: Application/X-Odd.Type+xml; charset=utf-8",
    "Content-Type: message/rfc822",
    "Content-Type: text/x-diff",
    "Content-Type: noslash",
    "Content-Transfer-Encoding: 7bit",
    "Content-Transfer-Encoding: x-uuencode",
    "Content-Type: multipart/mixed; boundary=inner",
    "Content-Type: multipart/alternative; boundary=inner",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: base64",
    "Content-Disposition: attachment; filename=a.txt",
    "Content-ID: <part@x>",
    " folded continuation",
    "not a header line",
]  # fmt: skip
# Heads of parts the fast path reads (most generated parts are not).
_PLAIN_PART_HEADERS = [
    "Content-Type: text/plain; charset=utf-8",
    "Content-Type: text/html",
    "Content-Type: image/png",
    "Content-Type: application/pgp-signature",
    "Content-Type: Application/X-Odd.Type+xml; charset=utf-8",
    "Content-Type: message/rfc822",
    "Content-Type: text/x-diff",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: 7bit",
]
_PART_BODIES = [*_BODIES, "<p>Nine <i>herons</i></p>\n", "--b0 inside a line\n", "--b0\n"]


@st.composite
def _multipart(draw: st.DrawFn) -> str:
    boundary = draw(st.sampled_from(["b0", '"b0"', '"=_x.y:z"', '"with space"', "b0;"]))
    name = boundary.strip('"').rstrip(";")
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        headers = draw(
            st.lists(st.sampled_from(_PART_HEADERS), max_size=3)
            | st.lists(st.sampled_from(_PLAIN_PART_HEADERS), min_size=1, max_size=2)
        )
        body = draw(st.sampled_from(_PART_BODIES))
        blank = draw(st.sampled_from(["\n", "\n", "\n", ""]))
        parts.append("\n".join(headers) + "\n" + blank + body)
    opening = draw(st.sampled_from([f"--{name}\n", f"--{name}  \n", f"--{name}\n--{name}\n"]))
    closing = draw(st.sampled_from([f"--{name}--\n", f"--{name}--", "", f"--{name}--x\n"]))
    preamble = draw(st.sampled_from(["", "A MIME message.\n", f"--{name}x\n"]))
    epilogue = draw(st.sampled_from(["", "epilogue\n"]))
    kind = draw(
        st.sampled_from(
            [
                *("multipart/alternative", "multipart/mixed", "MULTIPART/Alternative"),
                *("multipart/signed", 'Multipart/Signed; protocol="application/pgp-signature"'),
            ]
        )
    )
    encoding = draw(st.sampled_from(["", "Content-Transfer-Encoding: 7bit\n",
                                     "Content-Transfer-Encoding: base64\n"]))  # fmt: skip
    return (
        f"From: Ada <a@example.net>\nSubject: parts\nContent-Type: {kind}; boundary={boundary}\n"
        f"{encoding}\n{preamble}" + "".join(opening + part for part in parts) + closing + epilogue
    )


@st.composite
def _plain_multipart(draw: st.DrawFn) -> str:
    """A multipart the fast path reads, mostly: parts of plain heads, each
    text or not, in a multipart/mixed, signed or alternative."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        headers = draw(st.lists(st.sampled_from(_PLAIN_PART_HEADERS), min_size=1, max_size=2))
        body = draw(st.sampled_from(["Nine herons.\n", "aGVyb24=\n", "caf=C3=A9\n", "", "x"]))
        parts.append("\n".join(headers) + "\n\n" + body)
    kind = draw(st.sampled_from(["multipart/mixed", "Multipart/Signed", "multipart/alternative"]))
    closing = draw(st.sampled_from(["--b0--\n", "--b0--"]))
    return (
        f"From: Ada <a@example.net>\nSubject: parts\nContent-Type: {kind}; boundary=b0\n\n"
        + "".join("--b0\n" + part for part in parts)
        + closing
    )


@settings(max_examples=300, deadline=None)
@given(_plain_multipart())
def test_generated_plain_multipart_messages_read_alike(text: str) -> None:
    _agrees(text.encode("utf-8"))


_UNCLOSED = (
    "From: Ada <a@example.net>\nSubject: parts\nContent-Type: multipart/alternative; boundary=b0\n"
    "\n--b0\nContent-Type: text/html\n\n<p>html</p>\n--b0\nContent-Type: text/plain\n\nplain\n"
)
_NESTED = (
    "From: Ada <a@example.net>\nSubject: parts\nContent-Type: multipart/alternative; boundary=b0\n"
    "\n--b0\nContent-Type: multipart/alternative; boundary=b1\n\n--b1\n\ninner\n--b1--\n"
    "\n--b0--\n"
)


@settings(max_examples=600, deadline=None)
@given(_multipart(), st.booleans())
@example(_UNCLOSED, False)
@example(_NESTED, False)
def test_generated_multipart_messages_read_alike(text: str, crlf: bool) -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    _agrees(text.encode("utf-8"))


def test_a_multipart_alternative_is_read_by_hand() -> None:
    data = (
        b"From: Ada <a@example.net>\nSubject: parts\n"
        b'Content-Type: multipart/alternative; boundary="b0"\n\n'
        b"--b0\nContent-Type: text/html\n\n<p>Nine</p>\n"
        b"--b0\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: quoted-printable\n\nNine h=C3=A9rons\n--b0--\n"
    )
    assert _agrees(data)
    fields = read_fields(data)
    assert fields is not None and fields.parts == (MailPart("plain", "Nine hérons"),)


def test_signed_mail_and_attachments_are_read_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    """A signed message (its text, then its signature listed) and a
    multipart/mixed of text and an attachment never reach `email`'s parser."""
    signed = (
        b"From: Ada <a@example.net>\nSubject: parts\n"
        b'Content-Type: multipart/signed; protocol="application/pgp-signature"; boundary="s0"\n\n'
        b"--s0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        b"Nine herons.\n--s0\nContent-Type: application/pgp-signature\n\n"
        b"-----BEGIN PGP SIGNATURE-----\nx\n-----END PGP SIGNATURE-----\n--s0--\n"
    )
    mixed = (
        b"From: Ada <a@example.net>\nSubject: parts\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\naGVyb24=\n"
        b"--b\nContent-Type: text/plain\n\nSee the picture.\n--b--\n"
    )
    assert _agrees(signed) and _agrees(mixed)
    calls: list[bytes] = []
    parse = header_values.PARSER.parsebytes
    monkeypatch.setattr(
        header_values.PARSER, "parsebytes", lambda data: calls.append(data) or parse(data)
    )
    fields = read_fields(signed)
    assert fields is not None and fields.parts == (
        MailPart("plain", "Nine herons."),
        MailPart("attachment", "", None, "application/pgp-signature", True, 59),
    )
    fields = read_fields(mixed)
    assert fields is not None and fields.parts == (
        MailPart("plain", "See the picture."),
        MailPart("attachment", "", None, "image/png", True, 5),
    )
    assert not calls


def _email_author(value: str) -> object:
    """The author `email` reads from a From header, or the error it raises."""
    try:
        return header_values.author_of(header_values.POLICY.header_factory("from", value))
    except Exception as error:
        return type(error)


_FROM_WORDS = st.text(st.sampled_from("Adaz09'-.\"(),:;é\\@<> \t"), max_size=7)
_FROM_ADDRESSES = st.sampled_from(
    ["<ada@x.org>", "<a.b@x.y.org>", "<a..b@x.org>", "<a@x>", "<@x.org>", "<a b@x.org>", "", "<>"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_FROM_WORDS, max_size=4), st.sampled_from([" ", "  ", "\t", ""]), _FROM_ADDRESSES)
@example(["Ada", "Lovelace"], " ", "<ada@x.org>")
@example(["O'Brien-Smith", "2nd"], " ", "<a.b@x.y.org>")
def test_a_from_header_names_the_author_email_names(
    words: list[str], space: str, address: str
) -> None:
    """The author of a From header as most mailers write it is read without
    `email` (`Name Words <address>`); it is the one `email` reads, for that
    form and every form near it."""
    value = space.join(words) + (" " if words else "") + address
    expected = _email_author(value)
    try:
        got: object = header_values.author_in(value)
    except Exception as error:
        got = type(error)
    assert got == expected
