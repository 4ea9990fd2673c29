"""SVG snapshots of the screens in `screenshots/` (pytest-textual-snapshot)."""

from __future__ import annotations

import pytest

from .scenes import SCENES, Scene, play


@pytest.mark.parametrize("scene", SCENES, ids=[scene.name for scene in SCENES])
def test_screen_matches_its_snapshot(snap_compare, scene: Scene) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(scene.app(), terminal_size=scene.size, run_before=play(scene))
