"""An article search's matches as arrays (issue 23, item 18): they read back
as the matches found, and a piece of the body is given only its own."""

from __future__ import annotations

from reader.search.query import Match
from reader.ui.body.matches import ArticleMatches


def found() -> list[Match]:
    return [
        Match(("title", 0), 0, 3),
        Match(("body", 0), 5, 8),
        Match(("body", 2), 1, 4),
        Match(("body", 2), 10, 14),
        Match(("body", 2), 20, 24),
        Match(("body", 12), 0, 2),
        Match(("bio", 0), 7, 9),
    ]


def test_matches_read_back_as_found_whole_or_in_batches() -> None:
    whole = ArticleMatches(found())
    batched = ArticleMatches(found()[:3])
    batched.extend(ArticleMatches(found()[3:]))
    assert list(whole) == list(batched) == found()
    assert whole[4] == Match(("body", 2), 20, 24) and len(whole) == 7
    assert whole.keys == {("title", 0), ("body", 0), ("body", 2), ("body", 12), ("bio", 0)}


def test_a_piece_gets_the_matches_that_reach_into_it_and_no_others() -> None:
    matches = ArticleMatches(found())
    assert matches.spans_in(("body", 2), 0, 100) == [(1, 4), (10, 14), (20, 24)]
    # A piece of the block from 12 to 21: the matches across its ends too.
    assert matches.spans_in(("body", 2), 12, 21) == [(10, 14), (20, 24)]
    assert matches.spans_in(("body", 2), 14, 20) == []
    assert matches.spans_in(("body", 1), 0, 100) == []
    assert matches.spans_in(("body", 12), 0, 1) == [(0, 2)]
    assert matches.spans_in(("bio", 0), 0, 100) == [(7, 9)]
