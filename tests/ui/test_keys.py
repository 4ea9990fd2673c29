"""Every default key of the app, driven with Pilot, asserting what it changed."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.command import CommandPalette

from reader.ui.articles.list import ArticleList
from reader.ui.body.view import ArticleBody
from reader.ui.screens.help import HelpScreen
from reader.ui.thread.view import ThreadView
from tests.builders import index_of

from ..seeds import FIRST_SEED, SECOND_SEED
from .conftest import cursor_path, focused_id, make_app
from .scenes import settle

# Everywhere ------------------------------------------------------------------


async def test_q_quits_with_exit_code_zero() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_question_mark_opens_help_and_escape_closes_it() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_tab_and_shift_tab_cycle_the_panes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert focused_id(app) == "articles"
        await pilot.press("tab")
        assert focused_id(app) == "body"
        await pilot.press("tab")
        assert focused_id(app) == "thread"
        await pilot.press("tab")
        assert focused_id(app) == "articles"
        await pilot.press("shift+tab")
        assert focused_id(app) == "thread"


async def test_ctrl_p_opens_the_command_palette_with_pane_commands() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Fold all", "Unfold all", "Quit", "Help"} <= titles
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)


# Article list ----------------------------------------------------------------


async def test_article_list_moves_with_vim_keys_arrows_and_ends() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        articles = app.query_one(ArticleList)
        assert articles.highlighted == 0
        assert screen.article is not None and screen.article.id == FIRST_SEED
        await pilot.press("j")
        assert articles.highlighted == 1
        assert screen.article.id == SECOND_SEED
        await pilot.press("k")
        assert articles.highlighted == 0
        await pilot.press("down")
        assert articles.highlighted == 1
        await pilot.press("up")
        assert articles.highlighted == 0
        await pilot.press("G")
        assert articles.highlighted == 1
        await pilot.press("g")
        assert articles.highlighted == 0
        await pilot.press("end")
        assert articles.highlighted == 1
        await pilot.press("home")
        assert articles.highlighted == 0
        await pilot.press("pagedown")
        assert articles.highlighted == 1
        await pilot.press("pageup")
        assert articles.highlighted == 0


async def test_the_article_list_does_not_wrap_at_its_ends() -> None:
    """OptionList wraps: `k` on the first article silently went to the last."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("k")
        assert articles.highlighted == 0
        await pilot.press("G", "j")
        assert articles.highlighted == articles.entry_count - 1


async def test_enter_on_an_article_focuses_its_body() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        assert focused_id(app) == "body"
        assert app.query_one(ArticleBody).article.id == SECOND_SEED  # type: ignore[union-attr]


async def test_selected_article_drives_body_and_thread() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        thread = app.query_one(ThreadView)
        assert thread.thread is not None and len(thread.thread) == 12
        await pilot.press("j")
        assert thread.thread is not None and len(thread.thread) == 0
        assert app.query_one(ArticleBody).article.id == SECOND_SEED  # type: ignore[union-attr]


# Body ------------------------------------------------------------------------


async def test_body_scrolls_with_keys() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        body = app.query_one(ArticleBody)
        assert body.scroll_y == 0 and body.max_scroll_y > 10
        await pilot.press("j")
        assert body.scroll_y == 1
        await pilot.press("down", "down")
        assert body.scroll_y == 3
        await pilot.press("k")
        assert body.scroll_y == 2
        await pilot.press("up")
        assert body.scroll_y == 1
        await pilot.press("space")
        paged = body.scroll_y
        assert paged > 5
        await pilot.press("b")
        assert body.scroll_y == 1 or body.scroll_y == 0
        await pilot.press("pagedown")
        assert body.scroll_y == paged or body.scroll_y > 5
        await pilot.press("pageup")
        assert body.scroll_y <= 1
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0


async def test_c_in_the_body_jumps_to_the_comments() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c")
        assert focused_id(app) == "thread"


# Thread ----------------------------------------------------------------------


async def open_thread(app, pilot) -> ThreadView:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter", "c")
    view = app.query_one(ThreadView)
    assert focused_id(app) == "thread"
    return view


async def test_thread_cursor_moves_comment_by_comment_and_scrolls() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        assert cursor_path(view) == "1"
        await pilot.press("j")
        assert cursor_path(view) == "2"
        await pilot.press("down", "down")
        assert cursor_path(view) == "3.1"
        await pilot.press("k")
        assert cursor_path(view) == "3"
        await pilot.press("up")
        assert cursor_path(view) == "2"
        await pilot.press("G")
        assert cursor_path(view) == "10"
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        assert cursor_path(view) == "1"
        assert view.scroll_y == 0
        await pilot.press("end")
        assert cursor_path(view) == "10"
        await pilot.press("home")
        assert cursor_path(view) == "1"


async def test_space_and_enter_toggle_the_current_comment() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("j", "j")
        assert cursor_path(view) == "3"
        rows = view.rows
        assert rows is not None and len(rows) == 12
        await pilot.press("space")
        assert rows.is_collapsed(view.cursor) and len(rows) == 10
        await pilot.press("space")
        assert not rows.is_collapsed(view.cursor) and len(rows) == 12
        await pilot.press("enter")
        assert rows.is_collapsed(view.cursor)


async def test_h_collapses_then_moves_to_parent_and_l_expands(nested_file: Path) -> None:
    app = make_app([nested_file])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        rows = view.rows
        assert rows is not None
        await pilot.press("j")
        assert cursor_path(view) == "1.1"
        await pilot.press("h")
        assert rows.is_collapsed(view.cursor) and cursor_path(view) == "1.1"
        await pilot.press("h")
        assert cursor_path(view) == "1"
        await pilot.press("j")
        await pilot.press("l")
        assert not rows.is_collapsed(view.cursor)
        await pilot.press("j")
        assert cursor_path(view) == "1.1.1"
        await pilot.press("left")
        assert cursor_path(view) == "1.1", "a comment without replies moves to its parent"
        await pilot.press("left")
        assert rows.is_collapsed(view.cursor)
        await pilot.press("right")
        assert not rows.is_collapsed(view.cursor)


async def test_parent_siblings_and_top_level_navigation(nested_file: Path) -> None:
    app = make_app([nested_file])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("j", "j")
        assert cursor_path(view) == "1.1.1"
        await pilot.press("J")
        assert cursor_path(view) == "1.1.2"
        await pilot.press("J")
        assert cursor_path(view) == "1.1.2", "no next sibling: the cursor stays"
        await pilot.press("K")
        assert cursor_path(view) == "1.1.1"
        await pilot.press("p")
        assert cursor_path(view) == "1.1"
        await pilot.press("J")
        assert cursor_path(view) == "1.2"
        await pilot.press("right_square_bracket")
        assert cursor_path(view) == "2"
        await pilot.press("right_square_bracket")
        assert cursor_path(view) == "3"
        await pilot.press("left_square_bracket")
        assert cursor_path(view) == "2"
        await pilot.press("left_square_bracket")
        assert cursor_path(view) == "1"


async def test_collapse_all_expand_all_and_depth_keys(nested_file: Path) -> None:
    app = make_app([nested_file])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        rows = view.rows
        assert rows is not None and len(rows) == 7
        await pilot.press("j", "j")
        await pilot.press("C")
        assert [view.thread.comments[i].path for i in rows.rows] == ["1", "2", "3"]  # type: ignore[union-attr]
        assert cursor_path(view) == "1", "the cursor moves to the visible ancestor"
        await pilot.press("E")
        assert len(rows) == 7
        await pilot.press("2")
        assert [view.thread.comments[i].path for i in rows.rows] == [  # type: ignore[union-attr]
            "1",
            "1.1",
            "1.2",
            "2",
            "3",
        ]
        await pilot.press("1")
        assert len(rows) == 3
        await pilot.press("9")
        assert len(rows) == 7


async def test_page_down_and_up_move_the_cursor_a_screen_at_a_time() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("pagedown")
        assert view.scroll_y > 0
        assert view.cursor > 0
        first_page_cursor = view.cursor
        await pilot.press("pagedown")
        assert view.cursor >= first_page_cursor
        await pilot.press("pageup", "pageup", "pageup")
        assert view.scroll_y == 0 and view.cursor == 0


# Mouse -----------------------------------------------------------------------


async def test_click_selects_a_comment_and_a_click_on_its_header_toggles_it() -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        view = await open_thread(app, pilot)
        rows = view.rows
        assert rows is not None
        # Row 2 (comment 3) starts at its offset; click its header line.
        position = rows.position(index_of(view.thread, "3"))  # type: ignore[arg-type, union-attr]
        assert position is not None
        header_line = rows.line_of(position) - round(view.scroll_y)
        await pilot.click(view, offset=(10, header_line))
        assert cursor_path(view) == "3"
        assert rows.is_collapsed(view.cursor)
        # A click in a comment's text selects it without toggling.
        await pilot.click(view, offset=(10, 1))
        assert cursor_path(view) == "1"
        assert not rows.is_collapsed(view.cursor)


async def test_mouse_wheel_scrolls_the_thread() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_thread(app, pilot)
        assert view.scroll_y == 0
        for _ in range(3):
            view.post_message(
                events.MouseScrollDown(
                    view, 5, 5, 0, 0, 0, False, False, False, screen_x=5, screen_y=5
                )
            )
        await pilot.pause()
        assert view.scroll_y > 0
