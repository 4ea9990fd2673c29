"""The thread view's flat model: folding splices rows; filters and depth views."""

from __future__ import annotations

from reader.model import Article, Comment
from reader.store import DocumentStore
from reader.ui.thread.rows import FOLDED_HEIGHT, ThreadRows
from tests.builders import index_of, reply_chain

from .test_store import nested_article


def rows_for(article=None) -> ThreadRows:  # type: ignore[no-untyped-def]
    store = DocumentStore()
    store.add(article or nested_article(), "n")
    thread = store.thread("n")
    return ThreadRows(thread, [3] * len(thread))


def paths(rows: ThreadRows) -> list[str]:
    return [rows.thread.comments[index].path for index in rows.rows]


def test_everything_is_visible_at_first_with_estimated_heights() -> None:
    rows = rows_for()
    assert paths(rows) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "3"]
    assert [rows.line_of(p) for p in range(7)] == [0, 3, 6, 9, 12, 15, 18]
    assert rows.total_lines == 21
    assert rows.row_at_line(7) == 2


def test_collapse_splices_out_the_subtree_and_expand_puts_back_only_visible_rows() -> None:
    rows = rows_for()
    rows.set_collapsed(1, True)
    assert paths(rows) == ["1", "1.1", "1.2", "2", "3"]
    assert rows.hidden_count(1) == 2
    rows.set_collapsed(0, True)
    assert paths(rows) == ["1", "2", "3"]
    rows.set_collapsed(0, False)
    assert paths(rows) == ["1", "1.1", "1.2", "2", "3"], "1.1 stays folded inside"
    assert len(rows.heights) == len(rows.rows)


def test_reveal_unfolds_only_the_ancestors() -> None:
    rows = rows_for()
    rows.collapse_all()
    assert paths(rows) == ["1", "2", "3"]
    rows.reveal(3)
    assert paths(rows) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "3"]
    rows.collapse_all()
    rows.reveal(4)
    assert paths(rows) == ["1", "1.1", "1.2", "2", "3"]
    assert rows.is_collapsed(1), "an unrelated subtree stays folded"


def test_show_depth_limits_the_levels_shown() -> None:
    rows = rows_for()
    rows.show_depth(2)
    assert paths(rows) == ["1", "1.1", "1.2", "2", "3"]
    rows.show_depth(1)
    assert paths(rows) == ["1", "2", "3"]
    rows.expand_all()
    assert len(rows) == 7


def test_filter_shows_matches_with_ancestors_and_restores_folds_after() -> None:
    rows = rows_for()
    rows.set_collapsed(0, True)
    rows.filter({3, 6})
    assert paths(rows) == ["1", "1.1", "1.1.2", "3"]
    rows.unfilter()
    assert paths(rows) == ["1", "2", "3"]
    assert rows.is_collapsed(0)


def test_heights_are_recorded_and_offsets_follow() -> None:
    rows = rows_for()
    assert rows.set_height(0, 10)
    assert not rows.set_height(0, 10)
    assert rows.line_of(1) == 10 and rows.total_lines == 28


def test_folding_a_chain_deeper_than_the_recursion_limit() -> None:
    rows = rows_for(reply_chain(5000))
    rows.collapse_all()
    assert len(rows) == 1
    rows.reveal(4999)
    assert len(rows) == 5000
    rows.show_depth(3)
    assert len(rows) == 3


def test_line_offsets_stay_right_across_blocks_as_heights_change() -> None:
    rows = rows_for(Article(title="flat", comments=[Comment(text=[str(i)]) for i in range(5000)]))
    expected = [3 * position for position in range(5000)]
    assert [rows.line_of(p) for p in range(5000)] == expected
    rows.set_height(1500, 10)
    rows.set_height(4999, 1)
    heights = [3] * 5000
    heights[1500], heights[4999] = 10, 1
    running = 0
    for position, height in enumerate(heights):
        assert rows.line_of(position) == running
        assert rows.row_at_line(running + height - 1) == position
        running += height
    assert rows.total_lines == running
    assert rows.row_at_line(running + 50) == 4999


def test_a_comment_without_replies_folds_to_its_header_and_keeps_its_row() -> None:
    rows = rows_for()
    leaf = index_of(rows.thread, "2")
    assert leaf is not None
    assert rows.set_collapsed(leaf, True)
    assert rows.is_collapsed(leaf) and rows.hidden_count(leaf) == 0
    assert paths(rows) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "3"]
    assert rows.heights[rows.position(leaf)] == FOLDED_HEIGHT  # type: ignore[index]
    assert rows.set_collapsed(leaf, False) and not rows.is_collapsed(leaf)


def test_fold_all_folds_every_comment_leaves_too() -> None:
    rows = rows_for()
    rows.collapse_all()
    assert paths(rows) == ["1", "2", "3"]
    assert all(rows.is_collapsed(index) for index in rows.rows)


def test_revealing_a_comment_outside_the_filter_adds_it_to_the_filter() -> None:
    rows = rows_for()
    rows.filter({index_of(rows.thread, "2")})  # type: ignore[arg-type]
    assert paths(rows) == ["2"]
    rows.reveal(index_of(rows.thread, "1.1.2"))  # type: ignore[arg-type]
    assert paths(rows) == ["1", "1.1", "1.1.2", "2"]
