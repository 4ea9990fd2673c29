"""The screens worth a picture: used by the snapshot tests and by
`python tests/screenshots.py`, which writes them to `screenshots/`."""

from __future__ import annotations

from dataclasses import dataclass

from textual.pilot import Pilot


@dataclass(frozen=True)
class Scene:
    name: str
    size: tuple[int, int]
    keys: tuple[str, ...] = ()
    about: str = ""


SCENES: tuple[Scene, ...] = (
    Scene("opening", (140, 42), (), "The opening screen on the bundled seeds"),
    Scene(
        "collapsed",
        (140, 42),
        ("tab", "tab", "j", "j", "space"),
        "The thread with comment 3 folded: its header shows [+2]",
    ),
    Scene("help", (140, 42), ("question_mark",), "The help screen: every key, by pane"),
    Scene("narrow", (80, 24), ("tab", "tab"), "At 80x24 one pane shows at a time: the thread"),
    Scene(
        "search",
        (140, 42),
        ("tab", "tab", "slash", *"aleppo", "enter", "n"),
        "Searching the thread: highlighted matches and the 2/2 counter",
    ),
)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the files to load (and any search to finish) before keys or a picture."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def play(scene: Scene):  # type: ignore[no-untyped-def]
    """A `run_before` for snap_compare: load, press the scene's keys, settle."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*scene.keys)
        await settle(pilot)

    return run_before
