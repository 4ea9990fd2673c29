"""The load's progress line lays the screen out only when it changes height:
it is updated at every batch of a load, and a layout of the whole screen each
time (some 10 ms) took the interpreter from the load worker."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from reader.ui.articles.progress import LoadProgress

from .textual_probe import on_layouts


class Narrow(App[None]):
    """The progress at the foot of a pane 24 columns wide (its text 22)."""

    CSS = "#pane { width: 24; }"

    def compose(self) -> ComposeResult:
        with Vertical(id="pane"):
            yield LoadProgress()


async def test_a_new_count_on_one_line_lays_nothing_out() -> None:
    app = Narrow()
    async with app.run_test(size=(60, 10)) as pilot:
        progress = app.query_one(LoadProgress)
        progress.show(1, 9, 0, None)
        await pilot.pause()
        layouts: list[Screen[object]] = []
        on_layouts(app.screen, layouts.append)
        for done in range(2, 9):
            progress.show(done, 9, 0, None)
            await pilot.pause()
        assert layouts == []
        assert str(progress.query_one(Static).render()) == "files 8/9"


async def test_a_count_that_wraps_is_laid_out_on_two_lines() -> None:
    app = Narrow()
    async with app.run_test(size=(60, 10)) as pilot:
        progress = app.query_one(LoadProgress)
        progress.show(1, 9, 0, None)
        await pilot.pause()
        line = progress.query_one(Static)
        assert line.size.height == 1
        # "files 2/9 · 1.0/20.0 MB" is 23 characters: two lines of 22.
        progress.show(2, 9, 1_000_000, 20_000_000)
        await pilot.pause()
        assert line.size.height == 2
        progress.show(3, 9, 2_000_000, None)
        await pilot.pause()
        assert line.size.height == 1
