"""Reading comment times and saying them relative to a fixed now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from reader.times import absolute, parse_time, relative

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T12:34:56+00:00", datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)),
        ("2024-05-01T12:34:56Z", datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)),
        (
            "2024-05-01T14:34:56+02:00",
            datetime(2024, 5, 1, 14, 34, 56, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2017-03-25T10:00:00", datetime(2017, 3, 25, 10, 0, tzinfo=UTC)),
        ("2017-03-25", datetime(2017, 3, 25, tzinfo=UTC)),
        (1714566896, datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)),
        ("1714566896", datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)),
        (" 2017-03-25 ", datetime(2017, 3, 25, tzinfo=UTC)),
    ],
)
def test_parse_time_reads_iso_dates_and_unix_seconds(text: str | int, expected: datetime) -> None:
    parsed = parse_time(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    ["March 2017", "yesterday", "", "2017", "12", "2024-13-45", None, 10**20, "１２３４５６７８９"],
)
def test_parse_time_gives_none_for_what_is_not_a_time(text: str | int | None) -> None:
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("ago", "expected"),
    [
        (timedelta(seconds=10), "just now"),
        (timedelta(minutes=1), "1 min ago"),
        (timedelta(minutes=59), "59 min ago"),
        (timedelta(hours=3, minutes=20), "3 h ago"),
        (timedelta(days=1), "1 day ago"),
        (timedelta(days=6), "6 days ago"),
        (timedelta(days=45), "1 month ago"),
        (timedelta(days=200), "6 months ago"),
        (timedelta(days=365), "1 year ago"),
        (timedelta(days=800), "2 years ago"),
        (-timedelta(days=3), "in 3 days"),
    ],
)
def test_relative_says_the_largest_unit_that_fits(ago: timedelta, expected: str) -> None:
    assert relative(NOW - ago, NOW) == expected


def test_absolute_names_the_offset() -> None:
    assert absolute(datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)) == "2024-05-01 12:34:56 UTC"
    east = datetime(2024, 5, 1, 14, 34, 56, tzinfo=timezone(timedelta(hours=2)))
    assert absolute(east) == "2024-05-01 14:34:56 UTC+02:00"
