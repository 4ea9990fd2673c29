"""The help screen pages like less: `g` / `home` to the top, `G` / `end` to the
bottom (besides `j` `k` `space` `b`), and `q` closes it."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from reader.ui.screens.help import HelpScreen

from .conftest import make_app
from .scenes import settle


@pytest.mark.parametrize(("bottom", "top"), [("G", "g"), ("end", "home")])
async def test_help_goes_to_its_end_and_back_to_its_top(bottom: str, top: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        scroll = app.screen.query_one("#help", VerticalScroll)
        assert scroll.max_scroll_y > 0, "the help is taller than 80x24"
        await pilot.press(bottom)
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press(top)
        assert scroll.scroll_y == 0
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)
