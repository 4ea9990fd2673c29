"""The search bar's history of queries."""

from __future__ import annotations

from reader.search.history import SearchHistory


def test_history_keeps_queries_oldest_first_without_repeats_or_blanks() -> None:
    history = SearchHistory()
    for text in ["aleppo", "mosul", " ", "", "aleppo"]:
        history.add(text)
    assert history.entries == ("mosul", "aleppo")


def test_history_is_bounded_dropping_the_oldest() -> None:
    history = SearchHistory(limit=100)
    for number in range(150):
        history.add(f"q{number}")
    assert len(history.entries) == 100
    assert history.entries[0] == "q50" and history.entries[-1] == "q149"
