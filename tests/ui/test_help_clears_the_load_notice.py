"""The load errors' notification says "press ? for details": once `?` shows
them, it has done its job and no longer covers the help screen at 80x24."""

from __future__ import annotations

from reader.ui.screens.help import HelpScreen

from .conftest import make_app
from .scenes import MIXED, settle


async def test_opening_help_takes_down_the_load_error_notification() -> None:
    app = make_app([MIXED])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.screen.query("Toast"), "the load errors are announced"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("Toast")
