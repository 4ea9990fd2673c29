"""The index's fast reading of heads and Dates, held to the full readings.

`heads.list_head` must list a message exactly as `fields.read_head` and
`thread_fields` read it (the same ids, Date, author and first-message
fields, and None where they give none), and `dates.date_key` must order
messages as `fields.date_of` dates them, and `date_and_posted` read a Date
as `parsedate_to_datetime` reads it, whatever the head holds.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.formats.mail import header_values
from reader.formats.mail.dates import UNDATED, date_key, key_of
from reader.formats.mail.fields import date_of
from reader.formats.mail.header_values import date_and_posted, date_by_email
from reader.formats.mail.heads import first_message, list_head, listing_alone

_WEEKDAYS = ["Mon, ", "Sun,", "Thu ", "Foo, ", ""]
_MONTHS = ["Jan", "Feb", "Dec", "jan", "Xyz"]


@st.composite
def dates(draw: st.DrawFn) -> str:
    day = draw(st.integers(0, 32))
    year = draw(st.sampled_from(["2024", "1999", "0099", "99", "10000", "1000", "2038"]))
    zone = draw(
        st.one_of(
            st.builds(
                lambda sign, hours, minutes: f"{sign}{hours:02d}{minutes:02d}",
                st.sampled_from("+-"),
                st.integers(0, 25),
                st.sampled_from([0, 30, 59, 60, 99]),
            ),
            st.sampled_from(["GMT", "UT", "EST", "", "-0000", "+0000"]),
        )
    )
    hour = draw(st.sampled_from(["09", "00", "23", "24", "9"]))
    second = draw(st.sampled_from([":00", ":59", ":60", ""]))
    text = (
        f"{draw(st.sampled_from(_WEEKDAYS))}{day:0{draw(st.sampled_from([1, 2]))}d} "
        f"{draw(st.sampled_from(_MONTHS))} {year} {hour}:30{second} {zone}"
    )
    return draw(st.sampled_from(["", " ", "  "])) + text + draw(st.sampled_from(["", " "]))


@settings(max_examples=600, deadline=None)
@given(dates())
def test_date_key_orders_as_the_full_parse(value: str) -> None:
    assert date_key(value) == key_of(date_of(value))


def test_date_key_of_the_common_form_and_of_none() -> None:
    assert date_key("Mon, 02 Jan 2023 09:00:00 +0000") == 1672650000
    assert date_key("Mon, 02 Jan 2023 10:30:00 +0130") == 1672650000
    assert date_key(None) == UNDATED == date_key("sometime in spring")
    assert date_key("31 Feb 2024 10:00:00 +0000") == UNDATED


_HEAD_LINES = [
    "From: Ada Ravel <ada@example.net>",
    'From: "Ravel, Ada" <ada@example.net>',
    "From: =?utf-8?q?=C3=89mile_Roux?= <emile@example.net>",
    "FROM: <>",
    "From:",
    "from:\tAda\n Ravel <ada@example.net>",
    "Subject: Herons",
    "Subject: =?utf-8?q?caf=C3=A9?=",
    "subject:\n  folded",
    "Subject:",
    "Date: Mon, 4 Mar 2024 10:00:00 +0000",
    "Date: sometime in spring",
    "DATE: Tue, 05 Mar 2024 11:00:00 -0500",
    "Message-ID: <1@x.org>",
    "Message-Id: <2@x.org> trailing",
    "Message-ID: not an id",
    "message-id:",
    "In-Reply-To: <1@x.org>",
    "In-Reply-To: <3@x.org> <4@x.org>",
    "References: <1@x.org>\n <2@x.org>\n\t<3@x.org>",
    "References: <5@x.org> =?utf-8?q?x?=",
    "List-Id: Garden list <garden.lists.example.org>",
    "List-ID: <other.example.org>",
    "Archived-At: <https://lists.example.org/1>",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Type: text/plain; charset=utf-16",
    'Content-Type: multipart/alternative; boundary="b"',
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: 7bit",
    "Content-Disposition: inline",
    "X-Mailer: invented 1.0",
    "X-From: not the author",
    " a continuation",
    "\ta tabbed continuation",
    "not a header line",
    "From not a header",
    "Organization: Café",
    "X-Empty:",
    "Subject : a space before the colon",
]


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.sampled_from(_HEAD_LINES), max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["Counted nine.\n", "", "\n"]),
)
def test_list_head_is_read_head_and_thread_fields(
    lines: list[str], line_end: str, body: str
) -> None:
    data = (line_end.join(lines) + line_end + line_end + body).encode()
    expected = listing_alone(data)
    # As an mbox gives it: after the line break that ends its `From ` line.
    assert list_head(b"From a@b\n" + data, 9, 9 + len(data)) == expected
    # As a Maildir gives it: alone, a line break put before it.
    assert list_head(b"\n" + data, 1, 1 + len(data)) == expected
    if expected is not None and expected.first is not None:
        assert first_message(data) == expected.first


def test_a_plain_head_is_listed_without_reading_it_again(monkeypatch: object) -> None:
    """The common head (printable ASCII, header lines only) is listed by the
    fast path alone: `read_head` is never asked."""
    import reader.formats.mail.heads as heads

    calls: list[bytes] = []
    original = heads.read_head
    setattr(heads, "read_head", lambda data: calls.append(data) or original(data))  # noqa: B010
    try:
        data = (
            b"\nFrom: Ada <a@x.org>\nSubject: Herons\nDate: Mon, 4 Mar 2024 10:00:00 +0000\n"
            b"Message-ID: <1@x.org>\nIn-Reply-To: <0@x.org>\n\nCounted nine.\n"
        )
        listing = list_head(data, 1, len(data))
    finally:
        setattr(heads, "read_head", original)  # noqa: B010
    assert calls == []
    assert listing is not None and listing.message_id == "<1@x.org>"
    assert listing.parents == ["<0@x.org>"] and listing.author == "Ada" and listing.plain


@settings(max_examples=600, deadline=None)
@given(dates())
def test_date_and_posted_reads_a_date_as_email_does(value: str) -> None:
    # The common form is read without `parsedate_to_datetime`: the same time
    # (and zone) and the same date shown, whatever the Date holds.
    assert date_and_posted(value) == date_by_email(value)
    when = date_and_posted(value)[0]
    if when is not None:
        assert when.utcoffset() == date_by_email(value)[0].utcoffset()


def test_a_common_date_is_read_without_email(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def parsed(value: str) -> datetime:
        calls.append(value)
        return parsedate_to_datetime(value)

    monkeypatch.setattr(header_values.utils, "parsedate_to_datetime", parsed)
    assert date_and_posted("Mon, 02 Jan 2023 09:00:00 -0530") == (
        datetime(2023, 1, 2, 9, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        "2023-01-02T09:00:00-05:30",
    )
    assert date_and_posted("2 Jan 2023 09:00:00 -0000")[1] == "2023-01-02T09:00:00+00:00"
    assert calls == []
    # A day the month lacks, and another form, are `email`'s to read.
    assert date_and_posted("31 Feb 2024 10:00:00 +0000") == (None, "31 Feb 2024 10:00:00 +0000")
    assert date_and_posted("Mon, 2 Jan 2023 09:00 GMT")[1] == "2023-01-02T09:00:00+00:00"
    assert calls == ["31 Feb 2024 10:00:00 +0000", "Mon, 2 Jan 2023 09:00 GMT"]
