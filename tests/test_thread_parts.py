"""The thread view's pure parts, driven without an app: its layout (rows at a
width, each comment painted once), where its cursor goes, and its minimap's
cells. Thread `1 (1.1 (1.1.1, 1.1.2), 1.2), 2, 3`, indices 0 to 6."""

from __future__ import annotations

from textual.strip import Strip

from reader.model import Thread
from reader.search.query import Match
from reader.state.article_state import NEW as IS_NEW
from reader.store import DocumentStore
from reader.ui.thread import cursor as moves
from reader.ui.thread.layout import ThreadLayout
from reader.ui.thread.matches import ThreadMatches
from reader.ui.thread.minimap_cells import EMPTY, MATCH, NEW, minimap_cells
from reader.ui.thread.painted_comment import PaintedComment
from reader.ui.thread.rows import ThreadRows

from .test_store import nested_article


def nested_thread() -> Thread:
    store = DocumentStore()
    store.add(nested_article(), "n")
    return store.thread("n")


class CountingPaint:
    """Paints comment i as i + 1 lines (folded: 1), counting each paint."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, bool]] = []

    def __call__(self, index: int, width: int, collapsed: bool) -> PaintedComment:
        self.calls.append((index, width, collapsed))
        lines = 1 if collapsed else index + 1
        return PaintedComment([Strip.blank(width)] * lines, [(0, 0)] * lines)


def test_the_layout_paints_each_comment_once_and_measures_it_exactly() -> None:
    paint = CountingPaint()
    layout = ThreadLayout(paint)
    layout.show(nested_thread())
    layout.set_width(40)
    rows = layout.rows
    assert rows is not None
    assert layout.measure(3) == 4 and rows.heights[3] == 4
    layout.painted(3)
    assert paint.calls == [(3, 40, False)], "cached"
    rows.set_collapsed(3, True)
    assert layout.measure(rows.position(3)) == 1  # type: ignore[arg-type]
    assert paint.calls[-1] == (3, 40, True), "a fold is painted apart"


def test_a_new_width_estimates_again_and_forgets_what_was_painted() -> None:
    paint = CountingPaint()
    layout = ThreadLayout(paint)
    layout.show(nested_thread())
    assert layout.set_width(40) and not layout.set_width(40)
    layout.measure(0)
    assert layout.set_width(20)
    layout.measure(0)
    assert paint.calls == [(0, 40, False), (0, 20, False)]


def test_forgetting_drops_only_the_comments_asked_for() -> None:
    paint = CountingPaint()
    layout = ThreadLayout(paint)
    layout.show(nested_thread())
    layout.set_width(30)
    for position in range(3):
        layout.measure(position)
    assert layout.forget(lambda index: index == 1)
    assert not layout.forget(lambda index: index == 5), "5 was never painted"
    for position in range(3):
        layout.measure(position)
    assert [index for index, _, _ in paint.calls] == [0, 1, 2, 1]


def test_the_cursor_moves_among_visible_rows_and_shown_top_level_comments() -> None:
    thread = nested_thread()
    rows = ThreadRows(thread, [3] * len(thread))
    assert moves.neighbour(rows, 0, 1) == 1 and moves.neighbour(rows, 6, 1) is None
    assert moves.next_top_level(thread, rows, 2) == 5
    assert moves.previous_top_level(thread, rows, 5) == 0
    rows.filter({6})
    assert moves.next_top_level(thread, rows, 0) == 6, "2 is filtered out"
    rows.unfilter()
    rows.collapse_all()
    assert moves.nearest_visible(thread, rows, 3) == 0, "1.1.2 folds into 1"


def test_scrolling_to_show_moves_as_little_as_it_can() -> None:
    assert moves.scroll_to_show(top=5, height=3, scroll_y=0, view=10) is None
    assert moves.scroll_to_show(top=12, height=3, scroll_y=0, view=10) == 5
    assert moves.scroll_to_show(top=2, height=3, scroll_y=4, view=10) == 2
    assert moves.scroll_to_show(top=2, height=30, scroll_y=0, view=10, from_below=True) == 22


def test_paging_past_either_end_goes_to_the_first_or_last_row() -> None:
    thread = nested_thread()
    rows = ThreadRows(thread, [3] * len(thread))
    assert moves.page_position(rows, 6, max_scroll=12, lines=5) == 2
    assert moves.page_position(rows, 12, max_scroll=12, lines=5) == len(rows) - 1
    assert moves.page_position(rows, 0, max_scroll=12, lines=-5) == 0


def test_minimap_cells_mark_matches_over_new_comments_and_folds_stand_for_replies() -> None:
    thread = nested_thread()
    rows = ThreadRows(thread, [1] * len(thread))
    new = bytearray(len(thread))
    new[2] = IS_NEW
    matches = ThreadMatches([Match((5, 0), 0, 1)])
    assert minimap_cells(rows, thread, 7, matches, new) == bytes(
        [EMPTY, EMPTY, NEW, EMPTY, EMPTY, MATCH, EMPTY]
    )
    rows.set_collapsed(0, True)
    # Rows now 1 (folded), 2, 3: 1's cells stand for its hidden replies too.
    folded = rows.heights[0]
    cells = minimap_cells(rows, thread, rows.total_lines, matches, new)
    assert cells == bytes([NEW] * folded + [MATCH, EMPTY])
    assert minimap_cells(rows, thread, 3, ThreadMatches(), bytearray(len(thread))) == b""
