"""SVG snapshots of the screens in `screenshots/` (pytest-textual-snapshot)."""

from __future__ import annotations

import pytest

from reader import times

from .scenes import SCENE_NOW, SCENES, Scene, play


@pytest.mark.parametrize("scene", SCENES, ids=[scene.name for scene in SCENES])
def test_screen_matches_its_snapshot(snap_compare, scene: Scene, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(times, "now", lambda: SCENE_NOW)
    assert snap_compare(scene.app(), terminal_size=scene.size, run_before=play(scene))
