"""The palette in the comments pane: each depth key is its own entry, named by its
key, not nine entries all called "Depth 1-9"."""

from __future__ import annotations

from .conftest import make_app
from .scenes import settle
from .test_key_help import palette


async def test_the_thread_palette_has_one_entry_per_depth_each_with_its_key() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles)), sorted(titles)
        entries = palette(app)
        for depth in range(1, 10):
            assert entries[f"Depth {depth}"].endswith(f"({depth})")
