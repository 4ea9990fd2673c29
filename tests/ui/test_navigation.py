"""Ways back and out: escape returns to the article list, q and ctrl+c quit."""

from __future__ import annotations

import pytest

from reader.ui.widgets.thread_pane import ThreadPane

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
