"""Times as the model keeps them: ISO 8601, UTC for unix times."""

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
