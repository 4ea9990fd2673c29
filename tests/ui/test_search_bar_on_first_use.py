"""The search bars are not built at start-up (half the screen's widgets were
three hidden bars); a pane's bar is mounted on its first use, and keys typed
right after `/` are the query's, even in the same burst, on the bar's first
use and after."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial

from textual.pilot import Pilot
from textual.widgets import Input

from reader.search.query import Query
from reader.ui.app import ReaderApp
from reader.ui.search.bar import SearchBar
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app
from .scenes import burst, settle, wait_for


@asynccontextmanager
async def comments_in_focus() -> AsyncIterator[tuple[ReaderApp, Pilot[None]]]:
    """The app on the seeds, the first article opened and its comments in focus."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c")
        await settle(pilot)
        yield app, pilot


async def test_the_first_frame_has_no_search_bar_and_no_input() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query(SearchBar)
        assert not app.screen.query(Input)


async def test_slash_then_typing_searches_at_once_with_a_bar_built_on_demand() -> None:
    async with comments_in_focus() as (app, pilot):
        await pilot.press("slash", *"aleppo")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        # Only the comments' bar was built: the other panes were never searched.
        assert len(app.screen.query(SearchBar)) == 1
        assert pane.bar.search_query.text == "aleppo" and pane.counter == "1/2"


async def test_a_character_in_the_same_burst_as_slash_is_the_query() -> None:
    async with comments_in_focus() as (app, pilot):
        # `/a` in one write, as a terminal delivers a fast typist or a paste.
        await burst(pilot, (("slash", "/"), ("a", "a"), ("l", "l")))
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.bar.search_query.text == "al"
        assert pane.search_query == Query("al")


async def test_a_character_in_the_same_burst_as_slash_is_the_query_when_the_bar_was_built() -> None:
    """Reopening a bar built before: the keys of the burst still go through the
    view (the input has the focus only once `/` has run) and are the query's,
    not the view's keys."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", *"war", "escape")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert not pane.bar.is_open
        cursor = pane.view.cursor
        # `/al` in one write; `l` alone in the view would fold the comment.
        await burst(pilot, (("slash", "/"), ("a", "a"), ("l", "l")))
        await settle(pilot)
        assert pane.bar.is_open
        assert pane.bar.search_query.text == "al"
        assert pane.search_query == Query("al")
        assert pane.view.cursor == cursor


async def test_keys_after_enter_in_the_burst_go_to_the_view_not_the_bar() -> None:
    """`/war⏎n` in one write: `n` comes after the search is kept, so it is the
    view's next match, not a letter of the query."""
    async with comments_in_focus() as (app, pilot):
        keys = [("slash", "/"), ("w", "w"), ("a", "a"), ("r", "r"), ("enter", "\r"), ("n", "n")]
        await burst(pilot, keys)
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.search_query == Query("war")
        assert not pane.bar.is_open
        assert pane.counter == "2/3"


async def test_a_character_in_the_same_burst_as_a_remapped_search_key_is_the_query() -> None:
    """The key the keymap gives the search (a character, which Textual names in
    long form), not `/`, starts the burst kept for the query."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_keymap({"search.open": "!"})
        await pilot.press("enter", "c")
        await settle(pilot)
        await burst(pilot, (("exclamation_mark", "!"), ("a", "a"), ("l", "l")))
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.bar.search_query.text == "al"


async def test_a_search_carried_from_the_list_shows_in_the_bar_built_later() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"aleppo", "enter", "enter")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.search_query == Query("aleppo")
        assert not pane.query(SearchBar), "carrying the search over builds no bar"
        await pilot.press("c", "slash")
        await settle(pilot)
        assert pane.bar.search_query.text == "aleppo"


async def test_enter_in_the_same_burst_as_slash_keeps_the_search_and_closes_the_bar() -> None:
    async with comments_in_focus() as (app, pilot):
        # `/al` and Enter in one write: Enter is the bar's key (its binding),
        # not a character, and must reach the bar's bindings too.
        await burst(pilot, (("slash", "/"), ("a", "a"), ("l", "l"), ("enter", "\r")))
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.search_query == Query("al")
        assert not pane.bar.is_open
        assert app.focused is not None and not isinstance(app.focused, Input)


async def test_n_after_enter_steps_even_when_the_frame_after_typing_is_slow() -> None:
    """The search for what was typed starts after the frame that echoes it; on a
    loaded machine that frame can come after Enter and `n`. Enter keeps the query
    typed at once, so `n` is the view's next match, whenever the frame comes."""
    async with comments_in_focus() as (app, pilot):
        pane = app.query_one(ThreadPane)

        def after_a_slow_frame(callback: Callable[..., object], *args: object) -> bool:
            pane.set_timer(0.5, partial(callback, *args))
            return True

        pane.call_after_refresh = after_a_slow_frame  # type: ignore[method-assign]
        keys = [("slash", "/"), ("w", "w"), ("a", "a"), ("r", "r"), ("enter", "\r"), ("n", "n")]
        await burst(pilot, keys)
        await wait_for(pilot, lambda: pane.counter == "2/3", "the second of three matches")
        assert pane.search_query == Query("war")


async def test_keys_after_enter_in_one_write_go_to_the_view_when_the_bar_is_open() -> None:
    """`/the` typed, then Enter and `n` in one write (a macro, a paste): `n`
    reaches the app before the bar's Enter has moved the focus, yet it is the
    view's next match, not a letter of the query."""
    async with comments_in_focus() as (app, pilot):
        await pilot.press("slash", *"war")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.bar.is_open and pane.counter == "1/3"
        await burst(pilot, (("enter", "\r"), ("n", "n"), ("n", "n")))
        await settle(pilot)
        assert pane.search_query == Query("war")
        assert not pane.bar.is_open
        assert pane.counter == "3/3"


async def test_keys_after_escape_in_one_write_go_to_the_view_when_the_bar_is_open() -> None:
    """`escape` then `j` in one write: the search ends and `j` moves the cursor."""
    async with comments_in_focus() as (app, pilot):
        pane = app.query_one(ThreadPane)
        cursor = pane.view.cursor
        await pilot.press("slash", *"war")
        await settle(pilot)
        await burst(pilot, (("escape", "\x1b"), ("j", "j")))
        await settle(pilot)
        assert pane.search_query is None and not pane.bar.is_open
        assert pane.bar.search_query.text == "war"
        assert pane.view.cursor == cursor + 1
