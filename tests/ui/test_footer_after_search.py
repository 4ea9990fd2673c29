"""The footer follows a search ending, not only focus changes: once `escape` ends
a search, `n` / `N` are no longer offered (they would only say "No search")."""

from __future__ import annotations

import pytest

from .conftest import make_app
from .scenes import settle
from .test_key_help import footer_text


@pytest.mark.parametrize("to_pane", [(), ("tab",), ("tab", "tab")], ids=["list", "body", "thread"])
async def test_escape_ending_a_search_takes_next_match_out_of_the_footer(
    to_pane: tuple[str, ...],
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press(*to_pane, "slash", *"mosul", "enter")
        await settle(pilot)
        assert "n Next match" in footer_text(app).splitlines()
        await pilot.press("escape")
        await settle(pilot)
        footer = footer_text(app).splitlines()
        assert "n Next match" not in footer and "N Previous match" not in footer
