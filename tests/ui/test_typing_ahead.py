"""Keys typed ahead (a burst in one read, as a terminal delivers fast typing or a
pasted key macro) reach the pane the earlier keys moved to, on a narrow screen
too, where a pane is hidden until it is shown."""

from __future__ import annotations

from reader.ui.search.pane import SearchPane
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app
from .scenes import burst, settle


async def test_slash_typed_right_after_two_tabs_searches_the_comments_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Queued at once, without waiting for a refresh between them.
        await burst(pilot, (("tab", "\t"), ("tab", "\t"), ("slash", "/")))
        focused = app.screen.focused
        assert focused is not None
        pane = next((node for node in focused.ancestors if isinstance(node, SearchPane)), None)
        assert isinstance(pane, ThreadPane), f"{focused!r} in {pane!r} has the focus"
        assert pane.bar.has_focus_within
