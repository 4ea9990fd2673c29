"""Header values as `email` gives them with `policy.default`, made cheaply.

`policy.default`'s header classes decode RFC 2047 words, addresses and dates,
and cost most of a message's read: each class is made once here and each
header read once (`HeaderCache`), and a value that needs no decoding is
taken as written (`header_text`). `PARSER` is the `email` parser reader reads
any other message with.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email import policy, utils
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.parser import BytesParser

from .headerbounds import MAX_STRUCTURED_CHARS, HeaderProblem, bounded


class HeaderCache(HeaderRegistry):
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


POLICY = policy.default.clone(header_factory=HeaderCache())
PARSER = BytesParser(policy=POLICY)
# A Message-ID `policy.default` keeps as written: `<dot-atom@dot-atom>`.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_SIMPLE_MESSAGE_ID = re.compile(rf"\s*<{_ATOM}(?:\.{_ATOM})*@{_ATOM}(?:\.{_ATOM})*>\s*")
# Authors by the From header they were read from.
_AUTHORS: dict[str, str | None] = {}
_AUTHORS_KEPT = 4096
# The From most mailers write, `Ada Lovelace <ada@example.org>`: words of
# letters, digits, `'` and `-` (atoms) one space apart, and a dot-atom
# address. `email` reads its name as written (parsing it costs some 100 µs,
# for each of an archive's authors); any other From is `email`'s to read.
_PLAIN_FROM = re.compile(
    rf"([A-Za-z0-9'-]+(?: [A-Za-z0-9'-]+)*) <{_ATOM}(?:\.{_ATOM})*@{_ATOM}(?:\.{_ATOM})*>"
)
MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
# The Date most mailers write (`Mon, 02 Jan 2023 09:00:00 +0000`), read by
# this alone where `parsedate_to_datetime` reads it the same: a four-digit
# year from 1000 (`parsedate` moves two-digit years, and a year written
# `0099` is read as 99 and moved), a two-digit time, a numeric zone within a
# day. The weekday, if any, is not checked: `parsedate` ignores it.
COMMON_DATE = re.compile(
    r"\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec) ([1-9]\d{3}) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) ([+-])([01]\d|2[0-3])"
    r"([0-5]\d)\s*"
)
# The zones of the common Dates read so far, by how they are written (`-0500`).
_ZONES: dict[str, timezone] = {"-0000": UTC}


def header_text(name: str, value: str) -> str:
    """An unfolded header as `policy.default` gives it: encoded words decoded."""
    if "=?" in value or (name == "message-id" and not _SIMPLE_MESSAGE_ID.fullmatch(value)):
        return str(POLICY.header_factory(name, value))
    return value


def date_and_posted(value: str | None) -> tuple[datetime | None, str | None]:
    """The time a Date header gives, and the date as reader shows it (the
    time in ISO form, else the header as written, whitespace collapsed)."""
    if value is None:
        return None, None
    common = COMMON_DATE.fullmatch(value)
    if common is not None:
        # (A third of `parsedate_to_datetime`'s time: the listing's first
        # messages and every message of a thread read in full.)
        day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = common.groups()
        written = sign + zone_hours + zone_minutes
        zone = _ZONES.get(written)
        if zone is None:
            offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
            zone = _ZONES[written] = timezone(-offset if sign == "-" else offset)
        try:
            when = datetime(
                int(year), MONTHS[month], int(day), int(hour), int(minute), int(second), 0, zone
            )
        except ValueError:
            pass  # (a day the month lacks: `parsedate_to_datetime` refuses it too, below)
        else:
            return when, when.isoformat()
    return date_by_email(value)


def date_by_email(value: str) -> tuple[datetime | None, str | None]:
    """`date_and_posted` of any Date, read by `email`'s `parsedate_to_datetime`."""
    try:
        when = utils.parsedate_to_datetime(value) if value else None
    except ValueError:
        when = None
    if when is None:
        return None, " ".join(value.split()) or None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when, when.isoformat()


def author_in(value: str) -> str | None:
    """The author a From header names (a list has few senders: each is read once)."""
    if value not in _AUTHORS:
        if len(_AUTHORS) >= _AUTHORS_KEPT:
            _AUTHORS.clear()
        plain = _PLAIN_FROM.fullmatch(value) if len(value) <= MAX_STRUCTURED_CHARS else None
        if plain is not None:
            _AUTHORS[value] = plain.group(1)
        else:
            _AUTHORS[value] = author_of(POLICY.header_factory("from", value))
    return _AUTHORS[value]


def author_of(header: object) -> str | None:
    """The author a parsed From header names: its first address's name, else
    the address, else the header's text."""
    if header is None:
        return None
    addresses = getattr(header, "addresses", ())
    if addresses:
        return addresses[0].display_name or addresses[0].addr_spec or None
    return " ".join(str(header).split()) or None
