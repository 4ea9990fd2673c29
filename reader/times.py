"""Comment times: read the forms sources give them in, and say them relative to now.

`Comment.posted` is an ISO 8601 string where the source gives a time (the
formats write `2024-05-01T12:34:56+00:00`), but hand-written files may hold a
date, unix seconds or free words such as "March 2017": those words are not a
time and are shown as they are. A time without an offset is taken as UTC.
No Textual or Rich here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .sanitize import neutralise

# Digit strings shorter than this are years or counts, not unix seconds
# (nine digits reach back to 1973).
MIN_UNIX_DIGITS = 9

# (seconds in the unit, its name): the largest unit that fits is used.
_UNITS = (
    (365 * 24 * 3600, "year"),
    (30 * 24 * 3600, "month"),
    (24 * 3600, "day"),
    (3600, "h"),
    (60, "min"),
)
# Unit names written as they are whatever the count (3 h, 1 min).
_ABBREVIATED = {"h", "min"}
JUST_NOW_SECONDS = 45


def now() -> datetime:
    """The current time: what relative times are counted from."""
    return datetime.now(UTC)


def parse_time(text: str | int | None) -> datetime | None:
    """The time `text` names (always timezone-aware), or None if it names none.

    Accepts ISO 8601 with or without an offset (and `Z`), a date alone, and
    unix seconds as an int or a string of digits.
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int):
        return _from_unix(text)
    text = text.strip()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        if text.isascii() and text.isdigit() and len(text) >= MIN_UNIX_DIGITS:
            return _from_unix(int(text))
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _from_unix(seconds: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def relative(when: datetime, now: datetime) -> str:
    """`when` said from `now`: `just now`, `5 min ago`, `3 h ago`, `2 years ago`,
    or `in 3 days` for a time still to come."""
    seconds = (now - when).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < JUST_NOW_SECONDS:
        return "just now"
    # Under a minute but past "just now": one minute.
    count, name = 1, "min"
    for size, unit in _UNITS:
        if seconds >= size:
            count, name = int(seconds // size), unit
            break
    if name not in _ABBREVIATED and count != 1:
        name += "s"
    amount = f"{count} {name}"
    return f"in {amount}" if future else f"{amount} ago"


def absolute(when: datetime) -> str:
    """`when` in full, with its offset: `2024-05-01 12:34:56 UTC+02:00`."""
    zone = when.strftime("%z")
    offset = "UTC" if zone in ("", "+0000") else f"UTC{zone[:3]}:{zone[3:]}"
    return f"{when:%Y-%m-%d %H:%M:%S} {offset}"


def posted_text(posted: str, now: datetime, in_full: bool = False) -> str:
    """A time as a header shows it: relative (or in full, with the
    config's `time = "absolute"`), or the source's own words."""
    when = parse_time(posted)
    if when is None:
        return neutralise(posted)
    return absolute(when) if in_full else relative(when, now)
