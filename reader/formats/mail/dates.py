"""A message's place in time as one integer, for putting messages in order.

Threads and replies are in date order (`threads`); sorting an archive needs
every message's Date, and `email.utils.parsedate_to_datetime` costs some 5 µs
a header, most of an index's time for 50,000 messages. The Date most mailers
write (`Mon, 02 Jan 2023 09:00:00 +0000`) is read here by one regular
expression (`header_values.COMMON_DATE`) and arithmetic to the same instant;
anything else goes to the full parse (`fields.date_of`). The key is the
instant in whole seconds since 1970 (a Date has no fractions), or `UNDATED`
after every date.
"""

from __future__ import annotations

from calendar import monthrange, timegm
from datetime import date, datetime

from .fields import date_of
from .header_values import COMMON_DATE, MONTHS

# After every real date: undated messages come last (then in archive order).
UNDATED = 1 << 62
_EPOCH = date(1970, 1, 1).toordinal()


def date_key(value: str | None) -> int:
    """The instant a Date header names, as `date_of` reads it, in seconds
    (`UNDATED` for none, or one that names no time)."""
    if value is None:
        return UNDATED
    found = COMMON_DATE.fullmatch(value)
    if found is None:
        return key_of(date_of(value))
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = found.groups()
    first, days = _month(int(year), month)
    if not 1 <= int(day) <= days:
        # What `datetime` refuses (31 Feb), `parsedate_to_datetime` refuses too.
        return UNDATED
    seconds = (first + int(day) - 1) * 86400 + int(hour) * 3600 + int(minute) * 60 + int(second)
    offset = int(zone_hours) * 3600 + int(zone_minutes) * 60
    return seconds - offset if sign == "+" else seconds + offset


# Each month read so far: its first day in days since 1970, and its length.
_MONTH_DAYS: dict[tuple[int, str], tuple[int, int]] = {}


def _month(year: int, name: str) -> tuple[int, int]:
    found = _MONTH_DAYS.get((year, name))
    if found is None:
        number = MONTHS[name]
        first = date(year, number, 1)
        length = monthrange(year, number)[1]
        found = _MONTH_DAYS[year, name] = (first.toordinal() - _EPOCH, length)
    return found


def key_of(when: datetime | None) -> int:
    """The key of a time read already (naive: taken as UTC, as `fields` does)."""
    if when is None:
        return UNDATED
    return timegm(when.utctimetuple()) if when.tzinfo is not None else timegm(when.timetuple())
