"""Regenerate the SVG screenshots in `screenshots/` from the real app on the seeds.

python tests/screenshots.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader import times  # noqa: E402
from tests.ui.scenes import SCENE_NOW, SCENES, Scene, close_state, play  # noqa: E402


async def shoot(scene: Scene, folder: Path) -> Path:
    times.now = lambda: SCENE_NOW  # relative times as in the snapshot tests
    with TemporaryDirectory() as state_folder:
        app = scene.app(Path(state_folder))
        try:
            # Notifications on, as in the snapshot tests (`run_test` turns them off).
            async with app.run_test(size=scene.size, notifications=True) as pilot:
                await play(scene)(pilot)
                path = folder / f"{scene.name}.svg"
                svg = app.export_screenshot(title=f"reader: {scene.about}")
                path.write_text(svg, encoding="utf-8")
        finally:
            close_state(app)
    return path


def main() -> None:
    folder = ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    for scene in SCENES:
        print(asyncio.run(shoot(scene, folder)).relative_to(ROOT))


if __name__ == "__main__":
    main()
