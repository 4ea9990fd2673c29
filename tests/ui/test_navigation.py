"""Ways back and out: escape returns to the article list, q and ctrl+c quit."""

from __future__ import annotations

import pytest

from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView

from .conftest import focused_id, make_app
from .scenes import settle

NARROW = (80, 24)


@pytest.mark.parametrize("keys", [("enter",), ("enter", "c")], ids=["body", "thread"])
async def test_escape_in_the_body_or_thread_returns_to_the_article_list(
    keys: tuple[str, ...],
) -> None:
    """At 80x24 one pane shows at a time, and there was no key back to the list
    but cycling with tab."""
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        assert focused_id(app) != "articles"
        await pilot.press("escape")
        await pilot.pause()
        assert focused_id(app) == "articles"
        assert app.query_one("#articles-pane").display


async def test_escape_ends_a_search_before_it_goes_back() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", *"aleppo", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.query_one(ThreadPane)
        assert pane.searching
        await pilot.press("escape")
        await pilot.pause()
        assert not pane.searching and focused_id(app) == "thread"
        await pilot.press("escape")
        await pilot.pause()
        assert focused_id(app) == "articles"


@pytest.mark.parametrize("keys", [(), ("tab", "slash", *"abc")], ids=["list", "search-bar"])
async def test_ctrl_c_quits_at_once(keys: tuple[str, ...]) -> None:
    """Textual binds ctrl+c to copy (and to a hint about how to quit)."""
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_j_and_k_move_in_a_thread_not_yet_shown_on_a_narrow_screen() -> None:
    """A `j` in the same burst as the `tab`s that show the thread pane comes
    before its first layout: it paged through a comment it took to run past
    a view one line high, and the cursor stayed put."""
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert not view.size.height, "the articles pane shows, the thread's is hidden"
        view.action_cursor_down()
        view.action_cursor_down()
        assert view.cursor == 2
        view.action_cursor_up()
        assert view.cursor == 1
