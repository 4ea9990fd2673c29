"""The footer rebuilds its keys only when what they show changes: Textual asks
for a rebuild on every bindings signal, and a rebuild mounts and styles every
key again on the UI thread (as the app starts, three times to the same keys).
And they are built as soon as the bindings are known, so the app's first frame
has them (Textual waits for a refresh, so its first frame has an empty footer)."""

from __future__ import annotations

import pytest
from rich.console import RenderableType
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen

from .conftest import make_app
from .scenes import settle
from .test_key_help import footer_text


async def test_the_footer_is_rebuilt_only_when_its_keys_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rebuilds: list[str] = []
    rebuild = Footer.recompose

    async def counted(footer: Footer) -> None:
        rebuilds.append(footer.screen.focused.id if footer.screen.focused else "")
        await rebuild(footer)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        # As the app starts: one rebuild, when the bindings are first ready.
        assert len(rebuilds) == 1
        list_keys = footer_text(app)
        app.screen.refresh_bindings()
        app.screen.refresh_bindings()
        await pilot.pause()
        assert len(rebuilds) == 1 and footer_text(app) == list_keys
        # Each pane has keys of its own: rebuilt, once per move, to show them.
        await pilot.press("tab")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert rebuilds[1:] == ["body", "thread"]
        assert "space Fold" in footer_text(app).splitlines()


async def test_the_first_frame_painted_has_the_footer_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    keys_when_painted: list[int] = []
    display = type(app)._display

    def painted(self: ReaderApp, screen: Screen, renderable: RenderableType | None) -> None:
        if renderable is not None and isinstance(screen, MainScreen):
            keys_when_painted.append(len(screen.query(FooterKey)))
        display(self, screen, renderable)

    monkeypatch.setattr(type(app), "_display", painted)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
    assert keys_when_painted and keys_when_painted[0] > 0
