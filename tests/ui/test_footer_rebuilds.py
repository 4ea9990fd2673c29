"""The footer rebuilds its keys only when what they show changes: Textual asks
for a rebuild on every bindings signal, and a rebuild mounts and styles every
key again on the UI thread (as the app starts, three times to the same keys)."""

from __future__ import annotations

import pytest
from textual.widget import Widget
from textual.widgets import Footer

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


async def test_the_footer_keys_are_styled_as_they_mount_not_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    restyled: list[str] = []
    update_node_styles = Widget.update_node_styles

    def counted(widget: Widget, animate: bool = True) -> None:
        # The footer's keys, by their CSS type name (as `query("FooterKey")`).
        if type(widget).__name__ == "FooterKey":
            restyled.append(widget.key)  # type: ignore[attr-defined]
        update_node_styles(widget, animate)

    monkeypatch.setattr(Widget, "update_node_styles", counted)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        # A key is made compact, then not, as it mounts, each a restyle of it:
        # made as it ends up, it is styled once, by its mount. (The command
        # palette's key is Textual's own, compact, and restyled as it mounts.)
        assert footer_text(app)
        assert [key for key in restyled if key != app.COMMAND_PALETTE_BINDING] == []
