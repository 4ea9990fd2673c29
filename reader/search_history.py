"""Earlier search queries, for the search bar's `up` / `down`.

Kept in memory; it holds plain strings so that it can later be saved and loaded.
"""

from __future__ import annotations

HISTORY_LIMIT = 100


class SearchHistory:
    """Queries, oldest first: no repeats (a repeat moves to the end), no blanks,
    at most `limit` (the oldest go first)."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.limit = limit
        self._entries: list[str] = []

    @property
    def entries(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def add(self, text: str) -> None:
        if not text.strip():
            return
        if text in self._entries:
            self._entries.remove(text)
        self._entries.append(text)
        del self._entries[: -self.limit]
