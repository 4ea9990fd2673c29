"""Reading a thread (issue 9): the filter, paging long comments, contrast, folds,
empty states, boundary notices and relative times."""

from __future__ import annotations

import pytest

from reader.ui.app import ReaderApp
from reader.ui.widgets.thread_pane import ThreadPane
from reader.ui.widgets.thread_view import ThreadView

from .conftest import make_app, wait_loaded
from .scenes import settle


def thread_view(app: ReaderApp) -> ThreadView:
    return app.main_screen.query_one(ThreadView)


def shown_comments(app: ReaderApp) -> set[int]:
    view = thread_view(app)
    assert view.rows is not None
    return set(view.rows.rows)


# The comments filter ---------------------------------------------------------


async def _filter_on_aleppo(app: ReaderApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_loaded(app, pilot)
    await pilot.press("enter", "c", "slash", *"aleppo")
    await settle(pilot)
    await pilot.press("alt+f")
    await settle(pilot)


async def test_broadening_a_filtered_query_shows_its_matches_instead_of_crashing() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        narrow = shown_comments(app)
        await pilot.press("ctrl+u", *"trump")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        pane = app.main_screen.query_one("#thread-pane", ThreadPane)
        matched = {match.key[0] for match in pane.matches}  # type: ignore[index]
        assert matched and not matched <= narrow
        assert matched <= shown_comments(app)
        assert thread_view(app).cursor in shown_comments(app)


async def test_backspacing_a_filtered_query_to_one_letter_keeps_the_app_running() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        await pilot.press(*["backspace"] * 5)
        await settle(pilot)
        assert app.is_running and app.return_code is None
        pane = app.main_screen.query_one("#thread-pane", ThreadPane)
        matched = {match.key[0] for match in pane.matches}  # type: ignore[index]
        assert matched <= shown_comments(app)


async def test_a_filter_left_on_from_an_earlier_search_follows_the_new_query() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash", "ctrl+u", *"trump")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        pane = app.main_screen.query_one("#thread-pane", ThreadPane)
        matched = {match.key[0] for match in pane.matches}  # type: ignore[index]
        assert matched and matched <= shown_comments(app)


async def test_an_empty_query_with_the_filter_on_shows_every_comment() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        await pilot.press("ctrl+u")
        await settle(pilot)
        view = thread_view(app)
        assert view.thread is not None
        assert shown_comments(app) == set(range(len(view.thread)))


# Long comments and paging ----------------------------------------------------


def path_of(view: ThreadView) -> str:
    assert view.thread is not None
    return view.thread.comments[view.cursor].path


async def open_thread(app: ReaderApp, pilot) -> ThreadView:  # type: ignore[no-untyped-def]
    await wait_loaded(app, pilot)
    await pilot.press("enter", "c")
    await pilot.pause()
    view = thread_view(app)
    assert app.screen.focused is view
    return view


def lines_on_screen(view: ThreadView) -> set[tuple[int, int]]:
    """(comment index, line within the comment) of every comment line on screen."""
    rows = view.rows
    assert rows is not None
    top = round(view.scroll_y)
    seen: set[tuple[int, int]] = set()
    for line in range(top, min(top + view.scrollable_content_region.height, rows.total_lines)):
        position = rows.row_at_line(line)
        seen.add((rows.rows[position], line - rows.line_of(position)))
    return seen


def every_line(view: ThreadView) -> set[tuple[int, int]]:
    rows = view.rows
    assert rows is not None
    return {
        (index, offset)
        for position, index in enumerate(rows.rows)
        for offset in range(view._measure(position))
    }


async def walk(view: ThreadView, pilot, key: str) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Press `key` until nothing moves; every comment line that was on screen."""
    seen = lines_on_screen(view)
    for _ in range(2000):
        before = (view.cursor, view.scroll_y)
        await pilot.press(key)
        seen |= lines_on_screen(view)
        if (view.cursor, view.scroll_y) == before:
            return seen
    raise AssertionError(f"{key} never reached the end of the thread")


async def test_j_scrolls_through_a_comment_taller_than_the_pane_before_moving_on() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert path_of(view) == "3"
        tall = view.cursor
        assert view.rows is not None
        height = view._measure(view.rows.position(tall))  # type: ignore[arg-type]
        assert height > view.scrollable_content_region.height, "comment 3 is the tall one"
        seen = lines_on_screen(view)
        while view.cursor == tall:
            await pilot.press("j")
            seen |= lines_on_screen(view)
        assert path_of(view) == "3.1"
        assert {offset for index, offset in seen if index == tall} == set(range(height))


@pytest.mark.parametrize("size", [(40, 12), (60, 16), (100, 30), (160, 45)])
async def test_j_and_k_show_every_line_of_every_comment(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        view = await open_thread(app, pilot)
        down = await walk(view, pilot, "j")
        assert down == every_line(view)
        assert view.cursor == view.rows.rows[-1]  # type: ignore[union-attr]
        up = await walk(view, pilot, "k")
        assert up == every_line(view)
        assert view.cursor == 0 and view.scroll_y == 0


@pytest.mark.parametrize(("down", "up"), [("pagedown", "pageup"), ("ctrl+f", "ctrl+b")])
async def test_page_keys_scroll_by_lines_with_the_cursor_on_the_top_comment(
    down: str, up: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert path_of(view) == "3"
        start = round(view.scroll_y)
        page = view.scrollable_content_region.height - 1
        await pilot.press(down)
        assert round(view.scroll_y) == start + page
        assert path_of(view) == "3", "still inside comment 3: the cursor stays on it"
        await pilot.press(up)
        assert round(view.scroll_y) == start and path_of(view) == "3"
        await pilot.press("home")
        seen = await walk(view, pilot, down)
        assert seen == every_line(view)


async def test_ctrl_d_and_ctrl_u_scroll_half_a_page() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot)
        half = view.scrollable_content_region.height // 2
        await pilot.press("ctrl+d")
        assert round(view.scroll_y) == half
        await pilot.press("ctrl+d")
        assert round(view.scroll_y) == 2 * half
        assert view.rows is not None
        assert view.rows.position(view.cursor) == view.rows.row_at_line(2 * half)
        await pilot.press("ctrl+u", "ctrl+u")
        assert view.scroll_y == 0 and view.cursor == 0
