"""Layouts by terminal size: one pane at a time under 100 columns; then the
article list beside the body above the comments; side by side once the
comments' column gets 120 columns. The comments never get narrower as the
terminal grows; a body shorter than its part gives the comments the rest; the
comments' share is the reader's (`<` / `>`, the config's `[layout]`), kept.
A resize across a layout width is laid out once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import load_config
from reader.loading import Loading
from reader.state import open_state
from reader.ui.app import ReaderApp
from reader.ui.screens.main_layout import (
    NARROW,
    READING_MOST,
    SIDE_BY_SIDE,
    STACKED,
    pane_layout,
)
from reader.ui.thread.rows import ThreadRows

from .conftest import make_app
from .scenes import FIXTURES, settle


@pytest.mark.parametrize(
    ("width", "layout"),
    [
        (40, NARROW),
        (99, NARROW),
        (100, STACKED),
        (160, STACKED),
        (233, STACKED),
        (234, SIDE_BY_SIDE),
        (300, SIDE_BY_SIDE),
    ],
)
def test_each_width_takes_one_layout(width: int, layout: str) -> None:
    assert pane_layout(width, 45, 60).kind == layout


def comments_width(width: int, share: int, body_text: bool = True) -> int:
    """The comments pane's width at a terminal width."""
    layout = pane_layout(width, 45, share, body_text=body_text)
    if layout.kind == NARROW:
        return width
    if layout.kind == STACKED:
        return width - layout.list_width
    return width - layout.list_width - layout.body


@pytest.mark.parametrize("share", [20, 50, 60, 85])
def test_past_the_narrow_layout_the_comments_never_get_narrower(share: int) -> None:
    widths = [comments_width(width, share) for width in range(100, 400)]
    assert widths == sorted(widths)
    assert comments_width(160, share) >= comments_width(120, share) == 86


def test_an_article_without_text_gives_its_room_to_the_comments() -> None:
    """A link post's body is a title, a byline and its URL."""
    stacked = pane_layout(120, 40, 60, body_lines=7, body_text=False)
    assert stacked.body == 9, "its lines and the border"
    assert pane_layout(120, 40, 60, body_lines=200).body == 16
    assert comments_width(300, 60, body_text=False) > comments_width(300, 60)


def pane_width(app: ReaderApp, pane: str) -> int:
    return app.main_screen.query_one(f"#{pane}-pane").region.width


def pane_height(app: ReaderApp, pane: str) -> int:
    return app.main_screen.query_one(f"#{pane}-pane").region.height


async def test_at_160x45_the_comments_are_wider_than_at_120x40() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        at_120 = pane_width(app, "thread")
        await pilot.resize_terminal(160, 45)
        await settle(pilot)
        at_160 = pane_width(app, "thread")
        await pilot.resize_terminal(240, 50)
        await settle(pilot)
        assert app.main_screen.has_class(SIDE_BY_SIDE)
        at_240 = pane_width(app, "thread")
    assert at_120 < at_160 <= at_240, (at_120, at_160, at_240)
    assert at_160 >= READING_MOST


async def test_a_link_post_s_body_pane_is_as_tall_as_its_few_lines() -> None:
    """The HN fixture's story is an Ask HN with text; the firebase one a link."""
    app = make_app([FIXTURES / "hn_firebase.json"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.main_screen.article
        assert article is not None and not article.body, "a link post"
        assert pane_height(app, "body") <= 10
        assert pane_height(app, "thread") >= 26


async def test_greater_and_less_give_the_comments_more_or_less_room_and_it_is_kept(
    tmp_path: Path,
) -> None:
    database = tmp_path / "state.db"
    state, _ = open_state(database)
    assert state is not None
    app = ReaderApp(Loading([FIXTURES.parent.parent / "seeds"]), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = pane_height(app, "thread")
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(pilot)
        taller = pane_height(app, "thread")
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert before < pane_height(app, "thread") < taller
    state.close()
    state, _ = open_state(database)
    assert state is not None
    app = ReaderApp(Loading([FIXTURES.parent.parent / "seeds"]), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main_screen.sizes.share == 65, "kept from the last session"
    state.close()


async def test_the_config_sets_the_comments_share_and_the_list_width(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[layout]\ncomments = 80\nlist = 50\n", encoding="utf-8")
    app = ReaderApp(Loading([FIXTURES.parent.parent / "seeds"]), config=load_config(config))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main_screen.sizes.share == 80
        assert pane_width(app, "articles") == 50
        assert pane_height(app, "thread") > pane_height(app, "body") * 3


async def test_a_resize_across_a_layout_width_estimates_the_thread_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual lays a screen out at its new size before its width classes
    change; the app sets them first, or the thread would be laid out (and all its
    comments' heights estimated) at a width it never shows."""
    app = make_app()
    async with app.run_test(size=(240, 50)) as pilot:
        await settle(pilot)
        assert app.main_screen.has_class(SIDE_BY_SIDE)
        widths: list[int] = []
        reestimate = ThreadRows.reestimate

        def counting(rows: ThreadRows, estimates: list[int]) -> None:
            widths.append(app.main_screen.query_one("ThreadView").size.width)
            reestimate(rows, estimates)

        monkeypatch.setattr(ThreadRows, "reestimate", counting)
        await pilot.resize_terminal(120, 45)
        await settle(pilot)
        assert app.main_screen.has_class(STACKED)
        assert len(widths) == 1, f"estimated at widths {widths}"
