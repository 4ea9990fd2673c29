"""What a pane says of its search: the counter (`3/120`, `1/40…` while it
counts), and where it says it, the bar while it is open, else the border."""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content

from ...sanitize import neutralise
from ...search.query import Query

# How `Query.compile` starts its reason; the bar says "invalid" already.
INVALID_REGEX = "invalid regular expression: "


def counter_text(matches: int, counted: bool, current: int, error: str | None) -> str:
    """`current` is the current match's position (-1: none yet)."""
    if error is not None:
        return error
    if not matches:
        return "no matches" if counted else "searching…"
    # While counting: the matches found so far, and an ellipsis for the rest.
    total = str(matches) if counted else f"{matches}…"
    # While the match to go to is still to be found: none current yet.
    return f"{current + 1 if current >= 0 else '-'}/{total}"


class SearchStatus(NamedTuple):
    """What the bar says (and whether as an error), and the pane's border."""

    bar: str
    bar_error: bool
    subtitle: str | Content


def search_status(
    query: Query | None, error: str | None, counter: str, bar_open: bool, resting: str
) -> SearchStatus:
    """Where the search's state is said: `resting` is what the border says
    while no search is on."""
    if query is None or not query.text:
        return SearchStatus("", False, resting)
    if error is not None:
        # The reason is too long for the bar, where it squeezed the query out
        # of sight: the bar says "invalid", the pane's border says why.
        reason = error.removeprefix(INVALID_REGEX)
        return SearchStatus("invalid", True, Content(neutralise(f"regex: {reason}")))
    if bar_open:
        # The bar shows the counter. In the border too, it repainted the
        # whole pane at every batch of a count, holding up the keys typed.
        return SearchStatus(counter, False, resting)
    # Content, not str: a str border title is read as markup, and the query
    # is whatever was typed.
    return SearchStatus(counter, False, Content(neutralise(f"/{query.text}  {counter}")))
