"""Issue 23 §2: the help screen's footer may be asked to rebuild its keys (a
bindings signal answered after the next refresh) when the screen has already
been closed. `?`, `escape`, `q` with a load warning pending crashed with
`NoScreen` from the footer, every time."""

from __future__ import annotations

from reader.ui.footer import ReaderFooter
from reader.ui.screens.help import HelpScreen

from .conftest import make_app
from .scenes import FIXTURES, settle, wait_for


async def test_help_opened_and_closed_then_quit_exits_cleanly() -> None:
    app = make_app([FIXTURES / "garden.mbox"])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.files.warnings, "garden.mbox has a message that is skipped"
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen), "the help closed")
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_footer_off_screen_does_not_rebuild() -> None:
    """The footer of a closed screen ignores a rebuild that comes too late."""
    app = make_app([FIXTURES / "garden.mbox"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        footer = app.screen.query_one(ReaderFooter)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not footer.is_attached, "the help's footer removed")
        await footer.recompose()
