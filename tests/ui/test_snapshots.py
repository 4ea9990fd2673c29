"""SVG snapshots of the screens in `screenshots/` (pytest-textual-snapshot)."""

from __future__ import annotations

import pytest

from reader import times

from .scenes import SCENE_NOW, SCENES, Scene, close_state, play


@pytest.mark.parametrize("scene", SCENES, ids=[scene.name for scene in SCENES])
def test_screen_matches_its_snapshot(snap_compare, scene: Scene, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(times, "now", lambda: SCENE_NOW)
    app = scene.app(tmp_path)
    try:
        assert snap_compare(app, terminal_size=scene.size, run_before=play(scene))
    finally:
        close_state(app)
