"""Scrolling jumps, as in a pager: `space`, `b`, `g`, `G` and `j` in the body
go straight to where they go, with no frames of a glide in between, unless the
config asks for Textual's animations."""

from __future__ import annotations

from reader.config import Config
from reader.loading import Loading
from reader.ui.app import ReaderApp
from reader.ui.body.view import ArticleBody

from ..seeds import SEEDS
from .scenes import settle


async def scroll_positions(app: ReaderApp, *keys: str) -> list[float]:
    """Every scroll position the body passes through as `keys` are pressed."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        body = app.query_one(ArticleBody)
        positions: list[float] = []

        def moved(y: float) -> None:
            positions.append(y)

        body.watch(body, "scroll_y", moved, init=False)
        await pilot.press(*keys)
        await settle(pilot)
        assert app.animator.is_being_animated(body, "scroll_y") is False
        return positions


async def test_paging_the_body_jumps_by_default() -> None:
    app = ReaderApp(Loading([SEEDS]))
    assert app.animation_level == "none"
    positions = await scroll_positions(app, "space")
    assert len(positions) == 1, f"one jump, not a glide: {positions}"
    positions = await scroll_positions(ReaderApp(Loading([SEEDS])), "space", "b", "G", "g", "j")
    assert len(positions) == 5, positions


async def test_the_config_can_ask_for_animated_scrolling() -> None:
    app = ReaderApp(Loading([SEEDS]), config=Config(animation="full"))
    assert app.animation_level == "full"
    positions = await scroll_positions(app, "space")
    assert len(positions) > 2, f"a glide: {positions}"
