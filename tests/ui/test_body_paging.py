"""The article body pages with the keys of less, like the comments do:
`ctrl+f` / `ctrl+b` a page, `ctrl+d` / `ctrl+u` half a page."""

from __future__ import annotations

from reader.ui.body.view import ArticleBody

from .conftest import make_app
from .scenes import settle


async def test_the_body_pages_with_ctrl_f_b_and_half_pages_with_ctrl_d_u() -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        assert body.has_focus
        page = body.scrollable_content_region.height
        assert body.max_scroll_y > 2 * page, "the first seed is longer than two pages"
        await pilot.press("ctrl+f")
        assert body.scroll_y == page
        await pilot.press("ctrl+u")
        assert body.scroll_y == page - page // 2
        await pilot.press("ctrl+d")
        assert body.scroll_y == page
        await pilot.press("ctrl+b")
        assert body.scroll_y == 0
