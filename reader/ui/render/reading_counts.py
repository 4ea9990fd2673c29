"""How an article's new and unread comments are counted where it is named:
its entry in the article list and the comments pane's title."""

from __future__ import annotations

from ...state import ArticleState

SEPARATOR = " · "


def reading_counts(article_state: ArticleState | None, unread: bool = True) -> list[str]:
    """`K new`, `J unread`, each only when there are some (`unread` False: no
    unread count, as for an article whose whole entry says it is unread)."""
    if article_state is None:
        return []
    counts = []
    if new := article_state.new_count:
        counts.append(f"{new} new")
    if unread and (unread_count := article_state.unread_count):
        counts.append(f"{unread_count} unread")
    return counts
