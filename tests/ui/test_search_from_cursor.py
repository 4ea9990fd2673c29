"""A search starts where the reader is, as in less and mutt: its first match at
or after the cursor (else it wraps to the first, saying so); `escape` in the
bar goes back to where the search began, folds and all; `'` and `ctrl+o` go
back to the place before the last jump (a kept search, `n`, `g`, `G`, the
next new comment), and again to return."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.articles.list import ArticleList
from reader.ui.body.pane import BodyPane
from reader.ui.body.view import ArticleBody
from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView

from ..seeds import FIRST_SEED, SECOND_SEED
from .conftest import cursor_path, make_app, record_notifications
from .scenes import settle

# The needle is in 1.1.2 and 3; 4 comes after the last match.
HAYSTACK = """\
A haystack

Body text without it.

  1. Top one.
    • One-one.
      • One-one-one.
      • One-one-two has the needle.
    • One-two.
  2. Top two.
    • Two-one.
  3. Top three, a Needle too.
  4. Top four.
"""


@pytest.fixture
def haystack(tmp_path: Path) -> Path:
    path = tmp_path / "haystack.txt"
    path.write_text(HAYSTACK, encoding="utf-8")
    return path


async def open_thread(app, pilot, *keys: str) -> ThreadView:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter", "c", *keys)
    await settle(pilot)
    return app.query_one(ThreadView)


def shown_paths(view: ThreadView) -> list[str]:
    assert view.rows is not None and view.thread is not None
    return [view.thread.comments[index].path for index in view.rows.rows]


async def test_a_search_goes_to_the_first_match_at_or_after_the_cursor(haystack: Path) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot, "right_square_bracket")
        assert cursor_path(view) == "2"
        await pilot.press("slash", *"needle")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert cursor_path(view) == "3", "not 1.1.2, which is above the cursor"
        assert pane.counter == "2/2", "the counter counts from the top of the thread"


async def test_with_no_match_after_the_cursor_the_search_wraps_with_a_notice(
    haystack: Path,
) -> None:
    app = make_app([haystack])
    notifications = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot, "G")
        assert cursor_path(view) == "4"
        await pilot.press("slash", *"needle")
        await settle(pilot)
        assert cursor_path(view) == "1.1.2"
        assert app.query_one(ThreadPane).counter == "1/2"
        assert any("wrapped to the top" in n["message"] for n in notifications)


async def test_escape_while_typing_goes_back_to_where_the_search_began(haystack: Path) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot, "C")
        assert shown_paths(view) == ["1", "2", "3", "4"]
        await pilot.press("slash", *"needle")
        await settle(pilot)
        assert cursor_path(view) == "1.1.2", "the search unfolded 1 and 1.1"
        await pilot.press("escape")
        await settle(pilot)
        assert cursor_path(view) == "1"
        assert shown_paths(view) == ["1", "2", "3", "4"], "folded as before the search"
        assert not app.query_one(ThreadPane).searching


async def test_rubbing_the_query_out_goes_back_to_where_the_search_began(
    haystack: Path,
) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot, "right_square_bracket")
        await pilot.press("slash", *"needle")
        await settle(pilot)
        assert cursor_path(view) == "3"
        await pilot.press(*["backspace"] * len("needle"))
        await settle(pilot)
        assert cursor_path(view) == "2"


async def test_quote_goes_back_from_a_kept_search_and_again_returns(haystack: Path) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot, "C")
        await pilot.press("slash", *"needle", "enter")
        await settle(pilot)
        assert cursor_path(view) == "1.1.2"
        await pilot.press("apostrophe")
        await settle(pilot)
        assert cursor_path(view) == "1"
        assert shown_paths(view) == ["1", "2", "3", "4"], "folded as it was"
        await pilot.press("apostrophe")
        await settle(pilot)
        assert cursor_path(view) == "1.1.2", "going back is a jump too"


async def test_n_g_and_shift_g_are_jumps_that_ctrl_o_goes_back_from(haystack: Path) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot, "j", "j")
        assert cursor_path(view) == "1.1.1"
        await pilot.press("G")
        assert cursor_path(view) == "4"
        await pilot.press("ctrl+o")
        assert cursor_path(view) == "1.1.1"
        await pilot.press("g", "ctrl+o")
        assert cursor_path(view) == "1.1.1"
        await pilot.press("slash", *"needle", "enter", "n")
        await settle(pilot)
        assert cursor_path(view) == "3"
        await pilot.press("apostrophe")
        assert cursor_path(view) == "1.1.2", "back from n to the match before"


async def test_with_no_jump_yet_quote_says_so(haystack: Path) -> None:
    app = make_app([haystack])
    notifications = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot, "j")
        await pilot.press("apostrophe")
        assert cursor_path(view) == "1.1"
        assert any(n["message"] == "No jump to go back to" for n in notifications)


async def test_a_quote_typed_in_the_bar_is_part_of_the_query(haystack: Path) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(100, 30)) as pilot:
        await open_thread(app, pilot)
        await pilot.press("slash", *"it's")
        await settle(pilot)
        assert app.query_one(ThreadPane).bar.search_query.text == "it's"


async def test_the_body_search_starts_from_the_top_line_of_the_view() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "slash", *"mosul", "enter")
        await settle(pilot)
        body = app.query_one(ArticleBody)
        pane = app.query_one(BodyPane)
        assert len(pane.matches) >= 3
        # Past the first two matches: a new search starts below them.
        await pilot.press("n", "n", "escape")
        top = body.scroll_y
        await pilot.press("slash", *"mosul")
        await settle(pilot)
        assert pane.current >= 2, "not the first match, which is above the view"
        assert body.scroll_y >= top
        await pilot.press("escape")
        assert body.scroll_y == top, "escape goes back to where the search began"


async def test_the_list_search_starts_from_the_highlighted_article() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("j")
        assert articles.highlighted_id == SECOND_SEED
        # A word both seeds have: the search stays on the highlighted one.
        await pilot.press("slash", *"the")
        await settle(pilot)
        assert articles.entry_count == 2
        assert articles.highlighted_id == SECOND_SEED
        await pilot.press("escape", "g")
        assert articles.highlighted_id == FIRST_SEED
        await pilot.press("apostrophe")
        assert articles.highlighted_id == SECOND_SEED
