"""The link picker (`L`) follows its highlight: on a small screen the entry
`enter` would open is always in sight, `j` / `k` move it, and each entry says
the link's words (and title) beside its URL, so the link the text points at is
the one picked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList

from reader.ui.screens.links import LinksScreen

from .conftest import FakeBrowser, make_app
from .scenes import FIXTURES, settle, wait_for
from .test_emoji_widths import screen_lines

LINKS = 14


@pytest.fixture
def many_links(tmp_path: Path) -> Path:
    """An HN thread whose first comment has 14 links, each with its own words."""
    text = "<p>".join(
        f'Source {number}: <a href="https://example.org/page/{number}">the page {number}</a>'
        for number in range(1, LINKS + 1)
    )
    story = {
        "id": 1,
        "created_at_i": 1714566896,
        "type": "story",
        "author": "op",
        "title": "Many links",
        "url": None,
        "text": "A story.",
        "children": [
            {"id": 2, "created_at_i": 1714566900, "type": "comment", "author": "a", "text": text}
        ],
    }
    path = tmp_path / "links.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


async def open_picker(app, pilot) -> OptionList:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("tab", "tab", "L")
    await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the link picker")
    return app.screen.query_one(OptionList)


@pytest.mark.parametrize("keys", [("down",) * 6, ("j",) * 9, ("G",), ("G", "k", "k")])
async def test_the_highlighted_link_is_on_screen_at_80x24(
    many_links: Path, browser: FakeBrowser, keys: tuple[str, ...]
) -> None:
    app = make_app([many_links])
    async with app.run_test(size=(80, 24)) as pilot:
        options = await open_picker(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        highlighted = options.highlighted
        assert highlighted is not None
        number = highlighted + 1
        shown = "\n".join(screen_lines(app))
        assert f"[{number}] the page {number}" in shown, shown
        assert f"https://example.org/page/{number}" in shown, "its URL under it too"
        await pilot.press("enter")
        await pilot.pause()
        assert browser.opened == [f"https://example.org/page/{number}"], "the one on screen"


async def test_j_and_k_move_the_highlight(many_links: Path) -> None:
    app = make_app([many_links])
    async with app.run_test(size=(80, 24)) as pilot:
        options = await open_picker(app, pilot)
        await pilot.press("j", "j", "j", "k")
        assert options.highlighted == 2
        await pilot.press("G")
        assert options.highlighted == LINKS - 1
        await pilot.press("g")
        assert options.highlighted == 0


async def test_each_entry_says_the_links_words_beside_its_url(many_links: Path) -> None:
    app = make_app([many_links])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_picker(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "[3] the page 3" in shown
        assert "https://example.org/page/3" in shown


async def test_a_link_s_title_is_shown_with_its_words() -> None:
    """The reddit fixture's post links `[in the sidebar](… "What r/books allows")`."""
    app = make_app([FIXTURES / "reddit.json"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "L")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the link picker")
        shown = "\n".join(screen_lines(app))
        assert "in the sidebar — What r/books allows" in shown, shown
        assert "https://www.reddit.com/r/books/about/rules" in shown
