"""Layouts by terminal width: a resize across a layout width is laid out once."""

from __future__ import annotations

import pytest

from reader.ui.screens.main import width_class
from reader.ui.thread.rows import ThreadRows

from .conftest import make_app
from .scenes import settle


@pytest.mark.parametrize(
    ("width", "layout"),
    [
        (40, "-narrow"),
        (99, "-narrow"),
        (100, "-medium"),
        (159, "-medium"),
        (160, "-wide"),
        (300, "-wide"),
    ],
)
def test_each_width_takes_one_layout(width: int, layout: str) -> None:
    assert width_class(width) == layout


async def test_a_resize_across_a_layout_width_estimates_the_thread_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual lays a screen out at its new size before its width classes
    change; the app sets them first, or the thread would be laid out (and all its
    comments' heights estimated) at a width it never shows."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert app.main_screen.has_class("-wide")
        widths: list[int] = []
        reestimate = ThreadRows.reestimate

        def counting(rows: ThreadRows, estimates: list[int]) -> None:
            widths.append(app.main_screen.query_one("ThreadView").size.width)
            reestimate(rows, estimates)

        monkeypatch.setattr(ThreadRows, "reestimate", counting)
        await pilot.resize_terminal(120, 45)
        await settle(pilot)
        assert app.main_screen.has_class("-medium")
        assert len(widths) == 1, f"estimated at widths {widths}"
