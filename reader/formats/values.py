"""Field values of JSON sources, checked: JSON gives any type anywhere, and a
field of the wrong type reads as absent, never as an error or a crash."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_from_unix(seconds: object) -> str | None:
    """`2024-05-01T12:34:56+00:00` for a unix time; None for anything else."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return None
    try:
        return datetime.fromtimestamp(int(seconds), UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def int_of(value: object) -> int | None:
    """An integer (not a boolean, which Python counts as one); None for anything else."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def text_of(value: object) -> str | None:
    """A string with something in it; None for an empty one or anything else."""
    return value if isinstance(value, str) and value else None


def string_of(value: object) -> str:
    """A string; the empty one for anything else."""
    return value if isinstance(value, str) else ""


def list_of(value: object) -> list[object]:
    """A list; the empty one for anything else."""
    return value if isinstance(value, list) else []
