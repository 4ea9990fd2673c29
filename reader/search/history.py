"""Earlier search queries, for the search bar's `up` / `down`.

Kept in memory, and, when there is a state database this session, loaded from
it at start and saved to it as each query is committed, so the history
outlives the session.
"""

from __future__ import annotations

from typing import Protocol

HISTORY_LIMIT = 100


class SavedHistory(Protocol):
    """Where the history persists (`reader.state.State`)."""

    @property
    def history(self) -> list[str]: ...

    def add_history(self, query: str) -> None: ...


class SearchHistory:
    """Queries, oldest first: no repeats (a repeat moves to the end), no blanks,
    at most `limit` (the oldest go first). With `saved`, it starts from the
    saved queries and saves each one added."""

    def __init__(self, limit: int = HISTORY_LIMIT, saved: SavedHistory | None = None) -> None:
        self.limit = limit
        self._saved = saved
        self._entries: list[str] = []
        if saved is not None:
            self._entries = [query for query in saved.history if query.strip()][-limit:]

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
        if self._saved is not None:
            self._saved.add_history(text)
