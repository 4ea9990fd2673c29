"""Reading a thread (issue 9): the filter, paging long comments, contrast, folds,
empty states, boundary notices and relative times."""

from __future__ import annotations

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
