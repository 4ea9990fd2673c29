"""In a narrowed (searched) article list the `i/N` counter follows the cursor:
after `j` onto the second match it says 2/N, and `n` / `N` go on from there."""

from __future__ import annotations

from reader.ui.articles.pane import ArticlesPane

from .conftest import make_app
from .scenes import settle


async def test_the_counter_follows_j_and_k_in_the_narrowed_list() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"mosul", "enter")
        await settle(pilot)
        pane = app.screen.query_one(ArticlesPane)
        first, second = (article_id for article_id, _ in pane.matches)
        assert pane.counter == "1/2"
        await pilot.press("j")
        assert pane.article_list.highlighted_id == second
        assert pane.counter == "2/2"
        assert "/mosul  2/2" in str(pane.border_subtitle)
        await pilot.press("N")
        assert pane.article_list.highlighted_id == first
        assert pane.counter == "1/2"
